import type { EntityManager } from '@mikro-orm/postgresql';
import { eventFromRecord } from '../rulebook/events';
import { fold } from '../rulebook/evolve';
import { stateOf } from './change';
import { DossierEvent } from './dossier-event.entity';
import { Dossier } from './dossier.entity';
import { canonicalJson, chainProblem } from './history-chain';

/**
 * The audit of the record: a dossier is intact when its history's chain, signatures and seal verify
 * (`history-chain.ts`) and its stored state — status, holder, due dates, legs, hand-overs, everything the
 * rules change — is exactly what its history folds to (`rulebook/evolve.ts`). A status changed directly in
 * the database, with the history left as it was, shows here.
 */

/** The stored state's parts, compared one by one so that the first that differs is named. */
const PARTS = ['status', 'holderCode', 'addresseeCode', 'dueAt', 'legs', 'transfers'] as const;

/** What is wrong with a dossier's record, or null. `dossier` has its legs and transfers loaded; `events` are in order. */
export function recordProblem(dossier: Dossier, events: readonly DossierEvent[], key?: string): string | null {
  const chain = chainProblem(events, dossier, key);
  if (chain) return chain;
  const folded = fold(
    events.map((event) =>
      eventFromRecord({ action: event.action, at: event.at, details: event.details, actor: { sub: event.actorId, name: event.actorName, agency: event.agencyCode, roles: event.roles as never } }),
    ),
  );
  if (!folded) return 'the dossier has no history';
  const stored = stateOf(dossier) as unknown as Record<string, unknown>;
  const expected = folded as unknown as Record<string, unknown>;
  for (const part of PARTS) if (canonicalJson(stored[part]) !== canonicalJson(expected[part])) return `its ${part} is not what its history leads to`;
  const rest = Object.keys(expected).find((key) => canonicalJson(stored[key]) !== canonicalJson(expected[key]));
  return rest ? `its ${rest} is not what its history leads to` : null;
}

export interface AuditResult {
  checkedAt: Date;
  dossiers: number;
  events: number;
  broken: number;
  firstBroken: { code: string; problem: string } | null;
}

const BATCH = 200;

/** Verifies every dossier, in code order, a batch at a time; names the first broken one. */
export async function auditRecord(em: EntityManager, now: Date, key?: string): Promise<AuditResult> {
  const result: AuditResult = { checkedAt: now, dossiers: 0, events: 0, broken: 0, firstBroken: null };
  for (let after = ''; ; ) {
    const work = em.fork();
    const dossiers = await work.find(Dossier, { code: { $gt: after } }, { orderBy: { code: 'asc' }, limit: BATCH, populate: ['legs', 'transfers'] });
    if (dossiers.length === 0) return result;
    const events = await work.find(DossierEvent, { dossier: { $in: dossiers.map((dossier) => dossier.code) } }, { orderBy: { dossier: 'asc', seq: 'asc' } });
    const byDossier = new Map<string, DossierEvent[]>();
    for (const event of events) byDossier.set(event.dossier.code, [...(byDossier.get(event.dossier.code) ?? []), event]);
    for (const dossier of dossiers) {
      const problem = recordProblem(dossier, byDossier.get(dossier.code) ?? [], key);
      result.dossiers += 1;
      result.events += byDossier.get(dossier.code)?.length ?? 0;
      if (problem) {
        result.broken += 1;
        result.firstBroken ??= { code: dossier.code, problem };
      }
    }
    after = dossiers.at(-1)!.code;
  }
}
