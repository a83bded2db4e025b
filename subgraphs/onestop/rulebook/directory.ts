/**
 * The agency directory and the procedure catalogue as onestop's rules see them: the province subgraph owns
 * them, the land and tax subgraphs complete them (service areas), and `dossier/directory.ts` reads them
 * through the federated graph.
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

/** Whether the agency operates at the instant: not yet closed, or closed later. */
export function isOpen(agency: DirectoryAgency, at: Date): boolean {
  return !agency.validTo || new Date(agency.validTo) > at;
}

/** The agency that does the work of `code` at the instant: itself, or the successor of a closed agency. */
export function operatingAgency(agencies: ReadonlyMap<string, DirectoryAgency>, code: string, at: Date): DirectoryAgency | null {
  let agency = agencies.get(code) ?? null;
  for (let hops = 0; agency && !isOpen(agency, at) && hops < 20; hops++) {
    agency = agency.successor ? (agencies.get(agency.successor.code) ?? null) : null;
  }
  return agency && isOpen(agency, at) ? agency : null;
}
