import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';

/** The `start` script of the package.json in `dir` (this tree by default). */
export function startScript(dir = PROJECT_ROOT): string | undefined {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts?.start;
}

/** The command line of a ref's `npm start`, as arguments to node (e.g. `node dist/scripts/start.js`). */
export function startArguments(script: string | undefined): string[] {
  const match = /^node\s+(.+)$/.exec((script ?? '').trim());
  if (!match || /[;&|<>$`]/.test(match[1])) throw new Error(`npm start is not a plain "node …" command: ${script}`);
  return match[1].split(/\s+/);
}

/**
 * What `npm start` gives node before the script it runs: the flags every process of the hub runs with,
 * wherever it runs (the forked gateway inherits them; docker-compose.yml and the Dockerfile repeat them).
 */
export function nodeFlags(script = startScript()): string[] {
  const args = startArguments(script);
  const entry = args.findIndex((arg) => arg.endsWith('.js'));
  return entry < 0 ? args : args.slice(0, entry);
}
