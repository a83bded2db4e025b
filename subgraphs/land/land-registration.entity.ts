import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Parcel } from './parcel.entity';

/** Đăng ký biến động: a transfer registered on a dossier, with the certificate issued or updated. */
@ObjectType({ description: 'Đăng ký biến động: a land transfer registered on a dossier.' })
@Entity({ tableName: 'land_registration' })
export class LandRegistration {
  [PrimaryKeyProp]?: 'certificateNumber';

  @Field(() => String, { description: 'Số Giấy chứng nhận (số vào sổ cấp giấy).' })
  @PrimaryKey({ type: 'text' })
  certificateNumber!: string;

  @ManyToOne(() => Parcel, { deleteRule: 'restrict' })
  parcel!: Rel<Parcel>;

  @Property({ type: 'text', unique: true })
  dossierCode!: string;

  @Field(() => String, { description: 'Who received the land use right.' })
  @Property({ type: 'text' })
  transferee!: string;

  @Field(() => String, { description: 'Who held it before.' })
  @Property({ type: 'text' })
  previousHolder!: string;

  @Field(() => Date, { description: 'When the transfer was registered.' })
  @Property({ type: 'timestamptz' })
  registeredAt!: Date;

  @Field(() => String, { description: 'The officer who registered it.' })
  @Property({ type: 'text' })
  registeredBy!: string;

  constructor(init: Omit<LandRegistration, typeof PrimaryKeyProp>) {
    Object.assign(this, init);
  }
}
