import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { AdministrativeUnitRef } from '../common/stubs';
import { LandRegistration } from './land-registration.entity';
import { Parcel } from './parcel.entity';
import { ParcelHolding } from './parcel-holding.entity';
import { RecordLandTransferInput, RegisterParcelInput } from './parcel.input';
import { parcelColumns, parcelKey, parcelLoader } from './parcel.reference';
import * as service from './parcel.service';

@Resolver(() => Parcel)
export class ParcelResolver {
  @Query(() => Parcel, { nullable: true, description: 'A parcel by its map sheet, number and commune, for the land branch and the dossiers’ agencies.' })
  parcel(
    @Arg('mapSheet', () => Int, { description: 'The cadastral map sheet number (tờ bản đồ số).' }) mapSheet: number,
    @Arg('number', () => Int, { description: 'The parcel number on that sheet (thửa đất số).' }) number: number,
    @Arg('commune', () => ID, { description: 'Code of the commune the parcel lies in.' }) commune: string,
    @Ctx() ctx: Context,
  ): Promise<Parcel | null> {
    return parcelLoader(ctx).load(parcelKey({ mapSheet, number, communeCode: commune }));
  }

  @Query(() => [Parcel], { description: 'A commune’s registered parcels, by map sheet and number.' })
  parcels(@Arg('commune', () => ID, { description: 'Code of the commune the parcel lies in.' }) commune: string, @Ctx() ctx: Context): Promise<Parcel[]> {
    return ctx.em.find(Parcel, { communeCode: commune }, { orderBy: { mapSheet: 'asc', number: 'asc' } });
  }

  @Mutation(() => Parcel, { description: 'Registers a parcel of the branch’s service area.' })
  registerParcel(@Arg('input', () => RegisterParcelInput, { description: 'The parcel and its holder.' }) input: RegisterParcelInput, @Ctx() ctx: Context): Promise<Parcel> {
    return service.registerParcel(ctx, input);
  }

  @Mutation(() => LandRegistration, { description: 'Đăng ký biến động on a transfer dossier, once its taxes are paid.' })
  recordLandTransfer(@Arg('input', () => RecordLandTransferInput, { description: 'The dossier, the parcel, the transferee and the certificate.' }) input: RecordLandTransferInput, @Ctx() ctx: Context): Promise<LandRegistration> {
    return service.recordLandTransfer(ctx, input);
  }

  @FieldResolver(() => AdministrativeUnitRef, { description: 'The commune the parcel lies in.' })
  commune(@Root() parcel: Parcel): AdministrativeUnitRef {
    return new AdministrativeUnitRef(parcel.communeCode);
  }

  @FieldResolver(() => [ParcelHolding], { description: 'Every holder, oldest first.' })
  history(@Root() parcel: Parcel, @Ctx() ctx: Context): Promise<ParcelHolding[]> {
    return ctx.loaders
      .many<string, ParcelHolding>(
        'land.holdings',
        (keys) => ctx.em.find(ParcelHolding, { $or: keys.map((key) => ({ parcel: parcelColumns(key) })) }, { orderBy: { since: 'asc', id: 'asc' } }),
        (holding) => parcelKey(holding.parcel),
      )
      .load(parcelKey(parcel));
  }
}
