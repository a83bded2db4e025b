import { Collection, Entity, Index, ManyToOne, OneToMany, PrimaryKey, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

/**
 * Thửa đất: a parcel, identified as the cadastral map identifies it: map sheet (tờ bản đồ), parcel number
 * (số thửa) and commune. Its holders follow one another; none is erased.
 */
@Directive('@key(fields: "mapSheet number commune { code }")')
@ObjectType({ description: 'Thửa đất: a land parcel.' })
@Entity({ tableName: 'parcel' })
@Index({ properties: ['communeCode'] })
export class Parcel {
  [PrimaryKeyProp]?: ['mapSheet', 'number', 'communeCode'];

  @Field(() => Int, { description: 'Tờ bản đồ số.' })
  @PrimaryKey({ type: 'integer' })
  mapSheet!: number;

  @Field(() => Int, { description: 'Thửa đất số.' })
  @PrimaryKey({ type: 'integer' })
  number!: number;

  @PrimaryKey({ type: 'text' })
  communeCode!: string;

  @Field(() => String, { description: 'Diện tích in m², a decimal string.' })
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  area!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  address!: string;

  @Field(() => String, { description: 'Mục đích sử dụng.' })
  @Property({ type: 'text' })
  purpose!: string;

  @Field(() => String, { description: 'Người sử dụng đất now.' })
  @Property({ type: 'text' })
  holder!: string;

  /** The land branch that registered it. */
  @Property({ type: 'text' })
  branchCode!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  registeredAt!: Date;

  @OneToMany(() => ParcelHolding, (holding) => holding.parcel, { orderBy: { since: 'asc', id: 'asc' } })
  holdings = new Collection<ParcelHolding>(this);

  constructor(init: Pick<Parcel, 'mapSheet' | 'number' | 'communeCode' | 'area' | 'address' | 'purpose' | 'holder' | 'branchCode' | 'registeredAt'>) {
    Object.assign(this, init);
  }
}

/** One holder of a parcel, from when to when, and by which certificate and dossier. */
@ObjectType({ description: 'One holder of a parcel over time.' })
@Entity({ tableName: 'parcel_holding' })
@Index({ properties: ['parcel', 'since'] })
export class ParcelHolding {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Parcel, { deleteRule: 'restrict' })
  parcel!: Rel<Parcel>;

  @Field(() => String)
  @Property({ type: 'text' })
  holder!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  since!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  until: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The certificate that made it the holder.' })
  @Property({ type: 'text', nullable: true })
  certificateNumber: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  dossierCode: string | null = null;

  constructor(init: Pick<ParcelHolding, 'parcel' | 'holder' | 'since'> & Partial<Pick<ParcelHolding, 'certificateNumber' | 'dossierCode'>>) {
    Object.assign(this, init);
  }
}

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

  @Field(() => String)
  @Property({ type: 'text' })
  transferee!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  previousHolder!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  registeredAt!: Date;

  @Field(() => String)
  @Property({ type: 'text' })
  registeredBy!: string;

  constructor(init: Omit<LandRegistration, typeof PrimaryKeyProp>) {
    Object.assign(this, init);
  }
}
