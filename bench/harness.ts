import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { EmbeddedServer } from '../scripts/embedded-postgres';
import { env } from '../subgraphs/common/env';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';
import { nodeFlags } from '../scripts/start-command';

/**
 * What the benchmarks share: a database of their own on DATABASE_URL's server (or an embedded one), and the
 * hub running as `npm start` runs it, in a process of its own, so that the load generator does not share
 * its event loop.
 */

export interface BenchHub {
  databaseUrl: string;
  gateway: string;
  stop(): Promise<void>;
}

export const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};

export const machine = () => `${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the hub did not become healthy in 60 s');
}

/** The URL of `database` on the server of `serverUrl`. */
export const databaseUrlOf = (serverUrl: string, database: string) => Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();

/** Drops `database` on the server of `serverUrl` if it is there and creates it empty; returns its URL. */
export async function freshDatabase(serverUrl: string, database: string): Promise<string> {
  const admin = new Client({ connectionString: databaseUrlOf(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
  } finally {
    await admin.end();
  }
  return databaseUrlOf(serverUrl, database);
}

/** `database` is created afresh unless `reuse`; the hub gets `extraEnv` on top of this process's. */
export async function startBenchHub(database: string, options: { reuse?: boolean; extraEnv?: Record<string, string> } = {}): Promise<BenchHub> {
  const config = env();
  let embedded: EmbeddedServer | undefined;
  let serverUrl = config.databaseUrl;
  if (!serverUrl) {
    // Loaded only here: an ES module that Jest, which runs the tests of bench:compare's pure parts, cannot require.
    const { startEmbeddedPostgres } = await import('../scripts/embedded-postgres');
    embedded = await startEmbeddedPostgres({ dataDir: join(PROJECT_ROOT, '.data', 'bench-pg'), port: config.embeddedPgPort + 2, persistent: false });
    serverUrl = embedded.urlOf('postgres');
  }
  const databaseUrl = options.reuse ? databaseUrlOf(serverUrl, database) : await freshDatabase(serverUrl, database);
  // Node as `npm start` runs it: its flags, then dist/scripts/start.js.
  const hub = spawn(process.execPath, [...nodeFlags(), join(PROJECT_ROOT, 'dist', 'scripts', 'start.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', ...options.extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const gateway = `http://127.0.0.1:${config.ports.gateway}`;
  try {
    await waitForHealth(`${gateway}/health`, hub);
  } catch (error) {
    hub.kill('SIGINT');
    await embedded?.stop();
    throw error;
  }
  return {
    databaseUrl,
    gateway,
    async stop() {
      hub.kill('SIGINT');
      await new Promise((done) => hub.once('exit', done));
      await embedded?.stop();
    },
  };
}

/** Runs `work` for 0..count-1, `workers` at a time, each worker taking the next number when it is done. */
export async function inPool(count: number, workers: number, work: (n: number) => Promise<unknown>, label: string): Promise<number> {
  const began = Date.now();
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) {
        await work(next++);
        if (++done % 1000 === 0) process.stdout.write(`\r  ${label}: ${done}/${count}`);
      }
    }),
  );
  const seconds = (Date.now() - began) / 1000;
  console.log(`\r  ${label}: ${count} in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)}/s)`);
  return seconds;
}

export const graphqlBody = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

/** POSTs to the gateway and returns `data`, or throws with the errors. */
export async function gql<T = any>(gateway: string, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const response = await fetch(`${gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: graphqlBody(query, variables),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
