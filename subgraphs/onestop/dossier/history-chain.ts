import { createHash } from 'node:crypto';
import type { DossierEvent } from './dossier-event.entity';

/**
 * The history's hash chain: each event's SHA-256 covers the previous event's hash and everything the event
 * records, so an edited, removed or inserted event breaks the chain from there on.
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

/** Whether the events, in order, chain from nothing to the dossier's recorded head with no gap or edit. */
export function chainIntact(events: readonly DossierEvent[], head: string, length: number): boolean {
  let previous = '';
  for (const [index, event] of events.entries()) {
    if (event.seq !== index + 1 || event.previousHash !== previous || eventHash(event) !== event.hash) return false;
    previous = event.hash;
  }
  return events.length === length && previous === head;
}
