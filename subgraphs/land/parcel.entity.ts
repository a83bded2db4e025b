import { Collection, Entity, Index, OneToMany, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ParcelHolding } from './parcel-holding.entity';

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

  @Field(() => String, { description: 'The parcel’s address.' })
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

  @Field(() => Date, { description: 'When the parcel was entered in the register.' })
  @Property({ type: 'timestamptz' })
  registeredAt!: Date;

  @OneToMany(() => ParcelHolding, (holding) => holding.parcel, { orderBy: { since: 'asc', id: 'asc' } })
  holdings = new Collection<ParcelHolding>(this);

  constructor(init: Pick<Parcel, 'mapSheet' | 'number' | 'communeCode' | 'area' | 'address' | 'purpose' | 'holder' | 'branchCode' | 'registeredAt'>) {
    Object.assign(this, init);
  }
}
