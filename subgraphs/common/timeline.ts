/**
 * Registers keep every change with the date it takes effect (hiệu lực), so a register can answer as it
 * stood at any instant: a change recorded today may take effect last month or next year. Entries are kept
 * in the order they take effect; an entry without a date holds since before the register began.
 */

/** An instant, as a Date or as the ISO text the graph carries; null: since before the register began. */
export type EffectiveDate = Date | string | null;

const byEffectiveAt = (entry: { effectiveAt?: EffectiveDate }) => entry.effectiveAt ?? null;
const instant = (value: EffectiveDate) => (value === null ? -Infinity : new Date(value).getTime());

/** The entry in force at `at`: the last one that took effect by then; null before the first. */
export function inForceAt<T>(entries: readonly T[], at: Date, dateOf: (entry: T) => EffectiveDate = byEffectiveAt as never): T | null {
  let found: T | null = null;
  for (const entry of entries) if (instant(dateOf(entry)) <= at.getTime()) found = entry;
  return found;
}

/** The entry in force at `at`, or, before the first took effect, the first: what the register began with. */
export function asOf<T>(entries: readonly T[], at: Date, dateOf: (entry: T) => EffectiveDate = byEffectiveAt as never): T | undefined {
  return inForceAt(entries, at, dateOf) ?? entries[0];
}
