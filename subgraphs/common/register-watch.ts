import type { Identity } from './auth';
import type { SubgraphName } from './env';
import { errorFields, logger } from './log';
import type { SubgraphServices } from './server';
import { serviceAuthorization } from './tokens';

/**
 * What a subgraph keeps of the registers (the directory, the catalogue, the calendar, the units, read through
 * the graph with `GraphClient.cached`) is kept until the registers change: every change of them writes a
 * message to its owner's outbox in the same transaction, and every replica watches the head of those feeds
 * itself, beside (not instead of) the one replica that consumes them. A new message forgets what was kept of
 * that owner at once, and once more two polls later: the owner's own replicas, which answer from memory
 * (province/register-memory.ts), drop their copy at their next poll of the same outbox, and a copy read
 * again in between could be theirs from before the change. A copy is kept `REGISTER_COPY_MS` at the most,
 * whatever the feeds say, for what a watch cannot see (a feed that cannot be read says nothing).
 */

/** How long a value read from the registers is kept at the most (forgotten sooner when its owner's feed moves). */
export const REGISTER_COPY_MS = 5 * 60_000;

interface Watched {
  source: SubgraphName;
  /** The `GraphClient.cached` keys' prefixes kept of the source's registers. */
  prefixes: string[];
}

/** Watches each source's feed head every poll; a message past the head forgets the source's prefixes. */
export function watchRegisters(services: SubgraphServices, watcher: string, watched: Watched[]): { stop(): Promise<void> } {
  const log = logger(watcher);
  const self: Identity = { sub: `hub:${watcher}:registers`, name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] };
  // Before the first answer nothing is known of the head: what was kept is forgotten once it is read.
  const heads = new Map<SubgraphName, string>();
  const problems = new Map<SubgraphName, string>();
  let stopped = false;

  /** Whether the source's feed has moved since the last look (or this is the first): one request for its head. */
  async function newMessages(source: SubgraphName): Promise<boolean> {
    const known = heads.get(source);
    const url = `${services.peerUrl(source).replace(/\/graphql$/, '/events/backlog')}?after=${known ?? '0'}`;
    const response = await fetch(url, { headers: await serviceAuthorization(self, services.identitySecret), signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`${source} feed answered ${response.status}`);
    const { head } = (await response.json()) as { head?: unknown };
    if (typeof head !== 'string' || !/^\d+$/.test(head)) throw new Error(`${source} feed gave no head`);
    heads.set(source, head);
    // Any other head than the last one seen, even a lower one (a database restored from a backup), is news.
    return head !== known;
  }

  async function poll(): Promise<void> {
    for (const { source, prefixes } of watched) {
      try {
        if (await newMessages(source)) {
          const forget = () => prefixes.forEach((prefix) => services.graph.forget(prefix));
          forget();
          setTimeout(forget, 2 * services.eventPollMs).unref();
        }
        problems.delete(source);
      } catch (error) {
        // The head stays the last one seen: the next poll compares with it.
        const message = (error as Error).message;
        if (problems.get(source) !== message) log.warn({ source, error: errorFields(error) }, 'cannot watch the registers’ feed yet');
        problems.set(source, message);
      }
    }
  }

  let running: Promise<void> = Promise.resolve();
  const loop = (): void => {
    if (stopped) return;
    running = poll().then(() => {
      if (!stopped) timer = setTimeout(loop, services.eventPollMs);
    });
  };
  // The peers start together: the first look waits one poll, as the feed reader does.
  let timer: NodeJS.Timeout | undefined = setTimeout(loop, services.eventPollMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
