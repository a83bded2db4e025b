import 'reflect-metadata';
import { resolve } from 'node:path';
import { env } from '../subgraphs/common/env';
import { databaseUrlOf } from '../subgraphs/common/standalone';
import { applyDecisionFile } from './decisions';

/**
 * `npm run reorganize -- <file> [--as-of YYYY-MM-DD]`: applies a province's decision file (the shape of
 * `domain/reorganization-2025.json`) to the database, each decision once, in the order they take effect;
 * with --as-of, only those taking effect by then. The first that cannot be applied stops the run with its
 * problems; those before it stay applied.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--'));
  const asOfIndex = args.indexOf('--as-of');
  if (!file) throw new Error('Usage: npm run reorganize -- <decision file> [--as-of YYYY-MM-DD]');
  const applied = await applyDecisionFile(databaseUrlOf(env()), resolve(process.cwd(), file), { asOf: asOfIndex >= 0 ? args[asOfIndex + 1] : undefined });
  console.log(`Applied: ${applied.applied.join(', ') || 'none'}. Already in the registers: ${applied.skipped.join(', ') || 'none'}.`);
}

main().catch((error: Error) => {
  console.error(`npm run reorganize failed: ${error.message}`);
  process.exit(1);
});
