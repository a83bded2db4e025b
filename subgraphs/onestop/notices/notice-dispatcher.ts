import nodemailer from 'nodemailer';
import type { NoticeSettings } from '../../common/env';
import { doublingDelayMs, repeatDispatch } from '../../common/dispatch-loop';
import type { SubgraphServices } from '../../common/server';
import { NoticeChannel, NoticeStatus } from './notice.entity';
import { errorFields, logger } from '../../common/log';

/** One notice as the dispatcher claims it. */
export interface OutgoingNotice {
  id: string;
  dossierCode: string;
  channel: NoticeChannel;
  recipient: string;
  subject: string | null;
  body: string;
  attempts: number;
}

/** Sends one notice; throws to have it retried. Returns the status it ends in. */
type Send = (notice: OutgoingNotice) => Promise<NoticeStatus.SENT | NoticeStatus.LOGGED>;

const TIMEOUT_MS = 15_000;
/** Claimed and not finished within this long (the process died mid-send): tried again. */
const LEASE = '5 minutes';
const BATCH = 20;

function emailChannel(settings: NoticeSettings): Send | null {
  if (!settings.smtpUrl) return null;
  const transport = nodemailer.createTransport(settings.smtpUrl, {
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  } as object);
  return async (notice) => {
    await transport.sendMail({
      from: settings.mailFrom,
      to: notice.recipient,
      subject: notice.subject ?? '',
      text: notice.body,
      // The same id on every attempt: a mail server or client that saw the message already can tell.
      messageId: `<notice-${notice.id}.${notice.dossierCode}@mot-cua-hub>`,
      headers: { 'X-Mot-Cua-Dossier': notice.dossierCode },
    });
    return NoticeStatus.SENT;
  };
}

/**
 * The SMS gateway: `POST <HUB_SMS_URL>` with `{ to, text, reference }` as JSON, a bearer token when one is
 * configured, and an Idempotency-Key so that a retry after a lost answer is not sent twice. Any 2xx is
 * accepted; anything else is retried.
 */
function smsChannel(settings: NoticeSettings): Send | null {
  if (!settings.smsUrl) return null;
  const url = settings.smsUrl;
  return async (notice) => {
    const reference = `notice-${notice.id}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': reference,
        ...(settings.smsToken ? { authorization: `Bearer ${settings.smsToken}` } : {}),
      },
      body: JSON.stringify({ to: notice.recipient, text: notice.body, reference }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      throw new Error(`SMS gateway answered ${response.status}${detail ? `: ${detail}` : ''}`);
    }
    return NoticeStatus.SENT;
  };
}

/** Development only (no channel configured): the notice, whole, in the log, to see what applicants would get. */
const logChannel: Send = async (notice) => {
  logger('onestop').info({ notice: notice.id, channel: notice.channel, to: notice.recipient, dossier: notice.dossierCode, subject: notice.subject ?? undefined, body: notice.body }, 'notice (not sent: no channel configured)');
  return NoticeStatus.LOGGED;
};

/** The channels notices can leave by now; the others' notices wait. */
export function noticeChannels(settings: NoticeSettings): Partial<Record<NoticeChannel, Send>> {
  const channels: Partial<Record<NoticeChannel, Send>> = {};
  const email = emailChannel(settings) ?? (settings.logUnconfigured ? logChannel : null);
  const sms = smsChannel(settings) ?? (settings.logUnconfigured ? logChannel : null);
  if (email) channels[NoticeChannel.EMAIL] = email;
  if (sms) channels[NoticeChannel.SMS] = sms;
  return channels;
}

/** The delay before attempt `attempts + 1`: the configured first delay, doubled each time, at most an hour. */
export function retryDelayMs(settings: NoticeSettings, attempts: number): number {
  return doublingDelayMs(settings.retryMs, attempts);
}

/**
 * Sends the notices the dossier changes queued. Claims a batch by pushing each one's next attempt a lease
 * ahead (so replicas never send the same notice at once, and a crash mid-send only delays it), sends
 * outside any transaction, then records the outcome. It reads and writes the notice table only: nothing
 * here can touch a dossier.
 */
export function startNoticeDispatcher(services: SubgraphServices): { stop(): Promise<void>; sendDue(): Promise<number> } {
  const settings = services.notices;
  const channels = noticeChannels(settings);
  const enabled = Object.keys(channels) as NoticeChannel[];
  const waiting = [NoticeChannel.EMAIL, NoticeChannel.SMS].filter((channel) => !channels[channel]);
  const log = logger('onestop');
  if (waiting.length > 0 && settings.warnUnconfigured) {
    log.warn({ channels: waiting }, 'no channel configured for these notices (HUB_SMTP_URL, HUB_SMS_URL); they wait in the outbox');
  }
  const connection = () => services.orm.em.getConnection();

  async function finish(notice: OutgoingNotice, outcome: { status: NoticeStatus } | { error: string }): Promise<void> {
    if ('status' in outcome) {
      await connection().execute(`update onestop.notice set status = ?, sent_at = now(), last_error = null where id = ?`, [outcome.status, notice.id]);
    } else if (notice.attempts >= settings.maxAttempts) {
      await connection().execute(`update onestop.notice set status = 'FAILED', last_error = ? where id = ?`, [outcome.error, notice.id]);
      // Not the recipient: a phone number or an e-mail address has no place in the log.
      log.warn({ notice: notice.id, dossier: notice.dossierCode, channel: notice.channel, attempts: notice.attempts }, 'notice given up');
    } else {
      const delay = retryDelayMs(settings, notice.attempts);
      await connection().execute(
        `update onestop.notice set last_error = ?, next_attempt_at = now() + (? * interval '1 millisecond') where id = ?`,
        [outcome.error, delay, notice.id],
      );
    }
  }

  /** Sends every notice due now on an enabled channel; returns how many were tried. */
  async function sendDue(): Promise<number> {
    if (enabled.length === 0) return 0;
    const claimed: OutgoingNotice[] = (
      await connection().execute(
        `update onestop.notice set attempts = attempts + 1, next_attempt_at = now() + interval '${LEASE}'
          where id in (select id from onestop.notice
                        where status = 'PENDING' and channel in (${enabled.map(() => '?').join(', ')}) and next_attempt_at <= now()
                        order by id limit ${BATCH} for update skip locked)
          returning id, dossier_code, channel, recipient, subject, body, attempts`,
        enabled,
      )
    ).map((row: Record<string, unknown>) => ({
      id: String(row.id),
      dossierCode: String(row.dossier_code),
      channel: row.channel as NoticeChannel,
      recipient: String(row.recipient),
      subject: (row.subject as string | null) ?? null,
      body: String(row.body),
      attempts: Number(row.attempts),
    }));
    claimed.sort((a, b) => Number(a.id) - Number(b.id));
    await Promise.all(
      claimed.map(async (notice) => {
        try {
          await finish(notice, { status: await channels[notice.channel]!(notice) });
        } catch (error) {
          await finish(notice, { error: (error as Error).message || String(error) }).catch((problem: Error) =>
            log.warn({ notice: notice.id, error: errorFields(problem) }, "could not record the notice's failure"),
          );
        }
      }),
    );
    return claimed.length;
  }

  const loop = enabled.length > 0 ? repeatDispatch('notice dispatch', sendDue, settings.pollMs, (tried) => tried === BATCH) : null;
  return { sendDue, stop: async () => loop?.stop() };
}
