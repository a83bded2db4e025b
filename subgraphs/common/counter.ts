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
 * Numbers taken in the statement that writes with them (`together`, whose first part `taking` must be, named
 * `firstPart`): `taking` takes the next number of each of `take`, and `guard`, the statement's last part,
 * fails the whole statement, so that nothing is taken and nothing written, unless they are `expected` and
 * each of `read` holds its expected value; it returns no rows. The caller wrote with the expected numbers;
 * when it fails, it takes the numbers in turn (`takeNumbersAndRead`) and writes again.
 */
export function takeExpected(
  schema: string,
  firstPart: string,
  take: ReadonlyArray<CounterKey>,
  expected: readonly number[],
  read: ReadonlyArray<readonly [...CounterKey, number]> = [],
): { taking: Statement; guard: Statement } {
  const counter = `"${schema}".counter`;
  const reads = read.map(() => ` and exists (select from ${counter} where scope = ? and key = ? and value = ?)`).join('');
  return {
    taking: taking(counter, take, false),
    // The failing branch depends on the rows, or PostgreSQL would fold it, and fail, when it plans.
    guard: [
      `select from ${firstPart} having cast(case when count(*) filter (where (scope, key, value) in (${take.map(() => '(?, ?, ?)').join(', ')})) = ${take.length}${reads}
         then '0' else '${MISSED}: ' || count(*) end as integer) <> 0`,
      [...take.flatMap((key, index) => [...key, expected[index]]), ...read.flat()],
    ],
  };
}

/** A counter as one string, for maps. */
export const counterId = ([scope, key]: CounterKey) => `${scope}\u0000${key}`;
