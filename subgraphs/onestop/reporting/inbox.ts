import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../../common/auth';
import { ForbiddenError } from '../../common/errors';
import { Dossier } from '../dossier/dossier.entity';
import { DossierConnection, DossierEdge } from '../dossier/dossier.types';
import { encodeCursor, type Position } from '../dossier/paging';
import { preparedRows, readEntity } from '../../common/prepared';
import { requireActor } from '../../common/roles';

/** An agency's inbox is for its own officers and systems, and for supervisors. */
export function assertMayReadInbox(actor: Identity | null, agencyCode: string): void {
  const caller = requireActor(actor);
  if (caller.agency !== agencyCode && !caller.roles.includes('SUPERVISOR')) {
    throw new ForbiddenError(`Only ${agencyCode} and supervisors may read ${agencyCode}'s inbox.`);
  }
}

/**
 * Hộp hồ sơ: the dossiers each agency holds or has been handed and not yet accepted, the nearest leg
 * deadline first, for many agencies in one prepared statement (a window per agency gives both the page and
 * the total).
 */
export async function inboxPages(
  em: EntityManager,
  agencyCodes: readonly string[],
  first: number,
  after: Position | null,
): Promise<Map<string, DossierConnection>> {
  const afterCursor = after ? '(d.leg_due_at, d.code) > ($3, $4)' : 'true';
  const rows = await preparedRows(
    em,
    after ? 'onestop.inbox-after' : 'onestop.inbox',
    `select * from (
       select d.*, a.agency_code, ${afterCursor} as after_cursor,
              count(*) over (partition by a.agency_code) as total_count,
              count(*) filter (where ${afterCursor})
                over (partition by a.agency_code order by d.leg_due_at, d.code) as position
         from onestop.dossier d
        cross join lateral (values (d.holder_code), (nullif(d.addressee_code, d.holder_code))) as a(agency_code)
        where (d.holder_code = any($1::text[]) or d.addressee_code = any($1::text[])) and a.agency_code = any($1::text[])
     ) x
     where x.after_cursor and x.position <= $2
     order by x.agency_code, x.leg_due_at, x.code`,
    [agencyCodes, first + 1, ...(after ? [after.at, after.code] : [])],
  );
  const pages = new Map<string, { edges: DossierEdge[]; hasNextPage: boolean; totalCount: number }>();
  for (const row of rows) {
    const agencyCode = row.agency_code as string;
    const page = pages.get(agencyCode) ?? { edges: [], hasNextPage: false, totalCount: Number(row.total_count) };
    pages.set(agencyCode, page);
    if (page.edges.length === first) {
      page.hasNextPage = true;
      continue;
    }
    const { agency_code: _agency, after_cursor: _after, total_count: _total, position: _position, ...columns } = row;
    const dossier = readEntity(em, Dossier, columns);
    page.edges.push(new DossierEdge(encodeCursor({ at: dossier.legDueAt, code: dossier.code }), dossier));
  }
  const result = new Map<string, DossierConnection>();
  for (const code of agencyCodes) {
    const page = pages.get(code);
    const total = page?.totalCount ?? 0;
    result.set(code, new DossierConnection(page?.edges ?? [], page?.hasNextPage ?? false, () => total));
  }
  return result;
}
