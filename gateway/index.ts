import 'reflect-metadata';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { GraphQLError, GraphQLScalarType, Kind, type GraphQLFormattedError, type GraphQLSchema, type ValueNode } from 'graphql';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Identity } from '../subgraphs/common/auth';
import { env, tokenSettings, type HubEnv, type SubgraphName } from '../subgraphs/common/env';
import { HubError } from '../subgraphs/common/errors';
import { parseDateTime, parseLocalDate, parseMoney } from '../subgraphs/common/scalars';
import { listen } from '../subgraphs/common/http';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';
import { TokenVerifier, type TokenSettings } from '../subgraphs/common/tokens';
import { issueToken } from './auth';
import { formsRouter } from './forms';
import { EXPLORER_EXAMPLES } from './explorer/examples';

export interface GatewayContext {
  identity: Identity | null;
  /** The caller's Authorization header, passed on to the subgraphs as it came. */
  authorization?: string;
}

export interface GatewayOptions {
  port: number;
  host: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** How callers' tokens are verified (the hub's own HS256 issuer, the province's OpenID Connect issuer). */
  tokens: TokenSettings;
  maxQueryDepth: number;
  maxBodyBytes: number;
  /** Requests per minute answered to one address that sends no token; 0: no limit. */
  publicRateLimit: number;
  /** Which proxies in front of the gateway tell the caller's address (express's `trust proxy`). */
  trustProxy: boolean | number | string;
  /** Development only: the dashboard offers a supervisor's sign-in without a token. */
  devSignIn?: boolean;
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
    devSignIn: config.nodeEnv === 'development',
  };
}

export interface RunningGateway {
  url: string;
  origin: string;
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

/**
 * Passes the caller's own token on to a subgraph, which verifies it as the gateway did: the standard way any
 * federation gateway can serve the supergraph (header propagation), with no envelope of the hub's own.
 */
class TokenForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string) {
    // Node's own fetch (undici) keeps connections alive and costs a fraction of the default fetcher.
    super({ url, fetcher: fetch as unknown as RemoteGraphQLDataSource['fetcher'] });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

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
function publicRateLimit(options: GatewayOptions, verifier: TokenVerifier): express.RequestHandler {
  if (options.publicRateLimit === 0) return (_req, _res, next) => next();
  const windowMs = 60_000;
  return rateLimit({
    windowMs,
    limit: options.publicRateLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
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
}

/** A value a scalar refused is the caller's bad input, whatever phase of the request noticed it. */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof HubError && original.extensions.code === 'BAD_USER_INPUT') {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  }
  return formatted;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name, url }) => new TokenForwardingDataSource(options.subgraphUrls[name as SubgraphName] ?? (url as string)),
  });
  const verifier = new TokenVerifier(options.tokens);
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => installHubScalars(apiSchema));
  const armor = new ApolloArmor({
    maxDepth: { n: options.maxQueryDepth },
    maxAliases: { n: 30 },
    costLimit: { maxCost: 20000 },
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    plugins: protection.plugins,
    validationRules: protection.validationRules,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.get('/health', async (_req, res) => {
    const subgraphs = await subgraphHealth(options.subgraphUrls);
    const healthy = Object.values(subgraphs).every((status) => status === 'ok');
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', subgraphs });
  });
  app.get('/explorer', (_req, res) => res.sendFile(join(PROJECT_ROOT, 'gateway', 'explorer', 'index.html')));
  app.get('/explorer/explorer.js', (_req, res) => res.sendFile(join(PROJECT_ROOT, 'gateway', 'explorer', 'explorer.js')));
  app.get('/explorer/examples.js', (_req, res) => {
    res.type('application/javascript').send(`window.EXPLORER_EXAMPLES = ${JSON.stringify(EXPLORER_EXAMPLES)};`);
  });
  app.get('/explorer/assets/:file', (req, res) => {
    const file = EXPLORER_ASSETS[req.params.file];
    if (file) res.sendFile(file, { maxAge: '1d' });
    else res.status(404).end();
  });
  for (const [route, file] of Object.entries(DASHBOARD_FILES)) app.get(route, (_req, res) => res.sendFile(file));
  // A supervisor's token for trying the dashboard out, in development only.
  app.all('/dashboard/dev-token', (req, res) => {
    if (!options.devSignIn || !['POST', 'HEAD'].includes(req.method)) return void res.status(404).end();
    const token = issueToken({ agency: 'BG.SNV', roles: ['SUPERVISOR'], name: 'Giám sát viên (thử)', expiresIn: '1h' }, options.tokens.jwtSecret);
    res.json({ token });
  });
  // The printed forms ask the gateway's own GraphQL endpoint, as the caller.
  let selfUrl = '';
  app.use(formsRouter(() => selfUrl));
  app.use(
    '/graphql',
    publicRateLimit(options, verifier),
    express.json({ limit: options.maxBodyBytes }),
    expressMiddleware(apollo, {
      // A subgraph asking the graph on a caller's behalf shows the caller's token, as the caller would.
      context: async ({ req }) => ({ identity: await verifier.identityOf(req.header('authorization')), authorization: req.header('authorization') }),
    }),
  );

  const http = await listen(app, options.port, options.host);
  selfUrl = `${http.origin}/graphql`;
  return {
    url: `${http.origin}/graphql`,
    origin: http.origin,
    async close() {
      await http.close();
      await apollo.stop();
    },
  };
}

/** `npm run start:gateway`: the gateway alone, in front of subgraphs running elsewhere. */
if (require.main === module) {
  const config = env();
  startGateway({
    ...gatewaySettings(config),
    port: config.ports.gateway,
    subgraphUrls: config.subgraphUrls,
  }).then(
    (running) => {
      console.log(`gateway ready at ${running.url}`);
      const stop = () => running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: Error) => {
      console.error(`gateway failed to start: ${error.message}`);
      process.exit(1);
    },
  );
}
