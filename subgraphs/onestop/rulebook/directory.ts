import { asOf } from '../../common/timeline';

/**
 * The registers as onestop's rules see them: the province subgraph owns the agencies (with their history,
 * service areas and successors) and the procedure catalogue (in versions), the local subgraph the
 * administrative units; `dossier/directory.ts` reads them through the federated graph. Every question is
 * asked at an instant: a dossier is received, and planned, by the registers as they stood then.
 */

type Code = { code: string };

/** An agency as it stood from a date on (one entry of its history). */
export interface AgencyStateEntry {
  effectiveAt: string | null;
  name: string;
  tier: string;
  hasDesk: boolean;
  parent: Code | null;
  serviceArea: Code[];
  servicePortal?: boolean;
}

export interface DirectoryAgency {
  code: string;
  /** As it stands now; `agencyAt` gives it at another instant from `history`. */
  name: string;
  tier: string;
  sector: string | null;
  hasDesk: boolean;
  validFrom?: string | null;
  validTo: string | null;
  parent: Code | null;
  /** The first successor: the one that takes what no other successor's area holds. */
  successor: Code | null;
  /** Every successor of a closed agency, each with the units whose work it took over. */
  successors?: Array<{ agency: Code; area: Code[] }>;
  serviceArea: Code[];
  /** Cổng dịch vụ công: the directory marks it as running a public service portal. */
  servicePortal?: boolean;
  history?: AgencyStateEntry[];
}

/** An administrative unit: its district, and the unit it merged into when it ended. */
export interface DirectoryUnit {
  code: string;
  level: string;
  parent: Code | null;
  validFrom: string | null;
  validTo: string | null;
  successor: Code | null;
}

export interface RouteLegRecord {
  seq: number;
  agencySelector: string;
  workingDays: number;
  task: string;
}

/** One published version of a procedure. */
export interface ProcedureVersionRecord {
  version: number;
  effectiveFrom: string | null;
  name: string;
  field: string;
  processingDays: number;
  documents: string[];
  receivingTiers: string[];
  receivingAgencies: string[];
  anyDesk: boolean;
  /** DESK, APPLICANT or PARCEL: whose commune the @LAND and @TAX legs go by. */
  routeBasis: string;
  route: RouteLegRecord[];
}

export interface DirectoryProcedure {
  code: string;
  /** The version in force now; `versionAt` gives the one in force at another instant from `versions`. */
  name: string;
  field: string;
  processingDays: number;
  documents: string[];
  receivedAt: string[];
  route: RouteLegRecord[];
  competenceMoves: Array<{ from: string; to: string; effectiveAt: string }>;
  versions?: ProcedureVersionRecord[];
}

/** The agency as it stood at the instant (as it was set up, before then). */
export function agencyAt(agency: DirectoryAgency, at: Date): DirectoryAgency {
  const state = agency.history && asOf(agency.history, at);
  return state
    ? { ...agency, name: state.name, tier: state.tier, hasDesk: state.hasDesk, parent: state.parent, serviceArea: state.serviceArea, servicePortal: state.servicePortal }
    : agency;
}

/** The version of the procedure in force at the instant (the first, before any took effect). */
export function versionAt(procedure: DirectoryProcedure, at: Date): ProcedureVersionRecord {
  const version = procedure.versions && asOf(procedure.versions, at, (v) => v.effectiveFrom);
  return (
    version ?? {
      version: 1,
      effectiveFrom: null,
      name: procedure.name,
      field: procedure.field,
      processingDays: procedure.processingDays,
      documents: procedure.documents,
      receivingTiers: procedure.receivedAt,
      receivingAgencies: [],
      anyDesk: false,
      routeBasis: 'DESK',
      route: procedure.route,
    }
  );
}

/** Whether the agency operates at the instant: set up by then, and not yet closed. */
export function isOpen(agency: Pick<DirectoryAgency, 'validFrom' | 'validTo'>, at: Date): boolean {
  return (!agency.validFrom || new Date(agency.validFrom) <= at) && (!agency.validTo || new Date(agency.validTo) > at);
}

const unitOpen = (unit: DirectoryUnit, at: Date) => isOpen(unit, at);

/** The unit that covers `code`'s territory at the instant: itself, or what it merged into since. */
export function currentUnit(units: ReadonlyMap<string, DirectoryUnit>, code: string, at: Date): DirectoryUnit | null {
  let unit = units.get(code) ?? null;
  for (let hops = 0; unit && !unitOpen(unit, at) && unit.successor && hops < 20; hops++) unit = units.get(unit.successor.code) ?? null;
  return unit && unitOpen(unit, at) ? unit : null;
}

/** A place as the registers may name it in an area: the unit, its district, and the units it became. */
export function placeCodes(units: ReadonlyMap<string, DirectoryUnit>, code: string | null): Set<string> {
  const codes = new Set<string>();
  for (let unit = code ? (units.get(code) ?? null) : null, hops = 0; unit && hops < 20; unit = unit.successor ? (units.get(unit.successor.code) ?? null) : null, hops++) {
    codes.add(unit.code);
    if (unit.parent) codes.add(unit.parent.code);
  }
  if (code) codes.add(code);
  return codes;
}

/**
 * Who took over a closed agency's work for a dossier of `place`: the successor whose area holds the place
 * (or its district, or the unit it became), otherwise the one with no area, otherwise the first.
 */
export function successorFor(agency: Pick<DirectoryAgency, 'successor' | 'successors'>, place: ReadonlySet<string>): string | null {
  const successors = agency.successors?.length ? agency.successors : agency.successor ? [{ agency: agency.successor, area: [] }] : [];
  const byArea = successors.find((successor) => successor.area.some((unit) => place.has(unit.code)));
  return (byArea ?? successors.find((successor) => successor.area.length === 0) ?? successors[0])?.agency.code ?? null;
}

/** The agency that does the work of `code` at the instant for a dossier of `place`: itself, or its successor. */
export function operatingAgency(agencies: ReadonlyMap<string, DirectoryAgency>, code: string, at: Date, place: ReadonlySet<string> = new Set()): DirectoryAgency | null {
  let agency = agencies.get(code) ?? null;
  for (let hops = 0; agency && !isOpen(agency, at) && hops < 20; hops++) {
    const next = successorFor(agency, place);
    agency = next ? (agencies.get(next) ?? null) : null;
  }
  return agency && isOpen(agency, at) ? agencyAt(agency, at) : null;
}
