import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { LandDossier } from './dossier.reference';
import { LandRegistration } from './land-registration.entity';

@Resolver(() => LandDossier)
export class LandDossierResolver {
  @FieldResolver(() => LandRegistration, { nullable: true, description: 'Đăng ký biến động registered on the dossier.' })
  landRegistration(@Root() dossier: LandDossier, @Ctx() ctx: Context): Promise<LandRegistration | null> {
    return ctx.loaders
      .one<string, LandRegistration>('land.registration', (codes) => ctx.em.find(LandRegistration, { dossierCode: { $in: [...codes] } }), (r) => r.dossierCode)
      .load(dossier.code);
  }
}
