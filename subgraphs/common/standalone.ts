import { env, tokenSettings, type HubEnv } from './env';
import { errorFields, logger } from './log';
import { startSubgraph, type SubgraphDefinition } from './server';

/** The database a process uses: DATABASE_URL, or the embedded server `npm start` / `npm run db` runs. */
export function databaseUrlOf(config: HubEnv): string {
  return config.databaseUrl ?? `postgres://postgres:password@127.0.0.1:${config.embeddedPgPort}/motcua`;
}

/** `npm run start:<name>`: one subgraph in its own process, migrating its own schema first. */
export function runStandalone(definition: SubgraphDefinition): void {
  const config = env();
  startSubgraph(definition, {
    databaseUrl: databaseUrlOf(config),
    port: config.ports[definition.name],
    host: config.host,
    tokens: tokenSettings(config),
    maxBodyBytes: config.maxBodyBytes,
    poolMax: config.dbPoolMax,
    includeStacktraces: config.nodeEnv === 'development',
    prepare: true,
    gatewayUrl: () => config.gatewayUrl,
    peerUrls: () => config.subgraphUrls,
    eventPollMs: config.eventPollMs,
    notices: config.notices,
    metrics: config.metrics,
    webhooks: config.webhooks,

    shutdownGraceMs: config.shutdownGraceMs,
  }).then(
    (running) => {
      logger(definition.name).info({ url: running.url }, 'subgraph ready');
      const stop = () => running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: Error) => {
      logger(definition.name).fatal({ error: errorFields(error) }, 'subgraph failed to start');
      process.exit(1);
    },
  );
}
