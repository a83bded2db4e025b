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

/** The next number of each [scope, key] in the schema's counter table, in one statement. */
export async function nextNumbers(em: EntityManager, schema: string, counters: ReadonlyArray<readonly [scope: string, key: string]>): Promise<number[]> {
  const rows = await em.execute<Array<{ scope: string; key: string; value: number }>>(
    `insert into "${schema}".counter (scope, key, value) values ${counters.map(() => '(?, ?, 1)').join(', ')}
     on conflict (scope, key) do update set value = "${schema}".counter.value + 1
     returning scope, key, value`,
    counters.flat(),
  );
  return counters.map(([scope, key]) => rows.find((row) => row.scope === scope && row.key === key)!.value);
}
