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
  const taking: Statement = [`select scope, key, 1 from (values ${take.map(() => '(?, ?)').join(', ')}) as taking (scope, key)${unless ? ' where (select free from gate)' : ''}`, take.flat()];
  const reading: Statement = [read.map(() => ` union all select false, scope, key, value from ${counter} where scope = ? and key = ?`).join(''), read.flat()];
  const rows = await em.execute<Array<{ bumped: boolean; scope: string; key: string; value: number }>>(
    `with ${gate[0]}bumped as (
       insert into ${counter} (scope, key, value) ${taking[0]}
       on conflict (scope, key) do update set value = ${counter}.value + 1
       returning scope, key, value)
     select true as bumped, scope, key, value from bumped${reading[0]}`,
    [...gate[1], ...taking[1], ...reading[1]],
  );
  const valueOf = (bumped: boolean, [scope, key]: CounterKey) => rows.find((row) => row.bumped === bumped && row.scope === scope && row.key === key)?.value;
  const taken = take.map((counter) => valueOf(true, counter));
  const missing = taken.filter((value) => value === undefined).length;
  // All or none: one gate stands for every counter of the statement.
  if (missing > 0 && missing < take.length) throw new Error(`${missing} of ${take.length} counters were not taken in one statement.`);
  return { taken: missing === 0 ? (taken as number[]) : null, read: read.map((counter) => valueOf(false, counter)) };
}
