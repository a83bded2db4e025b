import type { EntityManager } from '@mikro-orm/postgresql';
import { bundledDecisions, decisionsAsOf, type DecisionEntry } from '../common/decision-file';
import { env } from '../common/env';
import { agencyRecords } from '../common/reference-data';
import { parseDateTime } from '../common/scalars';
import { checkUnitChanges, type KnownUnit } from '../common/unit-changes';
import { Problems } from '../common/validation';
import { ProcedureVersion } from './procedure-version.entity';
import type { ProcedureVersionInput } from './procedure-version.input';
import { appendVersion, cleanVersion } from './procedure.service';
import { currentRegistrar, referenceLoader } from './register';
import { cleanDecision } from './reorganization.clean';
import { Reorganization } from './reorganization.entity';
import type { ReorganizationInput } from './reorganization.input';
import { applyDecision } from './reorganization.service';

/**
 * Decisions kept as files, applied by the code `reorganize` and `publishProcedureVersion` run: the bundled
 * ones when a database is prepared (up to HUB_DIRECTORY_AS_OF), a province's own with
 * `npm run reorganize -- <file>`. A decision already in the register is left as it is.
 */

const asInput = (entry: DecisionEntry): ReorganizationInput => ({ ...(entry as object), effectiveAt: parseDateTime(entry.effectiveAt) }) as ReorganizationInput;

/** The units the hub knows from the 2015 reference data, with what the decisions before did to them. */
export function referenceUnits(): Map<string, KnownUnit> {
  return new Map(
    agencyRecords()
      .filter((agency) => agency.tier === 'DISTRICT' || agency.tier === 'COMMUNE')
      .map((agency) => [agency.code, { code: agency.code, level: agency.tier as 'DISTRICT' | 'COMMUNE', validFrom: null, validTo: null }]),
  );
}

export interface Applied {
  applied: string[];
  skipped: string[];
}

/**
 * Applies each decision not yet in the register, in order; `units` are the units known before the first, and
 * each decision's own unit changes are taken into account for the next. Throws (BAD_USER_INPUT, CONFLICT) on
 * the first that cannot be applied, naming it; those before stay applied.
 */
export async function applyDecisionEntries(
  em: EntityManager,
  decisions: DecisionEntry[],
  units: Map<string, KnownUnit>,
  now: Date,
  recordedBy?: string,
): Promise<Applied> {
  const result: Applied = { applied: [], skipped: [] };
  let known = units;
  for (const entry of decisions) {
    const effectiveAt = parseDateTime(entry.effectiveAt);
    const problems = new Problems();
    const decision = cleanDecision(problems, { ...asInput(entry), id: entry.id }, now);
    const before = known;
    known = checkUnitChanges(decision.parts.units, before, effectiveAt, new Problems());
    const registrar = (await currentRegistrar(em, effectiveAt)) ?? (await currentRegistrar(em, now));
    const actor = referenceLoader(registrar ?? 'HUB', recordedBy);
    // A decision that only publishes procedure versions changes nothing in the agency register.
    const onlyProcedures = ['create', 'amend', 'close', 'competence'].every((part) => !(entry[part as keyof DecisionEntry] as unknown[] | undefined)?.length) &&
      !entry.registrar && !entry.units;
    try {
      let changed = false;
      if (!onlyProcedures && !(await em.count(Reorganization, { id: entry.id }))) {
        problems.throwIfAny();
        await applyDecision(em, decision, { actor, now, units: before });
        changed = true;
      }
      for (const version of entry.procedures ?? []) {
        const from = parseDateTime(version.effectiveFrom);
        if (await em.count(ProcedureVersion, { procedure: version.code, effectiveFrom: from })) continue;
        const versionProblems = new Problems();
        const content = cleanVersion(versionProblems, { ...(version as object), effectiveFrom: from } as ProcedureVersionInput, now);
        versionProblems.throwIfAny();
        await appendVersion(em, version.code, content, actor, now);
        changed = true;
      }
      (changed ? result.applied : result.skipped).push(entry.id);
    } catch (error) {
      throw Object.assign(new Error(`Decision ${entry.id} (${entry.source}) cannot be applied: ${(error as Error).message}`), { cause: error });
    }
  }
  return result;
}

/** The bundled decisions taking effect up to HUB_DIRECTORY_AS_OF (now by default). */
export function applyBundledDecisions(em: EntityManager, now = new Date()): Promise<Applied> {
  return applyDecisionEntries(em, decisionsAsOf(bundledDecisions(), env().directoryAsOf, now), referenceUnits(), now);
}
