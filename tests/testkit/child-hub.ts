import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../subgraphs/common/reference-data';
import { createTestDatabase, TEMPLATE_AS_OF, type TestDatabase } from './database';

/**
 * The hub as `npm start` runs it, in a process of its own (the build the tests' global setup made), over a
 * copy of the template database, on ports of its own. Its output is kept line by line for the tests to read.
 */
export interface ChildHub {
  process: ChildProcess;
  database: TestDatabase;
  url: string;
  origin: string;
  /** Every line the process wrote to stdout and stderr, in order. */
  output: string[];
  stderr: string[];
  /** The stdout lines that are JSON log entries. */
  entries(): Array<Record<string, any>>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Stops the process if it still runs and drops the database. */
  dispose(): Promise<void>;
}

export const CHILD_SECRETS = {
  HUB_JWT_SECRET: 'production-test-jwt-secret-0123456789',
  HUB_IDENTITY_SECRET: 'production-test-identity-secret-0123456789',
  HUB_AUDIT_KEY: 'production-test-audit-key-kept-outside-the-database',
};

/**
 * `database`: a database an earlier child hub used (to start again after a crash); by default a new copy of the
 * template, dropped by `dispose()`.
 */
export async function startChildHub(environment: Record<string, string> = {}, databaseUrl?: (url: string) => string, reuse?: TestDatabase): Promise<ChildHub> {
  const database = reuse ?? (await createTestDatabase());
  const output: string[] = [];
  const stderr: string[] = [];
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'scripts', 'start.js')], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      ...CHILD_SECRETS,
      DATABASE_URL: databaseUrl ? databaseUrl(database.url) : database.url,
      HUB_DIRECTORY_AS_OF: TEMPLATE_AS_OF,
      HUB_HOST: '127.0.0.1',
      HUB_DB_POOL_MAX: '4',
      HUB_EVENT_POLL_MS: '200',
      ...Object.fromEntries(['GATEWAY', 'ONESTOP', 'PROVINCE', 'LOCAL', 'TAX', 'LAND'].map((name) => [`HUB_PORT_${name}`, '0'])),
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const collect = (into: string[][]) => {
    let partial = '';
    return (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop()!;
      for (const line of lines) for (const list of into) list.push(line);
    };
  };
  child.stdout!.on('data', collect([output]));
  child.stderr!.on('data', collect([output, stderr]));
  const entries = () =>
    output.flatMap((line) => {
      try {
        const entry = JSON.parse(line);
        return entry && typeof entry === 'object' ? [entry as Record<string, any>] : [];
      } catch {
        return [];
      }
    });

  const ready = await new Promise<Record<string, any> | null>((resolve) => {
    const poll = setInterval(() => {
      const entry = entries().find((line) => line.msg === 'hub ready');
      if (entry) finish(entry);
    }, 50);
    const finish = (entry: Record<string, any> | null) => {
      clearInterval(poll);
      resolve(entry);
    };
    void exited.then(() => finish(null));
    setTimeout(() => finish(null), 60_000).unref();
  });
  if (!ready) {
    child.kill('SIGKILL');
    if (!reuse) await database.drop();
    throw new Error(`The hub did not start:\n${output.join('\n')}`);
  }
  const url = String(ready.url);
  return {
    process: child,
    database,
    url,
    origin: new URL(url).origin,
    output,
    stderr,
    entries,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      // Killed, it left its sockets (a hub started later would sweep them).
      if (typeof ready.sockets === 'string') rmSync(ready.sockets, { recursive: true, force: true });
      if (!reuse) await database.drop();
    },
  };
}
