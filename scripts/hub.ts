import { gatewaySettings, startGateway, type RunningGateway } from '../gateway';
import { metricsSettings, SUBGRAPH_NAMES, type HubEnv, type SubgraphName } from '../subgraphs/common/env';
import type { RunningSubgraph } from '../subgraphs/common/server';
import { startSubgraphs } from './subgraphs';

export interface HubOptions {
  databaseUrl: string;
  config: HubEnv;
  /** Port 0 everywhere lets several hubs run side by side (tests). */
  ephemeralPorts?: boolean;
  /** Migrate and load reference data first (npm start); tests use a database prepared once. */
  prepare?: boolean;
  /**
   * The gateway asks the subgraphs over Unix sockets (they listen on their ports too), as `npm start` runs
   * them: over loopback TCP, the onestop read cost the gateway 1.8 ms of CPU instead of 1.2, and the
   * subgraphs 2.2 instead of 1.5 (bench/README.md, 3/12/2026). Not on Windows.
   */
  localSockets?: boolean;
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
 * The whole hub in one process: five subgraphs and the gateway, each on its own port, talking real HTTP
 * (the gateway to the subgraphs over Unix sockets with `localSockets`). The end-to-end tests run it; `npm
 * start` runs the same parts in two processes (scripts/start.ts).
 */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { config } = options;
  // Subgraphs read other subgraphs' public data through the gateway, which starts after them.
  let gatewayUrl = config.gatewayUrl;
  const running = await startSubgraphs({ ...options, names: SUBGRAPH_NAMES, gatewayUrl: () => gatewayUrl, peers: {} });
  const subgraphs = running.subgraphs as Record<SubgraphName, RunningSubgraph>;

  let gateway: RunningGateway;
  try {
    gateway = await startGateway({
      ...gatewaySettings(config),
      port: options.ephemeralPorts ? 0 : config.ports.gateway,
      subgraphUrls: running.urls as Record<SubgraphName, string>,
      subgraphSockets: running.sockets,
      metrics: metricsSettings(config, 'gateway'),
    });
  } catch (error) {
    await running.close();
    throw error;
  }
  gatewayUrl = gateway.url;

  return {
    gateway,
    subgraphs,
    restartSubgraph: running.restart,
    async close() {
      // The background work first (it may ask the graph), then the gateway's requests in flight (which
      // need the subgraphs), then the subgraphs.
      await running.stopBackground();
      await gateway.close();
      await running.close();
    },
  };
}
