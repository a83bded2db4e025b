import { BadUserInputError, ForbiddenError } from '../../common/errors';
import type { Deps } from '../dossier/change';
import { requireActor } from '../../common/roles';
import { SATISFIED_FROM } from '../rulebook/rating';
import { AgencyPerformance } from './agency-performance.types';

/** The provincial People's Committee: its code stands for the province in the dashboard's totals. */
export const PROVINCE = 'BG.UBND';

/**
 * Chỉ tiêu: per desk, what was received and resolved (early, on time, late) in the period, from the daily
 * counts; what is in progress (within time or overdue) and suspended now, from the dossiers in flight;
 * and the province's totals. Supervisors see every desk; an agency its own.
 */
export async function performance(deps: Deps, from: string, to: string, agency: string | null | undefined): Promise<AgencyPerformance[]> {
  const actor = requireActor(deps.actor);
  if (!actor.roles.includes('SUPERVISOR') && agency !== actor.agency) {
    throw new ForbiddenError('Supervisors see every agency’s performance; an agency sees its own (agency: its code).');
  }
  if (from > to) throw new BadUserInputError('`from` is after `to`.', { fields: { from: 'after to' } });
  const only = agency ? 'and desk_code = ?' : '';
  const flows = await deps.em.execute<Array<Record<string, string>>>(
    `select desk_code, sum(received) as received, sum(resolved_early) as early, sum(resolved_on_time) as on_time, sum(resolved_late) as late
       from onestop.desk_daily_stats where day between ? and ? ${only} group by desk_code`,
    agency ? [from, to, agency] : [from, to],
  );
  const stocks = await deps.em.execute<Array<Record<string, string>>>(
    `select desk_code,
            count(*) filter (where status in ('RECEIVED', 'IN_PROGRESS') and due_at >= ?) as on_time,
            count(*) filter (where status in ('RECEIVED', 'IN_PROGRESS') and due_at < ?) as overdue,
            count(*) filter (where status in ('SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT')) as suspended
       from onestop.dossier
      where status in ('RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT') ${only}
      group by desk_code`,
    agency ? [deps.now, deps.now, agency] : [deps.now, deps.now],
  );
  const ratings = await deps.em.execute<Array<Record<string, string>>>(
    `select desk_code, count(*) as ratings, sum(rating) as rating_sum, count(*) filter (where rating >= ?) as satisfied
       from onestop.service_rating
      where (rated_at at time zone 'Asia/Ho_Chi_Minh')::date between ? and ? ${only}
      group by desk_code`,
    agency ? [SATISFIED_FROM, from, to, agency] : [SATISFIED_FROM, from, to],
  );
  const rows = new Map<string, AgencyPerformance>();
  const rowOf = (code: string, total = false) => {
    let row = rows.get(code);
    if (!row) {
      row = Object.assign(new AgencyPerformance(), {
        agencyCode: code,
        total,
        received: 0,
        resolvedEarly: 0,
        resolvedOnTime: 0,
        resolvedLate: 0,
        inProgressOnTime: 0,
        inProgressOverdue: 0,
        suspended: 0,
        onTimeRate: null,
        ratings: 0,
        averageRating: null,
        satisfiedRate: null,
      });
      rows.set(code, row);
    }
    return row;
  };
  for (const flow of flows) {
    Object.assign(rowOf(flow.desk_code), {
      received: Number(flow.received),
      resolvedEarly: Number(flow.early),
      resolvedOnTime: Number(flow.on_time),
      resolvedLate: Number(flow.late),
    });
  }
  for (const stock of stocks) {
    Object.assign(rowOf(stock.desk_code), { inProgressOnTime: Number(stock.on_time), inProgressOverdue: Number(stock.overdue), suspended: Number(stock.suspended) });
  }
  for (const rated of ratings) {
    Object.assign(rowOf(rated.desk_code), { ratings: Number(rated.ratings), ratingSum: Number(rated.rating_sum), satisfied: Number(rated.satisfied) });
  }
  const agencies = [...rows.values()].sort((a, b) => (a.agencyCode < b.agencyCode ? -1 : 1));
  const total = rowOf(PROVINCE, true);
  for (const row of agencies) {
    for (const key of ['received', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'inProgressOnTime', 'inProgressOverdue', 'suspended', 'ratings', 'ratingSum', 'satisfied'] as const) {
      total[key] += row[key];
    }
  }
  for (const row of [...agencies, total]) {
    const resolved = row.resolvedEarly + row.resolvedOnTime + row.resolvedLate;
    row.onTimeRate = resolved ? Math.round(((row.resolvedEarly + row.resolvedOnTime) / resolved) * 10_000) / 10_000 : null;
    row.averageRating = row.ratings ? Math.round((row.ratingSum / row.ratings) * 100) / 100 : null;
    row.satisfiedRate = row.ratings ? Math.round((row.satisfied / row.ratings) * 10_000) / 10_000 : null;
  }
  return [...agencies, total];
}

