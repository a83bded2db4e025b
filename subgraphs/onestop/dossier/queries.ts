import { text } from '../../common/validation';
import { BadUserInputError } from '../../common/errors';
import { readableBy } from './permissions';
import { CLOCK_RUNNING } from '../rulebook/statuses';
import type { Deps } from './change';
import { Dossier } from './dossier.entity';
import { normalizePhone, type DossierFilter } from './dossier.input';
import { DossierConnection, DossierEdge } from './dossier.types';
import { decodeCursor, encodeCursor, pageSize } from './paging';
import { preparedRows, preparedShape, readEntity } from '../../common/prepared';
import { requireActor } from '../../common/roles';

/** Reading dossiers: one by code, the citizen's tracking, and the caller's list. */

/**
 * The dossiers with these codes, each with whether `agency` may read it (it holds, has held or has been
 * handed it: the access index): one prepared statement for the dossiers and the caller's part in them.
 */
export async function dossiersWithAccess(deps: Pick<Deps, 'em'>, codes: readonly string[], agency: string): Promise<Array<{ dossier: Dossier; readable: boolean }>> {
  const rows = await preparedRows<Record<string, unknown> & { readable: boolean }>(
    deps.em,
    'onestop.dossiers-with-access',
    `select d.*, exists (select 1 from onestop.dossier_access a where a.agency_code = $2 and a.dossier_code = d.code) as readable
       from onestop.dossier d where d.code = any($1::text[])`,
    [codes, agency],
  );
  return rows.map(({ readable, ...columns }) => ({ dossier: readEntity(deps.em, Dossier, columns), readable }));
}

export async function findDossier(deps: Deps, code: string): Promise<Dossier | null> {
  const actor = requireActor(deps.actor);
  const [found] = await dossiersWithAccess(deps, [code], actor.agency);
  return readableBy(actor, found, code);
}

/** For citizens, without a token: the dossier only when the phone given at receipt matches. */
export async function trackDossier(deps: Deps, code: string, phone: string): Promise<Dossier | null> {
  const dossier = await deps.em.findOne(Dossier, { code: text(code) }, { populate: ['legs'] });
  const given = normalizePhone(phone ?? '');
  // A wrong phone and a wrong code look the same.
  return dossier && given && dossier.applicant.phone === given ? dossier : null;
}

/** The dossiers the caller may read, newest first, narrowed by the filter. */
export async function listDossiers(
  deps: Deps,
  filter: DossierFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<DossierConnection> {
  const actor = requireActor(deps.actor);
  const size = pageSize(first);
  const cursor = after ? decodeCursor(after) : null;
  if (filter?.receivedFrom && filter.receivedTo && filter.receivedFrom > filter.receivedTo) {
    throw new BadUserInputError('`receivedFrom` is after `receivedTo`.', { fields: { receivedFrom: 'after receivedTo' } });
  }
  // Supervisors read every dossier; an agency reads its own desk's and what it holds directly, anything
  // else through the access index, in its order.
  const scoped = !actor.roles.includes('SUPERVISOR') && filter?.desk !== actor.agency && filter?.holder !== actor.agency;
  const from = scoped ? 'onestop.dossier_access a join onestop.dossier d on d.code = a.dossier_code' : 'onestop.dossier d';
  const order = scoped ? ['a.received_at', 'a.dossier_code'] : ['d.received_at', 'd.code'];
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  if (scoped) where('a.agency_code = ?', actor.agency);
  if (filter?.status) where('d.status = ?', filter.status);
  if (filter?.desk) where('d.desk_code = ?', filter.desk);
  if (filter?.holder) where('d.holder_code = ?', filter.holder);
  if (filter?.procedure) where('d.procedure_code = ?', filter.procedure);
  if (filter?.receivedFrom) where(`${order[0]} >= ?`, filter.receivedFrom);
  if (filter?.receivedTo) where(`${order[0]} <= ?`, filter.receivedTo);
  if (filter?.overdue != null) {
    const overdue = `(d.status in (${CLOCK_RUNNING.map(() => '?').join(', ')}) and d.due_at < ?)`;
    where(filter.overdue ? overdue : `not ${overdue}`, ...CLOCK_RUNNING, deps.now);
  }
  if (filter?.supplementOverdue != null) {
    const overdue = `(d.status = 'SUPPLEMENT_REQUESTED' and d.supplement_due_at < ?)`;
    where(filter.supplementOverdue ? overdue : `not coalesce(${overdue}, false)`, deps.now);
  }
  const filtered = conditions.length ? `where ${conditions.join(' and ')}` : '';
  const page = cursor ? `${filtered ? `${filtered} and` : 'where'} (${order[0]}, ${order[1]}) < (?, ?)` : filtered;
  const rows = await preparedShape(
    deps.em,
    'onestop.dossiers',
    `select d.* from ${from} ${page} order by ${order[0]} desc, ${order[1]} desc limit ?`,
    [...params, ...(cursor ? [cursor.at, cursor.code] : []), size + 1],
  );
  const dossiers = rows.map((row) => readEntity(deps.em, Dossier, row));
  const edges = dossiers.slice(0, size).map((dossier) => new DossierEdge(encodeCursor({ at: dossier.receivedAt, code: dossier.code }), dossier));
  return new DossierConnection(edges, dossiers.length > size, async () => {
    const [{ count }] = await preparedShape<{ count: string }>(deps.em, 'onestop.dossiers-count', `select count(*) as count from ${from} ${filtered}`, params);
    return Number(count);
  });
}

