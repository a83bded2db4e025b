import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { AdministrativeUnitRef } from '../common/stubs';
import { LandRegistration, Parcel, ParcelHolding } from './parcel.entity';
import * as service from './parcel.service';

@InputType({ description: 'A parcel by map sheet, number and commune.' })
export class ParcelRef {
  @Field(() => Int)
  mapSheet!: number;

  @Field(() => Int)
  number!: number;

  @Field(() => ID)
  commune!: string;
}

@InputType()
export class RegisterParcelInput extends ParcelRef {
  @Field(() => String, { description: 'm², as a decimal string.' })
  area!: string;

  @Field(() => String)
  address!: string;

  @Field(() => String)
  purpose!: string;

  @Field(() => String)
  holder!: string;
}

@InputType()
export class RecordLandTransferInput {
  @Field(() => ID)
  dossier!: string;

  @Field(() => ParcelRef)
  parcel!: ParcelRef;

  @Field(() => String, { description: 'Bên nhận chuyển nhượng.' })
  transferee!: string;

  @Field(() => String)
  certificateNumber!: string;
}

/** The federated Dossier as the land subgraph sees it: the transfer registered on it. */
@Directive('@key(fields: "code")')
@ObjectType('Dossier')
export class LandDossier {
  @Field(() => ID)
  code: string;

  constructor(code: string) {
    this.code = code;
  }
}

function parcelLoader(ctx: Context) {
  return ctx.loaders.one<string, Parcel>(
    'land.parcel',
    (keys) =>
      ctx.em.find(Parcel, {
        $or: keys.map((key) => {
          const [mapSheet, number, communeCode] = key.split('|');
          return { mapSheet: Number(mapSheet), number: Number(number), communeCode };
        }),
      }),
    (parcel) => `${parcel.mapSheet}|${parcel.number}|${parcel.communeCode}`,
  );
}

export const landReferences: ReferenceResolvers = {
  Dossier: { __resolveReference: (reference: { code: string }) => new LandDossier(reference.code) },
  Parcel: {
    __resolveReference: (reference: { mapSheet: number; number: number; commune: { code: string } }, ctx: Context) =>
      parcelLoader(ctx).load(`${reference.mapSheet}|${reference.number}|${reference.commune.code}`),
  },
};

@Resolver(() => Parcel)
export class ParcelResolver {
  @Query(() => Parcel, { nullable: true })
  parcel(
    @Arg('mapSheet', () => Int) mapSheet: number,
    @Arg('number', () => Int) number: number,
    @Arg('commune', () => ID) commune: string,
    @Ctx() ctx: Context,
  ): Promise<Parcel | null> {
    return parcelLoader(ctx).load(`${mapSheet}|${number}|${commune}`);
  }

  @Query(() => [Parcel], { description: 'A commune’s registered parcels, by map sheet and number.' })
  parcels(@Arg('commune', () => ID) commune: string, @Ctx() ctx: Context): Promise<Parcel[]> {
    return ctx.em.find(Parcel, { communeCode: commune }, { orderBy: { mapSheet: 'asc', number: 'asc' } });
  }

  @Mutation(() => Parcel, { description: 'Registers a parcel of the branch’s service area.' })
  registerParcel(@Arg('input', () => RegisterParcelInput) input: RegisterParcelInput, @Ctx() ctx: Context): Promise<Parcel> {
    return service.registerParcel(ctx, input);
  }

  @Mutation(() => LandRegistration, { description: 'Đăng ký biến động on a transfer dossier, once its taxes are paid.' })
  recordLandTransfer(@Arg('input', () => RecordLandTransferInput) input: RecordLandTransferInput, @Ctx() ctx: Context): Promise<LandRegistration> {
    return service.recordLandTransfer(ctx, input);
  }

  @FieldResolver(() => AdministrativeUnitRef)
  commune(@Root() parcel: Parcel): AdministrativeUnitRef {
    return new AdministrativeUnitRef(parcel.communeCode);
  }

  @FieldResolver(() => [ParcelHolding], { description: 'Every holder, oldest first.' })
  history(@Root() parcel: Parcel, @Ctx() ctx: Context): Promise<ParcelHolding[]> {
    return ctx.loaders
      .many<string, ParcelHolding>(
        'land.holdings',
        (keys) =>
          ctx.em.find(
            ParcelHolding,
            { $or: keys.map((key) => { const [mapSheet, number, communeCode] = key.split('|'); return { parcel: { mapSheet: Number(mapSheet), number: Number(number), communeCode } }; }) },
            { orderBy: { since: 'asc', id: 'asc' } },
          ),
        (holding) => `${holding.parcel.mapSheet}|${holding.parcel.number}|${holding.parcel.communeCode}`,
      )
      .load(`${parcel.mapSheet}|${parcel.number}|${parcel.communeCode}`);
  }
}

@Resolver(() => LandRegistration)
export class LandRegistrationResolver {
  @FieldResolver(() => Parcel)
  parcel(@Root() registration: LandRegistration, @Ctx() ctx: Context): Promise<Parcel | null> {
    const { mapSheet, number, communeCode } = registration.parcel;
    return parcelLoader(ctx).load(`${mapSheet}|${number}|${communeCode}`);
  }
}

@Resolver(() => LandDossier)
export class LandDossierResolver {
  @FieldResolver(() => LandRegistration, { nullable: true, description: 'Đăng ký biến động registered on the dossier.' })
  landRegistration(@Root() dossier: LandDossier, @Ctx() ctx: Context): Promise<LandRegistration | null> {
    return ctx.loaders
      .one<string, LandRegistration>('land.registration', (codes) => ctx.em.find(LandRegistration, { dossierCode: { $in: [...codes] } }), (r) => r.dossierCode)
      .load(dossier.code);
  }
}
