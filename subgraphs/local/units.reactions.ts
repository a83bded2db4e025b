import type { Reaction } from '../common/feed-reader';
import { hasUnitChanges, type UnitChanges } from '../common/unit-changes';
import { applyUnitDecision } from './units.register';

/** What local does on the province's messages: a reorganisation's units' part, once. */
export const UNIT_REACTIONS: Record<string, Reaction> = {
  REORGANIZED: async (deps, message) => {
    const { decision, effectiveAt, source, units } = message.payload as { decision: string; effectiveAt: string; source: string; units: UnitChanges };
    if (!units || !hasUnitChanges(units)) return;
    await applyUnitDecision(deps.em, { id: decision, effectiveAt: new Date(effectiveAt), source, units }, deps.actor!, deps.now);
  },
};
