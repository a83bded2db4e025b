import { Collection, Embeddable, Embedded, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, PrimaryKeyProp, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../common/scalars';

/** Khoản thu: what a tax notice can demand on a land dossier. */
export enum TaxKind {
  PERSONAL_INCOME_TAX = 'PERSONAL_INCOME_TAX',
  REGISTRATION_FEE = 'REGISTRATION_FEE',
  LAND_USE_FEE = 'LAND_USE_FEE',
  LAND_RENT = 'LAND_RENT',
  NON_AGRICULTURAL_LAND_TAX = 'NON_AGRICULTURAL_LAND_TAX',
}
registerEnumType(TaxKind, {
  name: 'TaxKind',
  valuesConfig: {
    PERSONAL_INCOME_TAX: { description: 'Thuế thu nhập cá nhân: 2% of the transfer price unless a rate is given' },
    REGISTRATION_FEE: { description: 'Lệ phí trước bạ: 0.5% unless a rate is given' },
    LAND_USE_FEE: { description: 'Tiền sử dụng đất: the amount given' },
    LAND_RENT: { description: 'Tiền thuê đất: the amount given' },
    NON_AGRICULTURAL_LAND_TAX: { description: 'Thuế sử dụng đất phi nông nghiệp: the amount given' },
  },
});

@ObjectType({ description: 'One line of a tax notice.' })
@Embeddable()
export class TaxNoticeItem {
  @Field(() => TaxKind)
  @Enum({ items: () => TaxKind })
  kind: TaxKind;

  @Field(() => MoneyScalar, { description: 'The price or value the amount is computed on (or the amount itself).' })
  @Property({ type: 'text' })
  base: string;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  rate: number | null;

  @Field(() => MoneyScalar)
  @Property({ type: 'text' })
  amount: string;

  constructor(kind: TaxKind, base: string, rate: number | null, amount: string) {
    this.kind = kind;
    this.base = base;
    this.rate = rate;
    this.amount = amount;
  }
}

/** Thông báo nộp thuế: what the applicant owes the state before the land branch can finish. */
@ObjectType({ description: 'Thông báo nộp thuế: a tax notice on a liaison dossier.' })
@Entity({ tableName: 'tax_notice' })
@Index({ properties: ['dossierCode'] })
@Unique({ properties: ['branchCode', 'year', 'serial'] })
export class TaxNotice {
  [PrimaryKeyProp]?: 'id';

  /** `<branch>-<year>-<serial>`. */
  @Field(() => ID)
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

  @Field(() => [TaxNoticeItem])
  @Embedded(() => TaxNoticeItem, { array: true })
  items!: TaxNoticeItem[];

  @Field(() => MoneyScalar)
  @Property({ type: 'bigint' })
  total!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  issuedAt!: Date;

  @Field(() => String)
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

  @Field(() => Boolean)
  get paid(): boolean {
    return BigInt(this.paidAmount) >= BigInt(this.total);
  }

  constructor(init: Pick<TaxNotice, 'id' | 'number' | 'dossierCode' | 'branchCode' | 'year' | 'serial' | 'items' | 'total' | 'issuedAt' | 'issuedBy' | 'payBy'>) {
    Object.assign(this, init);
  }
}

/** One payment against a notice, by its treasury or bank receipt. */
@ObjectType({ description: 'A payment against a tax notice.' })
@Entity({ tableName: 'tax_payment' })
export class TaxPayment {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => TaxNotice, { deleteRule: 'restrict' })
  notice!: Rel<TaxNotice>;

  @Field(() => MoneyScalar)
  @Property({ type: 'bigint' })
  amount!: string;

  /** Số chứng từ: unique; the same receipt is never counted twice. */
  @Field(() => String)
  @Property({ type: 'text', unique: true })
  receiptNumber!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  paidAt!: Date;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Field(() => String)
  @Property({ type: 'text' })
  recordedBy!: string;

  @Property({ type: 'text' })
  recordedByAgency!: string;

  constructor(init: Pick<TaxPayment, 'notice' | 'amount' | 'receiptNumber' | 'paidAt' | 'recordedAt' | 'recordedBy' | 'recordedByAgency'>) {
    Object.assign(this, init);
  }
}
