import { Entity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CounterBase, nextNumbers as next, takeExpected as expectedIn, takeNumbersAndRead as takeAndRead, type CounterKey } from '../../common/counter';
import type { Statement } from '../../common/statements';

@Entity({ tableName: 'counter' })
export class Counter extends CounterBase {}

export const nextNumbers = (em: EntityManager, counters: ReadonlyArray<CounterKey>) => next(em, 'onestop', counters);

export const takeNumbersAndRead = (em: EntityManager, take: ReadonlyArray<CounterKey>, read: ReadonlyArray<CounterKey>, unless?: Statement) =>
  takeAndRead(em, 'onestop', take, read, unless);

export const takeExpected = (firstPart: string, take: ReadonlyArray<CounterKey>, expected: readonly number[], read?: ReadonlyArray<readonly [...CounterKey, number]>) =>
  expectedIn('onestop', firstPart, take, expected, read);

export async function nextNumber(em: EntityManager, scope: string, key: string): Promise<number> {
  const [value] = await nextNumbers(em, [[scope, key]]);
  return value;
}
