import { PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from './auth';
import { serviceAuthorization } from './tokens';
import type { Context } from './context';
import type { SubgraphName } from './env';
import { HubError } from './errors';
import type { FeedMessage } from './outbox';
import type { SubgraphServices } from './server';

/**
 * Following other subgraphs' feeds (their outboxes, served at `GET /events`): each message is applied in one
 * transaction together with its record (`consumed_event`) and the feed's new position (`feed_cursor`), both
 * in the follower's own schema: at least once from the producer, exactly once in effect. While a producer
 * or the database is unreachable the reader waits and tries again; nothing is skipped. onestop follows every
 * producer (its dossiers move on their messages); local follows the province (a reorganisation's units).
 */

/** What a reaction works with: the follower's unit of work, the producing officer, when the work was done there. */
export type ReactionDeps = Pick<Context, 'em' | 'actor' | 'now' | 'graph'>;
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
}

export interface FeedFollower<D extends ReactionDeps> {
  /** The follower's PostgreSQL schema, which holds its consumed_event and feed_cursor tables. */
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

export function startFeedReader<D extends ReactionDeps>(services: SubgraphServices, follower: FeedFollower<D>) {
  const { schema, reactions } = follower;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const lastProblem = new Map<string, string>();

  async function consume(em: EntityManager, source: string, message: FeedMessage, outcome: 'APPLIED' | 'REJECTED', reason: string | null) {
    const [fresh] = await em.execute<Array<{ event_id: string }>>(
      `insert into "${schema}".consumed_event (source, event_id, type, dossier_code, consumed_at, outcome, reason)
       values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning event_id`,
      [source, message.id, message.type, message.dossierCode, new Date(), outcome, reason],
    );
    if (fresh && outcome === 'APPLIED') {
      const producer: Identity = { sub: message.actorId, name: message.actorName, agency: message.agencyCode, roles: ['SYSTEM'] };
      const base: ReactionDeps = { em, actor: producer, now: new Date(message.occurredAt), graph: services.graph };
      await reactions[message.type]?.(follower.deps ? follower.deps(base) : (base as D), message);
    }
    await em.execute(
      `insert into "${schema}".feed_cursor (source, position) values (?, ?)
       on conflict (source) do update set position = greatest("${schema}".feed_cursor.position, excluded.position)`,
      [source, message.id],
    );
  }

  async function apply(source: string, message: FeedMessage): Promise<void> {
    try {
      await services.orm.em.fork().transactional((em) => consume(em, source, message, 'APPLIED', null));
    } catch (error) {
      if (!(error instanceof HubError && FINAL_REFUSALS.has(String(error.extensions.code)))) throw error;
      // Kept with its reason, for a person to look at; the feed moves on.
      console.warn(`${schema}: ${source} message ${message.id} (${message.type}, ${message.dossierCode}) rejected: ${error.message}`);
      await services.orm.em.fork().transactional((em) => consume(em, source, message, 'REJECTED', error.message));
    }
  }

  /** Reads and applies what each producer has; returns how many messages were applied. */
  async function pollOnce(): Promise<number> {
    let applied = 0;
    for (const source of follower.sources) {
      try {
        const [cursor] = await services.orm.em.fork().execute<Array<{ position: string }>>(`select position from "${schema}".feed_cursor where source = ?`, [source]);
        const url = `${services.peerUrl(source).replace(/\/graphql$/, '/events')}?after=${cursor?.position ?? '0'}&limit=${BATCH}`;
        const response = await fetch(url, { headers: await serviceAuthorization(follower.reader, services.identitySecret), signal: AbortSignal.timeout(10_000) });
        if (!response.ok) throw new Error(`${source} feed answered ${response.status}`);
        const { events: messages } = (await response.json()) as { events: FeedMessage[] };
        for (const message of messages) {
          if (stopped) return applied;
          await apply(source, message);
          applied += 1;
        }
        lastProblem.delete(source);
      } catch (error) {
        const message = (error as Error).message;
        if (lastProblem.get(source) !== message) console.warn(`${schema}: cannot read the ${source} feed yet: ${message}`);
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
    },
  };
}
