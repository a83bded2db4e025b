import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { TaxDossier } from './dossier.reference';
import { TaxNotice } from './tax-notice.entity';

@Resolver(() => TaxDossier)
export class TaxDossierResolver {
  @FieldResolver(() => [TaxNotice], { description: 'Thông báo nộp thuế issued on the dossier, oldest first.' })
  taxNotices(@Root() dossier: TaxDossier, @Ctx() ctx: Context): Promise<TaxNotice[]> {
    return ctx.loaders
      .many<string, TaxNotice>('tax.notices', (codes) => ctx.em.find(TaxNotice, { dossierCode: { $in: [...codes] } }, { orderBy: { issuedAt: 'asc' } }), (n) => n.dossierCode)
      .load(dossier.code);
  }
}
