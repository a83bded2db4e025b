import { counterId, type CounterKey } from './counter';

/**
 * What one process expects its counters' next numbers to be, learned from the numbers it took. Wrong when
 * something else took numbers meanwhile (another replica, a write that failed): the write that finds so fails
 * whole and takes its numbers in turn, and the counters it expected are left to their turns for `quietMs`,
 * then learned again (a while of the machine's time, not the hub's clock: it is how long another replica's
 * receipts may keep coming). It keeps the counters last used, `most` of each kind at most (a desk's day
 * counter is used for a day).
 */
export class CounterForecast {
  private readonly next = new Map<string, number>();
  private readonly values = new Map<string, number>();
  private readonly quietUntil = new Map<string, number>();

  constructor(
    private readonly quietMs = 5_000,
    private readonly most = 10_000,
  ) {}

  /** The number `key` should give next; undefined when not known, or for a while after a miss. */
  expected(key: CounterKey, now = Date.now()): number | undefined {
    const quiet = this.quietUntil.get(counterId(key));
    if (quiet !== undefined && quiet > now) return undefined;
    return this.next.get(counterId(key));
  }

  /** The value a counter that is read, not taken, was last seen to hold (a ledger book's volume). */
  known(key: CounterKey): number | undefined {
    return this.values.get(counterId(key));
  }

  /** Numbers `take` gave, and values `read` held, in a write that was stored. */
  learn(take: ReadonlyArray<CounterKey>, taken: readonly number[], read: ReadonlyArray<CounterKey> = [], values: readonly number[] = []): void {
    for (const [index, key] of take.entries()) this.keep(this.next, counterId(key), Math.max(this.next.get(counterId(key)) ?? 0, taken[index] + 1));
    for (const [index, key] of read.entries()) this.keep(this.values, counterId(key), values[index]);
  }

  /** A write with the numbers expected of `take` failed: they are no longer known, and are taken in turn for a while. */
  missed(take: ReadonlyArray<CounterKey>, now = Date.now()): void {
    for (const key of take) {
      this.next.delete(counterId(key));
      this.keep(this.quietUntil, counterId(key), now + this.quietMs);
    }
  }

  /** Sets `id` as the last used of `map`, and lets go of the least recently set past `most`. */
  private keep(map: Map<string, number>, id: string, value: number): void {
    map.delete(id);
    map.set(id, value);
    if (map.size > this.most) map.delete(map.keys().next().value!);
  }
}
