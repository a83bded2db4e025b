import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SubgraphName } from '../../subgraphs/common/env';
import { PROJECT_ROOT } from '../../subgraphs/common/reference-data';
import type { TestHub } from './hub';

/** A subgraph replica in a process of its own, as `npm run start:<name>` runs it. */
export interface Replica {
  process: ChildProcess;
  url: string;
  /** Where its log is kept (test-output/replicas/…), for a person to read when a test fails. */
  log: string;
}

const OUTPUT = join(PROJECT_ROOT, 'test-output', 'replicas');

/**
 * Starts `dist/subgraphs/<name>/index.js` over the hub's database, on a port of its own, polling every 100 ms,
 * with `env` besides, and waits for its “subgraph ready” line. Its log, at debug level, is kept in a file.
 */
export async function startSubgraphReplica(hub: TestHub, name: SubgraphName, env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'subgraphs', name, 'index.js')], {
    cwd: PROJECT_ROOT,
    // Its start is told as a JSON line: {"msg":"subgraph ready","url":…}.
    env: {
      PATH: process.env.PATH,
      HUB_LOG_LEVEL: 'debug',
      NODE_ENV: 'test',
      DATABASE_URL: hub.database.url,
      HUB_HOST: '127.0.0.1',
      [`HUB_PORT_${name.toUpperCase()}`]: '0',
      HUB_EVENT_POLL_MS: '100',
      HUB_GATEWAY_URL: hub.gateway.url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mkdirSync(OUTPUT, { recursive: true });
  const log = join(OUTPUT, `${name}-${child.pid}.log`);
  const file = createWriteStream(log);
  child.stderr!.pipe(file, { end: false });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      file.write(`${line}\n`);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'subgraph ready' && entry.url) resolve(entry.url);
      } catch {
        // not a log entry
      }
    });
    child.once('exit', (code) => reject(new Error(`the replica exited with ${code} before it was ready (its log: ${log})`)));
  });
  return { process: child, url, log };
}
