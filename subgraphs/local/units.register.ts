import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../common/auth';
import { BadUserInputError } from '../common/errors';
import { bundledDecisions, decisionsAsOf } from '../common/decision-file';
import { env } from '../common/env';
import { recordMessage } from '../common/outbox';
import { parseDateTime } from '../common/scalars';
import { checkUnitChanges, hasUnitChanges, NO_UNIT_CHANGES, type KnownUnit, type UnitChanges } from '../common/unit-changes';
import { Problems } from '../common/validation';
import { AdministrativeUnit, UnitLevel } from './administrative-unit.entity';
import { AppliedDecision } from './applied-decision.entity';
import { LocalOutboxEvent } from './outbox.entity';
import { UnitName } from './unit-name.entity';

/**
 * The administrative units' register (danh mục đơn vị hành chính): units change only by a dated decision —
 * set up, merged into another (sáp nhập), renamed — checked whole by the province with the rest of the
 * decision and applied here from its message (or, for the bundled decisions, when the database is
 * prepared). A code never changes meaning: a merged unit ends and points to its successor.
 */

export interface UnitDecision {
  id: string;
  effectiveAt: Date;
  source: string;
  units: UnitChanges;
}

export async function knownUnits(em: EntityManager): Promise<Map<string, KnownUnit>> {
  const units = await em.find(AdministrativeUnit, {});
  return new Map(units.map((unit) => [unit.code, { code: unit.code, level: unit.level, validFrom: unit.validFrom, validTo: unit.validTo }]));
}

/** Applies a decision's units' part once; false when it was applied before. BAD_USER_INPUT writes nothing. */
export async function applyUnitDecision(em: EntityManager, decision: UnitDecision, actor: Identity, now: Date): Promise<boolean> {
  return em.transactional(async (tx) => {
    // One decision at a time, so that the file being applied and the province's message never both apply it.
    await tx.execute(`select pg_advisory_xact_lock(hashtext('mot-cua-hub:local-units'))`);
    if (await tx.count(AppliedDecision, { id: decision.id })) return false;
    const problems = new Problems();
    checkUnitChanges(decision.units, await knownUnits(tx), decision.effectiveAt, problems);
    problems.throwIfAny({ decision: decision.id });
    const at = decision.effectiveAt;
    for (const unit of decision.units.create) {
      const created = new AdministrativeUnit({ code: unit.code, name: unit.name, level: unit.level as UnitLevel, committeeCode: unit.committee ?? unit.code });
      created.parent = unit.parent ? tx.getReference(AdministrativeUnit, unit.parent) : null;
      created.validFrom = at;
      tx.persist(created);
    }
    await tx.flush();
    for (const merger of decision.units.merge) {
      const into = tx.getReference(AdministrativeUnit, merger.into);
      for (const unit of await tx.find(AdministrativeUnit, { code: { $in: merger.units } })) Object.assign(unit, { validTo: at, successor: into });
    }
    for (const unit of await tx.find(AdministrativeUnit, { code: { $in: decision.units.end ?? [] } })) unit.validTo = at;
    for (const renaming of decision.units.rename) {
      tx.persist(new UnitName({ unit: tx.getReference(AdministrativeUnit, renaming.code), effectiveAt: at, name: renaming.name, decision: decision.id }));
    }
    tx.persist(new AppliedDecision({ id: decision.id, effectiveAt: at, source: decision.source, appliedAt: now }));
    recordMessage(tx, LocalOutboxEvent, actor, 'UNITS_CHANGED', null, { decision: decision.id, effectiveAt: at.toISOString() }, now);
    return true;
  });
}

/** The units' part of the bundled decisions taking effect up to HUB_DIRECTORY_AS_OF, when the database is prepared. */
export async function applyBundledUnitDecisions(em: EntityManager, now = new Date()): Promise<void> {
  const loader: Identity = { sub: 'hub:reference-data', name: 'Một Cửa Hub (dữ liệu tham chiếu)', agency: 'HUB', roles: ['SYSTEM'] };
  for (const entry of decisionsAsOf(bundledDecisions(), env().directoryAsOf, now)) {
    const units: UnitChanges = { ...NO_UNIT_CHANGES, ...(entry.units as Partial<UnitChanges> | undefined) };
    const changes: UnitChanges = {
      create: (units.create ?? []).map((unit) => ({ ...unit, parent: unit.parent ?? null, committee: unit.committee ?? null })),
      merge: units.merge ?? [],
      rename: units.rename ?? [],
      end: units.end ?? [],
    };
    if (!hasUnitChanges(changes)) continue;
    try {
      await applyUnitDecision(em, { id: entry.id, effectiveAt: parseDateTime(entry.effectiveAt), source: entry.source, units: changes }, loader, now);
    } catch (error) {
      if (error instanceof BadUserInputError) throw new Error(`Decision ${entry.id}: its units cannot be applied: ${error.message}`);
      throw error;
    }
  }
}
