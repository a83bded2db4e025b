import type { FeedMessage } from '../../common/outbox';
import type { SubgraphServices } from '../../common/server';
import type { Deps } from '../dossier/change';
import { DeferredMessage } from './deferred-message.entity';
import type { Reaction } from './reactions';
import { errorFields, logger } from '../../common/log';

/**
 * Decisions are often entered before they take effect. Their message arrives at once, and onestop keeps it
 * until its instant (`deferUntil`); a timer then applies every message that has come due, each in its own
 * transaction, as if it arrived then. Until then the registers already answer by date (an agency closing
 * next month still receives dossiers this month).
 */

/** Keeps the message to apply at `dueAt`, in the consuming transaction; applying it again is not possible. */
export function deferUntil(deps: Deps, message: FeedMessage, dueAt: Date): void {
  deps.em.persist(
    Object.assign(new DeferredMessage(), { source: 'province', eventId: message.id, type: message.type, message: message as unknown as Record<string, unknown>, dueAt, appliedAt: null }),
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
      const message = row.message as unknown as FeedMessage;
      try {
        await services.orm.em.fork().transactional(async (em) => {
          const claimed = await em.nativeUpdate(DeferredMessage, { source: row.source, eventId: row.eventId, appliedAt: null }, { appliedAt: now });
          if (claimed === 0) return;
          const actor = { sub: message.actorId, name: message.actorName, agency: message.agencyCode, roles: ['SYSTEM' as const] };
          await reactions[row.type]?.({ em, actor, now: row.dueAt, graph: services.graph }, { ...message, occurredAt: row.dueAt.toISOString() });
        });
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
