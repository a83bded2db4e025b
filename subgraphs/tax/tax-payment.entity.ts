import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../common/scalars';
import { TaxNotice } from './tax-notice.entity';

/** One payment against a notice, by its treasury or bank receipt. */
@ObjectType({ description: 'A payment against a tax notice.' })
@Entity({ tableName: 'tax_payment' })
export class TaxPayment {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => TaxNotice, { deleteRule: 'restrict' })
  notice!: Rel<TaxNotice>;

  @Field(() => MoneyScalar, { description: 'The amount paid, in đồng.' })
  @Property({ type: 'bigint' })
  amount!: string;

  /** Số chứng từ: unique; the same receipt is never counted twice. */
  @Field(() => String, { description: 'The treasury’s or bank’s receipt number.' })
  @Property({ type: 'text', unique: true })
  receiptNumber!: string;

  @Field(() => Date, { description: 'When the applicant paid.' })
  @Property({ type: 'timestamptz' })
  paidAt!: Date;

  @Field(() => Date, { description: 'When the tax office recorded the payment.' })
  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Field(() => String, { description: 'The officer who recorded it.' })
  @Property({ type: 'text' })
  recordedBy!: string;

  @Property({ type: 'text' })
  recordedByAgency!: string;

  constructor(init: Pick<TaxPayment, 'notice' | 'amount' | 'receiptNumber' | 'paidAt' | 'recordedAt' | 'recordedBy' | 'recordedByAgency'>) {
    Object.assign(this, init);
  }
}
