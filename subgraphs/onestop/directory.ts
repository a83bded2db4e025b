import type { GraphClient } from '../common/graph-client';

/**
 * What onestop needs from the agency directory and the procedure catalogue, which the province subgraph
 * owns and the land and tax subgraphs complete (service areas). Read through the federated graph and kept
 * for a short while: the directory changes by decision, not by the minute.
 */

export interface DirectoryAgency {
  code: string;
  name: string;
  tier: string;
  sector: string | null;
  hasDesk: boolean;
  validTo: string | null;
  parent: { code: string } | null;
  successor: { code: string } | null;
  serviceArea: Array<{ code: string }>;
}

export interface DirectoryProcedure {
  code: string;
  name: string;
  field: string;
  processingDays: number;
  documents: string[];
  receivedAt: string[];
  route: Array<{ seq: number; agencySelector: string; workingDays: number; task: string }>;
  competenceMoves: Array<{ from: string; to: string; effectiveAt: string }>;
}

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

/** Whether the agency operates at the instant: not yet closed, or closed later. */
export function isOpen(agency: DirectoryAgency, at: Date): boolean {
  return !agency.validTo || new Date(agency.validTo) > at;
}

/** The agency that does the work of `code` at the instant: itself, or the successor of a closed agency. */
export function operatingAgency(agencies: Map<string, DirectoryAgency>, code: string, at: Date): DirectoryAgency | null {
  let agency = agencies.get(code) ?? null;
  for (let hops = 0; agency && !isOpen(agency, at) && hops < 20; hops++) {
    agency = agency.successor ? (agencies.get(agency.successor.code) ?? null) : null;
  }
  return agency && isOpen(agency, at) ? agency : null;
}
