import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '../../common/env';
import type { DossierEvent } from './dossier-event.entity';

/**
 * The history's hash chain: each event's SHA-256 covers the previous event's hash and everything the event
 * records, so an edited, removed or inserted event breaks the chain from there on. Anyone with the database
 * could recompute the hashes, so each event is also signed with HMAC-SHA256 under `HUB_AUDIT_KEY`, which
 * the database never holds, and the dossier's head (its code, length and last hash) is sealed the same way:
 * a rewritten or inserted event, or a removed last event with the head reset, no longer verifies.
 */

/** JSON with keys in a fixed order, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 over the previous hash and everything the event records. */
export function eventHash(event: Omit<DossierEvent, 'id' | 'hash'>): string {
  const content = canonicalJson([
    event.previousHash,
    event.dossier.code,
    event.seq,
    event.at,
    event.actorId,
    event.actorName,
    event.roles,
    event.agencyCode,
    event.agencyName,
    event.action,
    event.fromStatus,
    event.toStatus,
    event.details,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/** The key histories are signed with (`HUB_AUDIT_KEY`). */
const auditKey = (): string => env().auditKey;

const hmac = (content: string, key: string) => createHmac('sha256', key).update(content).digest('hex');

/** An event's signature: HMAC-SHA256 over its hash, which covers the chain before it. */
export function signatureOf(hash: string, key = auditKey()): string {
  return hmac(`dossier-event:${hash}`, key);
}

/** The seal of a dossier's history as it stands: how long it is and where it ends. */
export function sealOf(code: string, length: number, head: string, key = auditKey()): string {
  return hmac(canonicalJson(['dossier-history', code, length, head]), key);
}

const sameHex = (a: string | null, b: string) => a !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** What is wrong with a history, in words, or null when its chain, signatures and seal all verify. */
export function chainProblem(events: readonly DossierEvent[], dossier: { code: string; historyHead: string; historyLength: number; historySeal: string | null }, key = auditKey()): string | null {
  let previous = '';
  for (const [index, event] of events.entries()) {
    if (event.seq !== index + 1) return `event ${index + 1} is missing (the next has number ${event.seq})`;
    if (event.previousHash !== previous || eventHash(event) !== event.hash) return `event ${event.seq} does not chain: it was changed, or one before it was`;
    // Events from before signing have none; the seal over the head covers them through the chain.
    if (event.signature !== null && !sameHex(event.signature, signatureOf(event.hash, key))) return `event ${event.seq} is not signed with the hub’s audit key`;
    previous = event.hash;
  }
  if (events.length !== dossier.historyLength || previous !== dossier.historyHead) return `the history holds ${events.length} events, the dossier records ${dossier.historyLength}`;
  if (dossier.historySeal === null) return 'the history is not sealed yet (npm run audit -- --seal)';
  if (!sameHex(dossier.historySeal, sealOf(dossier.code, dossier.historyLength, dossier.historyHead, key))) return 'the history’s seal does not match: its end was moved';
  return null;
}
