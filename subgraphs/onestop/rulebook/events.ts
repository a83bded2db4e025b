import type { LegDue } from './schedule';
import type { Actor, LegState, TransferState } from './state';
import type { Channel, Delivery, Outcome, ReturnChannel, Timeliness } from './statuses';
import type { Action } from './workflow';

/**
 * What happened to a dossier: the decisions' output, each appended to its history as one row (action,
 * actor, time, details) and folded into its state by `evolve`. Each event carries what the decision worked
 * out (deadlines, classifications, transfer numbers), so folding needs no calendar and no clock.
 */

/** A hand-over as an event records it; the officer and the time are the event's own. */
export type HandOver = Pick<TransferState, 'seq' | 'kind' | 'fromCode' | 'fromName' | 'toCode' | 'toName' | 'note'>;

export type PlannedLeg = Pick<LegState, 'seq' | 'agencyCode' | 'agencyName' | 'task' | 'workingDays' | 'dueAt'>;

interface Payloads {
  SUBMIT: {
    code: string;
    deskCode: string;
    deskName: string;
    submittedAt: Date;
    channel: Channel;
    documents: string[];
    copies: number;
    delivery: Delivery;
  };
  /** `channel` absent in histories written before online intake: at the counter. */
  RECEIVE: {
    channel?: Channel;
    code: string;
    deskCode: string;
    deskName: string;
    receivedAt: Date;
    receiptNumber: string;
    documents: string[];
    copies: number;
    delivery: Delivery;
    dueAt: Date;
    dueProvisional: boolean;
    legDueAt: Date;
    currentLeg: number;
    legs: PlannedLeg[];
  };
  HAND_OVER: { transfer: HandOver; legDueAt: Date };
  ACCEPT: { transfer: number; from: string; legSeq: number | null; result: Timeliness | null };
  REFUSE: { reasons: string[] };
  STOP: { reason: string };
  /** `number`: the request's number in the issuing agency's sequence, “<n>/YCBS” (absent in older histories). */
  REQUEST_SUPPLEMENT: { items: string[]; supplementDueAt?: Date | null; number?: string };
  SUPPLEMENT: { documents: string[]; dueAt: Date; dueProvisional: boolean; legs: LegDue[] };
  APOLOGIZE: { reason: string; previousDueAt: Date; newDueAt: Date; legs: LegDue[]; number?: string };
  /** At the returning desk: its leg is done and the result is there; elsewhere: handed back to the desk. */
  RECORD_RESULT: { outcome: Outcome; note: string | null; legSeq: number | null; legResult: Timeliness | null; transfer: HandOver | null };
  RETURN: { receivedBy: string; delivery: Delivery; timeliness: Timeliness; channel?: ReturnChannel; postalTrackingNumber?: string | null };
  WITHDRAW: { reason: string };
  AWAIT_PAYMENT: { notice: string; total: string; transfer: HandOver; legDueAt: Date };
  PAYMENT_RECEIVED: { paidAt: Date; waitedWorkingHours: number; dueAt: Date; legs: LegDue[]; legDueAt: Date };
  /** `transfer` when the dossier itself moves; `returnDesk` when the closed agency was its returning desk. */
  REASSIGN: { from: string; to: string; toName: string; reason: string; returnDesk: string | null; transfer: HandOver | null };
}

export type Event = {
  [A in Action]: { type: A; at: Date; actor: Actor } & Payloads[A];
}[Action];

export type EventOf<A extends Action> = Extract<Event, { type: A }>;

/** What the history row's `details` keeps: everything but the type, the time and the actor. */
export function detailsOf(event: Event): Record<string, unknown> {
  const { type: _type, at: _at, actor: _actor, ...details } = event;
  return details;
}

/** Instants in details are written as ISO strings; every key that holds one ends in `At`. */
function revive(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => revive(item));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, k)]));
  if (typeof value === 'string' && key.endsWith('At')) return new Date(value);
  return value;
}

/** An event back from a history row. */
export function eventFromRecord(row: { action: string; at: Date; actor: Actor; details: string }): Event {
  return { ...(revive(JSON.parse(row.details)) as object), type: row.action, at: row.at, actor: row.actor } as Event;
}
