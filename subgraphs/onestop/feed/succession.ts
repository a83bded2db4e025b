import type { EntityManager } from '@mikro-orm/postgresql';
import { inOwnUnit } from '../../common/feed-reader';
import { change, type Deps } from '../dossier/change';
import { unitDirectory } from '../dossier/directory';
import type { Succession } from '../rulebook/commands';
import { placeCodes, successorFor } from '../rulebook/directory';

/**
 * An agency closed, or a procedure's competence moved: every dossier in flight that involves it follows
 * the work to the successor, each with its own history event (see `rulebook/decide.ts`, REASSIGN). When a
 * closed agency's work is split by area (a district whose communes went to different new communes), each
 * dossier goes to the successor whose area holds its place: the applicant's or the parcel's commune as the
 * desk recorded it, otherwise the receiving desk's own unit. Each dossier follows in a unit of its own (its
 * own transaction and recorded outcome): one that cannot follow is kept as rejected for a supervisor, and
 * the others go on.
 */

interface InFlight {
  code: string;
  place: string | null;
}

/**
 * The dossiers in flight an agency holds, has been handed, or has a leg ahead on; when it closes, also those
 * its desk is to return; for a competence move, of one procedure only.
 */
export async function dossiersAt(em: EntityManager, agency: string, succession: Succession): Promise<InFlight[]> {
  const ofProcedure = succession.closed ? '' : 'and d.procedure_code = ?';
  const toReturn = succession.closed ? 'or d.return_desk_code = ?' : '';
  const rows = await em.execute<Array<{ code: string; place: string | null }>>(
    `select d.code, coalesce(d.applicant_commune, d.parcel_commune, d.desk_code) as place from onestop.dossier d
      where d.status not in ('RETURNED', 'WITHDRAWN', 'REFUSED') ${ofProcedure}
        and (d.holder_code = ? or d.addressee_code = ? ${toReturn}
             or exists (select 1 from onestop.dossier_leg l where l.dossier_code = d.code and l.agency_code = ? and l.result is null))
      order by d.code`,
    [...(succession.closed ? [] : [succession.procedure]), agency, agency, ...(succession.closed ? [agency] : []), agency],
  );
  return rows;
}

export interface Closure {
  agency: string;
  successors: Array<{ agency: string; name: string; area: string[] }>;
}

/** Each dossier of a closed agency to the successor that took its place's work over. */
export async function followClosure(deps: Deps, closure: Closure, reason: string): Promise<void> {
  const units = await unitDirectory(deps.graph);
  const names = new Map(closure.successors.map((successor) => [successor.agency, successor.name]));
  const closed = { successors: closure.successors.map((successor) => ({ agency: { code: successor.agency }, area: successor.area.map((code) => ({ code })) })) };
  for (const dossier of await dossiersAt(deps.em, closure.agency, { closed: true })) {
    const to = successorFor({ ...closed, successor: null }, placeCodes(units, dossier.place));
    if (!to) continue;
    await inOwnUnit(deps, dossier.code, `closed ${closure.agency}`, (own) =>
      change({ ...deps, ...own }, dossier.code, { type: 'REASSIGN', from: closure.agency, to: { code: to, name: names.get(to) ?? to }, reason, succession: { closed: true } }),
    );
  }
}

/** Every dossier of one procedure at `from` to the agency its competence moved to. */
export async function followCompetence(deps: Deps, procedure: string, from: string, to: { code: string; name: string }, reason: string): Promise<void> {
  for (const dossier of await dossiersAt(deps.em, from, { closed: false, procedure })) {
    await inOwnUnit(deps, dossier.code, `moved ${procedure} ${from}`, (own) =>
      change({ ...deps, ...own }, dossier.code, { type: 'REASSIGN', from, to, reason, succession: { closed: false, procedure } }),
    );
  }
}

/** Kept for the messages of the first directory (AGENCY_CLOSED, COMPETENCE_MOVED) still in older feeds. */
export async function reassignAll(deps: Deps, from: string, to: { code: string; name: string }, reason: string, succession: Succession): Promise<void> {
  if (succession.closed) return followClosure(deps, { agency: from, successors: [{ agency: to.code, name: to.name, area: [] }] }, reason);
  return followCompetence(deps, succession.procedure, from, to, reason);
}

