import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { env } from '../subgraphs/common/env';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';
import { startEmbeddedPostgres } from './embedded-postgres';

/** `npm run db`: only the embedded PostgreSQL, for running subgraphs one by one (`npm run start:<name>`). */
async function main(): Promise<void> {
  const config = env();
  mkdirSync(resolve(PROJECT_ROOT, config.dataDir), { recursive: true });
  const server = await startEmbeddedPostgres({ dataDir: resolve(PROJECT_ROOT, config.dataDir, 'pg'), port: config.embeddedPgPort, log: console.log });
  console.log(`Embedded PostgreSQL ready: ${await server.ensureDatabase('motcua')}\nCtrl-C stops it.`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
