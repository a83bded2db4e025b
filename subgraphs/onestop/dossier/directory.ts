import type { GraphClient } from '../../common/graph-client';
import type { DirectoryAgency, DirectoryProcedure } from '../rulebook/directory';

/**
 * What onestop needs from the agency directory and the procedure catalogue, read through the federated
 * graph and kept for a short while: the directory changes by decision, not by the minute.
 */

const DIRECTORY_TTL_MS = 30_000;

export function agencyDirectory(graph: GraphClient): Promise<Map<string, DirectoryAgency>> {
  return graph.cached('directory.agencies', DIRECTORY_TTL_MS, async () => {
    const { agencies } = await graph.query<{ agencies: DirectoryAgency[] }>(`{
      agencies { code name tier sector hasDesk validTo parent { code } successor { code } serviceArea { code } }
    }`);
    return new Map(agencies.map((agency) => [agency.code, agency]));
  });
}

export function procedureOf(graph: GraphClient, code: string): Promise<DirectoryProcedure | null> {
  return graph.cached(`directory.procedure.${code}`, DIRECTORY_TTL_MS, async () => {
    const { procedure } = await graph.query<{ procedure: DirectoryProcedure | null }>(
      `query Procedure($code: ID!) {
        procedure(code: $code) {
          code name field processingDays documents receivedAt route { seq agencySelector workingDays task } competenceMoves { from to effectiveAt }
        }
      }`,
      { code },
    );
    return procedure;
  });
}
