import '../subgraphs/common/tracing';
import 'reflect-metadata';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type Request } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { GraphQLScalarType, Kind, type GraphQLSchema, type ValueNode } from 'graphql';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Identity } from '../subgraphs/common/auth';
import { env, metricsSettings, tokenSettings, type HubEnv, type SubgraphName } from '../subgraphs/common/env';
import { refuseControlCharacters } from '../subgraphs/common/control-characters';
import { maskErrors } from '../subgraphs/common/error-mask';
import { apolloLogger, errorFields, logger, malformedRequests, noteCaller, REQUEST_ID_HEADER, requestLogging, requestLogPlugin } from '../subgraphs/common/log';
import { parseDateTime, parseLocalDate, parseMoney } from '../subgraphs/common/scalars';
import { livez, readyz, subgraphChecks } from '../subgraphs/common/health';
import { listen } from '../subgraphs/common/http';
import { traceService } from '../subgraphs/common/tracing';
import { ServiceMetrics, subgraphFetches, type MetricsSettings } from '../subgraphs/common/metrics';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';
import { AgencyDirectory } from '../subgraphs/common/directory';
import { TokenVerifier, type TokenSettings } from '../subgraphs/common/tokens';
import { issueToken } from './auth';
import { sharedCounts } from './rate-limit-store';
import { SubgraphSource } from './subgraph-source';
import { EXPLORER_EXAMPLES, fillPlaceholders, rememberCreated } from './explorer/examples';
import { honestStatus, schemaVisibility } from './protection';

const log = logger('gateway');
/** The most lexical tokens a query may have (graphql-armor's default). */
const MAX_TOKENS = 1000;

export interface GatewayContext {
  identity: Identity | null;
  /** The caller's Authorization header, passed on to the subgraphs as it came. */
  authorization?: string;
  /** The request's id, passed on to the subgraphs so that their log lines carry it too. */
  requestId?: string;
}

export interface GatewayOptions {
  port: number;
  host: string;
  subgraphUrls: Record<SubgraphName, string>;
  /**
   * The Unix sockets of those that run on this machine (`npm start`): their GraphQL requests go there, and
   * only their health checks to `subgraphUrls`.
   */
  subgraphSockets?: Partial<Record<SubgraphName, string>>;
  /** How callers' tokens are verified (the hub's own HS256 issuer, the province's OpenID Connect issuer). */
  tokens: TokenSettings;
  maxQueryDepth: number;
  maxBodyBytes: number;
  /** Requests per minute answered to one address that sends no token; 0: no limit. */
  publicRateLimit: number;
  /** Which proxies in front of the gateway tell the caller's address (express's `trust proxy`). */
  trustProxy: boolean | number | string;
  /** Who may introspect the schema (and see "Did you mean" hints). */
  introspection: 'everyone' | 'authenticated' | 'off';
  /** Who the dashboard's supervisor sign-in without a token (/dashboard/dev-token) answers. */
  devSignIn: 'off' | 'loopback' | 'everyone';
  /** How long a stopping gateway lets requests in flight finish. */
  shutdownGraceMs: number;
  /** Where `/metrics` is served; unset: on the gateway's port. */
  metrics?: MetricsSettings;
  /** The Redis the replicas share the anonymous rate limit through; unset: this process counts alone. */
  redis?: { url: string; prefix: string };
}

/** The gateway's settings that come from the configuration; where it is and what it fronts come from the caller. */
export function gatewaySettings(config: HubEnv): Omit<GatewayOptions, 'port' | 'subgraphUrls'> {
  return {
    host: config.host,
    tokens: tokenSettings(config),
    maxQueryDepth: config.maxQueryDepth,
    maxBodyBytes: config.maxBodyBytes,
    publicRateLimit: config.publicRateLimit,
    trustProxy: config.trustProxy,
    introspection: config.introspection,
    devSignIn: config.devSignIn,
    shutdownGraceMs: config.shutdownGraceMs,
    metrics: config.metrics,
    redis: config.redis,
  };
}

export interface RunningGateway {
  url: string;
  origin: string;
  /** Where its Prometheus figures are scraped. */
  metricsUrl: string;
  close(): Promise<void>;
}

/**
 * The supergraph `npm run schema` composed and committed. The gateway serves it as it is, never composes at
 * run time, and so needs no subgraph's code.
 */
const SUPERGRAPH_FILE = join(PROJECT_ROOT, 'schema', 'supergraph.graphql');

/** A file of an installed package, found through its main entry (not every package exports its package.json). */
const packageFile = (name: string, file: string) => {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return join(dir, file);
};

/** The explorer's browser files, served from node_modules: government networks are often offline. */
const EXPLORER_ASSETS: Record<string, string> = {
  'react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
};

/** The dashboard's browser files, also served locally. */
const DASHBOARD_FILES: Record<string, string> = {
  '/dashboard': join(PROJECT_ROOT, 'gateway', 'dashboard', 'index.html'),
  '/dashboard/dashboard.js': join(PROJECT_ROOT, 'gateway', 'dashboard', 'dashboard.js'),
  '/dashboard/dashboard.css': join(PROJECT_ROOT, 'gateway', 'dashboard', 'dashboard.css'),
  '/dashboard/assets/chart.umd.min.js': packageFile('chart.js', 'dist/chart.umd.min.js'),
};

async function subgraphHealth(urls: Record<SubgraphName, string>): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const response = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) });
        return [name, response.ok ? 'ok' : `unhealthy (${response.status})`];
      } catch (error) {
        return [name, `unreachable (${(error as Error).message})`];
      }
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * The supergraph knows the hub's scalars only by name. The gateway parses them as the subgraphs do, so a
 * malformed date is refused here, as BAD_USER_INPUT, before any subgraph is asked.
 */
function installHubScalars(schema: GraphQLSchema): void {
  const strict: Record<string, (value: unknown) => unknown> = { DateTime: parseDateTime, Date: parseLocalDate, Money: parseMoney };
  for (const [name, parse] of Object.entries(strict)) {
    const type = schema.getType(name);
    if (!(type instanceof GraphQLScalarType)) continue;
    type.parseValue = (value: unknown) => {
      parse(value);
      return value;
    };
    type.parseLiteral = (node: ValueNode) => {
      const value = node.kind === Kind.STRING || node.kind === Kind.INT ? node.value : undefined;
      parse(value);
      return value;
    };
  }
}

/**
 * Callers without a token (citizens tracking a dossier by code and phone) get so many answers a minute per
 * address, so that nobody can try phone numbers against a code. Officers' tokens and the subgraphs' own
 * service tokens are not counted; a forged token is.
 */
function publicRateLimit(options: GatewayOptions, verifier: TokenVerifier, store?: Store): express.RequestHandler {
  if (options.publicRateLimit === 0) return (_req, _res, next) => next();
  const windowMs = 60_000;
  const limiter = rateLimit({
    store,
    windowMs,
    limit: options.publicRateLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Trusting no proxy is the default on purpose (HUB_TRUST_PROXY): an X-Forwarded-For is then ignored, not a misconfiguration.
    validate: { xForwardedForHeader: false },
    skip: async (req) => (await verifier.identityOf(req.header('authorization')).catch(() => null)) !== null,
    handler: (_req, res) => {
      const seconds = res.getHeader('Retry-After') ?? String(windowMs / 1000);
      res.status(429).json({
        errors: [
          {
            message: `Too many requests without a token from this address; try again in ${seconds} seconds.`,
            extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: Number(seconds) },
          },
        ],
      });
    },
  });
  // The shared counts unreachable (Redis down): the caller is told to come back, and nothing is answered uncounted.
  return (req, res, next) =>
    limiter(req, res, (error?: unknown) => {
      if (!error) return next();
      res.status(503).json({
        errors: [{ message: 'The hub cannot count requests without a token right now; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      });
    });
}

/**
 * The dashboard's sign-in without a token answers callers on this machine only: the socket's own address,
 * not one a proxy reports, and no request a proxy forwarded (a reverse proxy on the same machine would
 * otherwise make every caller local).
 */
function mayHaveDevToken(req: Request, mode: GatewayOptions['devSignIn']): boolean {
  if (mode === 'everyone') return true;
  if (mode === 'off') return false;
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  return loopback && req.header('x-forwarded-for') === undefined && req.header('forwarded') === undefined;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const metrics = new ServiceMetrics('gateway');
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name, url }) =>
      new SubgraphSource(options.subgraphUrls[name as SubgraphName] ?? (url as string), name, subgraphFetches(metrics), options.subgraphSockets?.[name as SubgraphName]),
    logger: apolloLogger(log),
  });
  const verifier = new TokenVerifier(options.tokens, new AgencyDirectory(() => options.subgraphUrls.province));
  let supergraphLoaded = false;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    installHubScalars(apiSchema);
    supergraphLoaded = true;
  });
  const armor = new ApolloArmor({
    maxDepth: { n: options.maxQueryDepth },
    maxAliases: { n: 30 },
    costLimit: { maxCost: 20000 },
    blockFieldSuggestion: { enabled: false },
    // The token limit is graphql-js's own (parseOptions below): armor's throws outside Apollo's pipeline,
    // and a syntax error then answers HTTP 500.
    maxTokens: { enabled: false },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.introspection !== 'off',
    plugins: [
      ...protection.plugins,
      refuseControlCharacters<GatewayContext>(400),
      schemaVisibility(options.introspection),
      honestStatus(),
      metrics.plugin(),
      requestLogPlugin(),
    ],
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    allowBatchedHttpRequests: false,
    // The process stops in order (scripts/start.ts); Apollo's own handler would kill it half-way.
    stopOnTerminationSignals: false,
    logger: apolloLogger(log),
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(log),
  });
  await apollo.start();

  const counts = options.redis && options.publicRateLimit > 0 ? sharedCounts(options.redis.url, options.redis.prefix) : undefined;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(traceService('gateway'));
  app.use(requestLogging(log));
  app.get('/health', async (_req, res) => {
    const subgraphs = await subgraphHealth(options.subgraphUrls);
    const healthy = Object.values(subgraphs).every((status) => status === 'ok');
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', subgraphs });
  });
  app.get('/livez', livez);
  app.get(
    '/readyz',
    readyz('gateway', {
      supergraph: async () => {
        if (!supergraphLoaded) throw new Error('not loaded');
      },
      ...subgraphChecks(options.subgraphUrls),
    }),
  );
  app.get('/explorer', (_req, res) => res.sendFile(join(PROJECT_ROOT, 'gateway', 'explorer', 'index.html')));
  app.get('/explorer/explorer.js', (_req, res) => res.sendFile(join(PROJECT_ROOT, 'gateway', 'explorer', 'explorer.js')));
  app.get('/explorer/examples.js', (_req, res) => {
    res
      .type('application/javascript')
      .send(
        `window.EXPLORER_EXAMPLES = ${JSON.stringify(EXPLORER_EXAMPLES)};\n` +
          `window.fillPlaceholders = ${fillPlaceholders.toString()};\nwindow.rememberCreated = ${rememberCreated.toString()};`,
      );
  });
  app.get('/explorer/assets/:file', (req, res) => {
    const file = EXPLORER_ASSETS[req.params.file];
    if (file) res.sendFile(file, { maxAge: '1d' });
    else res.status(404).end();
  });
  for (const [route, file] of Object.entries(DASHBOARD_FILES)) app.get(route, (_req, res) => res.sendFile(file));
  // A supervisor's token for trying the dashboard out: in development, for callers on this machine.
  app.all('/dashboard/dev-token', (req, res) => {
    if (!mayHaveDevToken(req, options.devSignIn) || !['POST', 'HEAD'].includes(req.method)) return void res.status(404).end();
    const token = issueToken({ agency: 'BG.SNV', roles: ['SUPERVISOR'], name: 'Giám sát viên (thử)', expiresIn: '1h' }, options.tokens.jwtSecret);
    res.json({ token });
  });
  // The printed forms ask the gateway's own GraphQL endpoint, as the caller. Their PDF and spreadsheet
  // libraries (some 20 MB) are loaded with the first form asked for.
  let selfUrl = '';
  let forms: Promise<express.Router> | undefined;
  app.use((req, res, next) => {
    if (!req.path.startsWith('/forms/')) return next();
    forms ??= import('./forms').then(({ formsRouter }) => formsRouter(() => selfUrl));
    forms.then((router) => router(req, res, next), next);
  });
  app.use(
    '/graphql',
    publicRateLimit(options, verifier, counts?.store),
    express.json({ limit: options.maxBodyBytes }),
    expressMiddleware(apollo, {
      // A subgraph asking the graph on a caller's behalf shows the caller's token, as the caller would.
      context: async ({ req, res }) => {
        const identity = await verifier.identityOf(req.header('authorization'));
        noteCaller(identity);
        return { identity, authorization: req.header('authorization'), requestId: String(res.getHeader(REQUEST_ID_HEADER) ?? '') || undefined };
      },
    }),
  );
  app.use(malformedRequests(log));

  const metricsListener = await metrics.serve(app, options.metrics, options.host);
  const http = await listen(app, options.port, options.host).catch(async (error) => {
    await metricsListener?.close();
    await counts?.close();
    throw error;
  });
  selfUrl = `${http.origin}/graphql`;
  return {
    url: `${http.origin}/graphql`,
    origin: http.origin,
    metricsUrl: `${(metricsListener ?? http).origin}/metrics`,
    async close() {
      await metricsListener?.close();
      await http.close(options.shutdownGraceMs);
      await apollo.stop();
      await counts?.close();
    },
  };
}

/** What `npm start`'s main process (scripts/start.ts) and the gateway it forks tell each other. */
export type GatewayMessage =
  | { type: 'start'; subgraphUrls: Record<SubgraphName, string>; subgraphSockets: Partial<Record<SubgraphName, string>> }
  | { type: 'ready'; url: string }
  | { type: 'close' };

/**
 * `npm run start:gateway`: the gateway alone, in front of subgraphs running elsewhere. Forked by `npm start`,
 * it loads its code while the subgraphs start, starts when told where they listen, says over IPC when it is
 * ready and closes when told; signals are the main process's to act on, and when that process is gone (even
 * killed with SIGKILL: the IPC channel closes) the gateway exits at once, so that no orphan keeps the port.
 */
if (require.main === module) {
  const config = env();
  const start = (subgraphUrls: Record<SubgraphName, string>, subgraphSockets?: Partial<Record<SubgraphName, string>>) =>
    startGateway({ ...gatewaySettings(config), port: config.ports.gateway, subgraphUrls, subgraphSockets, metrics: metricsSettings(config, 'gateway') }).catch((error: Error) => {
      log.fatal({ error: errorFields(error) }, 'gateway failed to start');
      process.exit(1);
    });
  // Told by an argument, not by the IPC channel alone: a process manager (pm2) may give one to any process.
  if (process.argv.includes('--forked-by-npm-start') && process.send) {
    process.on('disconnect', () => {
      log.warn('the main process is gone; exiting');
      process.exit(1);
    });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
    let running: Promise<RunningGateway> | undefined;
    process.on('message', (message: GatewayMessage) => {
      if (message.type === 'start' && !running) {
        running = start(message.subgraphUrls, message.subgraphSockets);
        void running.then((gateway) => process.send!({ type: 'ready', url: gateway.url } satisfies GatewayMessage));
      }
      if (message.type === 'close') void (running ?? Promise.resolve(undefined)).then((gateway) => gateway?.close()).then(() => process.exit(0));
    });
  } else {
    void start(config.subgraphUrls).then((running) => {
      log.info({ url: running.url }, 'gateway ready');
      const stop = () => running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }
}
