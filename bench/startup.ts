import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { env } from '../subgraphs/common/env';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';

/**
 * `npm run bench:startup`: how long `npm start` takes, from the command to a gateway whose /health answers
 * 200 (every subgraph up), first on an empty data directory (initdb, migrations, reference data) and then
 * on the data the first run left. Uses a data directory of its own; prints the figures.
 */
async function timeStart(dataDir: string): Promise<number> {
  const began = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: '', HUB_DATA_DIR: dataDir },
    stdio: 'ignore',
    detached: true,
  });
  const health = `http://127.0.0.1:${env().ports.gateway}/health`;
  try {
    for (;;) {
      if (performance.now() - began > 120_000) throw new Error('no healthy gateway after 120 s');
      const ok = await fetch(health).then((r) => r.ok, () => false);
      if (ok) return (performance.now() - began) / 1000;
      await new Promise((done) => setTimeout(done, 100));
    }
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    await new Promise((done) => child.once('exit', done));
  }
}

async function main(): Promise<void> {
  const dataDir = join('.data', 'bench-startup');
  rmSync(join(PROJECT_ROOT, dataDir), { recursive: true, force: true });
  const fresh = await timeStart(dataDir);
  const again = await timeStart(dataDir);
  rmSync(join(PROJECT_ROOT, dataDir), { recursive: true, force: true });
  console.log(`npm start → healthy gateway: ${fresh.toFixed(1)} s on an empty data directory, ${again.toFixed(1)} s reusing it`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
