import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { Client } from 'pg';
import { Loaders, type Context } from './context';
import { GraphClient } from './graph-client';
import { listen } from './http';
import type { NoticeSettings, SubgraphName } from './env';
import { migrate, openOrm, type SubgraphDatabase } from './orm';
import { messageFeed, type OutboxMessageBase } from './outbox';
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
}

export interface SubgraphOptions {
  databaseUrl: string;
  port: number;
  host: string;
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
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  orm: MikroORM;
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

  const apollo = new ApolloServer<Context>({
    schema: await definition.schema(),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: options.includeStacktraces ?? false,
  });
  await apollo.start();
  const graph = new GraphClient(options.gatewayUrl, options.tokens.identitySecret, {
    sub: `hub:${definition.name}`,
    name: 'Một Cửa Hub',
    agency: 'HUB',
    roles: ['SYSTEM'],
  });
  const verifier = new TokenVerifier(options.tokens);
  const clock = options.clock ?? (() => new Date());

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', subgraph: definition.name });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', subgraph: definition.name, reason: (error as Error).message });
    }
  });
  if (definition.outbox) {
    app.get('/events', messageFeed(orm, definition.outbox, verifier));
  }
  app.use(
    '/graphql',
    express.json({ limit: options.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => ({
        // The caller's own token, passed on by the gateway and verified here as the gateway verified it; a
        // bad one gets UNAUTHENTICATED and no data, none is an anonymous caller.
        actor: await verifier.identityOf(req.header('authorization')),
        em: orm.em.fork(),
        loaders: new Loaders(),
        now: clock(),
        graph,
      }),
    }),
  );

  const http = await listen(app, options.port, options.host);
  const background = definition.background?.({
    orm,
    graph,
    clock,
    identitySecret: options.tokens.identitySecret,
    eventPollMs: options.eventPollMs,
    notices: options.notices,
    peerUrl: (name) => {
      const url = options.peerUrls()[name];
      if (!url) throw new Error(`The ${name} subgraph's address is not known.`);
      return url;
    },
  });

  return {
    name: definition.name,
    url: `${http.origin}/graphql`,
    orm,
    async close() {
      await background?.stop();
      await http.close();
      await apollo.stop();
      await orm.close();
    },
  };
}
