import { checkUnitChanges, CODE, isUnitOpenAt, type KnownUnit } from '../common/unit-changes';
import { localDate } from '../common/scalars';
import type { Problems } from '../common/validation';
import { AgencyChangeKind, type AgencyState, type SuccessorRecord } from './agency-change.entity';
import { AgencyTier, type Sector } from './agency.entity';
import type { Register } from './register';
import type { AgencyAmendment, AgencyClosure, AgencyCreation, CompetenceTransfer, Decision } from './reorganization.parts';

/**
 * The rules a reorganisation must keep, checked on the whole decision before anything is written: one
 * invalid part and nothing changes. Parts apply in order (set up, change, close, move competences, hand
 * the registers over) and each sees what the earlier ones did, so a decision can set up an agency and
 * name it as another's successor.
 */

export interface KnownProcedure {
  code: string;
  competenceMoves: ReadonlyArray<{ from: string; to: string; effectiveAt: Date }>;
}

export interface PlannedChange {
  code: string;
  kind: AgencyChangeKind;
  state: AgencyState;
  successors: SuccessorRecord[];
  source: string;
}

export interface Plan {
  /** Agencies set up, with what never changes. */
  created: Array<{ code: string; sector: Sector | null }>;
  /** Every history entry the decision appends, in order. */
  changes: PlannedChange[];
  closed: Array<{ code: string; successors: SuccessorRecord[] }>;
  competence: CompetenceTransfer[];
  registrar: string | null;
}

export type PartKind = 'create' | 'amend' | 'close' | 'competence';
export type PathOf = (kind: PartKind, index: number) => string;
const listPath: PathOf = (kind, index) => `${kind}[${index}]`;

/** A desk's work goes on to an agency of the same sector and a neighbouring tier, unless the decision says why. */
const NEIGHBOUR_TIERS: ReadonlyArray<readonly [AgencyTier, AgencyTier]> = [
  [AgencyTier.DISTRICT, AgencyTier.COMMUNE],
  [AgencyTier.PROVINCE, AgencyTier.PROVINCE_DEPARTMENT],
];
const compatibleTiers = (a: AgencyTier, b: AgencyTier) => a === b || NEIGHBOUR_TIERS.some(([x, y]) => (a === x && b === y) || (a === y && b === x));

const PHONE = /^[0-9+() .-]{6,20}$/;

interface Working {
  sector: Sector | null;
  validFrom: Date | null;
  validTo: Date | null;
  state: AgencyState;
  /** When its latest change took effect: a change is recorded in the order it takes effect. */
  lastEffectiveAt: Date | null;
}

export function planDecision(
  decision: Decision,
  register: Register,
  units: ReadonlyMap<string, KnownUnit>,
  procedures: ReadonlyMap<string, KnownProcedure>,
  problems: Problems,
  pathOf: PathOf = listPath,
): Plan {
  const at = decision.effectiveAt;
  const { parts } = decision;
  const plan: Plan = { created: [], changes: [], closed: [], competence: [], registrar: null };
  const openUnits = checkUnitChanges(parts.units, units, at, problems);
  const working = new Map<string, Working>();

  const agency = (code: string): Working | null => {
    const known = working.get(code);
    if (known) return known;
    const row = register.agencies.get(code);
    const state = register.stateAt(code, at);
    if (!row || !state) return null;
    const history = register.history.get(code) ?? [];
    const entry: Working = { sector: row.sector, validFrom: row.validFrom, validTo: row.validTo, state: toState(state), lastEffectiveAt: history.at(-1)?.effectiveAt ?? null };
    working.set(code, entry);
    return entry;
  };
  const isOpen = (entry: Working) => (entry.validFrom === null || entry.validFrom <= at) && (entry.validTo === null || entry.validTo > at);
  /** An agency that operates when the decision takes effect, or a problem naming why not. */
  const openAgency = (code: string | null | undefined, field: string): Working | null => {
    if (!code) return problems.add(field, 'must name an agency'), null;
    const entry = agency(code);
    if (!entry) return problems.add(field, `${code} is not in the directory`), null;
    if (!isOpen(entry)) return problems.add(field, `${entry.state.name} does not operate on ${localDate(at)}`), null;
    return entry;
  };
  const inOrder = (entry: Working, field: string) => {
    if (entry.lastEffectiveAt && entry.lastEffectiveAt > at) {
      problems.add(field, `${entry.state.name} already has a change from ${localDate(entry.lastEffectiveAt)}; changes are recorded in the order they take effect`);
    }
  };
  const checkArea = (area: readonly string[], tier: AgencyTier, field: string) => {
    if (area.length > 0 && tier !== AgencyTier.CENTRAL_VERTICAL) problems.add(field, 'only a branch of a vertical agency (tax, land) has a service area');
    for (const code of area) {
      const unit = openUnits.get(code);
      if (!unit || !isUnitOpenAt(unit, at)) problems.add(field, `${code} is not an administrative unit on ${localDate(at)}`);
    }
  };
  const checkParent = (code: string, parent: string | null, field: string) => {
    if (parent === null) return;
    if (parent === code) return problems.add(field, 'an agency cannot belong to itself');
    openAgency(parent, field);
    for (let seen = 0, up: string | null = parent; up && seen < 50; seen++, up = agency(up)?.state.parentCode ?? null) {
      if (up === code) return problems.add(field, `${parent} belongs to ${code}: an agency cannot belong to what belongs to it`);
    }
  };
  const checkTierAndSector = (tier: AgencyTier, sector: Sector | null, field: string) => {
    if (tier === AgencyTier.CENTRAL_VERTICAL && !sector) problems.add(`${field}.sector`, 'a branch of a vertical agency names its sector');
    if (tier !== AgencyTier.CENTRAL_VERTICAL && sector) problems.add(`${field}.sector`, 'only a branch of a vertical agency (CENTRAL_VERTICAL) has a sector');
  };
  const record = (code: string, kind: AgencyChangeKind, state: AgencyState, source: string | null, successors: SuccessorRecord[] = []) => {
    plan.changes.push({ code, kind, state, successors, source: source ?? decision.source });
  };

  parts.create.forEach((creation: AgencyCreation, index) => {
    const path = pathOf('create', index);
    if (!CODE.test(creation.code)) problems.add(`${path}.code`, 'must be capital letters, digits, dots or dashes, such as BN.XA.YENTHE');
    else if (agency(creation.code)) problems.add(`${path}.code`, `${creation.code} is already in the directory; a code never changes meaning`);
    checkTierAndSector(creation.tier, creation.sector, path);
    checkParent(creation.code, creation.parent, `${path}.parent`);
    checkArea(creation.serviceArea, creation.tier, `${path}.serviceArea`);
    if (creation.phone && !PHONE.test(creation.phone)) problems.add(`${path}.phone`, 'is not a phone number');
    const state: AgencyState = {
      name: creation.name,
      tier: creation.tier,
      hasDesk: creation.hasDesk,
      parentCode: creation.parent,
      address: creation.address,
      phone: creation.phone,
      serviceArea: creation.serviceArea,
      servicePortal: creation.servicePortal,
    };
    working.set(creation.code, { sector: creation.sector, validFrom: at, validTo: null, state, lastEffectiveAt: at });
    plan.created.push({ code: creation.code, sector: creation.sector });
    record(creation.code, AgencyChangeKind.CREATED, state, creation.source);
  });

  // A unit set up is governed by a People's Committee in the directory (by default, the agency with its code).
  parts.units.create.forEach((unit, index) => {
    const committee = unit.committee ?? unit.code;
    if (!agency(committee)) problems.add(`units.create[${index}].committee`, `${committee} is not in the directory: set up its People's Committee in the same decision`);
  });

  parts.amend.forEach((amendment: AgencyAmendment, index) => {
    const path = pathOf('amend', index);
    const entry = openAgency(amendment.code, `${path}.code`);
    if (!entry) return;
    inOrder(entry, `${path}.code`);
    const before = entry.state;
    const state: AgencyState = {
      name: amendment.name ?? before.name,
      tier: amendment.tier ?? before.tier,
      hasDesk: amendment.hasDesk ?? before.hasDesk,
      parentCode: amendment.parent === undefined ? before.parentCode : amendment.parent,
      address: amendment.address === undefined ? before.address : amendment.address,
      phone: amendment.phone === undefined ? before.phone : amendment.phone,
      serviceArea: amendment.serviceArea ?? before.serviceArea,
      servicePortal: amendment.servicePortal ?? before.servicePortal,
    };
    if (JSON.stringify(state) === JSON.stringify(before)) problems.add(path, `changes nothing of ${before.name}`);
    if (amendment.tier) checkTierAndSector(state.tier, entry.sector, path);
    if (amendment.parent !== undefined) checkParent(amendment.code, state.parentCode, `${path}.parent`);
    if (amendment.serviceArea || amendment.tier) checkArea(state.serviceArea, state.tier, `${path}.serviceArea`);
    if (state.phone && !PHONE.test(state.phone)) problems.add(`${path}.phone`, 'is not a phone number');
    entry.state = state;
    entry.lastEffectiveAt = at;
    record(amendment.code, AgencyChangeKind.AMENDED, state, amendment.source);
  });

  parts.close.forEach((closure: AgencyClosure, index) => {
    const path = pathOf('close', index);
    const entry = agency(closure.code);
    if (!entry) return problems.add(`${path}.code`, `${closure.code} is not in the directory`);
    if (entry.validTo !== null && entry.validTo <= at) return problems.add(`${path}.code`, `${entry.state.name} is already closed (${localDate(entry.validTo)})`);
    if (entry.validTo !== null) return problems.add(`${path}.code`, `${entry.state.name} is already to close on ${localDate(entry.validTo)}`);
    if (!isOpen(entry)) return problems.add(`${path}.code`, `${entry.state.name} does not operate yet on ${localDate(at)}`);
    inOrder(entry, `${path}.code`);
    if (closure.successors.length === 0) problems.add(`${path}.successors`, 'name who takes the work over');
    const seen = new Set<string>();
    const claimed = new Set<string>();
    let rest = 0;
    closure.successors.forEach((successor, position) => {
      const field = `${path}.successors[${position}]`;
      if (successor.agency === closure.code) return problems.add(`${field}.agency`, 'an agency cannot succeed itself');
      if (seen.has(successor.agency)) return problems.add(`${field}.agency`, `${successor.agency} is named twice`);
      seen.add(successor.agency);
      const next = openAgency(successor.agency, `${field}.agency`);
      if (!next) return;
      const crosses = next.sector !== entry.sector || !compatibleTiers(next.state.tier, entry.state.tier);
      if (crosses && !closure.differenceReason) {
        problems.add(`${path}.differenceReason`, `${next.state.name} is of another tier or sector than ${entry.state.name}; say why it takes the work over`);
      }
      if (entry.state.hasDesk && !next.state.hasDesk) problems.add(`${field}.agency`, `${next.state.name} has no reception desk to return ${entry.state.name}’s results`);
      if (successor.area.length === 0) rest += 1;
      for (const code of successor.area) {
        if (claimed.has(code)) problems.add(`${field}.area`, `${code} is in two successors’ areas`);
        claimed.add(code);
        if (!openUnits.has(code)) problems.add(`${field}.area`, `${code} is not an administrative unit`);
      }
    });
    if (rest > 1) problems.add(`${path}.successors`, 'at most one successor takes the rest (has no area)');
    entry.validTo = at;
    plan.closed.push({ code: closure.code, successors: closure.successors });
    record(closure.code, AgencyChangeKind.CLOSED, entry.state, closure.source, closure.successors);
  });

  parts.competence.forEach((move, index) => {
    const path = pathOf('competence', index);
    const procedure = procedures.get(move.procedure);
    if (!procedure) problems.add(`${path}.procedure`, `${move.procedure} is not in the catalogue`);
    if (move.from === move.to) problems.add(`${path}.to`, 'the competence must move to another agency');
    openAgency(move.from, `${path}.from`);
    const to = openAgency(move.to, `${path}.to`);
    if (to && !to.state.hasDesk) problems.add(`${path}.to`, `${to.state.name} has no desk to receive the procedure`);
    const moves = procedure?.competenceMoves ?? [];
    const later = moves.find((earlier) => earlier.effectiveAt > at);
    const last = moves.filter((earlier) => earlier.effectiveAt <= at).at(-1);
    if (later) problems.add(`${path}.procedure`, `its competence already moves on ${localDate(later.effectiveAt)}; moves are recorded in the order they take effect`);
    else if (last && last.to === move.to) problems.add(`${path}.to`, `the competence already lies with ${move.to} since ${localDate(last.effectiveAt)}`);
    else if (last && last.to !== move.from) problems.add(`${path}.from`, `since ${localDate(last.effectiveAt)} the competence lies with ${last.to}, not ${move.from}`);
    plan.competence.push(move);
  });

  const registrarNow = register.registrarAt(at);
  if (parts.registrar !== null) {
    const next = openAgency(parts.registrar, 'registrar');
    if (next && parts.registrar === registrarNow) problems.add('registrar', `${next.state.name} already keeps the registers`);
    plan.registrar = parts.registrar;
  }
  // The registers are never left without a keeper: the registrar closes only when the decision names the next.
  const keeper = plan.registrar ?? registrarNow;
  if (keeper && plan.closed.some((closed) => closed.code === keeper)) {
    problems.add(plan.registrar ? 'registrar' : pathOf('close', parts.close.findIndex((closure) => closure.code === keeper)), 'the registrar cannot close itself: name the agency that keeps the registers from then on');
  }
  return plan;
}

export function toState(change: AgencyState): AgencyState {
  return {
    name: change.name,
    tier: change.tier,
    hasDesk: change.hasDesk,
    parentCode: change.parentCode,
    address: change.address,
    phone: change.phone,
    serviceArea: [...change.serviceArea],
    servicePortal: change.servicePortal,
  };
}
