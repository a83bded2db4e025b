import '../subgraphs/common/tracing';
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { issueToken } from '../gateway/auth';
import { env } from '../subgraphs/common/env';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';
import { startHub } from './hub';

/**
 * `npm start`: with no DATABASE_URL, an embedded PostgreSQL under .data/; then every subgraph migrates its
 * schema and loads its reference data, and the five subgraphs and the gateway start. Ctrl-C stops all.
 */
async function main(): Promise<void> {
  const began = Date.now();
  const config = env();
  let embedded: EmbeddedServer | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const dataDir = resolve(PROJECT_ROOT, config.dataDir, 'pg');
    mkdirSync(resolve(PROJECT_ROOT, config.dataDir), { recursive: true });
    embedded = await startEmbeddedPostgres({ dataDir, port: config.embeddedPgPort, log: console.log });
    databaseUrl = await embedded.ensureDatabase('motcua');
    console.log(`Embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort} (data in ${dataDir}).`);
  }

  const hub = await startHub({ databaseUrl, config, prepare: true }).catch(async (error) => {
    await embedded?.stop();
    throw error;
  });
  const token = issueToken({ agency: 'BG.UBND', roles: ['SUPERVISOR'], name: 'Giám sát viên (dev)' }, config.jwtSecret);
  console.log(`
Một Cửa Hub is up in ${((Date.now() - began) / 1000).toFixed(1)} s.
  GraphQL   ${hub.gateway.url}
  Explorer  ${hub.gateway.origin}/explorer
  Dashboard ${hub.gateway.origin}/dashboard
  Health    ${hub.gateway.origin}/health
  Tokens    npm run token -- --agency BG.YENTHE --roles RECEPTIONIST --name "Nguyễn Văn An"
  Registers { registrar { code } } names the agency whose SUPERVISORs change them (BG.SNV to begin with):
            npm run token -- --agency BG.SNV --roles SUPERVISOR --name "Vũ Quang Huy"
  A supervisor's token for trying things out (8 hours):
  ${token}
Ctrl-C stops everything.`);

  // One Ctrl-C may arrive twice (from the terminal and forwarded by npm): the second changes nothing; a
  // shutdown that hangs is cut short so the terminal comes back.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping…');
    setTimeout(() => {
      console.error('Stopping took over 20 s; exiting anyway.');
      process.exit(1);
    }, 20_000).unref();
    await hub.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});
