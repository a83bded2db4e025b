import type { Identity } from '../../common/auth';
import type { SubgraphName } from '../../common/env';
import { startFeedReader as followFeeds } from '../../common/feed-reader';
import type { SubgraphServices } from '../../common/server';
import type { Reaction } from './reactions';

/** The subgraphs whose work moves dossiers, each serving its outbox as a feed. */
export const FEED_SOURCES: readonly SubgraphName[] = ['tax', 'land', 'local', 'province'];

const HUB: Identity = { sub: 'hub:onestop', name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] };

/** onestop follows every producer: their messages move dossiers (`reactions.ts`). */
export function startFeedReader(services: SubgraphServices, reactions: Record<string, Reaction>) {
  return followFeeds(services, { schema: 'onestop', sources: FEED_SOURCES, reactions, reader: HUB });
}
