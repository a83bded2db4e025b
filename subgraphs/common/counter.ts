import { PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Statement } from './statements';

/**
 * Gapless numbering (dossier serials per desk and day; receipt, guidance, ledger and tax-notice numbers per
 * year). The increment runs in the caller's transaction: concurrent callers take turns on the row, and a
 * transaction that rolls back gives its number back. Each subgraph keeps its own `counter` table.
 */
export abstract class CounterBase {
  @PrimaryKey({ type: 'text' })
  scope!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'integer' })
  value!: number;

  constructor(init: Pick<CounterBase, 'scope' | 'key' | 'value'>) {
    Object.assign(this, init);
  }
}

export type CounterKey = readonly [scope: string, key: string];

/** The next number of each [scope, key] in the schema's counter table, in one statement. */
export async function nextNumbers(em: EntityManager, schema: string, counters: ReadonlyArray<CounterKey>): Promise<number[]> {
  return (await takeNumbersAndRead(em, schema, counters, [])).taken!;
}

/** The insert that takes the next number of each of `take`, in their order, and returns scope, key and value; `gated`: only when the CTE `gate` finds the way free. */
function taking(counter: string, take: ReadonlyArray<CounterKey>, gated: boolean): Statement {
  return [
    `insert into ${counter} (scope, key, value)
     select scope, key, 1 from (values ${take.map(() => '(?, ?)').join(', ')}) as taking (scope, key)${gated ? ' where (select free from gate)' : ''}
     on conflict (scope, key) do update set value = ${counter}.value + 1
     returning scope, key, value`,
    take.flat(),
  ];
}

/**
 * The next number of each of `take`, and in the same statement the values the counters of `read` held when
 * it began (undefined for one not there then): a value another transaction committed while this one waited
 * for its turn on a counter it takes is not among them, and the caller reads it again if it needs it.
 * With `unless` (a query and its `?` values), nothing is taken when it finds a row as the statement begins,
 * and `taken` is null:
 * a retried request that was already done takes no numbers, in the same round trip.
 */
export async function takeNumbersAndRead(
  em: EntityManager,
  schema: string,
  take: ReadonlyArray<CounterKey>,
  read: ReadonlyArray<CounterKey>,
  unless?: Statement,
): Promise<{ taken: number[] | null; read: Array<number | undefined> }> {
  const counter = `"${schema}".counter`;
  // Each part with its own values, in the order they stand in the statement.
  const gate: Statement = unless ? [`gate as (select not exists (${unless[0]}) as free), `, unless[1]] : ['', []];
  const bumping = taking(counter, take, !!unless);
  const reading: Statement = [read.map(() => ` union all select false, scope, key, value from ${counter} where scope = ? and key = ?`).join(''), read.flat()];
  const rows = await em.execute<Array<{ bumped: boolean; scope: string; key: string; value: number }>>(
    `with ${gate[0]}bumped as (${bumping[0]})
     select true as bumped, scope, key, value from bumped${reading[0]}`,
    [...gate[1], ...bumping[1], ...reading[1]],
  );
  const valueOf = (bumped: boolean, [scope, key]: CounterKey) => rows.find((row) => row.bumped === bumped && row.scope === scope && row.key === key)?.value;
  const taken = take.map((counter) => valueOf(true, counter));
  const missing = taken.filter((value) => value === undefined).length;
  // All or none: one gate stands for every counter of the statement.
  if (missing > 0 && missing < take.length) throw new Error(`${missing} of ${take.length} counters were not taken in one statement.`);
  return { taken: missing === 0 ? (taken as number[]) : null, read: read.map((counter) => valueOf(false, counter)) };
}

/** The words of `takeExpected`'s refusal (PostgreSQL's 22P02, "invalid input syntax for type integer"). */
export const MISSED = 'the expected numbers were taken by another';

/**
 * Numbers taken in the statement that writes with them (`executeTogether`, whose first part `taking` must
 * be, named `firstPart`): `taking` takes the next number of each of `take`, and `turn`, the statement's last
 * part, fails the whole statement, so that nothing is taken and nothing written, unless they are `expected`
 * and each of `read` holds its expected value; it returns no rows. The caller wrote with the expected
 * numbers; when it fails, it takes the numbers in turn (`takeNumbersAndRead`) and writes again.
 */
export function takeExpected(
  schema: string,
  firstPart: string,
  take: ReadonlyArray<CounterKey>,
  expected: readonly number[],
  read: ReadonlyArray<readonly [...CounterKey, number]> = [],
): { taking: Statement; turn: Statement } {
  const counter = `"${schema}".counter`;
  const reads = read.map(() => ` and exists (select from ${counter} where scope = ? and key = ? and value = ?)`).join('');
  return {
    taking: taking(counter, take, false),
    // The failing branch depends on the rows, or PostgreSQL would fold it, and fail, when it plans.
    turn: [
      `select from ${firstPart} having cast(case when count(*) filter (where (scope, key, value) in (${take.map(() => '(?, ?, ?)').join(', ')})) = ${take.length}${reads}
         then '0' else '${MISSED}: ' || count(*) end as integer) <> 0`,
      [...take.flatMap((key, index) => [...key, expected[index]]), ...read.flat()],
    ],
  };
}

/**
 * What one process expects its counters' next numbers to be, learned from the numbers it took. Wrong when
 * something else took numbers meanwhile (another replica, a write that failed): the write that finds so fails
 * whole and takes its numbers in turn, and the counters it expected are left to their turns for `quietMs`,
 * then learned again. It keeps the counters last used, `most` of each kind at most (a desk's day counter is
 * used for a day).
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
    const quiet = this.quietUntil.get(idOf(key));
    if (quiet !== undefined && quiet > now) return undefined;
    return this.next.get(idOf(key));
  }

  /** The value a counter that is read, not taken, was last seen to hold (a ledger book's volume). */
  known(key: CounterKey): number | undefined {
    return this.values.get(idOf(key));
  }

  /** Numbers `take` gave, and values `read` held, in a write that was stored. */
  learn(take: ReadonlyArray<CounterKey>, taken: readonly number[], read: ReadonlyArray<CounterKey> = [], values: readonly number[] = []): void {
    for (const [index, key] of take.entries()) this.keep(this.next, idOf(key), Math.max(this.next.get(idOf(key)) ?? 0, taken[index] + 1));
    for (const [index, key] of read.entries()) this.keep(this.values, idOf(key), values[index]);
  }

  /** A write with the numbers expected of `take` failed: they are no longer known, and are taken in turn for a while. */
  missed(take: ReadonlyArray<CounterKey>, now = Date.now()): void {
    for (const key of take) {
      this.next.delete(idOf(key));
      this.keep(this.quietUntil, idOf(key), now + this.quietMs);
    }
  }

  /** Sets `id` as the last used of `map`, and lets go of the least recently set past `most`. */
  private keep(map: Map<string, number>, id: string, value: number): void {
    map.delete(id);
    map.set(id, value);
    if (map.size > this.most) map.delete(map.keys().next().value!);
  }
}

const idOf = ([scope, key]: CounterKey) => `${scope}\u0000${key}`;
