import { Embeddable, Enum, Property } from '@mikro-orm/core';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { MoneyScalar } from '../common/scalars';

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
  description: 'A tax or fee a notice can demand (khoản thu).',
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
  @Field(() => TaxKind, { description: 'Which tax or fee.' })
  @Enum({ items: () => TaxKind })
  kind!: TaxKind;

  @Field(() => MoneyScalar, { description: 'The price or value the amount is computed on (or the amount itself).' })
  @Property({ type: 'text' })
  base!: string;

  @Field(() => Float, { nullable: true, description: 'The rate applied to the base (0.02 is 2 %); null for a fixed amount.' })
  @Property({ type: 'double', nullable: true })
  rate!: number | null;

  @Field(() => MoneyScalar, { description: 'The amount due for this line, in đồng.' })
  @Property({ type: 'text' })
  amount!: string;

  constructor(init: Pick<TaxNoticeItem, 'kind' | 'base' | 'rate' | 'amount'>) {
    Object.assign(this, init);
  }
}
