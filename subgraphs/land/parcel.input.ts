import { Field, ID, InputType, Int } from 'type-graphql';

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
