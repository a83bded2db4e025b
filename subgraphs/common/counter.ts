import { PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

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
  return (await nextNumbersReading(em, schema, counters, [])).taken;
}

/**
 * The next numbers, and in the same statement the values `read` counters held when it began (undefined
 * for one not there then): a value another transaction committed while this one waited for its turn on a
 * taken counter is not among them, and the caller reads it again if it needs it.
 */
export async function nextNumbersReading(
  em: EntityManager,
  schema: string,
  counters: ReadonlyArray<CounterKey>,
  read: ReadonlyArray<CounterKey>,
): Promise<{ taken: number[]; read: Array<number | undefined> }> {
  const reads = read.map(() => `select false, scope, key, value from "${schema}".counter where scope = ? and key = ?`);
  const rows = await em.execute<Array<{ taken: boolean; scope: string; key: string; value: number }>>(
    `with taken as (
       insert into "${schema}".counter (scope, key, value) values ${counters.map(() => '(?, ?, 1)').join(', ')}
       on conflict (scope, key) do update set value = "${schema}".counter.value + 1
       returning scope, key, value)
     ${['select true as taken, scope, key, value from taken', ...reads].join(' union all ')}`,
    [...counters.flat(), ...read.flat()],
  );
  const valueOf = (taken: boolean, [scope, key]: CounterKey) => rows.find((row) => row.taken === taken && row.scope === scope && row.key === key)?.value;
  return { taken: counters.map((counter) => valueOf(true, counter)!), read: read.map((counter) => valueOf(false, counter)) };
}
