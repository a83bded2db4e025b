import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { DateScalar } from '../common/scalars';
import { BirthRegistration, Sex } from './birth-registration.entity';
import * as service from './birth-registration.service';

@InputType()
export class ChildInput {
  @Field(() => String)
  name!: string;

  @Field(() => DateScalar)
  birthDate!: string;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => String)
  birthPlace!: string;
}

@InputType()
export class ParentInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { nullable: true })
  birthYear?: number | null;

  @Field(() => String, { nullable: true })
  ethnicity?: string | null;
}

@InputType()
export class RegisterBirthInput {
  @Field(() => ID)
  dossier!: string;

  @Field(() => ChildInput)
  child!: ChildInput;

  @Field(() => ParentInput)
  mother!: ParentInput;

  @Field(() => ParentInput, { nullable: true })
  father?: ParentInput | null;
}

/** The federated Dossier as the local subgraph sees it: the birth registered on it. */
@Directive('@key(fields: "code")')
@ObjectType('Dossier')
export class LocalDossier {
  @Field(() => ID)
  code: string;

  constructor(code: string) {
    this.code = code;
  }
}

export const birthReferences: ReferenceResolvers = {
  Dossier: { __resolveReference: (reference: { code: string }) => new LocalDossier(reference.code) },
};

@Resolver(() => BirthRegistration)
export class BirthRegistrationResolver {
  @Mutation(() => BirthRegistration, { description: 'Đăng ký khai sinh, by the commune that holds a birth-package dossier.' })
  registerBirth(@Arg('input', () => RegisterBirthInput) input: RegisterBirthInput, @Ctx() ctx: Context): Promise<BirthRegistration> {
    return service.registerBirth(ctx, input);
  }

  @FieldResolver(() => LocalDossier)
  dossier(@Root() registration: BirthRegistration): LocalDossier {
    return new LocalDossier(registration.dossierCode);
  }
}

@Resolver(() => LocalDossier)
export class LocalDossierResolver {
  @FieldResolver(() => BirthRegistration, { nullable: true })
  birthRegistration(@Root() dossier: LocalDossier, @Ctx() ctx: Context): Promise<BirthRegistration | null> {
    return ctx.loaders
      .one<string, BirthRegistration>('local.birth', (codes) => ctx.em.find(BirthRegistration, { dossierCode: { $in: [...codes] } }), (r) => r.dossierCode)
      .load(dossier.code);
  }
}
