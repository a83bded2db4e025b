import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../common/auth';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../common/errors';
import { Dossier } from './dossier.entity';
import { DossierConnection, DossierEdge } from './dossier.types';

export const MAX_PAGE_SIZE = 100;

interface Position {
  dueAt: Date;
  code: string;
}

export function encodeCursor(dossier: Position): string {
  return Buffer.from(JSON.stringify([dossier.dueAt.toISOString(), dossier.code])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [dueAt, code] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const position = { dueAt: new Date(dueAt), code };
    if (typeof code === 'string' && !Number.isNaN(position.dueAt.getTime())) return position;
  } catch {
    // fall through
  }
  throw new BadUserInputError('`after` is not a cursor this hub issued.', { argument: 'after' });
}

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}.`, { argument: 'first' });
  }
  return size;
}

/** An agency's inbox is for its own officers and systems, and for supervisors. */
export function assertMayReadInbox(actor: Identity | null, agencyCode: string): void {
  if (!actor) throw new UnauthenticatedError();
  if (actor.agency !== agencyCode && !actor.roles.includes('SUPERVISOR')) {
    throw new ForbiddenError(`Only ${agencyCode} and supervisors may read ${agencyCode}'s inbox.`);
  }
}

/**
 * Hộp hồ sơ: the dossiers each agency holds or has been handed and not yet accepted, oldest deadline
 * first, for many agencies in one query (a window per agency gives both the page and the total).
 */
export async function inboxPages(
  em: EntityManager,
  agencyCodes: readonly string[],
  first: number,
  after: Position | null,
): Promise<Map<string, DossierConnection>> {
  const afterCursor = after ? '(d.due_at, d.code) > (?, ?)' : 'true';
  const cursorParams = after ? [after.dueAt, after.code] : [];
  const rows: Array<Record<string, unknown>> = await em.execute(
    `select * from (
       select d.*, a.agency_code, ${afterCursor} as after_cursor,
              count(*) over (partition by a.agency_code) as total_count,
              count(*) filter (where ${afterCursor})
                over (partition by a.agency_code order by d.due_at, d.code) as position
         from onestop.dossier d
        cross join lateral (values (d.holder_code), (nullif(d.addressee_code, d.holder_code))) as a(agency_code)
        where (d.holder_code in (?) or d.addressee_code in (?)) and a.agency_code in (?)
     ) x
     where x.after_cursor and x.position <= ?
     order by x.agency_code, x.due_at, x.code`,
    [...cursorParams, ...cursorParams, agencyCodes, agencyCodes, agencyCodes, first + 1],
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
    const dossier = em.map(Dossier, columns);
    page.edges.push(new DossierEdge(encodeCursor(dossier), dossier));
  }
  const result = new Map<string, DossierConnection>();
  for (const code of agencyCodes) {
    const page = pages.get(code);
    result.set(code, new DossierConnection(page?.edges ?? [], page?.hasNextPage ?? false, page?.totalCount ?? 0));
  }
  return result;
}
