import { Arg, Ctx, Directive, Field, Float, ID, InputType, Mutation, ObjectType, Query, Resolver, FieldResolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { MoneyScalar } from '../common/scalars';
import { TaxKind, TaxNotice, TaxPayment } from './tax-notice.entity';
import * as service from './tax-notice.service';

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

/** The federated Dossier as the tax subgraph sees it: the notices issued on it. */
@Directive('@key(fields: "code")')
@ObjectType('Dossier')
export class TaxDossier {
  @Field(() => ID)
  code: string;

  constructor(code: string) {
    this.code = code;
  }
}

export const taxReferences: ReferenceResolvers = {
  Dossier: { __resolveReference: (reference: { code: string }) => new TaxDossier(reference.code) },
};

@Resolver(() => TaxNotice)
export class TaxNoticeResolver {
  @Query(() => TaxNotice, { nullable: true, description: 'For its tax branch, the treasury and supervisors.' })
  taxNotice(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<TaxNotice | null> {
    return service.findTaxNotice(ctx, id);
  }

  @Mutation(() => TaxNotice, { description: 'Thông báo nộp thuế: by the tax branch that holds the dossier.' })
  issueTaxNotice(@Arg('input', () => IssueTaxNoticeInput) input: IssueTaxNoticeInput, @Ctx() ctx: Context): Promise<TaxNotice> {
    return service.issueTaxNotice(ctx, input);
  }

  @Mutation(() => TaxNotice, { description: 'A payment by its treasury or bank receipt; partial payments add up.' })
  recordTaxPayment(
    @Arg('notice', () => ID) notice: string,
    @Arg('amount', () => MoneyScalar) amount: string,
    @Arg('receiptNumber', () => String) receiptNumber: string,
    @Ctx() ctx: Context,
    @Arg('paidAt', () => Date, { nullable: true }) paidAt?: Date | null,
  ): Promise<TaxNotice> {
    return service.recordTaxPayment(ctx, { notice, amount, receiptNumber, paidAt });
  }

  @FieldResolver(() => TaxDossier)
  dossier(@Root() notice: TaxNotice): TaxDossier {
    return new TaxDossier(notice.dossierCode);
  }

  @FieldResolver(() => [TaxPayment])
  payments(@Root() notice: TaxNotice, @Ctx() ctx: Context): Promise<TaxPayment[]> {
    return ctx.loaders
      .many<string, TaxPayment>('tax.payments', (ids) => ctx.em.find(TaxPayment, { notice: { $in: [...ids] } }, { orderBy: { paidAt: 'asc', id: 'asc' } }), (p) => p.notice.id)
      .load(notice.id);
  }
}

@Resolver(() => TaxDossier)
export class TaxDossierResolver {
  @FieldResolver(() => [TaxNotice], { description: 'Thông báo nộp thuế issued on the dossier, oldest first.' })
  taxNotices(@Root() dossier: TaxDossier, @Ctx() ctx: Context): Promise<TaxNotice[]> {
    return ctx.loaders
      .many<string, TaxNotice>('tax.notices', (codes) => ctx.em.find(TaxNotice, { dossierCode: { $in: [...codes] } }, { orderBy: { issuedAt: 'asc' } }), (n) => n.dossierCode)
      .load(dossier.code);
  }
}
