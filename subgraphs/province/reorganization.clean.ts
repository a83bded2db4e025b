import { text } from '../common/validation';
import { optionalText, Problems, requiredText } from '../common/validation';
import type { UnitChanges, UnitLevelCode } from '../common/unit-changes';
import { AgencyTier, Sector } from './agency.entity';
import { cleanBasis, checkEffectiveAt } from './register';
import type { AgencyAmendment, AgencyClosure, AgencyCreation, Decision, DecisionParts } from './reorganization.parts';
import type { AgencyChangesInput, AgencyClosureInput, AgencyInput, ReorganizationInput, UnitChangesInput } from './reorganization.input';

/**
 * A reorganisation's input as the registers keep it: codes and text trimmed and composed (NFC), lists
 * without repeats, every shape problem collected with its field. The register's rules come after
 * (`reorganization.check.ts`).
 */

const code = (value: string | null | undefined) => text(value ?? '').toUpperCase();
const codes = (values: readonly string[] | null | undefined) => [...new Set((values ?? []).map(code))];
/** A list of codes no longer than a province has units (a service area, a successor's area). */
const MAX_CODES = 2000;
function boundedCodes(problems: Problems, field: string, values: readonly string[] | null | undefined): string[] {
  if ((values?.length ?? 0) > MAX_CODES) problems.add(field, `at most ${MAX_CODES} codes`);
  return codes(values?.slice(0, MAX_CODES));
}

const TIERS = new Set<string>(Object.values(AgencyTier));
const SECTORS = new Set<string>(Object.values(Sector));

function cleanTier(problems: Problems, field: string, value: string | null | undefined): AgencyTier {
  if (!TIERS.has(String(value))) problems.add(field, `must be one of ${[...TIERS].join(', ')}`);
  return value as AgencyTier;
}

function cleanSector(problems: Problems, field: string, value: string | null | undefined): Sector | null {
  if (value == null) return null;
  if (!SECTORS.has(value)) problems.add(field, `must be one of ${[...SECTORS].join(', ')}`);
  return value as Sector;
}

export function cleanCreation(problems: Problems, path: string, input: AgencyInput & { source?: string | null }): AgencyCreation {
  return {
    code: code(input.code),
    name: requiredText(problems, `${path}.name`, input.name, 300),
    tier: cleanTier(problems, `${path}.tier`, input.tier),
    sector: cleanSector(problems, `${path}.sector`, input.sector),
    parent: input.parent == null ? null : code(input.parent),
    hasDesk: input.hasDesk === true,
    address: optionalText(problems, `${path}.address`, input.address, 500),
    phone: optionalText(problems, `${path}.phone`, input.phone, 20),
    serviceArea: boundedCodes(problems, `${path}.serviceArea`, input.serviceArea),
    servicePortal: input.servicePortal === true,
    source: optionalText(problems, `${path}.source`, input.source, 2000),
  };
}

export function cleanAmendment(problems: Problems, path: string, agency: string, input: AgencyChangesInput & { source?: string | null }): AgencyAmendment {
  const amendment: AgencyAmendment = { code: code(agency), source: optionalText(problems, `${path}.source`, input.source, 2000) };
  if (input.name != null) amendment.name = requiredText(problems, `${path}.name`, input.name, 300);
  if (input.tier != null) amendment.tier = cleanTier(problems, `${path}.tier`, input.tier);
  if (input.clearParent && input.parent != null) problems.add(`${path}.parent`, 'give a parent or clearParent, not both');
  if (input.parent != null) amendment.parent = code(input.parent);
  else if (input.clearParent) amendment.parent = null;
  if (input.hasDesk != null) amendment.hasDesk = input.hasDesk;
  if (input.address != null) amendment.address = optionalText(problems, `${path}.address`, input.address, 500);
  if (input.phone != null) amendment.phone = optionalText(problems, `${path}.phone`, input.phone, 20);
  if (input.serviceArea != null) amendment.serviceArea = boundedCodes(problems, `${path}.serviceArea`, input.serviceArea);
  if (input.servicePortal != null) amendment.servicePortal = input.servicePortal;
  return amendment;
}

export function cleanClosure(problems: Problems, path: string, input: AgencyClosureInput): AgencyClosure {
  return {
    code: code(input.code),
    successors: (input.successors ?? []).slice(0, 100).map((successor, index) => ({
      agency: code(successor.agency),
      area: boundedCodes(problems, `${path}.successors[${index}].area`, successor.area),
    })),
    differenceReason: optionalText(problems, `${path}.differenceReason`, input.differenceReason, 1000),
    source: optionalText(problems, `${path}.source`, input.source, 2000),
  };
}

function cleanUnits(problems: Problems, input: UnitChangesInput | null | undefined): UnitChanges {
  return {
    create: (input?.create ?? []).map((unit, index) => ({
      code: code(unit.code),
      name: requiredText(problems, `units.create[${index}].name`, unit.name, 200),
      level: unit.level as UnitLevelCode,
      parent: unit.parent == null ? null : code(unit.parent),
      committee: unit.committee == null ? null : code(unit.committee),
    })),
    merge: (input?.merge ?? []).map((merger) => ({ units: codes(merger.units), into: code(merger.into) })),
    rename: (input?.rename ?? []).map((renaming, index) => ({ code: code(renaming.code), name: requiredText(problems, `units.rename[${index}].name`, renaming.name, 200) })),
    end: codes(input?.end),
  };
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;

/** The decision as the registers apply it; every shape problem in `problems`. */
export function cleanDecision(problems: Problems, input: ReorganizationInput, now: Date): Decision {
  checkEffectiveAt(problems, 'effectiveAt', input.effectiveAt, now);
  const id = input.id == null ? null : text(input.id);
  if (id !== null && !ID.test(id)) problems.add('id', 'must be letters, digits and . _ : / - (at most 100)');
  const parts: DecisionParts = {
    create: (input.create ?? []).map((creation, index) => cleanCreation(problems, `create[${index}]`, creation)),
    amend: (input.amend ?? []).map((amendment, index) => cleanAmendment(problems, `amend[${index}]`, amendment.code, amendment)),
    close: (input.close ?? []).map((closure, index) => cleanClosure(problems, `close[${index}]`, closure)),
    units: cleanUnits(problems, input.units),
    competence: (input.competence ?? []).map((move) => ({ procedure: code(move.procedure), from: code(move.from), to: code(move.to), source: null })),
    registrar: input.registrar == null ? null : code(input.registrar),
  };
  const size = parts.create.length + parts.amend.length + parts.close.length + parts.competence.length + (parts.registrar ? 1 : 0) +
    parts.units.create.length + parts.units.merge.length + parts.units.rename.length + parts.units.end.length;
  if (size === 0) problems.add('input', 'a decision changes something: agencies, units, competences or the registrar');
  if (size > 2000) problems.add('input', 'a decision changes at most 2000 things; split it');
  return { id, effectiveAt: input.effectiveAt, ...cleanBasis(problems, input), parts };
}
