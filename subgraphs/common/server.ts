import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { Client } from 'pg';
import { Loaders, type Context } from './context';
import { refuseControlCharacters } from './control-characters';
import { AgencyDirectory } from './directory';
import { GraphClient } from './graph-client';
import { traceService } from './tracing';
import { databaseChecks, livez, readyz } from './health';
import { listen } from './http';
import { ServiceMetrics, type Figure, type FigureServices, type MetricsSettings } from './metrics';
import type { NoticeSettings, SubgraphName, WebhookSettings } from './env';
import { maskErrors } from './error-mask';
import { apolloLogger, errorFields, logger, malformedRequests, noteCaller, requestLogging, requestLogPlugin } from './log';
import { migrate, openOrm, type SubgraphDatabase } from './orm';
import { feedBacklog, messageFeed, type OutboxMessageBase } from './outbox';
import { TokenVerifier, type TokenSettings } from './tokens';

/** What a subgraph's background work (the event consumer) is given. */
export interface SubgraphServices {
  orm: MikroORM;
  graph: GraphClient;
  clock: () => Date;
  /** Where another subgraph answers GraphQL (`…/graphql`); read when needed, since all start together. */
  peerUrl: (name: SubgraphName) => string;
  identitySecret: string;
  eventPollMs: number;
  notices: NoticeSettings;
  webhooks: WebhookSettings;
}

/** Everything the hub needs to know to run one subgraph. */
export interface SubgraphDefinition {
  name: SubgraphName;
  database: SubgraphDatabase;
  /** Builds the federated schema; needs no database. */
  schema(): Promise<GraphQLSchema>;
  /** Loads the subgraph's reference data; loading it again changes nothing. */
  seed(em: EntityManager): Promise<void>;
  /** The outbox a producing subgraph serves as its event feed. */
  outbox?: EntityClass<OutboxMessageBase>;
  /** Work beside the server, started once it listens and stopped before it closes. */
  background?: (services: SubgraphServices) => { stop(): Promise<void> };
  /** Figures of its data for `/metrics`, sampled on a timer (metrics.ts). */
  figures?: (services: FigureServices) => Figure[];
}

export interface SubgraphOptions {
  databaseUrl: string;
  port: number;
  host: string;
  /** A Unix socket it listens on as well, for a gateway on the same machine (scripts/subgraphs.ts). */
  socketPath?: string;
  /** How callers' tokens are verified, and the key of the hub's own service tokens. */
  tokens: TokenSettings;
  maxBodyBytes: number;
  poolMax?: number;
  /** Migrate and load reference data before listening. */
  prepare?: boolean;
  onQuery?: (sql: string) => void;
  includeStacktraces?: boolean;
  /** Where the subgraph reaches the federated graph (the gateway); read when first needed. */
  gatewayUrl: () => string;
  /** The time requests are handled at; the wall clock unless a test sets it. */
  clock?: () => Date;
  /** The other subgraphs' GraphQL URLs. */
  peerUrls: () => Partial<Record<SubgraphName, string>>;
  eventPollMs: number;
  notices: NoticeSettings;
  /** Where `/metrics` is served and how often the data's figures are sampled; unset: on the subgraph's port, every 15 s. */
  metrics?: MetricsSettings;
  webhooks: WebhookSettings;
  /** How long a stopping subgraph lets requests in flight finish. */
  shutdownGraceMs?: number;
  /** The background work starts once this resolves (the peers it reads are listening); unset: at once. */
  backgroundAfter?: Promise<void>;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  /** The Unix socket it also listens on, if it was given one and could have it. */
  socketPath?: string;
  /** Where its Prometheus figures are scraped. */
  metricsUrl: string;
  orm: MikroORM;
  /** Lets the background work (event consumers, notices) finish what it is doing, and starts no more. */
  stopBackground(): Promise<void>;
  /** Stops the background work, lets requests in flight finish, then closes the database pool. */
  close(): Promise<void>;
}

/**
 * Applies migrations and loads reference data, each in its own transaction. Replicas starting together
 * take turns: a PostgreSQL advisory lock per schema serialises them.
 */
export async function prepareDatabase(definition: SubgraphDefinition, orm: MikroORM, databaseUrl: string): Promise<void> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', [`mot-cua-hub:prepare:${definition.database.schema}`]);
    await migrate(orm);
    await orm.em.fork().transactional((em) => definition.seed(em));
  } finally {
    await lock.end();
  }
}

export async function startSubgraph(definition: SubgraphDefinition, options: SubgraphOptions): Promise<RunningSubgraph> {
  const orm = await openOrm(definition.database, options);
  if (options.prepare) await prepareDatabase(definition, orm, options.databaseUrl);

  const log = logger(definition.name);
  const metrics = new ServiceMetrics(definition.name);
  metrics.watchPool(orm);
  const apollo = new ApolloServer<Context>({
    schema: await definition.schema(),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No type or field of the hub gives a cache hint, and the gateway caches nothing: the plugin's hook on
      // every resolved field would compute a policy that is always "no caching".
      ApolloServerPluginCacheControlDisabled(),
      refuseControlCharacters(200),
      metrics.plugin(),
      requestLogPlugin(),
    ],
    includeStacktraceInErrorResponses: options.includeStacktraces ?? false,
    formatError: maskErrors(log),
    // The process stops in order (its owner's close()); Apollo's own handler would kill it half-way.
    stopOnTerminationSignals: false,
    logger: apolloLogger(log),
  });
  await apollo.start();
  const graph = new GraphClient(options.gatewayUrl, options.tokens.identitySecret, {
    sub: `hub:${definition.name}`,
    name: 'Một Cửa Hub',
    agency: 'HUB',
    roles: ['SYSTEM'],
  });
  const verifier = new TokenVerifier(options.tokens, new AgencyDirectory(() => options.peerUrls().province));
  const clock = options.clock ?? (() => new Date());

  const app = express();
  app.disable('x-powered-by');
  app.use(traceService(definition.name));
  app.use(requestLogging(log));
  app.get('/health', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', subgraph: definition.name });
    } catch (error) {
      // The reason goes to the log: it names the database's address.
      log.warn({ error: errorFields(error) }, 'health check: the database does not answer');
      res.status(503).json({ status: 'unavailable', subgraph: definition.name });
    }
  });
  app.get('/livez', livez);
  app.get('/readyz', readyz(definition.name, databaseChecks(orm, definition.database)));
  if (definition.outbox) {
    app.get('/events', messageFeed(orm, definition.outbox, verifier));
    app.get('/events/backlog', feedBacklog(orm, definition.outbox, verifier));
  }
  app.use(
    '/graphql',
    express.json({ limit: options.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => {
        // The caller's own token, passed on by the gateway and verified here as the gateway verified it; a
        // bad one gets UNAUTHENTICATED and no data, none is an anonymous caller.
        const actor = await verifier.identityOf(req.header('authorization'));
        noteCaller(actor);
        return { actor, em: orm.em.fork(), loaders: new Loaders(), now: clock(), graph, webhooks: options.webhooks };
      },
    }),
  );
  app.use(malformedRequests(log));

  const metricsListener = await metrics.serve(app, options.metrics, options.host);
  const http = await listen(app, options.port, options.host, options.socketPath).catch(async (error) => {
    await metricsListener?.close();
    throw error;
  });
  if (http.socketError) log.warn({ error: errorFields(http.socketError) }, 'cannot listen on a Unix socket; the gateway asks this subgraph on its port');
  const peerUrl = (name: SubgraphName) => {
    const url = options.peerUrls()[name];
    if (!url) throw new Error(`The ${name} subgraph's address is not known.`);
    return url;
  };
  const startBackground = () => definition.background?.({
    orm,
    graph,
    clock,
    identitySecret: options.tokens.identitySecret,
    eventPollMs: options.eventPollMs,
    notices: options.notices,
    peerUrl,
    webhooks: options.webhooks,
  });
  const figures = definition.figures?.({ orm, peerUrl, identitySecret: options.tokens.identitySecret }) ?? [];
  const stopSampling = metrics.sample(figures, options.metrics?.sampleMs ?? 15_000);

  let background: { stop(): Promise<void> } | undefined;
  let stopping = false;
  const backgroundStarted = (options.backgroundAfter ?? Promise.resolve()).then(() => {
    if (!stopping) background = startBackground();
  });
  let backgroundStopped: Promise<void> | undefined;
  const stopBackground = () => {
    stopping = true;
    return (backgroundStopped ??= backgroundStarted.then(() => background?.stop()));
  };
  return {
    name: definition.name,
    url: `${http.origin}/graphql`,
    socketPath: http.socketPath,
    metricsUrl: `${(metricsListener ?? http).origin}/metrics`,
    orm,
    stopBackground,
    async close() {
      await stopBackground();
      await stopSampling();
      await metricsListener?.close();
      await http.close(options.shutdownGraceMs);
      await apollo.stop();
      await orm.close();
    },
  };
}
