import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import type { TransferState } from '../rulebook/state';
import { Timeliness, TransferKind } from './dossier.enums';
import type { Dossier } from './dossier.entity';

/**
 * One hand-over, as one row of the control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ): the holder
 * hands over (giao), the addressed agency accepts (nhận), and the accepting side records the leg's result.
 */
@ObjectType({ description: 'One hand-over: a row of the control slip.' })
@Entity({ tableName: 'transfer' })
@Unique({ properties: ['dossier', 'seq'] })
@Index({ properties: ['toCode'] })
export class Transfer implements TransferState {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne('Dossier', { deleteRule: 'restrict' })
  dossier!: Rel<Dossier>;

  @Field(() => Int, { description: 'The hand-over’s order in the dossier’s trail, from 1.' })
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => TransferKind, { description: 'Along the route, the result back to the desk, or another hand-over (with a note).' })
  @Enum({ items: () => TransferKind })
  kind!: TransferKind;

  @Property({ type: 'text' })
  fromCode!: string;

  @Field(() => String, { description: 'The handing agency’s name as it was that day.' })
  @Property({ type: 'text' })
  fromName!: string;

  @Property({ type: 'text' })
  toCode!: string;

  @Field(() => String, { description: 'The receiving agency’s name as it was that day.' })
  @Property({ type: 'text' })
  toName!: string;

  @Field(() => Date, { description: 'When the holder handed the dossier over (giao).' })
  @Property({ type: 'timestamptz' })
  handedAt!: Date;

  @Field(() => String, { description: 'Người giao.' })
  @Property({ type: 'text' })
  handedBy!: string;

  @Property({ type: 'text' })
  handedBySub!: string;

  @Field(() => String, { nullable: true, description: 'Why, for a hand-over off the route; printed on the control slip.' })
  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the receiving agency accepted it (nhận); null while in transit.' })
  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Người nhận.' })
  @Property({ type: 'text', nullable: true })
  acceptedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  acceptedBySub: string | null = null;

  /** The leg this hand-over completed, classified when the receiving side accepted. */
  @Field(() => Int, { nullable: true, description: 'The route leg this hand-over finished; null for one off the route.' })
  @Property({ type: 'integer', nullable: true })
  legSeq: number | null = null;

  @Field(() => Timeliness, { nullable: true, description: 'Kết quả giải quyết: the completed leg, against its deadline.' })
  @Enum({ items: () => Timeliness, nullable: true })
  result: Timeliness | null = null;

  constructor(init: Pick<Transfer, 'dossier' | 'seq' | 'kind' | 'fromCode' | 'fromName' | 'toCode' | 'toName' | 'handedAt' | 'handedBy' | 'handedBySub' | 'note'>) {
    Object.assign(this, init);
  }
}
