import type { EntityManager } from '@mikro-orm/postgresql';
import { change, type Deps } from '../dossier/change';
import type { Succession } from '../rulebook/commands';

/**
 * An agency closed, or a procedure's competence moved: every dossier in flight that involves it follows
 * the work to the successor, each in its own transaction (see `rulebook/decide.ts`, REASSIGN).
 */

/**
 * The dossiers in flight an agency holds, has been handed, or has a leg ahead on; when it closes, also those
 * its desk is to return; for a competence move, of one procedure only.
 */
export async function dossiersAt(em: EntityManager, agency: string, succession: Succession): Promise<string[]> {
  const ofProcedure = succession.closed ? '' : 'and d.procedure_code = ?';
  const toReturn = succession.closed ? 'or d.return_desk_code = ?' : '';
  const rows = await em.execute<Array<{ code: string }>>(
    `select d.code from onestop.dossier d
      where d.status not in ('RETURNED', 'WITHDRAWN', 'REFUSED') ${ofProcedure}
        and (d.holder_code = ? or d.addressee_code = ? ${toReturn}
             or exists (select 1 from onestop.dossier_leg l where l.dossier_code = d.code and l.agency_code = ? and l.result is null))
      order by d.code`,
    [...(succession.closed ? [] : [succession.procedure]), agency, agency, ...(succession.closed ? [agency] : []), agency],
  );
  return rows.map((row) => row.code);
}


export async function reassignAll(deps: Deps, from: string, to: { code: string; name: string }, reason: string, succession: Succession): Promise<void> {
  for (const code of await dossiersAt(deps.em, from, succession)) {
    await change(deps, code, { type: 'REASSIGN', from, to, reason, succession });
  }
}
