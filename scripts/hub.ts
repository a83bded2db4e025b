import { gatewaySettings, startGateway, type RunningGateway } from '../gateway';
import { SUBGRAPHS } from '../subgraphs/all';
import { tokenSettings, type HubEnv, type SubgraphName } from '../subgraphs/common/env';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/common/server';

export interface HubOptions {
  databaseUrl: string;
  config: HubEnv;
  /** Port 0 everywhere lets several hubs run side by side (tests). */
  ephemeralPorts?: boolean;
  /** Migrate and load reference data first (npm start); tests use a database prepared once. */
  prepare?: boolean;
  onQuery?: (subgraph: SubgraphName, sql: string) => void;
  /** The time subgraphs handle requests at; the wall clock unless a test sets it. */
  clock?: () => Date;
}

export interface RunningHub {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Stops one subgraph (its port stays reserved) and starts it again on the same port. */
  restartSubgraph(name: SubgraphName, between?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole hub in one process: five subgraphs and the gateway, each on its own port, talking real HTTP.
 * `npm start` and the end-to-end tests both run it.
 */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { config } = options;
  // Subgraphs read other subgraphs' public data through the gateway, which starts after them.
  let gatewayUrl = config.gatewayUrl;
  const peers: Partial<Record<SubgraphName, string>> = {};
  const start = (name: SubgraphName, port: number) =>
    startSubgraph(SUBGRAPHS.find((definition) => definition.name === name)!, {
      databaseUrl: options.databaseUrl,
      port,
      host: config.host,
      tokens: tokenSettings(config),
      maxBodyBytes: config.maxBodyBytes,
      poolMax: config.dbPoolMax,
      prepare: options.prepare,
      includeStacktraces: config.nodeEnv === 'development',
      onQuery: options.onQuery && ((sql) => options.onQuery!(name, sql)),
      gatewayUrl: () => gatewayUrl,
      clock: options.clock,
      peerUrls: () => peers,
      eventPollMs: config.eventPollMs,
      notices: config.notices,
    }).then((subgraph) => {
      peers[name] = subgraph.url;
      return subgraph;
    });

  const started = await Promise.allSettled(
    SUBGRAPHS.map((definition) => start(definition.name, options.ephemeralPorts ? 0 : config.ports[definition.name])),
  );
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((subgraph) => subgraph.close()));
    throw failed.reason;
  }
  const subgraphs = Object.fromEntries(running.map((subgraph) => [subgraph.name, subgraph])) as Record<SubgraphName, RunningSubgraph>;
  const urls = Object.fromEntries(running.map((subgraph) => [subgraph.name, subgraph.url])) as Record<SubgraphName, string>;

  let gateway: RunningGateway;
  try {
    gateway = await startGateway({
      ...gatewaySettings(config),
      port: options.ephemeralPorts ? 0 : config.ports.gateway,
      subgraphUrls: urls,
    });
  } catch (error) {
    await Promise.all(running.map((subgraph) => subgraph.close()));
    throw error;
  }
  gatewayUrl = gateway.url;

  return {
    gateway,
    subgraphs,
    async restartSubgraph(name, between) {
      const port = Number(new URL(subgraphs[name].url).port);
      await subgraphs[name].close();
      await between?.();
      subgraphs[name] = await start(name, port);
    },
    async close() {
      await gateway.close();
      // The subgraphs that follow others' feeds (onestop all of them, local the province's) stop first, so
      // that they never poll a closed peer.
      const followers: SubgraphName[] = ['onestop', 'local'];
      await Promise.all(followers.map((name) => subgraphs[name].close()));
      await Promise.all(Object.values(subgraphs).filter((subgraph) => !followers.includes(subgraph.name)).map((subgraph) => subgraph.close()));
    },
  };
}
