import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { BirthRegistration } from './birth-registration.entity';
import { RegisterBirthInput } from './birth-registration.input';
import * as service from './birth-registration.service';
import { LocalDossier } from './dossier.reference';

@Resolver(() => BirthRegistration)
export class BirthRegistrationResolver {
  @Mutation(() => BirthRegistration, { description: 'Đăng ký khai sinh, by the commune that holds a birth-package dossier.' })
  registerBirth(@Arg('input', () => RegisterBirthInput, { description: 'The dossier, the child and the parents.' }) input: RegisterBirthInput, @Ctx() ctx: Context): Promise<BirthRegistration> {
    return service.registerBirth(ctx, input);
  }

  @FieldResolver(() => LocalDossier, { description: 'The dossier the birth was registered for.' })
  dossier(@Root() registration: BirthRegistration): LocalDossier {
    return new LocalDossier(registration.dossierCode);
  }
}
