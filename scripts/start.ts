import '../subgraphs/common/tracing';
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { issueToken } from '../gateway/auth';
import { env } from '../subgraphs/common/env';
import { errorFields, logger } from '../subgraphs/common/log';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';
import { startHub } from './hub';

const log = logger('hub');

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
    embedded = await startEmbeddedPostgres({ dataDir, port: config.embeddedPgPort, log: (line) => log.info(line) });
    databaseUrl = await embedded.ensureDatabase('motcua');
    log.info({ port: config.embeddedPgPort, dataDir }, 'embedded PostgreSQL started');
  }

  const hub = await startHub({ databaseUrl, config, prepare: true }).catch(async (error) => {
    await embedded?.stop();
    throw error;
  });
  const seconds = Number(((Date.now() - began) / 1000).toFixed(1));
  log.info({ url: hub.gateway.url, seconds }, 'hub ready');
  // A token signed with the production secret would be a supervisor's key in the terminal's scrollback
  // and the service's log: in production the operator issues tokens with `npm run token`, one at a time.
  if (config.nodeEnv !== 'production') {
    const token = issueToken({ agency: 'BG.UBND', roles: ['SUPERVISOR'], name: 'Giám sát viên (dev)' }, config.jwtSecret);
    process.stdout.write(`
Một Cửa Hub is up in ${((Date.now() - began) / 1000).toFixed(1)} s.
  GraphQL   ${hub.gateway.url}
  Explorer  ${hub.gateway.origin}/explorer
  Dashboard ${hub.gateway.origin}/dashboard
  Health    ${hub.gateway.origin}/health
  Tokens    npm run -s token -- --agency BN.XA.BOHA --roles RECEPTIONIST --name "Lê Thị Hoa"
  Registers { registrar { code } } names the agency whose SUPERVISORs change them (BG.SNV to begin with):
            npm run -s token -- --agency BG.SNV --roles SUPERVISOR --name "Vũ Quang Huy"
  A supervisor's token for trying things out (8 hours):
  ${token}
Ctrl-C stops everything.
`);
  }

  // One Ctrl-C may arrive twice (from the terminal and forwarded by npm): the second changes nothing; a
  // shutdown that hangs is cut short so the terminal comes back.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: finishing the requests in flight and the current background work');
    const limit = config.shutdownGraceMs + 10_000;
    setTimeout(() => {
      log.error({ seconds: limit / 1000 }, 'stopping took too long; exiting anyway');
      process.exit(1);
    }, limit).unref();
    await hub.close();
    // The database last, once nothing uses it.
    await embedded?.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  log.fatal({ error: errorFields(error) }, 'npm start failed');
  process.exit(1);
});
