import type { Context } from '../../common/context';
import { NotFoundError } from '../../common/errors';
import { hasRole, requireRole } from '../../common/roles';
import { cleanList, Problems } from '../../common/validation';
import { WEBHOOK_EVENT_TYPES } from './cloud-events';
import { Destinations } from './destinations';
import { WebhookDelivery } from './webhook-delivery.entity';
import { Webhook } from './webhook.entity';
import { WebhookRegistration, type WebhookInput } from './webhook.types';

const MAX_URL_LENGTH = 2000;
const MAX_DELIVERIES = 100;

/** The URL as sent to, or null with the problem added. */
async function destinationOf(problems: Problems, value: string, destinations: Destinations): Promise<URL | null> {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    problems.add('url', 'must be an http:// or https:// URL');
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.add('url', 'must be an http:// or https:// URL');
  else if (url.username || url.password) problems.add('url', 'must not carry a user name or password');
  else if (url.href.length > MAX_URL_LENGTH) problems.add('url', `must be at most ${MAX_URL_LENGTH} characters`);
  else {
    const refusal = await destinations.refusal(url);
    if (refusal) problems.add('url', `${refusal} (HUB_WEBHOOK_ALLOW): the province has not allowed this destination`);
  }
  return url;
}

/** Đăng ký webhook: an agency's system, for its own agency; the secret is in this answer only. */
export async function registerWebhook(ctx: Context, input: WebhookInput): Promise<WebhookRegistration> {
  const caller = requireRole(ctx.actor, ['SYSTEM'], 'Only an agency’s system (role SYSTEM) registers webhooks, for its own agency.');
  const problems = new Problems();
  const url = await destinationOf(problems, input.url, new Destinations(ctx.webhooks.allow));
  const events = cleanList(problems, 'events', input.events, { required: true });
  const unknown = events.filter((type) => !(type in WEBHOOK_EVENT_TYPES));
  if (unknown.length > 0) problems.add('events', `unknown type ${unknown.join(', ')}; known: ${Object.keys(WEBHOOK_EVENT_TYPES).join(', ')}`);
  problems.throwIfAny();
  const webhook = new Webhook({ agencyCode: caller.agency, url: url!.href, events, createdBy: caller.sub, createdAt: ctx.now });
  await ctx.em.persistAndFlush(webhook);
  return new WebhookRegistration(webhook.secret, webhook);
}

/**
 * Stops a webhook of the caller's agency (its SYSTEM): nothing more is queued for it, and what was still
 * pending is given up. Registering a new one and then stopping the old rotates the secret.
 */
export async function deactivateWebhook(ctx: Context, id: string): Promise<Webhook> {
  const caller = requireRole(ctx.actor, ['SYSTEM'], 'Only an agency’s system (role SYSTEM) stops its agency’s webhooks.');
  return ctx.em.transactional(async (em) => {
    // Another agency's webhook is not named as existing.
    const webhook = /^[0-9a-f-]{36}$/i.test(id) ? await em.findOne(Webhook, { id, agencyCode: caller.agency }) : null;
    if (!webhook) throw new NotFoundError('Webhook', id);
    if (!webhook.active) return webhook;
    webhook.active = false;
    await em.execute(`update onestop.webhook_delivery set status = 'FAILED', last_error = 'The webhook was deactivated.' where webhook_id = ? and status = 'PENDING'`, [id]);
    return webhook;
  });
}

/** The caller's agency's webhooks (a supervisor: every agency's), oldest first. */
export async function listWebhooks(ctx: Context): Promise<Webhook[]> {
  const caller = requireRole(ctx.actor, ['SYSTEM', 'SUPERVISOR'], 'Only an agency’s system sees its webhooks; a supervisor sees all.');
  const where = hasRole(caller, ['SUPERVISOR']) ? {} : { agencyCode: caller.agency };
  return ctx.em.find(Webhook, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** A webhook's latest deliveries, newest first. */
export async function deliveriesOf(ctx: Context, webhook: Webhook, first: number | null | undefined): Promise<WebhookDelivery[]> {
  const problems = new Problems();
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DELIVERIES) problems.add('first', `must be between 1 and ${MAX_DELIVERIES}`);
  problems.throwIfAny();
  return ctx.em.find(WebhookDelivery, { webhook: webhook.id }, { orderBy: { id: 'desc' }, limit });
}
