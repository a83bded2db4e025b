import type { Event, HandOver } from './events';
import { legDue, withDues } from './schedule';
import { appointment, type DossierState, type TransferState } from './state';
import { Channel, DossierStatus, ReturnChannel, TransferKind } from './statuses';
import { nextStatus } from './workflow';

/**
 * evolve(state, event) → state: what an event does to a dossier, with nothing left to decide. Folding a
 * dossier's whole history from nothing gives its state; the audit compares that with what is stored.
 */

/** The recorded hand-over as a row of the control slip, not yet accepted. */
function handedOver(transfer: HandOver, event: Event): TransferState {
  return {
    ...transfer,
    handedAt: event.at,
    handedBy: event.actor.name,
    handedBySub: event.actor.sub,
    acceptedAt: null,
    acceptedBy: null,
    acceptedBySub: null,
    legSeq: null,
    result: null,
  };
}

/** The dossier with the hand-over added and the receiving agency addressed until it accepts. */
const inTransit = (state: DossierState, transfer: HandOver, event: Event): Pick<DossierState, 'transfers' | 'addresseeCode'> => ({
  transfers: [...state.transfers, handedOver(transfer, event)],
  addresseeCode: transfer.toCode,
});

export function evolve(state: DossierState | null, event: Event): DossierState {
  if (event.type === 'SUBMIT') return submitted(event);
  if (event.type === 'RECEIVE') return received(event, state);
  if (!state) throw new Error(`A ${event.type} event cannot come before the dossier's receipt.`);
  const status = nextStatus(state.status, event.type, resultAtDesk(state, event));
  switch (event.type) {
    case 'REFUSE':
      return { ...state, status, refusedAt: event.at, refusalReasons: event.reasons, holderCode: null, addresseeCode: null };
    case 'STOP':
      return { ...state, status, stoppedAt: event.at, stopReason: event.reason, holderCode: null, addresseeCode: null };
    case 'HAND_OVER':
      return { ...state, status, ...inTransit(state, event.transfer, event), legDueAt: event.legDueAt };
    case 'ACCEPT': {
      const transfer = state.transfers.find((t) => t.seq === event.transfer)!;
      const handedAt = transfer.handedAt;
      const transfers = state.transfers.map((t) =>
        t.seq === event.transfer
          ? { ...t, acceptedAt: event.at, acceptedBy: event.actor.name, acceptedBySub: event.actor.sub, legSeq: event.legSeq, result: event.result }
          : t,
      );
      const legs = state.legs.map((leg) => (leg.seq === event.legSeq ? { ...leg, completedAt: handedAt, result: event.result } : leg));
      const currentLeg = transfer.kind === TransferKind.ROUTE ? state.currentLeg + 1 : state.currentLeg;
      return {
        ...state,
        status,
        transfers,
        legs,
        currentLeg,
        holderCode: transfer.toCode,
        addresseeCode: null,
        resolvedAt: transfer.kind === TransferKind.RESULT ? event.at : state.resolvedAt,
        legDueAt: legDue(legs, currentLeg, appointment(state)),
      };
    }
    case 'REQUEST_SUPPLEMENT':
      return { ...state, status, supplementRequestedAt: event.at, supplementItems: event.items, supplementDueAt: event.supplementDueAt ?? null };
    case 'SUPPLEMENT': {
      const legs = withDues(state.legs, event.legs);
      return {
        ...state,
        status,
        documents: [...new Set([...state.documents, ...event.documents])],
        supplementedAt: event.at,
        legs,
        dueAt: event.dueAt,
        dueProvisional: event.dueProvisional,
        legDueAt: legDue(legs, state.currentLeg, event.dueAt),
      };
    }
    case 'APOLOGIZE': {
      const legs = withDues(state.legs, event.legs);
      return {
        ...state,
        status,
        legs,
        previousDueAt: event.previousDueAt,
        dueAt: event.newDueAt,
        apologizedAt: event.at,
        apologyReason: event.reason,
        legDueAt: legDue(legs, state.currentLeg, event.newDueAt),
      };
    }
    case 'RECORD_RESULT': {
      const decided = { ...state, status, outcome: event.outcome, outcomeNote: event.note, legDueAt: appointment(state) };
      if (event.transfer) return { ...decided, ...inTransit(state, event.transfer, event) };
      const legs = state.legs.map((leg) => (leg.seq === event.legSeq ? { ...leg, completedAt: event.at, result: event.legResult } : leg));
      return { ...decided, legs, resolvedAt: event.at };
    }
    case 'RETURN':
      return {
        ...state,
        status,
        returnedAt: event.at,
        returnedTo: event.receivedBy,
        returnChannel: event.channel ?? ReturnChannel.AT_DESK,
        postalTrackingNumber: event.postalTrackingNumber ?? null,
        holderCode: null,
        timeliness: event.timeliness,
      };
    case 'WITHDRAW':
      return { ...state, status, withdrawnAt: event.at, withdrawalReason: event.reason, holderCode: null, addresseeCode: null };
    case 'AWAIT_PAYMENT':
      return { ...state, status, ...inTransit(state, event.transfer, event), legDueAt: event.legDueAt, paymentAwaitedAt: event.at };
    case 'PAYMENT_RECEIVED':
      return {
        ...state,
        status,
        legs: withDues(state.legs, event.legs),
        dueAt: event.dueAt,
        legDueAt: event.legDueAt,
        paymentAwaitedAt: null,
        paidAt: event.paidAt,
      };
    case 'REASSIGN': {
      const legs = state.legs.map((leg) => (leg.agencyCode === event.from && leg.result === null ? { ...leg, agencyCode: event.to, agencyName: event.toName } : leg));
      const desk = event.returnDesk ? { returnDeskCode: event.to, returnDeskName: event.toName } : {};
      const moved = event.transfer ? inTransit(state, event.transfer, event) : {};
      return { ...state, status, legs, ...desk, ...moved };
    }
  }
}

/** After an ACCEPT of the result's hand-over, or a result recorded at the desk itself: the result is at the desk. */
function resultAtDesk(state: DossierState, event: Event): boolean {
  if (event.type === 'ACCEPT') return state.transfers.find((t) => t.seq === event.transfer)?.kind === TransferKind.RESULT;
  if (event.type === 'RECORD_RESULT') return event.transfer === null;
  return false;
}

const NOTHING_YET = {
  supplementRequestedAt: null,
  supplementItems: [],
  supplementDueAt: null,
  supplementedAt: null,
  apologizedAt: null,
  apologyReason: null,
  previousDueAt: null,
  paymentAwaitedAt: null,
  paidAt: null,
  outcome: null,
  outcomeNote: null,
  resolvedAt: null,
  returnedAt: null,
  returnedTo: null,
  returnChannel: null,
  postalTrackingNumber: null,
  withdrawnAt: null,
  withdrawalReason: null,
  refusedAt: null,
  refusalReasons: [],
  stoppedAt: null,
  stopReason: null,
  timeliness: null,
  transfers: [],
} satisfies Partial<DossierState>;

/** Submitted online or by post: with the desk, no appointment, no legs until the desk receives it. */
function submitted(event: Extract<Event, { type: 'SUBMIT' }>): DossierState {
  return {
    ...NOTHING_YET,
    code: event.code,
    status: nextStatus(null, 'SUBMIT'),
    channel: event.channel,
    submittedAt: event.submittedAt,
    deskCode: event.deskCode,
    deskName: event.deskName,
    returnDeskCode: event.deskCode,
    returnDeskName: event.deskName,
    holderCode: event.deskCode,
    addresseeCode: null,
    receivedAt: event.submittedAt,
    dueAt: null,
    dueProvisional: false,
    legDueAt: event.submittedAt,
    currentLeg: 0,
    documents: event.documents,
    delivery: event.delivery,
    legs: [],
  };
}

function received(event: Extract<Event, { type: 'RECEIVE' }>, before: DossierState | null): DossierState {
  return {
    ...NOTHING_YET,
    channel: event.channel ?? Channel.COUNTER,
    submittedAt: before?.submittedAt ?? null,
    code: event.code,
    status: nextStatus(before?.status ?? null, 'RECEIVE'),
    deskCode: event.deskCode,
    deskName: event.deskName,
    returnDeskCode: event.deskCode,
    returnDeskName: event.deskName,
    holderCode: event.deskCode,
    addresseeCode: null,
    receivedAt: event.receivedAt,
    dueAt: event.dueAt,
    dueProvisional: event.dueProvisional,
    legDueAt: event.legDueAt,
    currentLeg: event.currentLeg,
    documents: event.documents,
    delivery: event.delivery,
    legs: event.legs.map((leg) => ({ ...leg, completedAt: null, result: null })),
  };
}

/** A dossier's state from its history: its events folded from nothing. */
export function fold(events: readonly Event[]): DossierState | null {
  return events.reduce<DossierState | null>((state, event) => evolve(state, event), null);
}

/** The status a sequence of actions leads to from nothing. */
export function foldStatus(actions: readonly Event['type'][]): DossierStatus | null {
  return actions.reduce<DossierStatus | null>((status, action) => nextStatus(status, action), null);
}
