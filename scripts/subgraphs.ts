import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS } from '../subgraphs/all';
import { metricsSettings, tokenSettings, type SubgraphName } from '../subgraphs/common/env';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/common/server';
import type { HubOptions } from './hub';

export interface SubgraphsOptions extends HubOptions {
  names: readonly SubgraphName[];
  /** Where the subgraphs reach the federated graph; read when first needed, since the gateway starts after them. */
  gatewayUrl: () => string;
  /** Where the subgraphs this process does not run answer; those it runs are added as they listen. */
  peers: Partial<Record<SubgraphName, string>>;
}

export interface RunningSubgraphs {
  subgraphs: Partial<Record<SubgraphName, RunningSubgraph>>;
  urls: Partial<Record<SubgraphName, string>>;
  /** The Unix sockets they listen on as well (`localSockets`), for the gateway; none otherwise. */
  sockets: Partial<Record<SubgraphName, string>>;
  /** The directory of those sockets, removed by `close()`. */
  socketDir?: string;
  restart(name: SubgraphName, between?: () => Promise<void>): Promise<void>;
  /** Lets the background work of every subgraph finish, and starts no more. */
  stopBackground(): Promise<void>;
  close(): Promise<void>;
}

/** Some of the subgraphs, each on its own port, in this process; all or none start. */
export async function startSubgraphs(options: SubgraphsOptions): Promise<RunningSubgraphs> {
  const { config, peers } = options;
  // A directory of its own, which only this user may enter (mkdtemp makes it 0700): the sockets in it
  // answer whoever can reach them, as the ports do on the host's own address.
  const socketDir = options.localSockets && process.platform !== 'win32' ? mkdtempSync(join(tmpdir(), 'mot-cua-hub-')) : undefined;
  const removeSockets = () => socketDir && rmSync(socketDir, { recursive: true, force: true });
  // Each subgraph's background work (following the others' feeds) starts once all of them listen.
  let allListening!: () => void;
  const backgroundAfter = new Promise<void>((resolve) => (allListening = resolve));
  const start = (name: SubgraphName, port: number) =>
    startSubgraph(SUBGRAPHS.find((definition) => definition.name === name)!, {
      databaseUrl: options.databaseUrl,
      port,
      host: config.host,
      socketPath: socketDir && join(socketDir, `${name}.sock`),
      tokens: tokenSettings(config),
      maxBodyBytes: config.maxBodyBytes,
      poolMax: config.dbPoolMax,
      prepare: options.prepare,
      includeStacktraces: config.nodeEnv === 'development',
      onQuery: options.onQuery && ((sql) => options.onQuery!(name, sql)),
      gatewayUrl: options.gatewayUrl,
      clock: options.clock,
      peerUrls: () => peers,
      eventPollMs: config.eventPollMs,
      notices: config.notices,
      metrics: metricsSettings(config, name),
      webhooks: config.webhooks,
      shutdownGraceMs: config.shutdownGraceMs,
      backgroundAfter,
    }).then((subgraph) => {
      peers[name] = subgraph.url;
      return subgraph;
    });

  const started = await Promise.allSettled(options.names.map((name) => start(name, options.ephemeralPorts ? 0 : config.ports[name])));
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    // Closing first: the background work of those that started is then never begun.
    const closed = Promise.all(running.map((subgraph) => subgraph.close()));
    allListening();
    await closed;
    removeSockets();
    throw failed.reason;
  }
  allListening();
  const subgraphs = Object.fromEntries(running.map((subgraph) => [subgraph.name, subgraph])) as Partial<Record<SubgraphName, RunningSubgraph>>;
  const urls = Object.fromEntries(running.map((subgraph) => [subgraph.name, subgraph.url])) as Partial<Record<SubgraphName, string>>;
  const sockets = Object.fromEntries(running.flatMap((subgraph) => (subgraph.socketPath ? [[subgraph.name, subgraph.socketPath]] : []))) as Partial<Record<SubgraphName, string>>;
  const all = () => Object.values(subgraphs) as RunningSubgraph[];
  return {
    subgraphs,
    urls,
    sockets,
    socketDir,
    async restart(name, between) {
      const subgraph = subgraphs[name]!;
      const port = Number(new URL(subgraph.url).port);
      await subgraph.close();
      await between?.();
      subgraphs[name] = await start(name, port);
    },
    async stopBackground() {
      await Promise.all(all().map((subgraph) => subgraph.stopBackground()));
    },
    async close() {
      // Their background work is stopped first (stopBackground); should it not be, the subgraphs that read
      // others' feeds (onestop all of them, local, tax and land the registers') close before the province,
      // so that none polls a closed peer.
      const followers: SubgraphName[] = ['onestop', 'local', 'tax', 'land'];
      await Promise.all(all().filter((subgraph) => followers.includes(subgraph.name)).map((subgraph) => subgraph.close()));
      await Promise.all(all().filter((subgraph) => !followers.includes(subgraph.name)).map((subgraph) => subgraph.close()));
      removeSockets();
    },
  };
}

