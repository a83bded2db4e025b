import { localDate } from '../../common/scalars';
import { text } from '../../common/validation';
import type { RouteLeg } from './commands';
import { isOpen, operatingAgency, type DirectoryAgency, type DirectoryProcedure } from './directory';
import { badField, refuse, type Refusal } from './refusal';

/**
 * Tiếp nhận: which desk may receive which procedure, what a complete dossier holds, and which agencies its
 * route names on the day it is received. Pure: the directory and the catalogue are arguments.
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

/** The competence moves of the procedure in force at the instant, oldest first. */
const movesAt = (procedure: DirectoryProcedure, at: Date) => procedure.competenceMoves.filter((move) => new Date(move.effectiveAt) <= at);

/** The agency that does a route agency's work at the instant, once the procedure's competence moved. */
export function competentAgency(procedure: DirectoryProcedure, at: Date): (code: string) => string {
  const moves = movesAt(procedure, at);
  return (code) => moves.reduce((current, move) => (move.from === current ? move.to : current), code);
}

/**
 * Why the desk cannot receive the procedure at the instant, per input field; empty when it can. Since a
 * move of its competence, only the new agency's desk receives the procedure.
 */
export function receptionProblems(
  procedureCode: string,
  procedure: DirectoryProcedure | null,
  deskCode: string,
  agencies: ReadonlyMap<string, DirectoryAgency>,
  at: Date,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const desk = agencies.get(deskCode);
  if (!procedure) problems.procedure = `${procedureCode} is not in the procedure catalogue`;
  if (!desk) problems.desk = `${deskCode} is not in the agency directory`;
  else if (!desk.hasDesk) problems.desk = `${desk.name} has no reception desk`;
  else if (!isOpen(desk, at)) problems.desk = `${desk.name} is closed`;
  else if (procedure) {
    const move = movesAt(procedure, at).at(-1);
    if (move && move.to !== desk.code) {
      problems.desk = `since ${localDate(new Date(move.effectiveAt))} ${procedure.name} is received by ${agencies.get(move.to)?.name ?? move.to}`;
    } else if (!move && !procedure.receivedAt.includes(desk.tier)) {
      problems.procedure = `${procedure.name} is received at ${procedure.receivedAt.join(', ')} desks, not at ${desk.name}`;
    }
  }
  return problems;
}

/** The district a desk belongs to: its own, or its commune's. */
function districtOf(desk: DirectoryAgency): string | null {
  if (desk.tier === 'DISTRICT') return desk.code;
  if (desk.tier === 'COMMUNE') return desk.parent?.code ?? null;
  return null;
}

const SECTOR_SELECTORS: Record<string, { sector: string; branch: string }> = {
  '@LAND': { sector: 'LAND', branch: 'land registry' },
  '@TAX': { sector: 'TAX', branch: 'tax' },
};

/**
 * The route's agencies on the day of receipt: @DESK the receiving agency; @LAND / @TAX the branch whose
 * service area holds the desk's district (or, once it closed, the agency that took its work over); any
 * other agency by code, after the procedure's competence moves and closures.
 */
export function resolveRoute(
  procedure: DirectoryProcedure,
  desk: DirectoryAgency,
  agencies: ReadonlyMap<string, DirectoryAgency>,
  at: Date,
): RouteLeg[] | Refusal {
  const competent = competentAgency(procedure, at);
  const legs: RouteLeg[] = [];
  for (const leg of procedure.route) {
    let agency: DirectoryAgency | null;
    const selector = SECTOR_SELECTORS[leg.agencySelector];
    if (leg.agencySelector === '@DESK') {
      agency = desk;
    } else if (selector) {
      const district = districtOf(desk);
      const serving = [...agencies.values()].filter((candidate) => candidate.sector === selector.sector && candidate.serviceArea.some((unit) => unit.code === district));
      agency = serving.find((candidate) => isOpen(candidate, at)) ?? (serving[0] ? operatingAgency(agencies, serving[0].code, at) : null);
      if (!agency) return badField('desk', `no ${selector.sector} branch serves it`, `No ${selector.branch} branch serves ${desk.name}; this desk cannot receive the procedure.`);
    } else {
      agency = operatingAgency(agencies, competent(leg.agencySelector), at);
      if (!agency) return refuse('BAD_USER_INPUT', `The procedure's route names ${leg.agencySelector}, which does not operate.`);
    }
    legs.push({ seq: leg.seq, agencyCode: agency.code, agencyName: agency.name, task: leg.task, workingDays: leg.workingDays });
  }
  return legs;
}
