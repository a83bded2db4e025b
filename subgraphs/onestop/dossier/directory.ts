import type { GraphClient } from '../../common/graph-client';
import type { DirectoryAgency, DirectoryProcedure, DirectoryUnit } from '../rulebook/directory';

/**
 * What onestop needs from the registers, read through the federated graph and kept for a short while: the
 * directory, the catalogue and the units change by decision, not by the minute, and the registers' own
 * messages (REORGANIZED, PROCEDURE_PUBLISHED, UNITS_CHANGED, CALENDAR_CHANGED) make onestop forget them at
 * once (`feed/reactions.ts`). The working calendar is kept the same way, so that the rules, which use it
 * synchronously, never wait on the graph for a deadline.
 */

const DIRECTORY_TTL_MS = 30_000;

const STATE = 'name tier hasDesk parent { code } serviceArea { code }';

export function agencyDirectory(graph: GraphClient): Promise<Map<string, DirectoryAgency>> {
  return graph.cached('directory.agencies', DIRECTORY_TTL_MS, async () => {
    const { agencies } = await graph.query<{ agencies: DirectoryAgency[] }>(`{
      agencies {
        code sector validFrom validTo successor { code } successors { agency { code } area { code } } ${STATE} servicePortal
        history { effectiveAt ${STATE} servicePortal }
      }
    }`);
    return new Map(agencies.map((agency) => [agency.code, agency]));
  });
}

export function unitDirectory(graph: GraphClient): Promise<Map<string, DirectoryUnit>> {
  return graph.cached('directory.units', DIRECTORY_TTL_MS, async () => {
    const { administrativeUnits } = await graph.query<{ administrativeUnits: DirectoryUnit[] }>(
      `{ administrativeUnits { code level parent { code } validFrom validTo successor { code } } }`,
    );
    return new Map(administrativeUnits.map((unit) => [unit.code, unit]));
  });
}

export function procedureOf(graph: GraphClient, code: string): Promise<DirectoryProcedure | null> {
  return graph.cached(`directory.procedure.${code}`, DIRECTORY_TTL_MS, async () => {
    const { procedure } = await graph.query<{ procedure: DirectoryProcedure | null }>(
      `query Procedure($code: ID!) {
        procedure(code: $code) {
          code name field processingDays documents receivedAt route { seq agencySelector workingDays task } competenceMoves { from to effectiveAt }
          versions {
            version effectiveFrom name field processingDays documents receivingTiers receivingAgencies anyDesk routeBasis
            route { seq agencySelector workingDays task }
          }
        }
      }`,
      { code },
    );
    return procedure;
  });
}

/** The working calendar the registers hold now (`common/registers-calendar.ts`). */
export { registersCalendar as workingCalendar } from '../../common/registers-calendar';
