import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { MoneyScalar } from '../common/scalars';
import { TaxDossier } from './dossier.reference';
import { TaxNotice } from './tax-notice.entity';
import { IssueTaxNoticeInput } from './tax-notice.input';
import * as service from './tax-notice.service';
import { TaxPayment } from './tax-payment.entity';

@Resolver(() => TaxNotice)
export class TaxNoticeResolver {
  @Query(() => TaxNotice, { nullable: true, description: 'For its tax branch, the treasury and supervisors.' })
  taxNotice(@Arg('id', () => ID, { description: 'The notice’s id.' }) id: string, @Ctx() ctx: Context): Promise<TaxNotice | null> {
    return service.findTaxNotice(ctx, id);
  }

  @Mutation(() => TaxNotice, { description: 'Thông báo nộp thuế: by the tax branch that holds the dossier.' })
  issueTaxNotice(@Arg('input', () => IssueTaxNoticeInput, { description: 'The dossier and the taxes and fees.' }) input: IssueTaxNoticeInput, @Ctx() ctx: Context): Promise<TaxNotice> {
    return service.issueTaxNotice(ctx, input);
  }

  @Mutation(() => TaxNotice, { description: 'A payment by its treasury or bank receipt; partial payments add up.' })
  recordTaxPayment(
    @Arg('notice', () => ID, { description: 'The id of the notice paid.' }) notice: string,
    @Arg('amount', () => MoneyScalar, { description: 'The amount paid, in đồng.' }) amount: string,
    @Arg('receiptNumber', () => String, { description: 'The treasury’s or bank’s receipt number.' }) receiptNumber: string,
    @Ctx() ctx: Context,
    @Arg('paidAt', () => Date, { nullable: true, description: 'When the applicant paid (default: now).' }) paidAt?: Date | null,
  ): Promise<TaxNotice> {
    return service.recordTaxPayment(ctx, { notice, amount, receiptNumber, paidAt });
  }

  @FieldResolver(() => TaxDossier, { description: 'The dossier the notice belongs to.' })
  dossier(@Root() notice: TaxNotice): TaxDossier {
    return new TaxDossier(notice.dossierCode);
  }

  @FieldResolver(() => [TaxPayment], { description: 'The payments recorded against the notice.' })
  payments(@Root() notice: TaxNotice, @Ctx() ctx: Context): Promise<TaxPayment[]> {
    return ctx.loaders
      .many<string, TaxPayment>('tax.payments', (ids) => ctx.em.find(TaxPayment, { notice: { $in: [...ids] } }, { orderBy: { paidAt: 'asc', id: 'asc' } }), (p) => p.notice.id)
      .load(notice.id);
  }
}
