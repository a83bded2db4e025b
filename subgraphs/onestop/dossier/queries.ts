import { text } from '../../common/validation';
import { BadUserInputError } from '../../common/errors';
import { readableBy } from './permissions';
import { CLOCK_RUNNING } from '../rulebook/statuses';
import type { Deps } from './change';
import { Dossier } from './dossier.entity';
import { normalizePhone, type DossierFilter } from './dossier.input';
import { DossierConnection, DossierEdge } from './dossier.types';
import { decodeCursor, encodeCursor, pageSize } from './paging';
import { childColumns, childRows, preparedEntities, preparedRows, preparedShape, readEntity } from '../../common/prepared';
import type { EntityClass } from '@mikro-orm/core';
import type { Context } from '../../common/context';
import { DossierLeg } from './dossier-leg.entity';
import { Transfer } from './transfer.entity';
import { requireActor } from '../../common/roles';

/** Reading dossiers: one by code, the citizen's tracking, and the caller's list. */

/** The legs or the transfers of every dossier of a batch, in order: one prepared statement, no query builder. */
const rowsOf = <T extends object>(ctx: Pick<Context, 'em'>, entity: EntityClass<T>, name: string, table: 'dossier_leg' | 'transfer', codes: readonly string[]) =>
  preparedEntities(ctx.em, entity, name, `select * from onestop.${table} where dossier_code = any($1::text[]) order by dossier_code, seq`, [codes]);

/** The request's loader of dossiers' legs; a dossier read with its legs (`findDossier`) fills it in. */
export const legLoader = (ctx: Pick<Context, 'em' | 'loaders'>) =>
  ctx.loaders.many<string, DossierLeg>('onestop.legs', (codes) => rowsOf(ctx, DossierLeg, 'onestop.legs', 'dossier_leg', codes), (leg) => leg.dossier.code);

/** The request's loader of dossiers' hand-overs. */
export const transferLoader = (ctx: Pick<Context, 'em' | 'loaders'>) =>
  ctx.loaders.many<string, Transfer>('onestop.transfers', (codes) => rowsOf(ctx, Transfer, 'onestop.transfers', 'transfer', codes), (transfer) => transfer.dossier.code);

/**
 * The dossiers with these codes, each with whether `agency` may read it (it holds, has held or has been
 * handed it: the access index): one prepared statement for the dossiers and the caller's part in them, and,
 * `withLegs`, their legs too.
 */
export async function dossiersWithAccess(
  ctx: Pick<Context, 'em'>,
  codes: readonly string[],
  agency: string,
  withLegs = false,
): Promise<Array<{ dossier: Dossier; readable: boolean; legs?: DossierLeg[] }>> {
  const legs = withLegs
    ? `cross join lateral (select ${childColumns(ctx.em, DossierLeg, 'l', 'legs', 'l.seq')} from onestop.dossier_leg l where l.dossier_code = d.code) legs`
    : '';
  const rows = await preparedRows<Record<string, unknown> & { readable: boolean }>(
    ctx.em,
    withLegs ? 'onestop.dossiers-with-access-and-legs' : 'onestop.dossiers-with-access',
    `select d.*, ${withLegs ? 'legs.*, ' : ''}exists (select 1 from onestop.dossier_access a where a.agency_code = $2 and a.dossier_code = d.code) as readable
       from onestop.dossier d ${legs} where d.code = any($1::text[])`,
    [codes, agency],
  );
  return rows.map(({ readable, ...columns }) => {
    const legs = withLegs ? childRows(columns, 'legs').map((row) => readEntity(ctx.em, DossierLeg, row)) : undefined;
    return { dossier: readEntity(ctx.em, Dossier, columns), readable, ...(legs ? { legs } : {}) };
  });
}

/**
 * One dossier, when the caller may read it. `withLegs` (the query asks for its legs): they are read in the same
 * statement, and the request's leg loader answers with them.
 */
export async function findDossier(deps: Deps & Pick<Context, 'loaders'>, code: string, withLegs = false): Promise<Dossier | null> {
  const actor = requireActor(deps.actor);
  const [found] = await dossiersWithAccess(deps, [code], actor.agency, withLegs);
  const dossier = readableBy(actor, found, code);
  if (dossier && found.legs) legLoader(deps).prime(code, found.legs);
  return dossier;
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

