import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Agency } from '../dossier/agency.reference';
import { DossierConnection } from '../dossier/dossier.types';
import { decodeCursor, pageSize } from '../dossier/paging';
import { assertMayReadInbox, inboxPages } from './inbox';

@Resolver(() => Agency)
export class AgencyInboxResolver {
  @FieldResolver(() => DossierConnection, {
    description: 'Hồ sơ đang xử lý: what the agency holds and what has been handed to it, oldest deadline first.',
  })
  inbox(
    @Root() agency: Agency,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'How many to return, 0–100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `cursor` of the last edge already read: the page after it.' }) after?: string | null,
  ): Promise<DossierConnection> {
    assertMayReadInbox(ctx.actor, agency.code);
    const size = pageSize(first);
    const cursor = after ? decodeCursor(after) : null;
    // Every agency in one gateway batch asks with the same arguments: one loader, one query, per page shape.
    return ctx.loaders
      .get<string, DossierConnection>(`onestop.inbox:${size}:${after ?? ''}`, async (codes) => {
        const pages = await inboxPages(ctx.em, codes, size, cursor);
        return codes.map((code) => pages.get(code)!);
      })
      .load(agency.code);
  }
}
