import { LoadStrategy, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkingCalendar } from '../../common/calendar';
import type { Context } from '../../common/context';
import { LostRaceError, NotFoundError } from '../../common/errors';
import type { Command, Facts } from '../rulebook/commands';
import { decide } from '../rulebook/decide';
import { agencyAt } from '../rulebook/directory';
import { detailsOf, type Event } from '../rulebook/events';
import { evolve } from '../rulebook/evolve';
import type { Refusal } from '../rulebook/refusal';
import { recordedName, type DossierState } from '../rulebook/state';
import type { DossierStatus } from '../rulebook/statuses';
import { agencyDirectory, workingCalendar } from './directory';
import { localDate } from '../../common/scalars';
import { nextNumber } from './counter.entity';
import { DossierLeg } from './dossier-leg.entity';
import { DossierEvent } from './dossier-event.entity';
import { Dossier } from './dossier.entity';
import { canonicalJson, sealOf } from './history-chain';
import { mayRead, orThrow } from './permissions';
import { requireActor } from '../../common/roles';
import { project } from './projections';
import { Transfer } from './transfer.entity';
import { webhookDeliveries } from '../webhooks/cloud-events';
import { executeTogether, insertOf, type Statement } from '../../common/statements';

/**
 * The change pipeline: read what the rules need from the graph, then in one transaction load the dossier,
 * let the rules decide, and for each event store the evolved state, then append the history row and write
 * what the event sets off (notices, access, counts, the webhooks' deliveries). A refusal writes nothing.
 */

/** What a service function works with: the request's unit of work, caller, time and graph. */
export type Deps = Pick<Context, 'em' | 'actor' | 'now' | 'graph'> & {
  calendar?: WorkingCalendar;
  /** Applying a feed message: records, in the change's own transaction, that its part for this dossier is done. */
  take?: (em: EntityManager, dossier: string) => Promise<void>;
};

/** The working calendar the rules count on: the registers' (kept by onestop, `directory.ts`), or a test's own. */
export const calendarOf = async (deps: Deps): Promise<WorkingCalendar> => deps.calendar ?? workingCalendar(deps.graph);

/** The stored dossier as the rules see it. */
export function stateOf(dossier: Dossier): DossierState {
  return {
    ...pick(dossier, STATE_FIELDS),
    ...pick(dossier, RECEIPT_FIELDS),
    legs: dossier.legs.getItems().map((leg) => pick(leg, ['seq', 'task', 'workingDays', ...LEG_FIELDS])),
    transfers: dossier.transfers.getItems().map((transfer) => pick(transfer, TRANSFER_FIELDS)),
  };
}

/** What the rules read of the receipt, which never changes. */
const RECEIPT_FIELDS = ['code', 'deskCode', 'deskName', 'delivery', 'submittedAt'] as const;

/** The fields events change; the rest are the receipt's and never change. */
const STATE_FIELDS = [
  'status', 'channel', 'receivedAt', 'holderCode', 'addresseeCode', 'returnDeskCode', 'returnDeskName', 'dueAt', 'dueProvisional', 'legDueAt',
  'currentLeg', 'documents', 'supplementRequestedAt', 'supplementItems', 'supplementDueAt', 'supplementedAt', 'apologizedAt', 'apologyReason',
  'previousDueAt', 'paymentAwaitedAt', 'paidAt', 'outcome', 'outcomeNote', 'resolvedAt', 'returnedAt', 'returnedTo', 'returnChannel',
  'postalTrackingNumber', 'withdrawnAt', 'withdrawalReason', 'refusedAt', 'refusalReasons', 'stoppedAt', 'stopReason', 'timeliness',
] as const satisfies ReadonlyArray<keyof DossierState & keyof Dossier>;
type StateField = (typeof STATE_FIELDS)[number];

const LEG_FIELDS = ['agencyCode', 'agencyName', 'dueAt', 'completedAt', 'result'] as const;
const TRANSFER_FIELDS = [
  'seq', 'kind', 'fromCode', 'fromName', 'toCode', 'toName', 'handedAt', 'handedBy', 'handedBySub', 'note', 'acceptedAt', 'acceptedBy',
  'acceptedBySub', 'legSeq', 'result',
] as const;
const TRANSFER_CHANGES = ['acceptedAt', 'acceptedBy', 'acceptedBySub', 'legSeq', 'result'] as const;

function pick<T, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Assigns what changed, so the unit of work writes only that. */
function assignChanged<T extends object, K extends keyof T>(target: T, source: Pick<T, K>, keys: readonly K[]): void {
  for (const key of keys) if (!same(target[key], source[key])) target[key] = source[key];
}

/** The evolved state onto the dossier, its legs and its control slip. */
function writeState(dossier: Dossier, state: DossierState): void {
  assignChanged(dossier, state as Pick<Dossier, StateField>, STATE_FIELDS);
  const legs = new Map(dossier.legs.getItems().map((leg) => [leg.seq, leg]));
  for (const leg of state.legs) {
    const stored = legs.get(leg.seq);
    if (stored) assignChanged(stored, leg, LEG_FIELDS);
    else dossier.legs.add(Object.assign(new DossierLeg({ dossier, ...leg }), { completedAt: leg.completedAt, result: leg.result }));
  }
  const transfers = new Map(dossier.transfers.getItems().map((transfer) => [transfer.seq, transfer]));
  for (const transfer of state.transfers) {
    const stored = transfers.get(transfer.seq);
    if (stored) assignChanged(stored, transfer, TRANSFER_CHANGES);
    else dossier.transfers.add(Object.assign(new Transfer({ dossier, ...transfer }), pick(transfer, TRANSFER_CHANGES)));
  }
}

/** The event's history row, chained to the dossier's head, which moves to it: the row's insert. */
function historyRow(em: EntityManager, dossier: Dossier, event: Event, from: DossierStatus | null, to: DossierStatus, agencyName: string): Statement {
  const row = new DossierEvent({
    dossier,
    seq: dossier.historyLength + 1,
    at: event.at,
    actorId: event.actor.sub,
    actorName: event.actor.name,
    roles: [...event.actor.roles],
    agencyCode: event.actor.agency,
    agencyName,
    action: event.type,
    fromStatus: from,
    toStatus: to,
    details: canonicalJson(detailsOf(event)),
    previousHash: dossier.historyHead,
  });
  dossier.historyHead = row.hash;
  dossier.historyLength = row.seq;
  dossier.historySeal = sealOf(dossier.code, row.seq, row.hash);
  return insertOf(em, [row]);
}

/**
 * What the rules decided, recorded: each event's history row, the state it leads to, and what it sets off.
 * `actorAgencyName` is the acting agency's name as history and notices print it. A stored dossier (`before`
 * given) is written by the unit of work, under its version check, before the rows that refer to it; a new
 * one (`before` null) is inserted with its legs in the same statement as those rows (`firstRecord`), and
 * stays out of the unit of work; with `commit`, that statement is the transaction's last and commits it
 * (`executeTogether`).
 */
export async function record(
  em: EntityManager,
  dossier: Dossier,
  before: DossierState | null,
  decided: Event[] | Refusal,
  actorAgencyName: string,
  { commit = false } = {},
): Promise<DossierState> {
  if (before === null) {
    const { statements, state } = firstRecord(em, dossier, decided, actorAgencyName);
    await executeTogether(em, statements, { commit });
    stored(dossier);
    return state;
  }
  if (commit) throw new Error('Only a new dossier is recorded with its transaction\'s commit.');
  let state = before;
  for (const event of orThrow(decided)) {
    const { next, rows } = recordedEvent(em, dossier, event, state, actorAgencyName);
    em.persist(dossier);
    await em.flush();
    await executeTogether(em, rows);
    state = next;
  }
  return state;
}

/**
 * A new dossier's one first event, recorded: the statements that insert the dossier, its legs and what the
 * event writes, to be sent as one (`executeTogether`), and the state it is in; `stored` once they are.
 */
export function firstRecord(em: EntityManager, dossier: Dossier, decided: Event[] | Refusal, actorAgencyName: string): { statements: Statement[]; state: DossierState } {
  const events = orThrow(decided);
  if (events.length !== 1) throw new Error('A new dossier is recorded with its one first event.');
  if (dossier.transfers.length > 0) throw new Error('A new dossier has no hand-overs to write.');
  const { next, rows } = recordedEvent(em, dossier, events[0], null, actorAgencyName);
  const legs = dossier.legs.getItems();
  return { statements: [insertOf(em, [dossier]), ...(legs.length > 0 ? [insertOf(em, legs)] : []), ...rows], state: next };
}

/** A new dossier as its row now stands; it is not managed by the unit of work (nothing flushes it again). */
export function stored(dossier: Dossier): void {
  dossier.version = 1;
}

/**
 * One event onto the dossier: its state evolved and written onto it, and the rows the event writes (its
 * history row, the notices, the access, the counts and the webhooks' deliveries), to be sent in one statement.
 */
function recordedEvent(em: EntityManager, dossier: Dossier, event: Event, state: DossierState | null, actorAgencyName: string): { next: DossierState; rows: Statement[] } {
  const next = evolve(state, event);
  const history = historyRow(em, dossier, event, state?.status ?? null, next.status, actorAgencyName);
  writeState(dossier, next);
  const { statements, granted } = project(em, dossier, event, state, actorAgencyName);
  const deliveries = webhookDeliveries(dossier, event, state, next, dossier.historyLength, granted);
  return { next, rows: [history, ...statements, ...(deliveries ? [deliveries] : [])] };
}

/**
 * Two changes to one dossier at once: whichever saves second trips the version check, or, earlier, the
 * uniqueness of the next event's or transfer's number.
 */
export const isDossierRace = (error: unknown) =>
  error instanceof OptimisticLockError || violates(error, 'dossier_event_dossier_code_seq_unique', 'transfer_dossier_code_seq_unique');

/** Whether the error is a unique violation of one of the named constraints (PostgreSQL names it; a message is for people). */
export const violates = (error: unknown, ...constraints: string[]) =>
  error instanceof UniqueConstraintViolationException && constraints.includes((error as { constraint?: string }).constraint ?? '');

/**
 * Papers an agency issues are numbered in its own sequence per year: the supplement request “<n>/YCBS”, the
 * apology “<n>/PXL”. The number is taken in the change's transaction, so a refused change gives it back.
 */
const PAPER_SEQUENCES: Partial<Record<Command['type'], { scope: string; suffix: string }>> = {
  REQUEST_SUPPLEMENT: { scope: 'supplement-request', suffix: 'YCBS' },
  APOLOGIZE: { scope: 'apology', suffix: 'PXL' },
};

async function numbered(em: EntityManager, command: Command, agency: string, now: Date): Promise<Command> {
  const sequence = PAPER_SEQUENCES[command.type];
  if (!sequence) return command;
  const serial = await nextNumber(em, sequence.scope, `${agency}|${localDate(now).slice(0, 4)}`);
  return { ...command, number: `${serial}/${sequence.suffix}` } as Command;
}

/** Applies one command to a stored dossier, in one transaction. */
export async function change(deps: Deps, code: string, command: Command): Promise<Dossier> {
  const actor = requireActor(deps.actor);
  // Read from the graph before the transaction opens: no connection waits on another service.
  const [agencies, calendar] = await Promise.all([agencyDirectory(deps.graph), calendarOf(deps)]);
  try {
    return await deps.em.transactional(async (em) => {
      await deps.take?.(em, code);
      const dossier = await em.findOne(Dossier, { code }, { populate: ['legs', 'transfers'], strategy: LoadStrategy.JOINED });
      if (!dossier) throw new NotFoundError('Dossier', code);
      const state = stateOf(dossier);
      const facts: Facts = { now: deps.now, calendar, actor, reads: await mayRead(em, actor, code) };
      const agency = agencies.get(actor.agency);
      const agencyName = recordedName(state, actor.agency) ?? (agency ? agencyAt(agency, deps.now).name : actor.agency);
      await record(em, dossier, state, decide(state, await numbered(em, command, actor.agency, deps.now), facts), agencyName);
      return dossier;
    });
  } catch (error) {
    // Of two simultaneous changes to one dossier, the one that saves second loses.
    if (isDossierRace(error)) {
      throw new LostRaceError('Another change to this dossier was saved first; reload it and try again.', { code });
    }
    throw error;
  }
}
