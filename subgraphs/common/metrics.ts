import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Identity } from './auth';
import type { SubgraphName } from './env';
import { listen, type Listening } from './http';
import { serviceAuthorization } from './tokens';

/** How soon a figure that could not be sampled is tried again. */
const SAMPLE_RETRY_MS = 1000;

/**
 * Prometheus figures (prom-client), served at `/metrics` on each process without a token, on the service's
 * own port or on one of their own (HUB_METRICS_PORT / HUB_METRICS_HOST) that the network keeps private.
 * Names start with `hub_`; every series carries the service's name as `service`. Per-request figures are
 * counted as requests pass; figures of the data (dossiers by status, notices, feeds' lag) are sampled from
 * the database on a timer, never per request or per scrape.
 */

export interface MetricsSettings {
  /** A port of their own for `/metrics` (0: any free one); unset: the service's own port. */
  port?: number;
  host?: string;
  /** How often the data's figures are sampled. */
  sampleMs: number;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

/** The process's own figures (CPU, memory, event loop, GC), collected once however many services it runs. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The operation names clients chose, as labels: a name that looks like one, and at most `max` distinct names
 * per process, later ones counted as `(other)`, so that a caller inventing names cannot grow the series
 * without end.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly max = 300) {}

  of(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,79}$/.test(name)) return '(invalid)';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.max) return '(other)';
    this.seen.add(name);
    return name;
  }
}

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Histogram<'operation' | 'outcome'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    this.requests = new Histogram({
      name: 'hub_graphql_request_duration_seconds',
      help: 'GraphQL requests answered, by operation name and outcome (ok, or the first error’s code), with their latency',
      labelNames: ['operation', 'outcome'],
      buckets: SECONDS,
      registers: [this.registry],
    });
  }

  /** Times every GraphQL request, labelled by its operation and outcome. */
  plugin(): ApolloServerPlugin<any> {
    const requests = this.requests;
    const operations = new OperationLabels();
    return {
      async requestDidStart() {
        const end = requests.startTimer();
        return {
          async willSendResponse({ request, operationName, response, errors }) {
            const body = response.body;
            const formatted = body.kind === 'single' ? body.singleResult.errors : undefined;
            const code = formatted?.[0]?.extensions?.code ?? errors?.[0]?.extensions?.code;
            const failed = (formatted?.length ?? 0) > 0 || (errors?.length ?? 0) > 0;
            end({ operation: operations.of(operationName ?? request.operationName), outcome: failed ? String(code ?? 'INTERNAL_SERVER_ERROR') : 'ok' });
          },
        };
      },
    };
  }

  /** The ORM's connection pool: connections in use, idle, and callers waiting for one. */
  watchPool(orm: MikroORM): void {
    new Gauge({
      name: 'hub_db_pool_connections',
      help: 'Database pool connections by state: used, free, pending (callers waiting for one), max',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = (orm.em.getConnection().getKnex().client as { pool?: PoolCounts }).pool;
        this.reset();
        if (!pool) return;
        this.set({ state: 'used' }, pool.numUsed());
        this.set({ state: 'free' }, pool.numFree());
        this.set({ state: 'pending' }, pool.numPendingAcquires() + pool.numPendingCreates());
        this.set({ state: 'max' }, pool.max);
      },
    });
  }

  /** Samples `figures` now and every `everyMs` after (sooner after a failure); returns the stop. */
  sample(figures: Figure[], everyMs: number): () => Promise<void> {
    if (figures.length === 0) return async () => {};
    const gauges = new Map<string, Gauge>();
    for (const figure of figures) {
      for (const [name, { help, labelNames }] of Object.entries(figure.gauges)) {
        gauges.set(name, new Gauge({ name, help, labelNames, registers: [this.registry] }));
      }
    }
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    /** Whether every figure was sampled. */
    const once = async () => {
      let all = true;
      for (const figure of figures) {
        try {
          const values = await figure.sample();
          for (const [name, rows] of Object.entries(values)) {
            const gauge = gauges.get(name)!;
            gauge.reset();
            for (const { labels, value } of rows) gauge.set(labels, value);
          }
        } catch {
          // A figure that cannot be sampled now (database or feed away) keeps its last values; /readyz says why.
          all = false;
        }
      }
      return all;
    };
    const loop = (delay: number) => {
      timer = setTimeout(() => {
        running = once().then((all) => {
          // One that failed (a producer not listening yet at start) is tried again within a second.
          if (!stopped) loop(all ? everyMs : Math.min(everyMs, SAMPLE_RETRY_MS));
        });
      }, delay);
    };
    loop(0);
    return async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    };
  }

  handler(): RequestHandler {
    return async (_req, res) => {
      // Each registry adds its own default labels: the process's figures have none, the service's its name.
      const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
      res.type(this.registry.contentType).send(`${own}\n${process}`);
    };
  }

  /**
   * Serves `/metrics` on `app` when no port of its own is set, or on a listener of its own; returns that
   * listener's address (null: on the service's port).
   */
  async serve(app: express.Express, settings: MetricsSettings | undefined, fallbackHost: string): Promise<Listening | null> {
    if (settings?.port === undefined) {
      app.get('/metrics', this.handler());
      return null;
    }
    const own = express();
    own.disable('x-powered-by');
    own.get('/metrics', this.handler());
    return listen(own, settings.port, settings.host ?? fallbackHost);
  }
}

interface PoolCounts {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

export interface FigureRow {
  labels: Record<string, string>;
  value: number;
}

/** Gauges sampled together from the data, on the sampling timer. */
export interface Figure {
  gauges: Record<string, { help: string; labelNames: string[] }>;
  sample(): Promise<Record<string, FigureRow[]>>;
}

/** What a subgraph's figures can read: its ORM, and the feeds of the other subgraphs. */
export interface FigureServices {
  orm: MikroORM;
  peerUrl: (name: SubgraphName) => string;
  identitySecret: string;
}

/** Counts grouped by one column of the subgraph's own tables: `sql` returns rows of `label` and `n`. */
export function countsBy(name: string, help: string, label: string, sql: string, services: FigureServices): Figure {
  return {
    gauges: { [name]: { help, labelNames: [label] } },
    async sample() {
      const rows = await services.orm.em.getConnection().execute<Array<Record<string, string | number>>>(sql);
      return { [name]: rows.map((row) => ({ labels: { [label]: String(row[label]) }, value: Number(row.n) })) };
    },
  };
}

/** Messages a follower took from a feed and rejected, by feed. */
export function rejectedMessages(schema: string, services: FigureServices): Figure {
  const name = 'hub_feed_rejected_messages';
  return {
    gauges: { [name]: { help: 'Messages taken from a feed and rejected, whole or in part (kept with their reason, to be replayed), by feed', labelNames: ['source'] } },
    async sample() {
      const connection = services.orm.em.getConnection();
      // A follower that applies a message unit by unit keeps the refused units in consumed_unit.
      const [{ units }] = await connection.execute<Array<{ units: boolean }>>(`select to_regclass('"${schema}".consumed_unit') is not null as units`);
      const rejected = [`select source, event_id from "${schema}".consumed_event where outcome = 'REJECTED'`];
      if (units) rejected.push(`select source, event_id from "${schema}".consumed_unit where outcome = 'REJECTED'`);
      const rows = await connection.execute<Array<{ source: string; n: number }>>(`select source, count(*)::int as n from (${rejected.join(' union ')}) r group by source`);
      return { [name]: rows.map((row) => ({ labels: { source: row.source }, value: row.n })) };
    },
  };
}

const FIGURES_READER: Identity = { sub: 'hub:metrics', name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] };

/**
 * How far behind a follower is on each feed it reads: messages its producer has past the follower's cursor,
 * and the age of the oldest of them (0 when none waits). The producer counts them (`GET /events/backlog`).
 */
export function feedLag(schema: string, sources: readonly SubgraphName[], services: FigureServices): Figure {
  const behind = 'hub_feed_messages_behind';
  const age = 'hub_feed_oldest_unconsumed_age_seconds';
  return {
    gauges: {
      [behind]: { help: 'Messages of a producer’s feed the follower has yet to take', labelNames: ['source'] },
      [age]: { help: 'Age in seconds of the oldest message of a feed the follower has yet to take (0: none waits)', labelNames: ['source'] },
    },
    async sample() {
      const cursors = await services.orm.em.getConnection().execute<Array<{ source: string; position: string }>>(`select source, position from "${schema}".feed_cursor`);
      const positions = new Map(cursors.map((row) => [row.source, row.position]));
      const rows = { [behind]: [] as FigureRow[], [age]: [] as FigureRow[] };
      for (const source of sources) {
        const url = `${services.peerUrl(source).replace(/\/graphql$/, '/events/backlog')}?after=${positions.get(source) ?? '0'}`;
        const response = await fetch(url, { headers: await serviceAuthorization(FIGURES_READER, services.identitySecret), signal: AbortSignal.timeout(5000) });
        if (!response.ok) continue;
        const backlog = (await response.json()) as { behind: number; oldestAt: string | null };
        rows[behind].push({ labels: { source }, value: backlog.behind });
        rows[age].push({ labels: { source }, value: backlog.oldestAt ? Math.max(0, (Date.now() - Date.parse(backlog.oldestAt)) / 1000) : 0 });
      }
      return rows;
    },
  };
}

/**
 * The gateway's requests to the subgraphs, timed: `hub_subgraph_fetch_duration_seconds{subgraph, outcome}`
 * (outcome: the HTTP status, or `failed` when no answer came).
 */
export function subgraphFetches(metrics: ServiceMetrics): Histogram<'subgraph' | 'outcome'> {
  return (
    (metrics.registry.getSingleMetric('hub_subgraph_fetch_duration_seconds') as Histogram<'subgraph' | 'outcome'> | undefined) ??
    new Histogram({
      name: 'hub_subgraph_fetch_duration_seconds',
      help: 'The gateway’s requests to each subgraph, by subgraph and HTTP status (failed: no answer), with their latency',
      labelNames: ['subgraph', 'outcome'],
      buckets: SECONDS,
      registers: [metrics.registry],
    })
  );
}
