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

  @Field(() => Int)
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => TransferKind)
  @Enum({ items: () => TransferKind })
  kind!: TransferKind;

  @Property({ type: 'text' })
  fromCode!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  fromName!: string;

  @Property({ type: 'text' })
  toCode!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  toName!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  handedAt!: Date;

  @Field(() => String, { description: 'Người giao.' })
  @Property({ type: 'text' })
  handedBy!: string;

  @Property({ type: 'text' })
  handedBySub!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Người nhận.' })
  @Property({ type: 'text', nullable: true })
  acceptedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  acceptedBySub: string | null = null;

  /** The leg this hand-over completed, classified when the receiving side accepted. */
  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  legSeq: number | null = null;

  @Field(() => Timeliness, { nullable: true, description: 'Kết quả giải quyết: the completed leg, against its deadline.' })
  @Enum({ items: () => Timeliness, nullable: true })
  result: Timeliness | null = null;

  constructor(init: Pick<Transfer, 'dossier' | 'seq' | 'kind' | 'fromCode' | 'fromName' | 'toCode' | 'toName' | 'handedAt' | 'handedBy' | 'handedBySub' | 'note'>) {
    Object.assign(this, init);
  }
}
