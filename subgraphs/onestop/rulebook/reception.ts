import { localDate } from '../../common/scalars';
import { text } from '../../common/validation';
import type { RouteLeg } from './commands';
import {
  agencyAt,
  currentUnit,
  isOpen,
  operatingAgency,
  placeCodes,
  versionAt,
  type DirectoryAgency,
  type DirectoryProcedure,
  type DirectoryUnit,
  type ProcedureVersionRecord,
} from './directory';
import { badField, refuse, type Refusal } from './refusal';

/**
 * Tiếp nhận: which desk may receive which procedure, what a complete dossier holds, and which agencies its
 * route names on the day it is received. Pure: the registers (as they stood that day) are arguments.
 */

const OPTIONAL_MARK = /\(\s*nếu có\s*\)\s*$/i;
const documentKey = (name: string) => text(name).toLocaleLowerCase('vi');

export interface DocumentCheck {
  /** The documents handed in, as the procedure names them, in its order. */
  accepted: string[];
  /** Required documents not handed in; those marked “(nếu có)” are not required. */
  missing: string[];
  /** Handed-in documents the procedure does not know. */
  unknown: string[];
}

/** Names compared after NFC normalisation, case-insensitively. */
export function checkDocuments(procedureDocuments: readonly string[], submitted: readonly string[]): DocumentCheck {
  const given = new Set(submitted.map(documentKey));
  const known = new Set(procedureDocuments.map(documentKey));
  return {
    accepted: procedureDocuments.filter((document) => given.has(documentKey(document))),
    missing: procedureDocuments.filter((document) => !OPTIONAL_MARK.test(document) && !given.has(documentKey(document))),
    unknown: submitted.filter((document) => !known.has(documentKey(document))),
  };
}

/** Where a dossier belongs, as the desk records it: the applicant's commune and the parcel's, when given. */
export interface Whereabouts {
  units: ReadonlyMap<string, DirectoryUnit>;
  applicantCommune?: string | null;
  parcelCommune?: string | null;
}

const NOWHERE: Whereabouts = { units: new Map() };

/** The competence moves of the procedure in force at the instant, oldest first. */
const movesAt = (procedure: DirectoryProcedure, at: Date) => procedure.competenceMoves.filter((move) => new Date(move.effectiveAt) <= at);

/** The agency that does a route agency's work at the instant, once the procedure's competence moved. */
export function competentAgency(procedure: DirectoryProcedure, at: Date): (code: string) => string {
  const moves = movesAt(procedure, at);
  return (code) => moves.reduce((current, move) => (move.from === current ? move.to : current), code);
}

/** The commune a version's @LAND and @TAX legs go by: the applicant's or the parcel's when it says so and the desk gave it. */
function basisCommune(version: ProcedureVersionRecord, where: Whereabouts): { field: 'applicantCommune' | 'parcelCommune'; code: string } | null {
  if (version.routeBasis === 'PARCEL' && where.parcelCommune) return { field: 'parcelCommune', code: where.parcelCommune };
  if (version.routeBasis !== 'PARCEL' && where.applicantCommune) return { field: 'applicantCommune', code: where.applicantCommune };
  return null;
}

/** The places a desk's area covers: its own unit and, for a commune of a district, the district. */
function deskPlaces(desk: DirectoryAgency, where: Whereabouts): Set<string> {
  const places = placeCodes(where.units, desk.code);
  if (desk.tier === 'COMMUNE' && desk.parent) places.add(desk.parent.code);
  return places;
}

/**
 * Why the desk cannot receive the procedure at the instant, per input field; empty when it can. The version
 * in force says which tiers' and agencies' desks receive it, and whether any desk of the province may
 * (Decree 118/2025/NĐ-CP); otherwise a commune's or district's desk receives the dossiers of its own area.
 * Since a move of its competence, only the new agency's desk receives the procedure.
 */
export function receptionProblems(
  procedureCode: string,
  procedure: DirectoryProcedure | null,
  deskCode: string,
  agencies: ReadonlyMap<string, DirectoryAgency>,
  at: Date,
  where: Whereabouts = NOWHERE,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of ['applicantCommune', 'parcelCommune'] as const) {
    const code = where[field];
    if (!code) continue;
    const unit = where.units.get(code);
    if (!unit || unit.level !== 'COMMUNE') problems[field] = `${code} is not a commune, ward or township`;
    else if (!currentUnit(where.units, code, at)) problems[field] = `${code} has no successor on ${localDate(at)}`;
  }
  const found = agencies.get(deskCode);
  const desk = found && agencyAt(found, at);
  if (!procedure) problems.procedure = `${procedureCode} is not in the procedure catalogue`;
  if (!desk) problems.desk = `${deskCode} is not in the agency directory`;
  else if (!isOpen(desk, at)) problems.desk = `${desk.name} is closed`;
  else if (!desk.hasDesk) problems.desk = `${desk.name} has no reception desk`;
  else if (procedure) {
    const version = versionAt(procedure, at);
    const move = movesAt(procedure, at).at(-1);
    const nameOf = (code: string) => { const agency = agencies.get(code); return agency ? agencyAt(agency, at).name : code; };
    if (move && move.to !== desk.code) {
      problems.desk = `since ${localDate(new Date(move.effectiveAt))} ${version.name} is received by ${nameOf(move.to)}`;
    } else if (!move && !version.receivingAgencies.includes(desk.code) && !version.receivingTiers.includes(desk.tier)) {
      const tiers = version.receivingTiers.length ? [`${version.receivingTiers.join(', ')} desks`] : [];
      const where = [...version.receivingAgencies.map(nameOf), ...tiers].join(', ');
      problems.procedure = `${version.name} is received at ${where}, not at ${desk.name}`;
    } else if (!version.anyDesk && (desk.tier === 'COMMUNE' || desk.tier === 'DISTRICT')) {
      const basis = basisCommune(version, where);
      const current = basis && !problems[basis.field] ? currentUnit(where.units, basis.code, at) : null;
      if (basis && current && !placeCodes(where.units, current.code).has(desk.code) && !deskPlaces(desk, where).has(current.code)) {
        problems[basis.field] = `${desk.name} receives ${version.name} for its own area only; ${basis.code} is not in it`;
      }
    }
  }
  return problems;
}

const SECTOR_SELECTORS: Record<string, { sector: string; branch: string }> = {
  '@LAND': { sector: 'LAND', branch: 'land registry' },
  '@TAX': { sector: 'TAX', branch: 'tax' },
};

/**
 * The route of the version in force on the day of receipt, with its agencies: @DESK the receiving agency;
 * @LAND / @TAX the branch whose service area holds the commune the version's basis names (the applicant's,
 * the parcel's, or the desk's own), or, once it closed, the agency that took that area's work over; any
 * other agency by code, after the procedure's competence moves and closures.
 */
export function resolveRoute(
  procedure: DirectoryProcedure,
  desk: DirectoryAgency,
  agencies: ReadonlyMap<string, DirectoryAgency>,
  at: Date,
  where: Whereabouts = NOWHERE,
): RouteLeg[] | Refusal {
  const version = versionAt(procedure, at);
  const competent = competentAgency(procedure, at);
  const basis = basisCommune(version, where);
  const places = basis ? placeCodes(where.units, basis.code) : deskPlaces(desk, where);
  const legs: RouteLeg[] = [];
  for (const leg of version.route) {
    let agency: DirectoryAgency | null;
    const selector = SECTOR_SELECTORS[leg.agencySelector];
    if (leg.agencySelector === '@DESK') {
      agency = agencyAt(desk, at);
    } else if (selector) {
      const serving = [...agencies.values()]
        .filter((candidate) => candidate.sector === selector.sector)
        .map((candidate) => agencyAt(candidate, at))
        .filter((candidate) => candidate.serviceArea.some((unit) => places.has(unit.code)));
      agency = serving.find((candidate) => isOpen(candidate, at)) ?? (serving[0] ? operatingAgency(agencies, serving[0].code, at, places) : null);
      if (!agency) {
        const what = basis ? basis.code : desk.name;
        return badField(basis?.field ?? 'desk', `no ${selector.sector} branch serves it`, `No ${selector.branch} branch serves ${what}; the dossier cannot be routed.`);
      }
    } else {
      agency = operatingAgency(agencies, competent(leg.agencySelector), at, places);
      if (!agency) return refuse('BAD_USER_INPUT', `The procedure's route names ${leg.agencySelector}, which does not operate.`);
    }
    legs.push({ seq: leg.seq, agencyCode: agency.code, agencyName: agency.name, task: leg.task, workingDays: leg.workingDays });
  }
  return legs;
}
