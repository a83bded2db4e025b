import { DeadlockException, OptimisticLockError, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Identity } from './auth';
import { serviceAuthorization } from './tokens';
import type { Context } from './context';
import type { SubgraphName } from './env';
import { ConflictError, HubError, LostRaceError, NotFoundError } from './errors';
import type { FeedMessage } from './outbox';
import type { SubgraphServices } from './server';
import { errorFields, logger } from './log';

/**
 * Following other subgraphs' feeds (their outboxes, served at `GET /events`). A message is applied as one or
 * more units, each a dossier's change in its own transaction together with its record (`consumed_unit`):
 * a reaction reads the graph before any transaction opens, one dossier that cannot follow does not hold the
 * others back, and a unit already done is not done again. The message's own record (`consumed_event`, with
 * the message kept for a replay) and the feed's new position (`feed_cursor`) are written last: at least once
 * from the producer, exactly once in effect.
 *
 * A lost race (another change to the same dossier saved first) is tried again after a short, growing pause;
 * only a refusal that stands as things are (CONFLICT, NOT_FOUND, FORBIDDEN, BAD_USER_INPUT) is kept as
 * REJECTED, with its reason, for a supervisor to list (`rejectedEvents`) and replay once the cause is fixed
 * (`replayEvent`). While a producer or the database is unreachable the reader waits; nothing is skipped.
 *
 * Replicas: each feed has one reader at a time, the replica holding its PostgreSQL advisory lock (taken on a
 * connection kept for it); when that replica dies its connection closes, the lock is freed, and another
 * replica's next poll takes the feed over from the stored position.
 */

/** What a reaction works with: the follower's unit of work (no transaction open), the producing officer, when the work was done there. */
export type ReactionDeps = Pick<Context, 'em' | 'actor' | 'now' | 'graph'> & {
  /**
   * Records, in a unit's own transaction, that this message's part for a dossier is done (`part` tells two
   * parts of one message for one dossier apart, such as a closure and a competence move of one decision).
   */
  take?: (em: EntityManager, dossier: string, part?: string) => Promise<void>;
  /** Keeps a unit's refusal as its outcome (a closure's dossier that cannot follow), in a transaction of its own. */
  reject?: (dossier: string, reason: string, part?: string) => Promise<void>;
};
export type Reaction<D extends ReactionDeps = ReactionDeps> = (deps: D, message: FeedMessage) => Promise<unknown>;

/** How far a follower has read each producer's feed. */
export abstract class FeedCursorBase {
  @PrimaryKey({ type: 'text' })
  source!: string;

  @Property({ type: 'bigint' })
  position!: string;
}

/**
 * Every message a follower has taken from a producer's feed, applied or rejected, keyed by the producer and
 * its id: a redelivered message finds its row and changes nothing.
 */
export abstract class ConsumedMessageBase {
  @PrimaryKey({ type: 'text' })
  source!: string;

  @PrimaryKey({ type: 'bigint' })
  eventId!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text', nullable: true })
  dossierCode!: string | null;

  @Property({ type: 'timestamptz' })
  consumedAt!: Date;

  /** APPLIED, or REJECTED when the message could not be taken (its reason kept). */
  @Property({ type: 'text' })
  outcome!: 'APPLIED' | 'REJECTED';

  @Property({ type: 'text', nullable: true })
  reason!: string | null;

  /** The message as the feed served it, for a replay. */
  @Property({ type: 'json', nullable: true })
  message!: Record<string, unknown> | null;

  /** The last time a supervisor replayed it. */
  @Property({ type: 'timestamptz', nullable: true })
  replayedAt!: Date | null;
}

/** One unit of a message (one dossier's part), done or refused on its own. */
export abstract class ConsumedUnitBase {
  @PrimaryKey({ type: 'text' })
  source!: string;

  @PrimaryKey({ type: 'bigint' })
  eventId!: string;

  /** The dossier's code, with the part of the message when it has several for one dossier. */
  @PrimaryKey({ type: 'text' })
  unit!: string;

  @Property({ type: 'text' })
  dossierCode!: string;

  @Property({ type: 'text' })
  outcome!: 'APPLIED' | 'REJECTED';

  @Property({ type: 'text', nullable: true })
  reason!: string | null;

  @Property({ type: 'timestamptz' })
  at!: Date;
}

export interface FeedFollower<D extends ReactionDeps> {
  /** The follower's PostgreSQL schema, which holds its consumed_event, consumed_unit and feed_cursor tables. */
  schema: string;
  sources: readonly SubgraphName[];
  reactions: Record<string, Reaction<D>>;
  /** Who reads the feeds (a hub component: SYSTEM). */
  reader: Identity;
  /** The deps a reaction gets, from the common ones. */
  deps?: (base: ReactionDeps) => D;
}

const BATCH = 100;
/** A refusal of this kind means the message cannot be taken as things stand; retrying will not help. */
const FINAL_REFUSALS = new Set(['CONFLICT', 'NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT']);
/** Lost races are tried again this many times, pausing 20 ms, 40 ms, … 1.3 s (with jitter); then the feed waits for its next poll. */
const RACE_ATTEMPTS = 8;

/** Two changes to one record at once, this one second: worth trying again. */
export function isLostRace(error: unknown): boolean {
  return error instanceof LostRaceError || error instanceof OptimisticLockError || error instanceof DeadlockException;
}

/** A refusal that stands as things are: kept as REJECTED, with its reason. */
export function isRefusal(error: unknown): error is HubError {
  return error instanceof HubError && !isLostRace(error) && FINAL_REFUSALS.has(String(error.extensions.code));
}

/** Runs `work`, trying again after a lost race with a bounded, growing pause. */
export async function retryingLostRaces<T>(work: () => Promise<T>, attempts = RACE_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isLostRace(error) || attempt >= attempts) throw error;
      await sleep(10 * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}

/** Thrown inside a unit's transaction when a redelivered message finds the unit done: nothing is written again. */
class UnitDone extends Error {}

/**
 * One unit of a message in its own transaction, which calls `deps.take`: a lost race tried again, a unit
 * done before skipped, a refusal kept as the unit's outcome; the message's other units go on.
 */
export async function inOwnUnit(deps: ReactionDeps, dossier: string, part: string, work: (deps: ReactionDeps) => Promise<unknown>): Promise<void> {
  const own: ReactionDeps = { ...deps, take: deps.take && ((em, code) => deps.take!(em, code, part)) };
  try {
    await retryingLostRaces(() => work(own));
  } catch (error) {
    if (error instanceof UnitDone) return;
    if (!isRefusal(error) || !deps.reject) throw error;
    await deps.reject(dossier, error.message, part);
  }
}

/** The producing officer, as the follower records it. */
const producerOf = (message: FeedMessage): Identity => ({ sub: message.actorId, name: message.actorName, agency: message.agencyCode, roles: ['SYSTEM'] });

/** Where a message is applied: an entity manager to fork units of work from, and the graph. */
export type Applier = Pick<Context, 'em' | 'graph'>;

interface Applying<D extends ReactionDeps> {
  services: Applier;
  follower: Pick<FeedFollower<D>, 'schema' | 'reactions' | 'deps'>;
  source: string;
  message: FeedMessage;
  now?: Date;
}

/**
 * Applies a message's reaction, unit by unit (see `inOwnUnit`); the outcome is REJECTED with the reason when
 * the reaction is refused as a whole. A lost race that outlasts the retries is thrown: the message is tried
 * again at the next poll.
 */
export async function applyMessage<D extends ReactionDeps>({ services, follower, source, message, now }: Applying<D>): Promise<{ outcome: 'APPLIED' | 'REJECTED'; reason: string | null }> {
  const { schema } = follower;
  const log = logger(schema);
  const reaction = follower.reactions[message.type];
  if (!reaction) return { outcome: 'APPLIED', reason: null };
  const unitOf = (dossier: string, part?: string) => (part ? `${dossier} ${part}` : dossier);
  const take = async (em: EntityManager, dossier: string, part?: string) => {
    const [taken] = await em.execute<Array<{ unit: string }>>(
      `insert into "${schema}".consumed_unit (source, event_id, unit, dossier_code, outcome, reason, at) values (?, ?, ?, ?, 'APPLIED', null, ?)
       on conflict (source, event_id, unit) do update set outcome = 'APPLIED', reason = null, at = excluded.at
       where "${schema}".consumed_unit.outcome = 'REJECTED' returning unit`,
      [source, message.id, unitOf(dossier, part), dossier, new Date()],
    );
    if (!taken) throw new UnitDone(`${source} message ${message.id} has done its part for ${unitOf(dossier, part)}.`);
  };
  const reject = async (dossier: string, reason: string, part?: string) => {
    log.warn({ source, messageId: message.id, type: message.type, dossier, reason }, 'message not applied to a dossier');
    await services.em.fork().execute(
      `insert into "${schema}".consumed_unit (source, event_id, unit, dossier_code, outcome, reason, at) values (?, ?, ?, ?, 'REJECTED', ?, ?)
       on conflict (source, event_id, unit) do update set reason = excluded.reason, at = excluded.at where "${schema}".consumed_unit.outcome = 'REJECTED'`,
      [source, message.id, unitOf(dossier, part), dossier, reason, new Date()],
    );
  };
  try {
    await retryingLostRaces(() => {
      const base: ReactionDeps = { em: services.em.fork(), actor: producerOf(message), now: now ?? new Date(message.occurredAt), graph: services.graph, take, reject };
      return reaction(follower.deps ? follower.deps(base) : (base as D), message);
    });
    return { outcome: 'APPLIED', reason: null };
  } catch (error) {
    if (error instanceof UnitDone) return { outcome: 'APPLIED', reason: null };
    if (!isRefusal(error)) throw error;
    log.warn({ source, messageId: message.id, type: message.type, dossier: message.dossierCode, reason: error.message }, 'message rejected');
    return { outcome: 'REJECTED', reason: error.message };
  }
}

/** A message a follower could not apply, whole or for one of its dossiers. */
export interface RejectedRow {
  source: string;
  eventId: string;
  type: string;
  dossierCode: string | null;
  rejectedAt: Date;
  reason: string;
  replayedAt: Date | null;
}

/** Every message still rejected, whole or in part, oldest first. */
export async function rejectedMessages(em: EntityManager, schema: string): Promise<RejectedRow[]> {
  const rows = await em.execute<Array<{ source: string; event_id: string; type: string; dossier_code: string | null; rejected_at: Date; reason: string; replayed_at: Date | null }>>(
    `select c.source, c.event_id::text, c.type, c.dossier_code, c.consumed_at as rejected_at, c.reason, c.replayed_at
       from "${schema}".consumed_event c where c.outcome = 'REJECTED'
     union all
     select c.source, c.event_id::text, c.type, u.dossier_code, u.at, u.reason, c.replayed_at
       from "${schema}".consumed_unit u join "${schema}".consumed_event c on c.source = u.source and c.event_id = u.event_id
      where u.outcome = 'REJECTED' and c.outcome = 'APPLIED'
     order by rejected_at, source, event_id`,
  );
  return rows.map((row) => ({
    source: row.source,
    eventId: row.event_id,
    type: row.type,
    dossierCode: row.dossier_code,
    rejectedAt: new Date(row.rejected_at),
    reason: row.reason,
    replayedAt: row.replayed_at && new Date(row.replayed_at),
  }));
}

/**
 * Applies a rejected message again, as it was served, at `now`, after the cause was fixed: its units done
 * before are left as they are, the refused ones tried again. What is still refused stays REJECTED with its
 * new reason.
 */
export async function replayMessage<D extends ReactionDeps>(
  services: Applier,
  follower: Pick<FeedFollower<D>, 'schema' | 'reactions' | 'deps'>,
  source: string,
  id: string,
  now: Date,
): Promise<{ outcome: 'APPLIED' | 'REJECTED'; rejected: RejectedRow[] }> {
  const { schema } = follower;
  const em = services.em.fork();
  const [row] = await em.execute<Array<{ outcome: string; message: FeedMessage | null; units: number }>>(
    `select c.outcome, c.message, (select count(*)::int from "${schema}".consumed_unit u where u.source = c.source and u.event_id = c.event_id and u.outcome = 'REJECTED') as units
       from "${schema}".consumed_event c where c.source = ? and c.event_id = ?`,
    [source, id],
  );
  if (!row) throw new NotFoundError(`Message of ${source}`, id);
  if (row.outcome !== 'REJECTED' && row.units === 0) throw new ConflictError(`Message ${id} of ${source} was applied; there is nothing to replay.`, { source, id });
  if (!row.message) throw new ConflictError(`Message ${id} of ${source} was taken before messages were kept for a replay.`, { source, id });
  const { outcome, reason } = await applyMessage({ services, follower, source, message: row.message, now });
  await em.execute(`update "${schema}".consumed_event set outcome = ?, reason = ?, replayed_at = ? where source = ? and event_id = ?`, [outcome, reason, now, source, id]);
  const rejected = (await rejectedMessages(em, schema)).filter((rejection) => rejection.source === source && rejection.eventId === id);
  return { outcome: rejected.length ? 'REJECTED' : 'APPLIED', rejected };
}

/** The advisory lock that makes one replica at a time the reader of a feed. */
const feedLockKey = (schema: string, source: string) => `mot-cua-hub:feed:${schema}:${source}`;

export function startFeedReader<D extends ReactionDeps>(services: SubgraphServices, follower: FeedFollower<D>) {
  const { schema } = follower;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const lastProblem = new Map<string, string>();
  const applier: Applier = { em: services.orm.em, graph: services.graph };
  const knex = services.orm.em.getConnection().getKnex();
  /** The connection that holds this replica's feed locks, and the feeds it reads. */
  let lockConnection: unknown = null;
  const held = new Set<string>();
  const log = logger(schema);

  async function lockQuery(sql: string, params: string[]): Promise<boolean> {
    lockConnection ??= await knex.client.acquireConnection();
    try {
      const result = await knex.raw(sql, params).connection(lockConnection);
      return Boolean(result.rows[0]?.locked);
    } catch (error) {
      // The connection broke (a database restart): its locks are gone with it.
      await releaseLocks();
      throw error;
    }
  }

  /** Whether this replica reads `source`'s feed: it holds the lock, or takes it now the feed is free. */
  async function owns(source: string): Promise<boolean> {
    if (held.has(source)) return true;
    if (await lockQuery(`select pg_try_advisory_lock(hashtext(?)) as locked`, [feedLockKey(schema, source)])) held.add(source);
    return held.has(source);
  }

  async function releaseLocks(): Promise<void> {
    const connection = lockConnection;
    lockConnection = null;
    held.clear();
    if (!connection) return;
    try {
      await knex.raw('select pg_advisory_unlock_all()').connection(connection);
    } catch {
      // A broken connection holds no locks.
    }
    await knex.client.releaseConnection(connection);
  }

  async function take(source: string, message: FeedMessage): Promise<void> {
    const em = services.orm.em.fork();
    const [seen] = await em.execute<Array<{ outcome: string }>>(`select outcome from "${schema}".consumed_event where source = ? and event_id = ?`, [source, message.id]);
    const { outcome, reason } = seen ? { outcome: 'SEEN', reason: null } : await applyMessage({ services: applier, follower, source, message });
    await em.transactional(async (tx) => {
      if (outcome !== 'SEEN') {
        await tx.execute(
          `insert into "${schema}".consumed_event (source, event_id, type, dossier_code, consumed_at, outcome, reason, message)
           values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
          [source, message.id, message.type, message.dossierCode, new Date(), outcome, reason, JSON.stringify(message)],
        );
      }
      await tx.execute(
        `insert into "${schema}".feed_cursor (source, position) values (?, ?)
         on conflict (source) do update set position = greatest("${schema}".feed_cursor.position, excluded.position)`,
        [source, message.id],
      );
    });
  }

  /** Reads and applies what each producer whose feed this replica holds has; returns how many messages were applied. */
  async function pollOnce(): Promise<number> {
    let applied = 0;
    // The locks live as long as their connection: a connection lost (a database restart) lost them too, and
    // another replica may have the feeds now; they are taken again, when free, below.
    if (held.size > 0) await lockQuery('select true as locked', []).catch(() => undefined);
    for (const source of follower.sources) {
      try {
        if (!(await owns(source))) continue;
        const [cursor] = await services.orm.em.fork().execute<Array<{ position: string }>>(`select position from "${schema}".feed_cursor where source = ?`, [source]);
        const url = `${services.peerUrl(source).replace(/\/graphql$/, '/events')}?after=${cursor?.position ?? '0'}&limit=${BATCH}`;
        const response = await fetch(url, { headers: await serviceAuthorization(follower.reader, services.identitySecret), signal: AbortSignal.timeout(10_000) });
        if (!response.ok) throw new Error(`${source} feed answered ${response.status}`);
        const { events: messages } = (await response.json()) as { events: FeedMessage[] };
        if (messages.length) log.debug({ source, after: cursor?.position ?? '0', count: messages.length }, 'feed read');
        for (const message of messages) {
          if (stopped) return applied;
          await take(source, message);
          log.debug({ source, messageId: message.id, type: message.type }, 'message taken');
          applied += 1;
        }
        lastProblem.delete(source);
      } catch (error) {
        const message = (error as Error).message;
        if (lastProblem.get(source) !== message) log.warn({ source, error: errorFields(error) }, 'cannot read the feed yet');
        lastProblem.set(source, message);
      }
    }
    return applied;
  }

  // Straight on while a feed has more; otherwise wait for the poll interval.
  const loop = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pollOnce().then((applied) => loop(applied > 0 ? 0 : services.eventPollMs));
    }, delay);
  };
  loop(services.eventPollMs);

  return {
    pollOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await releaseLocks();
    },
  };
}
