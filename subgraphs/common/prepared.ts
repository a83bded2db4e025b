import type { EntityClass, EntityDictionary } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';

/** PostgreSQL's “cached plan must not change result type”. */
const CACHED_PLAN_CHANGED = '0A000';

/**
 * A hot read as a prepared statement (`name`: parsed and planned once per connection, then only bound and
 * run) on the subgraph's own pool, without the query builder: the ORM stays for writes and for everything
 * else. `text` uses `$1…`; rows come back as the ORM's own raw queries return them (`em.map` turns one into
 * its entity). Outside a transaction only: a read inside one goes through its unit of work.
 */
export async function preparedRows<T = Record<string, unknown>>(em: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  if (em.isInTransaction()) throw new Error(`${name}: a prepared read runs outside transactions.`);
  // What the ORM's own queries report (the tests count statements per subgraph).
  em.config.get('onQuery')?.(text, values);
  const client = em.getConnection().getKnex().client;
  const connection = await client.acquireConnection();
  try {
    try {
      return (await connection.query({ name, text, values })).rows as T[];
    } catch (error) {
      // A migration changed a table under a statement prepared before it (another replica deployed first):
      // prepared again, once, on this connection.
      if ((error as { code?: string }).code !== CACHED_PLAN_CHANGED) throw error;
      await connection.query(`deallocate "${name}"`);
      delete connection.connection?.parsedStatements?.[name];
      delete connection.connection?.submittedNamedStatements?.[name];
      return (await connection.query({ name, text, values })).rows as T[];
    }
  } finally {
    await client.releaseConnection(connection);
  }
}

/** A prepared read of one entity's rows, each turned into its entity. */
export async function preparedEntities<T extends object>(em: EntityManager, entity: EntityClass<T>, name: string, text: string, values: unknown[]): Promise<T[]> {
  return (await preparedRows<EntityDictionary<T>>(em, name, text, values)).map((row) => em.map(entity, row));
}

/**
 * A read whose text is put together from the caller's filter (`?` placeholders, in order): each shape the
 * filters give is prepared once per connection, under a name of its own.
 */
export function preparedShape<T = Record<string, unknown>>(em: EntityManager, prefix: string, text: string, values: unknown[]): Promise<T[]> {
  let n = 0;
  const numbered = text.replace(/\?/g, () => `$${++n}`);
  return preparedRows<T>(em, `${prefix}.${createHash('sha1').update(numbered).digest('base64url').slice(0, 16)}`, numbered, values);
}
