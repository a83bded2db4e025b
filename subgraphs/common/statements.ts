import type { EntityManager } from '@mikro-orm/postgresql';

/** One SQL statement that writes and returns nothing the caller reads, with its `?` parameters. */
export type Statement = readonly [sql: string, params: readonly unknown[]];

/**
 * Several such statements sent as one (data-modifying CTEs, all run to completion in the same snapshot): one
 * round trip instead of several inside a transaction that holds a hot row (a desk's counters).
 */
export async function executeTogether(em: EntityManager, statements: readonly Statement[]): Promise<void> {
  const last = statements[statements.length - 1];
  const ctes = statements.slice(0, -1).map(([sql], index) => `w${index} as (${sql})`);
  await em.execute(`${ctes.length ? `with ${ctes.join(', ')} ` : ''}${last[0]}`, statements.flatMap(([, params]) => params));
}
