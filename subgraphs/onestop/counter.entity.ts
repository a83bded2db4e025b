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

export async function nextNumber(em: EntityManager, scope: string, key: string): Promise<number> {
  const [row] = await em.execute<Array<{ value: number }>>(
    `insert into onestop.counter (scope, key, value) values (?, ?, 1)
     on conflict (scope, key) do update set value = onestop.counter.value + 1
     returning value`,
    [scope, key],
  );
  return row.value;
}
