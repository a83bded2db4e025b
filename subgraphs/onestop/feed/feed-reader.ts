import type { EntityManager } from '@mikro-orm/postgresql';
import { signIdentity, type Identity } from '../../common/auth';
import type { SubgraphName } from '../../common/env';
import { HubError } from '../../common/errors';
import type { FeedMessage } from '../../common/outbox';
import type { SubgraphServices } from '../../common/server';
import { FeedCursor } from './feed-cursor.entity';
import type { Reaction } from './reactions';

/** The subgraphs whose work moves dossiers, each serving its outbox as a feed. */
export const FEED_SOURCES: readonly SubgraphName[] = ['tax', 'land', 'local', 'province'];

const HUB: Identity = { sub: 'hub:onestop', name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] };
const BATCH = 100;
/** A refusal of this kind means the dossier cannot take the message as it stands; retrying will not help. */
const FINAL_REFUSALS = new Set(['CONFLICT', 'NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT']);

/**
 * Pulls each producer's feed from the position last stored and applies each message in one transaction
 * with its record and the new position: at least once from the producer, exactly once in effect. While a
 * producer or the database is unreachable, the reader waits and tries again; nothing is skipped.
 */
export function startFeedReader(services: SubgraphServices, reactions: Record<string, Reaction>) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const lastProblem = new Map<string, string>();

  async function consume(em: EntityManager, source: string, message: FeedMessage, outcome: 'APPLIED' | 'REJECTED', reason: string | null) {
    const [fresh] = await em.execute<Array<{ event_id: string }>>(
      `insert into onestop.consumed_event (source, event_id, type, dossier_code, consumed_at, outcome, reason)
       values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning event_id`,
      [source, message.id, message.type, message.dossierCode, new Date(), outcome, reason],
    );
    if (fresh && outcome === 'APPLIED') {
      const producer: Identity = { sub: message.actorId, name: message.actorName, agency: message.agencyCode, roles: ['SYSTEM'] };
      await reactions[message.type]?.({ em, actor: producer, now: new Date(message.occurredAt), graph: services.graph }, message);
    }
    await em.execute(
      `insert into onestop.feed_cursor (source, position) values (?, ?)
       on conflict (source) do update set position = greatest(onestop.feed_cursor.position, excluded.position)`,
      [source, message.id],
    );
  }

  async function apply(source: string, message: FeedMessage): Promise<void> {
    try {
      await services.orm.em.fork().transactional((em) => consume(em, source, message, 'APPLIED', null));
    } catch (error) {
      if (!(error instanceof HubError && FINAL_REFUSALS.has(String(error.extensions.code)))) throw error;
      // Kept with its reason, for a person to look at; the feed moves on.
      console.warn(`onestop: ${source} message ${message.id} (${message.type}, ${message.dossierCode}) rejected: ${error.message}`);
      await services.orm.em.fork().transactional((em) => consume(em, source, message, 'REJECTED', error.message));
    }
  }

  /** Reads and applies what each producer has; returns how many messages were applied. */
  async function pollOnce(): Promise<number> {
    let applied = 0;
    for (const source of FEED_SOURCES) {
      try {
        const cursor = await services.orm.em.fork().findOne(FeedCursor, { source });
        const url = `${services.peerUrl(source).replace(/\/graphql$/, '/events')}?after=${cursor?.position ?? '0'}&limit=${BATCH}`;
        const response = await fetch(url, { headers: signIdentity(HUB, services.identitySecret), signal: AbortSignal.timeout(10_000) });
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
        if (lastProblem.get(source) !== message) console.warn(`onestop: cannot read the ${source} feed yet: ${message}`);
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
