import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { Webhook as Signer } from 'standardwebhooks';
import { doublingDelayMs, repeatDispatch } from '../../common/dispatch-loop';
import type { SubgraphServices } from '../../common/server';
import { Destinations } from './destinations';

/** One delivery as the dispatcher claims it, with its webhook's address and secret. */
interface OutgoingDelivery {
  id: string;
  messageId: string;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
}

/** What one attempt came to: the receiver's HTTP status, or why there was none. */
type Outcome = { status: number; error: string | null } | { status: null; error: string };

/** Claimed and not finished within this long (the process died mid-send): tried again. */
const LEASE = '5 minutes';
const BATCH = 20;

/**
 * One POST, connecting only to an allowed address (checked on the address connected to, so a name that
 * resolves elsewhere since registration is not followed), with the Standard Webhooks headers.
 */
async function post(delivery: OutgoingDelivery, destinations: Destinations, timeoutMs: number): Promise<Outcome> {
  const url = new URL(delivery.url);
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal) !== 0 && (await destinations.refusal(url))) return { status: null, error: `${literal} is not among the allowed destinations (HUB_WEBHOOK_ALLOW)` };
  const now = new Date();
  // v1,<base64 HMAC-SHA256 of "id.timestamp.body"> with the key after whsec_; the timestamp in whole seconds.
  const signature = new Signer(delivery.secret).sign(delivery.messageId, now, delivery.payload);
  const body = Buffer.from(delivery.payload, 'utf8');
  return new Promise((resolve) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        lookup: destinations.lookupFor(url),
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          'content-length': body.length,
          'user-agent': 'mot-cua-hub-webhooks',
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let answer = '';
        response.setEncoding('utf8');
        // Only the start of the answer is kept for lastError; a receiver that goes on talking is cut off.
        response.on('data', (chunk: string) => {
          answer += chunk;
          if (answer.length >= 200) response.destroy();
        });
        response.on('close', () => {
          const text = answer.trim().slice(0, 200);
          resolve({ status, error: status >= 200 && status < 300 ? null : `answered ${status}${text ? `: ${text}` : ''}` });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, error: error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message }));
    request.end(body);
  });
}

/**
 * Sends the deliveries the dossier changes queued (Standard Webhooks, CloudEvents bodies). Claims a batch by
 * pushing each one's next attempt a lease ahead, so replicas never send one delivery at once (`for update
 * skip locked`) and a crash mid-send only delays it; sends outside any transaction, then records the
 * outcome. A dossier's events reach a webhook in order: a delivery waits while an earlier one of the same
 * dossier to the same webhook is pending. Failures are retried with a doubling delay, up to the configured
 * number of attempts, always with the same `webhook-id`. It never touches a dossier.
 */
export function startWebhookDispatcher(services: SubgraphServices): { stop(): Promise<void>; sendDue(): Promise<number> } {
  const settings = services.webhooks;
  const destinations = new Destinations(settings.allow);
  const connection = () => services.orm.em.getConnection();

  /** A failure leaves alone a delivery given up meanwhile (its webhook deactivated). */
  async function finish(delivery: OutgoingDelivery, outcome: Outcome): Promise<void> {
    if (outcome.error === null) {
      await connection().execute(
        `update onestop.webhook_delivery set status = 'DELIVERED', delivered_at = now(), last_status = ?, last_error = null where id = ?`,
        [outcome.status, delivery.id],
      );
    } else if (delivery.attempts >= settings.maxAttempts) {
      await connection().execute(`update onestop.webhook_delivery set status = 'FAILED', last_status = ?, last_error = ? where id = ? and status = 'PENDING'`, [
        outcome.status,
        outcome.error,
        delivery.id,
      ]);
      console.warn(`onestop: webhook delivery ${delivery.messageId} to ${delivery.url} given up after ${delivery.attempts} attempts: ${outcome.error}`);
    } else {
      await connection().execute(
        `update onestop.webhook_delivery set last_status = ?, last_error = ?, next_attempt_at = now() + (? * interval '1 millisecond') where id = ? and status = 'PENDING'`,
        [outcome.status, outcome.error, doublingDelayMs(settings.retryMs, delivery.attempts), delivery.id],
      );
    }
  }

  /** Sends every delivery due now; returns how many were tried. */
  async function sendDue(): Promise<number> {
    const claimed = await connection().execute<Array<Record<string, unknown>>>(
      `update onestop.webhook_delivery set attempts = attempts + 1, last_attempt_at = now(), next_attempt_at = now() + interval '${LEASE}'
        where id in (select d.id from onestop.webhook_delivery d
                      where d.status = 'PENDING' and d.next_attempt_at <= now()
                        and not exists (select 1 from onestop.webhook_delivery e
                                         where e.webhook_id = d.webhook_id and e.dossier_code = d.dossier_code and e.status = 'PENDING' and e.id < d.id)
                      order by d.id limit ${BATCH} for update skip locked)
        returning id, webhook_id, message_id, payload, attempts`,
    );
    if (claimed.length === 0) return 0;
    const webhooks = new Map(
      (
        await connection().execute<Array<{ id: string; url: string; secret: string }>>(`select id, url, secret from onestop.webhook where id in (?)`, [
          [...new Set(claimed.map((row) => String(row.webhook_id)))],
        ])
      ).map((row) => [row.id, row]),
    );
    await Promise.all(
      claimed.map(async (row) => {
        const webhook = webhooks.get(String(row.webhook_id))!;
        const delivery: OutgoingDelivery = {
          id: String(row.id),
          messageId: String(row.message_id),
          payload: String(row.payload),
          attempts: Number(row.attempts),
          url: webhook.url,
          secret: webhook.secret,
        };
        try {
          await finish(delivery, await post(delivery, destinations, settings.timeoutMs));
        } catch (error) {
          console.warn(`onestop: could not record webhook delivery ${delivery.messageId}'s outcome: ${(error as Error).message}`);
        }
      }),
    );
    return claimed.length;
  }

  // Sent something: a dossier's next event may be due now.
  const loop = repeatDispatch('webhook dispatch', sendDue, settings.pollMs, (tried) => tried > 0);
  return { sendDue, stop: () => loop.stop() };
}
