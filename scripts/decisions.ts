import 'reflect-metadata';
import { basename } from 'node:path';
import type { Identity } from '../subgraphs/common/auth';
import { decisionsAsOf, inEffectiveOrder, readDecisionFile, type DecisionEntry } from '../subgraphs/common/decision-file';
import { openOrm } from '../subgraphs/common/orm';
import { parseDateTime } from '../subgraphs/common/scalars';
import { hasUnitChanges, NO_UNIT_CHANGES, type UnitChanges } from '../subgraphs/common/unit-changes';
import { local } from '../subgraphs/local';
import { applyUnitDecision, knownUnits } from '../subgraphs/local/units.register';
import { province } from '../subgraphs/province';
import { applyDecisionEntries, type Applied } from '../subgraphs/province/decisions';

/**
 * A decision file applied to a prepared database, by the code `reorganize` and `publishProcedureVersion`
 * run: the province's registers first (checked whole, against the units the local subgraph has), then the
 * units' part in the local subgraph. Decisions already applied are left as they are. The onestop subgraph
 * sends the dossiers in flight after their work when it reads the province's message.
 */
export async function applyDecisionFile(databaseUrl: string, path: string, options: { now?: Date; asOf?: string } = {}): Promise<Applied> {
  const now = options.now ?? new Date();
  const file = readDecisionFile(path);
  const decisions = decisionsAsOf(inEffectiveOrder(file.decisions), options.asOf, new Date(8.64e15));
  const recordedBy = `npm run reorganize: ${basename(path)}`;
  const [provinceOrm, localOrm] = await Promise.all([
    openOrm(province.database, { databaseUrl, poolMax: 2 }),
    openOrm(local.database, { databaseUrl, poolMax: 2 }),
  ]);
  try {
    const units = await knownUnits(localOrm.em.fork());
    const applied = await provinceOrm.em.fork().transactional((em) => applyDecisionEntries(em, decisions, units, now, recordedBy));
    const loader: Identity = { sub: 'hub:reorganize', name: recordedBy, agency: 'HUB', roles: ['SYSTEM'] };
    for (const entry of decisions) {
      const units = unitChangesOf(entry);
      if (hasUnitChanges(units)) await applyUnitDecision(localOrm.em.fork(), { id: entry.id, effectiveAt: parseDateTime(entry.effectiveAt), source: entry.source, units }, loader, now);
    }
    return applied;
  } finally {
    await Promise.all([provinceOrm.close(), localOrm.close()]);
  }
}

function unitChangesOf(entry: DecisionEntry): UnitChanges {
  const units = { ...NO_UNIT_CHANGES, ...(entry.units as Partial<UnitChanges> | undefined) };
  return {
    create: (units.create ?? []).map((unit) => ({ ...unit, code: unit.code.toUpperCase(), parent: unit.parent ?? null, committee: unit.committee ?? null })),
    merge: units.merge ?? [],
    rename: units.rename ?? [],
    end: units.end ?? [],
  };
}
