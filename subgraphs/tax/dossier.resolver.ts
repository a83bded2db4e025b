import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { preparedEntities } from '../common/prepared';
import { TaxDossier } from './dossier.reference';
import { TaxNotice } from './tax-notice.entity';

/** The notices of every dossier of a gateway batch, oldest first: one prepared statement. */
const noticesOf = (ctx: Context, codes: readonly string[]) =>
  preparedEntities(ctx.em, TaxNotice, 'tax.notices-of-dossiers', 'select * from tax.tax_notice where dossier_code = any($1::text[]) order by issued_at, id', [codes]);

@Resolver(() => TaxDossier)
export class TaxDossierResolver {
  @FieldResolver(() => [TaxNotice], { description: 'Thông báo nộp thuế issued on the dossier, oldest first.' })
  taxNotices(@Root() dossier: TaxDossier, @Ctx() ctx: Context): Promise<TaxNotice[]> {
    return ctx.loaders
      .many<string, TaxNotice>('tax.notices', (codes) => noticesOf(ctx, codes), (n) => n.dossierCode)
      .load(dossier.code);
  }
}
