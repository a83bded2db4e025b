import { Entity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CounterBase, nextNumbers as next } from '../../common/counter';

@Entity({ tableName: 'counter' })
export class Counter extends CounterBase {}

export const nextNumbers = (em: EntityManager, counters: ReadonlyArray<readonly [scope: string, key: string]>) => next(em, 'onestop', counters);

export async function nextNumber(em: EntityManager, scope: string, key: string): Promise<number> {
  const [value] = await nextNumbers(em, [[scope, key]]);
  return value;
}
