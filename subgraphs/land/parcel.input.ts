import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A parcel by map sheet, number and commune.' })
export class ParcelRef {
  @Field(() => Int, { description: 'The cadastral map sheet number (tờ bản đồ số).' })
  mapSheet!: number;

  @Field(() => Int, { description: 'The parcel number on that sheet (thửa đất số).' })
  number!: number;

  @Field(() => ID, { description: 'Code of the commune the parcel lies in.' })
  commune!: string;
}

@InputType({ description: 'A parcel to enter in the land register.' })
export class RegisterParcelInput extends ParcelRef {
  @Field(() => String, { description: 'm², as a decimal string.' })
  area!: string;

  @Field(() => String, { description: 'The parcel’s address.' })
  address!: string;

  @Field(() => String, { description: 'The land use purpose (mục đích sử dụng).' })
  purpose!: string;

  @Field(() => String, { description: 'Who holds the land use right.' })
  holder!: string;
}

@InputType({ description: 'The registration of a land use right transfer, for a dossier the land branch holds.' })
export class RecordLandTransferInput {
  @Field(() => ID, { description: 'Code of the land transfer dossier.' })
  dossier!: string;

  @Field(() => ParcelRef, { description: 'The parcel transferred.' })
  parcel!: ParcelRef;

  @Field(() => String, { description: 'Bên nhận chuyển nhượng.' })
  transferee!: string;

  @Field(() => String, { description: 'The number of the certificate issued or updated.' })
  certificateNumber!: string;
}
