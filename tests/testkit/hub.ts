import { issueToken } from '../../gateway/auth';
import { startHub, type RunningHub } from '../../scripts/hub';
import type { Role } from '../../subgraphs/common/auth';
import { env, parseEnv, type HubEnv, type NoticeSettings, type SubgraphName, type WebhookSettings } from '../../subgraphs/common/env';
import { createTestDatabase, type TestDatabase } from './database';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface TestHub extends RunningHub {
  config: HubEnv;
  database: TestDatabase;
  /** POSTs an operation to the gateway, as the holder of `token` (anonymous without one). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** A token as `npm run token` issues it. */
  token(agency: string, roles: Role[], name?: string): string;
}

/** The test configuration: the defaults, with a small pool per subgraph (many hubs share one server). */
export function testConfig(): HubEnv {
  return { ...parseEnv({ NODE_ENV: 'test', DATABASE_URL: env().databaseUrl, HUB_DB_POOL_MAX: '4', HUB_EVENT_POLL_MS: '100' }), host: '127.0.0.1' };
}

export async function postGraphQL<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/**
 * The whole hub, as `npm start` runs it, on ports of its own and over a database of its own (a copy of
 * the migrated and seeded template).
 */
export interface TestHubOptions {
  onQuery?: (subgraph: SubgraphName, sql: string) => void;
  clock?: () => Date;
  eventPollMs?: number;
  /** Where notices go; by default no channel is configured and notices wait in the outbox. */
  notices?: Partial<NoticeSettings>;
  /** Where webhooks may go and how often they are tried; by default nowhere. */
  webhooks?: Partial<WebhookSettings>;
  /** Answers a minute per address for callers without a token; the configured default otherwise. */
  publicRateLimit?: number;
  /** Where `/metrics` is served and how often figures are sampled; the configured defaults otherwise. */
  metrics?: Partial<HubEnv['metrics']>;
  /** The Redis the gateway's anonymous rate limit is counted in; none (each process counts alone) by default. */
  redis?: HubEnv['redis'];

  /** The gateway asks the subgraphs over Unix sockets, as under `npm start`; by default over their ports, as in docker-compose.yml. */
  localSockets?: boolean;
  /** Settings of the gateway's own (trusted proxies, the development sign-in…). */
  gateway?: Partial<Pick<HubEnv, 'trustProxy' | 'devSignIn' | 'introspection'>>;
}

export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const defaults = testConfig();
  const config = {
    ...defaults,
    ...(options.eventPollMs ? { eventPollMs: options.eventPollMs } : {}),
    ...(options.publicRateLimit !== undefined ? { publicRateLimit: options.publicRateLimit } : {}),
    ...options.gateway,
    notices: { ...defaults.notices, ...options.notices },
    metrics: { ...defaults.metrics, ...options.metrics },
    ...(options.redis ? { redis: options.redis } : {}),
    webhooks: { ...defaults.webhooks, ...options.webhooks },
  };
  const database = await createTestDatabase();
  let hub: RunningHub;
  try {
    hub = await startHub({ databaseUrl: database.url, config, ephemeralPorts: true, localSockets: options.localSockets, onQuery: options.onQuery, clock: options.clock });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const closeHub = hub.close;
  return Object.assign(hub, {
    config,
    database,
    gql: <T>(query: string, variables?: Record<string, unknown>, token?: string) =>
      postGraphQL<T>(hub.gateway.url, query, variables, token ? { authorization: `Bearer ${token}` } : {}),
    token: (agency: string, roles: Role[], name = 'Cán bộ kiểm thử') => issueToken({ agency, roles, name }, config.jwtSecret),
    close: async () => {
      await closeHub();
      await database.drop();
    },
  });
}
