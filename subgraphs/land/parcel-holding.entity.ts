import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Parcel } from './parcel.entity';

/** One holder of a parcel, from when to when, and by which certificate and dossier. */
@ObjectType({ description: 'One holder of a parcel over time.' })
@Entity({ tableName: 'parcel_holding' })
@Index({ properties: ['parcel', 'since'] })
export class ParcelHolding {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Parcel, { deleteRule: 'restrict' })
  parcel!: Rel<Parcel>;

  @Field(() => String, { description: 'Who held the land use right.' })
  @Property({ type: 'text' })
  holder!: string;

  @Field(() => Date, { description: 'From when.' })
  @Property({ type: 'timestamptz' })
  since!: Date;

  @Field(() => Date, { nullable: true, description: 'Until when; null for the present holder.' })
  @Property({ type: 'timestamptz', nullable: true })
  until: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The certificate that made it the holder.' })
  @Property({ type: 'text', nullable: true })
  certificateNumber: string | null = null;

  @Field(() => String, { nullable: true, description: 'The dossier that made the change, when there was one.' })
  @Property({ type: 'text', nullable: true })
  dossierCode: string | null = null;

  constructor(init: Pick<ParcelHolding, 'parcel' | 'holder' | 'since'> & Partial<Pick<ParcelHolding, 'certificateNumber' | 'dossierCode'>>) {
    Object.assign(this, init);
  }
}
