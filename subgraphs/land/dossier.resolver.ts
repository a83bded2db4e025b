import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { preparedEntities } from '../common/prepared';
import { LandDossier } from './dossier.reference';
import { LandRegistration } from './land-registration.entity';

/** The registrations of every dossier of a gateway batch: one prepared statement. */
const registrationsOf = (ctx: Context, codes: readonly string[]) =>
  preparedEntities(ctx.em, LandRegistration, 'land.registrations-of-dossiers', 'select * from land.land_registration where dossier_code = any($1::text[])', [codes]);

@Resolver(() => LandDossier)
export class LandDossierResolver {
  @FieldResolver(() => LandRegistration, { nullable: true, description: 'Đăng ký biến động registered on the dossier.' })
  landRegistration(@Root() dossier: LandDossier, @Ctx() ctx: Context): Promise<LandRegistration | null> {
    return ctx.loaders
      .one<string, LandRegistration>('land.registration', (codes) => registrationsOf(ctx, codes), (r) => r.dossierCode)
      .load(dossier.code);
  }
}
