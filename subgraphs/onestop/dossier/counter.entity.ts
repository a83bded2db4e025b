import { Entity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CounterBase, nextNumbers as next, nextNumbersReading as nextReading, type CounterKey } from '../../common/counter';

@Entity({ tableName: 'counter' })
export class Counter extends CounterBase {}

export const nextNumbers = (em: EntityManager, counters: ReadonlyArray<CounterKey>) => next(em, 'onestop', counters);

export const nextNumbersReading = (em: EntityManager, counters: ReadonlyArray<CounterKey>, read: ReadonlyArray<CounterKey>) => nextReading(em, 'onestop', counters, read);

export async function nextNumber(em: EntityManager, scope: string, key: string): Promise<number> {
  const [value] = await nextNumbers(em, [[scope, key]]);
  return value;
}
