import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Gapless numbering (dossier serials per desk and day, receipt, guidance and ledger numbers per year). The
 * increment runs in the caller's transaction: concurrent receipts at one desk take turns on the row, and a
 * receipt that rolls back gives its number back.
 */
@Entity({ tableName: 'counter' })
export class Counter {
  @PrimaryKey({ type: 'text' })
  scope: string;

  @PrimaryKey({ type: 'text' })
  key: string;

  @Property({ type: 'integer' })
  value: number;

  constructor(scope: string, key: string, value: number) {
    this.scope = scope;
    this.key = key;
    this.value = value;
  }
}

/** The next number of each [scope, key], in one statement. */
export async function nextNumbers(em: EntityManager, counters: ReadonlyArray<readonly [scope: string, key: string]>): Promise<number[]> {
  const rows = await em.execute<Array<{ scope: string; key: string; value: number }>>(
    `insert into onestop.counter (scope, key, value) values ${counters.map(() => '(?, ?, 1)').join(', ')}
     on conflict (scope, key) do update set value = onestop.counter.value + 1
     returning scope, key, value`,
    counters.flat(),
  );
  return counters.map(([scope, key]) => rows.find((row) => row.scope === scope && row.key === key)!.value);
}

export async function nextNumber(em: EntityManager, scope: string, key: string): Promise<number> {
  const [value] = await nextNumbers(em, [[scope, key]]);
  return value;
}
