import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';

/**
 * `npm run fuzz -- [--runs N] [--seed S]`: the fuzz suite (`tests/e2e/fuzz.test.ts`) with more calls per
 * operation than CI makes, or another seed. Uses `DATABASE_URL` as `npm test` does.
 */
function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '25' }, seed: { type: 'string', default: '20261202' } } });
  if (!/^\d{1,6}$/.test(values.runs!) || !/^\d{1,10}$/.test(values.seed!)) {
    console.error('Usage: npm run fuzz -- [--runs <calls per operation>] [--seed <number>]');
    process.exit(2);
  }
  const jest = spawnSync('npx', ['jest', '--runInBand', 'tests/e2e/fuzz.test.ts', '--testTimeout', '3600000'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    env: { ...process.env, HUB_FUZZ_RUNS: values.runs, HUB_FUZZ_SEED: values.seed },
  });
  process.exit(jest.status ?? 1);
}

main();
