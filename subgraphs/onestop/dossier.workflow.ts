import { ConflictError } from '../common/errors';
import { DossierStatus } from './dossier.entity';

/**
 * The dossier's workflow as data: what each status lets happen, the conditions of the moment (in transit,
 * once-only requests), and the status each action leads to. No state-machine library; every function is
 * pure, so the status can be recomputed by folding a dossier's recorded actions.
 */

export const ACTIONS = [
  'RECEIVE',
  'HAND_OVER',
  'ACCEPT',
  'REQUEST_SUPPLEMENT',
  'SUPPLEMENT',
  'APOLOGIZE',
  'RECORD_RESULT',
  'RETURN',
  'WITHDRAW',
  'AWAIT_PAYMENT',
  'PAYMENT_RECEIVED',
  'REASSIGN',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Done only by the hub itself, as other subgraphs' events arrive; never requested by an officer. */
export const SYSTEM_ACTIONS: readonly Action[] = ['AWAIT_PAYMENT', 'PAYMENT_RECEIVED', 'REASSIGN'];

const PROCESSING = ['HAND_OVER', 'ACCEPT', 'REQUEST_SUPPLEMENT', 'APOLOGIZE', 'RECORD_RESULT', 'WITHDRAW', 'REASSIGN'] as const;

/** What each status allows before the conditions of the moment are applied. */
export const ALLOWED = {
  SUBMITTED: ['RECEIVE', 'WITHDRAW'],
  RECEIVED: PROCESSING,
  REFUSED: [],
  // A tax notice completes the tax leg: the dossier moves on and waits for the payment (AWAIT_PAYMENT).
  IN_PROGRESS: [...PROCESSING, 'AWAIT_PAYMENT'],
  // A closed agency's dossiers go to its successor (REASSIGN) whatever they wait for; the successor accepts.
  SUPPLEMENT_REQUESTED: ['SUPPLEMENT', 'WITHDRAW', 'REASSIGN', 'ACCEPT'],
  AWAITING_PAYMENT: ['ACCEPT', 'PAYMENT_RECEIVED', 'WITHDRAW', 'REASSIGN'],
  WITHDRAWN: [],
  STOPPED: [],
  RESOLVED: ['ACCEPT', 'RETURN', 'REASSIGN'],
  RETURNED: [],
} as const satisfies Record<DossierStatus, readonly Action[]>;

export interface DossierState {
  status: DossierStatus;
  /** Handed over (giao) and not yet accepted (nhận). */
  inTransit: boolean;
  /** Decree 61/2018 Art. 19: the processing agency asks for supplementation once. */
  supplementRequested: boolean;
  /** The new appointment of an apology can be set only once. */
  apologized: boolean;
}

/** Whether the conditions of the moment let an action the status allows happen now. */
function possibleNow(action: Action, state: DossierState): boolean {
  switch (action) {
    case 'ACCEPT':
      return state.inTransit;
    case 'HAND_OVER':
    case 'RECORD_RESULT':
    case 'RETURN':
    case 'AWAIT_PAYMENT':
      return !state.inTransit;
    case 'REQUEST_SUPPLEMENT':
      return !state.inTransit && !state.supplementRequested;
    case 'APOLOGIZE':
      return !state.inTransit && !state.apologized;
    case 'RECEIVE':
    case 'SUPPLEMENT':
    case 'WITHDRAW':
    case 'PAYMENT_RECEIVED':
    case 'REASSIGN':
      return true;
  }
}

export function availableActions(state: DossierState): Action[] {
  return (ALLOWED[state.status] as readonly Action[]).filter((action) => possibleNow(action, state));
}

/** The status an action leads to; `null` is a dossier not yet received. */
export function nextStatus(status: DossierStatus | null, action: Action): DossierStatus {
  switch (action) {
    case 'RECEIVE':
      return DossierStatus.RECEIVED;
    case 'ACCEPT':
      // The first agency that accepts starts the processing; a desk accepting the result keeps it resolved.
      return status === DossierStatus.RECEIVED ? DossierStatus.IN_PROGRESS : (status as DossierStatus);
    case 'HAND_OVER':
    case 'APOLOGIZE':
    case 'REASSIGN':
      return status as DossierStatus;
    case 'REQUEST_SUPPLEMENT':
      return DossierStatus.SUPPLEMENT_REQUESTED;
    case 'SUPPLEMENT':
      return DossierStatus.IN_PROGRESS;
    case 'RECORD_RESULT':
      return DossierStatus.RESOLVED;
    case 'RETURN':
      return DossierStatus.RETURNED;
    case 'WITHDRAW':
      return DossierStatus.WITHDRAWN;
    case 'AWAIT_PAYMENT':
      return DossierStatus.AWAITING_PAYMENT;
    case 'PAYMENT_RECEIVED':
      return DossierStatus.IN_PROGRESS;
  }
}

/** The status after `action`, or CONFLICT naming the status and what officers may do now. */
export function decide(state: DossierState, action: Action): DossierStatus {
  const available = availableActions(state);
  if (!available.includes(action)) {
    const allowed = available.filter((candidate) => !SYSTEM_ACTIONS.includes(candidate));
    const where = `${state.status}${state.inTransit ? ', in transit' : ''}`;
    throw new ConflictError(`${action} is not allowed now: the dossier is ${where}. Allowed now: ${allowed.join(', ') || 'nothing'}.`, {
      status: state.status,
      inTransit: state.inTransit,
      action,
      allowed,
    });
  }
  return nextStatus(state.status, action);
}

/** Replays recorded actions from nothing: the status they lead to. */
export function foldStatus(actions: readonly Action[]): DossierStatus | null {
  return actions.reduce<DossierStatus | null>((status, action) => nextStatus(status, action), null);
}
