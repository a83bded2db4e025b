import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { EntityDictionary } from '@mikro-orm/core';
import type { Context } from '../common/context';
import { preparedRows } from '../common/prepared';
import { TaxDossier } from './dossier.reference';
import { TaxNotice } from './tax-notice.entity';

/** The notices of every dossier of a gateway batch, oldest first: one prepared statement. */
async function noticesOf(ctx: Context, codes: readonly string[]): Promise<TaxNotice[]> {
  const rows = await preparedRows<EntityDictionary<TaxNotice>>(
    ctx.em,
    'tax.notices-of-dossiers',
    'select * from tax.tax_notice where dossier_code = any($1::text[]) order by issued_at, id',
    [codes],
  );
  return rows.map((row) => ctx.em.map(TaxNotice, row));
}

@Resolver(() => TaxDossier)
export class TaxDossierResolver {
  @FieldResolver(() => [TaxNotice], { description: 'Thông báo nộp thuế issued on the dossier, oldest first.' })
  taxNotices(@Root() dossier: TaxDossier, @Ctx() ctx: Context): Promise<TaxNotice[]> {
    return ctx.loaders
      .many<string, TaxNotice>('tax.notices', (codes) => noticesOf(ctx, codes), (n) => n.dossierCode)
      .load(dossier.code);
  }
}
