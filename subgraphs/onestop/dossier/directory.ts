import type { GraphClient } from '../../common/graph-client';
import { REGISTER_COPY_MS } from '../../common/register-watch';
import type { DirectoryAgency, DirectoryProcedure, DirectoryUnit } from '../rulebook/directory';

/**
 * What onestop needs from the registers, read through the federated graph and kept until they change: the
 * directory, the catalogue and the units change by decision, not by the minute, and every change writes a
 * message to its owner's feed, which every replica watches (`common/register-watch.ts`). The working
 * calendar is kept the same way, so that the rules, which use it synchronously, never wait on the graph.
 */

const STATE = 'name tier hasDesk parent { code } serviceArea { code }';

export function agencyDirectory(graph: GraphClient): Promise<Map<string, DirectoryAgency>> {
  return graph.cached('directory.agencies', REGISTER_COPY_MS, async () => {
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
  return graph.cached('directory.units', REGISTER_COPY_MS, async () => {
    const { administrativeUnits } = await graph.query<{ administrativeUnits: DirectoryUnit[] }>(
      `{ administrativeUnits { code level parent { code } validFrom validTo successor { code } } }`,
    );
    return new Map(administrativeUnits.map((unit) => [unit.code, unit]));
  });
}

export function procedureOf(graph: GraphClient, code: string): Promise<DirectoryProcedure | null> {
  return graph.cached(`directory.procedure.${code}`, REGISTER_COPY_MS, async () => {
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
