import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { rejectedMessages, replayMessage, type RejectedRow } from '../../common/feed-reader';
import { requireRole } from '../../common/roles';
import { Problems, requiredText } from '../../common/validation';
import { FEED_REACTIONS } from './reactions';
import { RejectedEvent } from './rejected-event.types';

const SUPERVISORS_ONLY = 'Only a SUPERVISOR lists and replays rejected messages.';

const asRejected = (row: RejectedRow, outcome: RejectedEvent['outcome']) => new RejectedEvent({ ...row, id: row.eventId, outcome });

/** The messages onestop could not apply, and their replay once the cause is fixed (see `common/feed-reader.ts`). */
@Resolver(() => RejectedEvent)
export class RejectedEventsResolver {
  @Query(() => [RejectedEvent], { description: 'SUPERVISOR: the messages still rejected, whole or for one dossier, oldest first.' })
  async rejectedEvents(@Ctx() ctx: Context): Promise<RejectedEvent[]> {
    requireRole(ctx.actor, ['SUPERVISOR'], SUPERVISORS_ONLY);
    return (await rejectedMessages(ctx.em, 'onestop')).map((row) => asRejected(row, 'REJECTED'));
  }

  @Mutation(() => RejectedEvent, { description: 'SUPERVISOR: applies a rejected message again, as its producer served it; what is still refused stays rejected with its new reason.' })
  async replayEvent(
    @Arg('source', () => String, { description: 'The producing subgraph, as rejectedEvents names it: tax, land, local or province.' }) source: string,
    @Arg('id', () => ID, { description: 'The message’s id in its producer’s feed, as rejectedEvents names it.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<RejectedEvent> {
    requireRole(ctx.actor, ['SUPERVISOR'], SUPERVISORS_ONLY);
    const problems = new Problems();
    const from = requiredText(problems, 'source', source, 20);
    const eventId = requiredText(problems, 'id', id, 20);
    if (eventId && !/^\d+$/.test(eventId)) problems.add('id', 'must be a message id of the feed (digits)');
    problems.throwIfAny();
    const before = (await rejectedMessages(ctx.em, 'onestop')).find((row) => row.source === from && row.eventId === eventId);
    // Applied now: the dossier's history records the change when it happened.
    const replayed = await replayMessage(ctx, { schema: 'onestop', reactions: FEED_REACTIONS }, from, eventId, ctx.now);
    if (replayed.rejected.length > 0) return asRejected(replayed.rejected[0], 'REJECTED');
    return asRejected({ ...before!, replayedAt: ctx.now }, 'APPLIED');
  }
}
