import { Collection, Embedded, Entity, Index, OneToMany, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../common/scalars';
import { TaxNoticeItem } from './tax-notice-item.entity';
import { TaxPayment } from './tax-payment.entity';

/** Thông báo nộp thuế: what the applicant owes the state before the land branch can finish. */
@ObjectType({ description: 'Thông báo nộp thuế: a tax notice on a liaison dossier.' })
@Entity({ tableName: 'tax_notice' })
@Index({ properties: ['dossierCode'] })
@Unique({ properties: ['branchCode', 'year', 'serial'] })
export class TaxNotice {
  [PrimaryKeyProp]?: 'id';

  /** `<branch>-<year>-<serial>`. */
  @Field(() => ID, { description: 'The notice’s id, used to record a payment.' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field(() => String, { description: 'Số thông báo: “<n>/TB-<branch>”, per branch and year.' })
  @Property({ type: 'text' })
  number!: string;

  @Property({ type: 'text' })
  dossierCode!: string;

  /** The tax branch that issued it. */
  @Property({ type: 'text' })
  branchCode!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  serial!: number;

  @Field(() => [TaxNoticeItem], { description: 'The taxes and fees the notice asks for, one line each.' })
  @Embedded(() => TaxNoticeItem, { array: true })
  items!: TaxNoticeItem[];

  @Field(() => MoneyScalar, { description: 'The total to pay, in đồng.' })
  @Property({ type: 'bigint' })
  total!: string;

  @Field(() => Date, { description: 'When the tax office issued the notice.' })
  @Property({ type: 'timestamptz' })
  issuedAt!: Date;

  @Field(() => String, { description: 'The officer who issued it.' })
  @Property({ type: 'text' })
  issuedBy!: string;

  @Field(() => DateScalar, { description: 'Hạn nộp: the last day to pay.' })
  @Property({ type: 'text' })
  payBy!: string;

  @Field(() => MoneyScalar, { description: 'What has been paid so far.' })
  @Property({ type: 'bigint' })
  paidAmount = '0';

  @Field(() => Date, { nullable: true, description: 'When it was paid in full.' })
  @Property({ type: 'timestamptz', nullable: true })
  paidAt: Date | null = null;

  @OneToMany(() => TaxPayment, (payment) => payment.notice, { orderBy: { paidAt: 'asc', id: 'asc' } })
  payments = new Collection<TaxPayment>(this);

  @Field(() => Boolean, { description: 'Whether the whole total has been paid.' })
  get paid(): boolean {
    return BigInt(this.paidAmount) >= BigInt(this.total);
  }

  constructor(init: Pick<TaxNotice, 'id' | 'number' | 'dossierCode' | 'branchCode' | 'year' | 'serial' | 'items' | 'total' | 'issuedAt' | 'issuedBy' | 'payBy'>) {
    Object.assign(this, init);
  }
}
