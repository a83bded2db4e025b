import type { Problems } from './validation';
import { requiredText } from './validation';

/**
 * What a reorganisation does to administrative units (đơn vị hành chính): new units, several merged into
 * one from a date, renames. The province subgraph checks them with the rest of the decision before
 * anything is written; the local subgraph, which keeps the units, applies them from the province's message.
 * Codes never change meaning: a unit that ends keeps its code and points to its successor.
 */

export type UnitLevelCode = 'DISTRICT' | 'COMMUNE';

export interface UnitCreation {
  code: string;
  /** As documents write it: “xã Yên Thế”, “phường Bắc Giang”. */
  name: string;
  level: UnitLevelCode;
  /** The district it belongs to; none for a commune of a province with two tiers (from 1/7/2025). */
  parent: string | null;
  /** The People's Committee that governs it; by default an agency with the unit's code. */
  committee: string | null;
}

/** Sáp nhập: every unit of `units` ends and `into` takes over its whole area and population. */
export interface UnitMerger {
  units: string[];
  into: string;
}

export interface UnitRenaming {
  code: string;
  name: string;
}

export interface UnitChanges {
  create: UnitCreation[];
  merge: UnitMerger[];
  rename: UnitRenaming[];
  /** Chấm dứt: units that end without one successor (a district whose communes carry on, from 1/7/2025). */
  end: string[];
}

export const NO_UNIT_CHANGES: UnitChanges = { create: [], merge: [], rename: [], end: [] };

export const hasUnitChanges = (changes: UnitChanges) => changes.create.length + changes.merge.length + changes.rename.length + (changes.end ?? []).length > 0;

/** A unit as the registers know it when they check a decision. */
export interface KnownUnit {
  code: string;
  level: UnitLevelCode;
  validFrom: string | Date | null;
  validTo: string | Date | null;
}

export const isUnitOpenAt = (unit: KnownUnit, at: Date) =>
  (unit.validFrom === null || new Date(unit.validFrom) <= at) && (unit.validTo === null || new Date(unit.validTo) > at);

/** The project's readable codes: letters, digits, dots and dashes, such as BG.YENTHE.CAUGO or BN.XA.YENTHE. */
export const CODE = /^[A-Z0-9](?:[A-Z0-9.-]{0,62}[A-Z0-9])?$/;

/**
 * Adds to `problems` what is wrong with the changes at `at`, given the units known then; returns the units
 * the decision leaves open, for the rest of the decision to refer to (service areas, successors' areas).
 */
export function checkUnitChanges(changes: UnitChanges, known: ReadonlyMap<string, KnownUnit>, at: Date, problems: Problems, field = 'units'): Map<string, KnownUnit> {
  const after = new Map(known);
  changes.create.forEach((unit, index) => {
    const path = `${field}.create[${index}]`;
    if (!CODE.test(unit.code)) problems.add(`${path}.code`, 'must be capital letters, digits, dots or dashes, such as BN.XA.YENTHE');
    else if (after.has(unit.code)) problems.add(`${path}.code`, `${unit.code} already exists; a code never changes meaning`);
    requiredText(problems, `${path}.name`, unit.name, 200);
    if (unit.parent !== null) {
      const parent = after.get(unit.parent);
      if (!parent || parent.level !== 'DISTRICT' || !isUnitOpenAt(parent, at)) problems.add(`${path}.parent`, 'must be a district that exists then');
      if (unit.level === 'DISTRICT') problems.add(`${path}.parent`, 'a district belongs to the province directly');
    }
    after.set(unit.code, { code: unit.code, level: unit.level, validFrom: at, validTo: null });
  });
  const merged = new Set<string>();
  changes.merge.forEach((merger, index) => {
    const path = `${field}.merge[${index}]`;
    if (merger.units.length === 0) problems.add(`${path}.units`, 'must name the units that merge');
    const into = after.get(merger.into);
    if (!into || !isUnitOpenAt(into, at)) problems.add(`${path}.into`, `${merger.into} is not a unit that exists then`);
    for (const code of merger.units) {
      const unit = known.get(code);
      if (!unit || !isUnitOpenAt(unit, at)) problems.add(`${path}.units`, `${code} is not a unit that exists then`);
      else if (code === merger.into) problems.add(`${path}.units`, `${code} cannot merge into itself`);
      else if (merged.has(code)) problems.add(`${path}.units`, `${code} is merged twice`);
      else if (into && unit.level !== into.level) problems.add(`${path}.into`, `${code} and ${merger.into} are not of the same level`);
      merged.add(code);
    }
  });
  (changes.end ?? []).forEach((code, index) => {
    const unit = known.get(code);
    if (!unit || !isUnitOpenAt(unit, at)) problems.add(`${field}.end[${index}]`, `${code} is not a unit that exists then`);
    else if (merged.has(code)) problems.add(`${field}.end[${index}]`, `${code} is both merged and ended`);
    merged.add(code);
  });
  for (const code of merged) {
    const unit = after.get(code);
    if (unit) after.set(code, { ...unit, validTo: at });
  }
  changes.rename.forEach((renaming, index) => {
    const path = `${field}.rename[${index}]`;
    const unit = after.get(renaming.code);
    if (!unit || !isUnitOpenAt(unit, at)) problems.add(`${path}.code`, `${renaming.code} is not a unit that exists then`);
    requiredText(problems, `${path}.name`, renaming.name, 200);
  });
  return after;
}
