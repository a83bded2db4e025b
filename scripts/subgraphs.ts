import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS } from '../subgraphs/all';
import { metricsSettings, SUBGRAPH_NAMES, tokenSettings, type SubgraphName } from '../subgraphs/common/env';
import { errorFields, logger } from '../subgraphs/common/log';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/common/server';
import type { HubOptions } from './hub';

const log = logger('hub');

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

/** The longest name a subgraph's socket has. */
const LONGEST_SOCKET = Math.max(...SUBGRAPH_NAMES.map((name) => `${name}.sock`.length));

/** A socket directory's name: the prefix, the pid of the process that made it, then mkdtemp's letters. */
const SOCKET_DIR_PREFIX = 'mot-cua-hub-sockets-';
const SOCKET_DIR = new RegExp(`^${SOCKET_DIR_PREFIX}(\\d+)-`);

/** Whether the process `pid` is gone (a process of another user's still answers, with EPERM). */
const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

/**
 * Removes the socket directories that hubs killed outright (SIGKILL, the OOM killer, a signal before they
 * were ready) left behind: this user's, named after a process that is gone.
 */
function sweepSocketDirectories(): void {
  const root = tmpdir();
  for (const entry of readdirSync(root)) {
    const pid = SOCKET_DIR.exec(entry)?.[1];
    if (!pid) continue;
    const dir = join(root, entry);
    try {
      if (lstatSync(dir).uid !== process.getuid?.() || !gone(Number(pid))) continue;
      rmSync(dir, { recursive: true, force: true });
      log.info({ dir }, 'removed the sockets of a hub that did not stop');
    } catch {
      // Gone meanwhile, or not ours to look into.
    }
  }
}

/**
 * A directory for the subgraphs' sockets, of this process's own, which only its user may enter (mkdtemp
 * makes it 0700): the sockets in it answer whoever reaches them, as the ports do on the host's own address.
 * None (the gateway uses the ports) on Windows, where the directory cannot be made, or where its sockets'
 * paths would pass the 104 bytes macOS allows (108 on Linux): a long TMPDIR.
 */
function socketDirectory(): string | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    sweepSocketDirectories();
  } catch (error) {
    log.debug({ error: errorFields(error) }, 'could not look for the sockets of hubs that did not stop');
  }
  try {
    const dir = mkdtempSync(join(tmpdir(), `${SOCKET_DIR_PREFIX}${process.pid}-`));
    if (Buffer.byteLength(dir) + 1 + LONGEST_SOCKET <= 103) return dir;
    rmSync(dir, { recursive: true, force: true });
    log.warn({ dir }, 'the temporary directory’s path is too long for Unix sockets; the gateway asks the subgraphs on their ports');
  } catch (error) {
    log.warn({ error: errorFields(error) }, 'no directory for Unix sockets; the gateway asks the subgraphs on their ports');
  }
  return undefined;
}

/** Some of the subgraphs, each on its own port, in this process; all or none start. */
export async function startSubgraphs(options: SubgraphsOptions): Promise<RunningSubgraphs> {
  const { config, peers } = options;
  const socketDir = options.localSockets ? socketDirectory() : undefined;
  // Removed when they close, or when the process exits without closing them (a shutdown cut short).
  const removeSockets = () => {
    if (!socketDir) return;
    process.off('exit', removeSockets);
    rmSync(socketDir, { recursive: true, force: true });
  };
  if (socketDir) process.once('exit', removeSockets);
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
    await closed.finally(removeSockets);
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
      try {
        await Promise.all(all().filter((subgraph) => followers.includes(subgraph.name)).map((subgraph) => subgraph.close()));
        await Promise.all(all().filter((subgraph) => !followers.includes(subgraph.name)).map((subgraph) => subgraph.close()));
      } finally {
        removeSockets();
      }
    },
  };
}

