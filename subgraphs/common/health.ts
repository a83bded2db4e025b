import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestHandler } from 'express';
import type { SubgraphDatabase } from './orm';

/**
 * Health for orchestrators and load balancers. `/livez`: the process answers (restart it when it does not).
 * `/readyz`: it can do its work now — its database answers and has every migration, its schema is loaded,
 * and for the gateway every subgraph is ready (send it no traffic while it is not). `/health` is kept as it
 * was for the scripts that already call it.
 */

/** A readiness check: resolves with nothing when it passes, throws saying what is wrong otherwise. */
export type ReadinessCheck = () => Promise<void>;

const CHECK_TIMEOUT_MS = 2000;

async function withTimeout(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  } finally {
    clearTimeout(timer);
  }
}

export const livez: RequestHandler = (_req, res) => {
  res.json({ status: 'ok' });
};

/** `/readyz`: 200 `{ status: 'ready', checks }` when every check passes, 503 `{ status: 'unready', checks }` otherwise. */
export function readyz(service: string, checks: Record<string, ReadinessCheck>): RequestHandler {
  return async (_req, res) => {
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((name) => withTimeout(checks[name])));
    const report = Object.fromEntries(names.map((name, index) => [name, results[index]]));
    const ready = results.every((result) => result === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unready', service, checks: report });
  };
}

/** The subgraph's database answers and has applied every migration the code knows. */
export function databaseChecks(orm: MikroORM, database: SubgraphDatabase): Record<string, ReadinessCheck> {
  const connection = () => orm.em.getConnection();
  return {
    database: async () => {
      await connection().execute('select 1');
    },
    migrations: async () => {
      const applied = await connection().execute<Array<{ name: string }>>(`select name from "${database.schema}".mikro_orm_migrations`);
      const names = new Set(applied.map((row) => row.name.replace(/\.[jt]s$/, '')));
      const pending = database.migrations.filter((migration) => !names.has(migration.name));
      if (pending.length > 0) throw new Error(`${pending.length} pending: ${pending.map((migration) => migration.name).join(', ')}`);
    },
  };
}

/** Each subgraph's `/readyz`, for the gateway's own. */
export function subgraphChecks(urls: Record<string, string>): Record<string, ReadinessCheck> {
  return Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [
      `subgraph:${name}`,
      async () => {
        const response = await fetch(url.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { checks?: Record<string, string> } | null;
          const failing = Object.entries(body?.checks ?? {}).filter(([, result]) => result !== 'ok');
          throw new Error(`unready (${response.status}${failing.length ? `: ${failing.map(([check, result]) => `${check} ${result}`).join('; ')}` : ''})`);
        }
      },
    ]),
  );
}
