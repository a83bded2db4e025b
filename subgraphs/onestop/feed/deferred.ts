import { applyMessage } from '../../common/feed-reader';
import type { FeedMessage } from '../../common/outbox';
import type { SubgraphServices } from '../../common/server';
import type { Deps } from '../dossier/change';
import { DeferredMessage } from './deferred-message.entity';
import type { Reaction } from './reactions';
import { errorFields, logger } from '../../common/log';

/**
 * Decisions are often entered before they take effect. Their message arrives at once, and onestop keeps it
 * until its instant (`deferUntil`); a timer then applies every message that has come due, dossier by dossier,
 * as if it arrived then. Until then the registers already answer by date (an agency closing
 * next month still receives dossiers this month).
 */

/** Keeps the message to apply at `dueAt`; a redelivered message finds it kept. */
export async function deferUntil(deps: Deps, message: FeedMessage, dueAt: Date): Promise<void> {
  await deps.em.fork().execute(
    `insert into onestop.deferred_message (source, event_id, type, message, due_at, applied_at) values ('province', ?, ?, ?, ?, null) on conflict do nothing`,
    [message.id, message.type, JSON.stringify(message), dueAt],
  );
}

const log = logger('onestop');

export function startDeferredMessages(services: SubgraphServices, reactions: Record<string, Reaction>) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function applyDue(): Promise<number> {
    const now = services.clock();
    const due = await services.orm.em.fork().find(DeferredMessage, { appliedAt: null, dueAt: { $lte: now } }, { orderBy: { dueAt: 'asc', eventId: 'asc' }, limit: 20 });
    for (const row of due) {
      if (stopped) break;
      const message = { ...(row.message as unknown as FeedMessage), occurredAt: row.dueAt.toISOString() };
      try {
        // Unit by unit, like a message from the feed (each dossier's part recorded with it): applying it again,
        // after a crash or by a second replica, does nothing twice.
        const { outcome, reason } = await applyMessage({ services: { em: services.orm.em, graph: services.graph }, follower: { schema: 'onestop', reactions }, source: row.source, message, now: row.dueAt });
        if (outcome === 'REJECTED') {
          await services.orm.em.fork().execute(`update onestop.consumed_event set outcome = 'REJECTED', reason = ? where source = ? and event_id = ?`, [reason, row.source, row.eventId]);
        }
        await services.orm.em.fork().nativeUpdate(DeferredMessage, { source: row.source, eventId: row.eventId, appliedAt: null }, { appliedAt: now });
      } catch (error) {
        log.warn({ type: row.type, messageId: row.eventId, dueAt: row.dueAt.toISOString(), error: errorFields(error) }, 'a deferred message could not be applied yet');
      }
    }
    return due.length;
  }
  // Decisions take effect at a date, usually midnight: looking once a second is soon enough.
  const interval = Math.max(services.eventPollMs, 1000);
  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = applyDue().then(loop, loop);
    }, interval);
  };
  loop();
  return {
    applyDue,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
