import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { LandRegistration } from './land-registration.entity';
import { Parcel } from './parcel.entity';
import { parcelKey, parcelLoader } from './parcel.reference';

@Resolver(() => LandRegistration)
export class LandRegistrationResolver {
  @FieldResolver(() => Parcel, { description: 'The parcel transferred.' })
  parcel(@Root() registration: LandRegistration, @Ctx() ctx: Context): Promise<Parcel | null> {
    return parcelLoader(ctx).load(parcelKey(registration.parcel));
  }
}
