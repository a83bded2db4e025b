import { env, tokenSettings, type HubEnv } from './env';
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
  }).then(
    (running) => {
      console.log(`${definition.name} subgraph ready at ${running.url}`);
      const stop = () => running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: Error) => {
      console.error(`${definition.name} subgraph failed to start: ${error.message}`);
      process.exit(1);
    },
  );
}
