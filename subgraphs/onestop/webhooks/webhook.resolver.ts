import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Agency } from '../dossier/agency.reference';
import { WebhookDelivery } from './webhook-delivery.entity';
import { Webhook } from './webhook.entity';
import { WebhookInput, WebhookRegistration } from './webhook.types';
import * as webhooks from './webhooks';

/** Webhooks for agency systems: registration, the list, and what was sent. */
@Resolver(() => Webhook)
export class WebhookResolver {
  @Mutation(() => WebhookRegistration, {
    description: 'Registers a webhook for the caller’s agency (its SYSTEM only); the answer holds the signing secret, shown this once.',
  })
  registerWebhook(@Arg('input', () => WebhookInput, { description: 'The URL and the event types.' }) input: WebhookInput, @Ctx() ctx: Context): Promise<WebhookRegistration> {
    return webhooks.registerWebhook(ctx, input);
  }

  @Mutation(() => Webhook, {
    description: 'Stops a webhook of the caller’s agency (its SYSTEM): nothing more is sent to it, and pending deliveries are given up (FAILED).',
  })
  deactivateWebhook(@Arg('id', () => ID, { description: 'The webhook’s id.' }) id: string, @Ctx() ctx: Context): Promise<Webhook> {
    return webhooks.deactivateWebhook(ctx, id);
  }

  @Query(() => [Webhook], { description: 'The webhooks of the caller’s agency (its SYSTEM); a SUPERVISOR sees every agency’s.' })
  webhooks(@Ctx() ctx: Context): Promise<Webhook[]> {
    return webhooks.listWebhooks(ctx);
  }

  @FieldResolver(() => Agency, { description: 'The agency whose dossiers’ events it receives.' })
  agency(@Root() webhook: Webhook): Agency {
    return new Agency(webhook.agencyCode);
  }

  @FieldResolver(() => [WebhookDelivery], { description: 'What was sent to it, newest first, and how each delivery went.' })
  deliveries(
    @Root() webhook: Webhook,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'How many of the latest deliveries (1–100; default 20).' }) first?: number | null,
  ): Promise<WebhookDelivery[]> {
    return webhooks.deliveriesOf(ctx, webhook, first);
  }
}
