import '../subgraphs/common/tracing';
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GatewayMessage } from '../gateway';
import { issueToken } from '../gateway/auth';
import { env, SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/common/env';
import { errorFields, logger } from '../subgraphs/common/log';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';
import { startSubgraphs } from './subgraphs';

const log = logger('hub');

/**
 * `npm start`: with no DATABASE_URL, an embedded PostgreSQL under .data/; then every subgraph migrates its
 * schema and loads its reference data, and the five subgraphs start in this process and the gateway in a
 * process of its own in front of them, so that the hub uses two cores; the gateway asks them over Unix
 * sockets. Ctrl-C stops all, in order.
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

  // The gateway's process loads its code while the subgraphs migrate and start.
  const gatewayProcess = forkGateway(databaseUrl);
  let gatewayUrl = config.gatewayUrl;
  const subgraphs = await startSubgraphs({ databaseUrl, config, names: SUBGRAPH_NAMES, prepare: true, localSockets: true, gatewayUrl: () => gatewayUrl, peers: {} }).catch(async (error) => {
    await gatewayProcess.close();
    await embedded?.stop();
    throw error;
  });
  const gateway = await gatewayProcess.start(subgraphs.urls as Record<SubgraphName, string>, subgraphs.sockets).catch(async (error) => {
    await subgraphs.close();
    await embedded?.stop();
    throw error;
  });
  gatewayUrl = gateway.url;
  const origin = new URL(gateway.url).origin;
  const seconds = Number(((Date.now() - began) / 1000).toFixed(1));
  log.info({ url: gateway.url, seconds, sockets: subgraphs.socketDir }, 'hub ready');
  // A token signed with the production secret would be a supervisor's key in the terminal's scrollback
  // and the service's log: in production the operator issues tokens with `npm run token`, one at a time.
  if (config.nodeEnv !== 'production') {
    const token = issueToken({ agency: 'BG.UBND', roles: ['SUPERVISOR'], name: 'Giám sát viên (dev)' }, config.jwtSecret);
    process.stdout.write(`
Một Cửa Hub is up in ${((Date.now() - began) / 1000).toFixed(1)} s.
  GraphQL   ${gateway.url}
  Explorer  ${origin}/explorer
  Dashboard ${origin}/dashboard
  Health    ${origin}/health
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
    // The background work first (it may ask the graph), then the gateway's requests in flight (which need
    // the subgraphs), then the subgraphs, and the database last, once nothing uses it.
    await subgraphs.stopBackground();
    await gateway.close();
    await subgraphs.close();
    await embedded?.stop();
    log.info('stopped');
    process.exit(process.exitCode ?? 0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A gateway that dies (out of memory, a bug) takes the hub down with it, for the supervisor to restart whole.
  void gateway.exited.then((code) => {
    if (stopping) return;
    log.fatal({ code }, 'the gateway process exited; stopping the hub');
    process.exitCode = 1;
    void stop();
  });
}

/**
 * The gateway in a process of its own (gateway/index.ts, forked, with this process's node flags), started in
 * front of the subgraphs this process runs once they listen; it exits when told, or by itself when this
 * process is gone.
 */
function forkGateway(databaseUrl: string) {
  const child = fork(join(__dirname, '..', 'gateway', 'index.js'), ['--forked-by-npm-start'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const send = (message: GatewayMessage) => child.connected && child.send(message);
  const close = async () => {
    send({ type: 'close' });
    await exited;
  };
  return {
    close,
    async start(subgraphUrls: Record<SubgraphName, string>, subgraphSockets: Partial<Record<SubgraphName, string>>) {
      const url = await new Promise<string>((resolve, reject) => {
        child.on('message', (message: GatewayMessage) => message.type === 'ready' && resolve(message.url));
        void exited.then((code) => reject(new Error(`the gateway process exited with ${code} before it was ready`)));
        send({ type: 'start', subgraphUrls, subgraphSockets });
      });
      return { url, exited, close };
    },
  };
}

main().catch((error: Error) => {
  log.fatal({ error: errorFields(error) }, 'npm start failed');
  process.exit(1);
});
