import { Field, Float, ID, InputType } from 'type-graphql';
import { MoneyScalar } from '../common/scalars';
import { TaxKind } from './tax-notice-item.entity';

@InputType()
export class TaxItemInput {
  @Field(() => TaxKind)
  kind!: TaxKind;

  @Field(() => MoneyScalar)
  base!: string;

  @Field(() => Float, { nullable: true, description: 'For computed items; the standard rate when not given.' })
  rate?: number | null;
}

@InputType()
export class IssueTaxNoticeInput {
  @Field(() => ID)
  dossier!: string;

  @Field(() => [TaxItemInput])
  items!: TaxItemInput[];
}
