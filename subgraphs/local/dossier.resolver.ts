import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { BirthRegistration } from './birth-registration.entity';
import { LocalDossier } from './dossier.reference';

@Resolver(() => LocalDossier)
export class LocalDossierResolver {
  @FieldResolver(() => BirthRegistration, { nullable: true, description: 'The birth registered for this dossier, once the commune has registered it.' })
  birthRegistration(@Root() dossier: LocalDossier, @Ctx() ctx: Context): Promise<BirthRegistration | null> {
    return ctx.loaders
      .one<string, BirthRegistration>('local.birth', (codes) => ctx.em.find(BirthRegistration, { dossierCode: { $in: [...codes] } }), (r) => r.dossierCode)
      .load(dossier.code);
  }
}
