import { Field, Float, ID, InputType } from 'type-graphql';
import { MoneyScalar } from '../common/scalars';
import { TaxKind } from './tax-notice-item.entity';

@InputType({ description: 'One tax or fee of a notice, and the base it is computed on.' })
export class TaxItemInput {
  @Field(() => TaxKind, { description: 'Which tax or fee.' })
  kind!: TaxKind;

  @Field(() => MoneyScalar, { description: 'The base the rate applies to (the declared value), in đồng.' })
  base!: string;

  @Field(() => Float, { nullable: true, description: 'For computed items; the standard rate when not given.' })
  rate?: number | null;
}

@InputType({ description: 'A tax notice (thông báo nộp thuế) for a dossier the tax office holds.' })
export class IssueTaxNoticeInput {
  @Field(() => ID, { description: 'Code of the dossier the obligation belongs to.' })
  dossier!: string;

  @Field(() => [TaxItemInput], { description: 'The taxes and fees, one line each.' })
  items!: TaxItemInput[];
}
