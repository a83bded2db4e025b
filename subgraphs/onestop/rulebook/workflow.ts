import type { Role } from '../../common/auth';
import { refuse, type Refusal } from './refusal';
import type { Actor, DossierState } from './state';
import { DossierStatus } from './statuses';

/**
 * The dossier's workflow as tables: what each status allows, the conditions of the moment (in transit,
 * once-only requests), the status each action leads to, and who may take each action. "May this officer
 * do this now?" is answered here and nowhere else: `permission` then `availability`.
 */

export const ACTIONS = [
  'SUBMIT',
  'RECEIVE',
  'REFUSE',
  'STOP',
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

/** Done only by the hub itself, as other subgraphs' messages arrive; never requested by an officer. */
export const SYSTEM_ACTIONS: readonly Action[] = ['AWAIT_PAYMENT', 'PAYMENT_RECEIVED', 'REASSIGN'];

const PROCESSING = ['HAND_OVER', 'ACCEPT', 'REQUEST_SUPPLEMENT', 'APOLOGIZE', 'RECORD_RESULT', 'WITHDRAW', 'REASSIGN', 'STOP'] as const;

/**
 * What each status allows before the conditions of the moment are applied. SUBMIT creates a dossier and
 * follows no status. A submitted dossier is received or refused by the desk; at
 * the counter the desk refuses a dossier it just received and still holds.
 */
export const ALLOWED = {
  SUBMITTED: ['RECEIVE', 'REFUSE', 'WITHDRAW'],
  RECEIVED: [...PROCESSING, 'REFUSE'],
  REFUSED: [],
  // A tax notice completes the tax leg: the dossier moves on and waits for the payment (AWAIT_PAYMENT).
  IN_PROGRESS: [...PROCESSING, 'AWAIT_PAYMENT'],
  // A closed agency's dossiers go to its successor (REASSIGN) whatever they wait for; the successor accepts.
  // The holder stops a dossier whose applicant did not supplement in time (STOP).
  SUPPLEMENT_REQUESTED: ['SUPPLEMENT', 'WITHDRAW', 'REASSIGN', 'ACCEPT', 'STOP'],
  AWAITING_PAYMENT: ['ACCEPT', 'PAYMENT_RECEIVED', 'WITHDRAW', 'REASSIGN', 'STOP'],
  WITHDRAWN: [],
  STOPPED: [],
  RESOLVED: ['ACCEPT', 'RETURN', 'REASSIGN'],
  RETURNED: [],
} as const satisfies Record<DossierStatus, readonly Action[]>;

/** What the conditions of the moment depend on. */
export interface Situation {
  status: DossierStatus;
  /** Handed over (giao) and not yet accepted (nhận). */
  inTransit: boolean;
  /** Decree 61/2018 Art. 19: the processing agency asks for supplementation once. */
  supplementRequested: boolean;
  /** The new appointment of an apology can be set only once. */
  apologized: boolean;
  /** The result is recorded (on its way back to the desk, or there): too late to withdraw, refuse or stop. */
  decided: boolean;
  /** The receiving desk holds it: only there is a dossier refused at the counter. */
  atDesk: boolean;
}

export const situationOf = (state: DossierState): Situation => ({
  status: state.status,
  inTransit: state.addresseeCode !== null,
  supplementRequested: state.supplementRequestedAt !== null,
  apologized: state.apologizedAt !== null,
  decided: state.outcome !== null,
  atDesk: state.holderCode === state.returnDeskCode,
});

/** Whether the conditions of the moment let an action the status allows happen now. */
function possibleNow(action: Action, situation: Situation): boolean {
  switch (action) {
    case 'ACCEPT':
      return situation.inTransit;
    case 'HAND_OVER':
    case 'RECORD_RESULT':
    case 'RETURN':
    case 'AWAIT_PAYMENT':
      return !situation.inTransit;
    case 'REQUEST_SUPPLEMENT':
      return !situation.inTransit && !situation.supplementRequested;
    case 'APOLOGIZE':
      return !situation.inTransit && !situation.apologized;
    case 'REFUSE':
      return !situation.inTransit && situation.atDesk;
    case 'STOP':
      return !situation.inTransit && !situation.decided;
    case 'WITHDRAW':
      return !situation.decided;
    case 'SUBMIT':
    case 'RECEIVE':
    case 'SUPPLEMENT':
    case 'PAYMENT_RECEIVED':
    case 'REASSIGN':
      return true;
  }
}

export function availableActions(situation: Situation): Action[] {
  return (ALLOWED[situation.status] as readonly Action[]).filter((action) => possibleNow(action, situation));
}

/** CONFLICT naming the status and what officers may do now, or null when the action may happen now. */
export function availability(situation: Situation, action: Action): Refusal | null {
  const available = availableActions(situation);
  if (available.includes(action)) return null;
  const allowed = available.filter((candidate) => !SYSTEM_ACTIONS.includes(candidate));
  const where = `${situation.status}${situation.inTransit ? ', in transit' : ''}`;
  return refuse('CONFLICT', `${action} is not allowed now: the dossier is ${where}. Allowed now: ${allowed.join(', ') || 'nothing'}.`, {
    status: situation.status,
    inTransit: situation.inTransit,
    action,
    allowed,
  });
}

/**
 * The status an action leads to; `null` is a dossier not yet received. `resultAtDesk`: the result is at the
 * receiving desk after the action (recorded there, or its hand-over accepted there); only then is the
 * dossier RESOLVED (9, result ready at the desk).
 */
export function nextStatus(status: DossierStatus | null, action: Action, resultAtDesk = action === 'RECORD_RESULT'): DossierStatus {
  switch (action) {
    case 'SUBMIT':
      return DossierStatus.SUBMITTED;
    case 'RECEIVE':
      return DossierStatus.RECEIVED;
    case 'REFUSE':
      return DossierStatus.REFUSED;
    case 'STOP':
      return DossierStatus.STOPPED;
    case 'ACCEPT':
      // The first agency that accepts starts the processing; the desk accepting the result resolves it.
      if (status === DossierStatus.RECEIVED) return DossierStatus.IN_PROGRESS;
      return status === DossierStatus.IN_PROGRESS && resultAtDesk ? DossierStatus.RESOLVED : (status as DossierStatus);
    case 'HAND_OVER':
    case 'APOLOGIZE':
    case 'REASSIGN':
      return status as DossierStatus;
    case 'REQUEST_SUPPLEMENT':
      return DossierStatus.SUPPLEMENT_REQUESTED;
    case 'SUPPLEMENT':
      return DossierStatus.IN_PROGRESS;
    case 'RECORD_RESULT':
      // Recorded elsewhere, the result is on its way back: still in progress until the desk accepts it.
      return resultAtDesk ? DossierStatus.RESOLVED : (status as DossierStatus);
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

// ---------------------------------------------------------------------------------------------------------
// Who may do what. A RECEPTIONIST acts only at its own agency's desk; processing is for PROCESSORs; an
// agency's system (SYSTEM) acts for its agency; SUPERVISORs read and change nothing.

export type Party = 'desk' | 'holder' | 'addressee' | 'anyone';

const ANY_OFFICER: readonly Role[] = ['RECEPTIONIST', 'PROCESSOR', 'SYSTEM'];
export const DESK_OFFICER: readonly Role[] = ['RECEPTIONIST', 'SYSTEM'];
const PROCESSING_OFFICER: readonly Role[] = ['PROCESSOR', 'SYSTEM'];

export const WHO_MAY = {
  // Checked against the desk named in the submission: its agency's own online service, as SYSTEM.
  SUBMIT: { party: 'desk', roles: ['SYSTEM'] },
  RECEIVE: { party: 'desk', roles: DESK_OFFICER },
  REFUSE: { party: 'desk', roles: DESK_OFFICER },
  STOP: { party: 'holder', roles: PROCESSING_OFFICER },
  HAND_OVER: { party: 'holder', roles: ANY_OFFICER },
  ACCEPT: { party: 'addressee', roles: ANY_OFFICER },
  REQUEST_SUPPLEMENT: { party: 'holder', roles: PROCESSING_OFFICER },
  SUPPLEMENT: { party: 'desk', roles: DESK_OFFICER },
  APOLOGIZE: { party: 'holder', roles: PROCESSING_OFFICER },
  RECORD_RESULT: { party: 'holder', roles: PROCESSING_OFFICER },
  RETURN: { party: 'desk', roles: DESK_OFFICER },
  WITHDRAW: { party: 'desk', roles: DESK_OFFICER },
  // Reached only through the producing subgraphs' messages, which those subgraphs authorised.
  AWAIT_PAYMENT: { party: 'holder', roles: ['SYSTEM'] },
  PAYMENT_RECEIVED: { party: 'anyone', roles: ['SYSTEM'] },
  REASSIGN: { party: 'anyone', roles: ['SYSTEM'] },
} as const satisfies Record<Action, { party: Party; roles: readonly Role[] }>;

const PARTY_NAMES: Record<Party, string> = {
  desk: 'the receiving desk',
  holder: 'the agency holding the dossier',
  addressee: 'the agency it was handed to',
  anyone: 'the hub',
};

/** Whether the caller acts for `agency` in a role the action allows; a receptionist only at `deskCode`. */
export function actsFor(actor: Actor, agency: string | null, roles: readonly Role[], deskCode: string): boolean {
  return (
    agency !== null &&
    actor.agency === agency &&
    actor.roles.some((role) => roles.includes(role) && (role !== 'RECEPTIONIST' || agency === deskCode))
  );
}

/** The agency that plays the party for the dossier now: its returning desk, its holder or its addressee. */
export function partyAgency(state: Pick<DossierState, 'returnDeskCode' | 'holderCode' | 'addresseeCode'>, party: Exclude<Party, 'anyone'>): string | null {
  switch (party) {
    case 'desk':
      return state.returnDeskCode;
    case 'holder':
      return state.holderCode;
    case 'addressee':
      return state.addresseeCode;
  }
}

/**
 * FORBIDDEN unless the caller may take the action on the dossier; null when it may. When nobody plays the
 * party now (nobody holds a returned dossier, nobody is addressed when it is not in transit), a caller who
 * reads the dossier is let through to learn from the workflow why nothing can be done (CONFLICT).
 */
export function permission(state: DossierState, action: Action, actor: Actor, reads: boolean): Refusal | null {
  const { party, roles } = WHO_MAY[action];
  if (party === 'anyone') {
    return actor.roles.some((role) => (roles as readonly Role[]).includes(role)) ? null : forbidden(action, party, null, roles);
  }
  const agency = partyAgency(state, party);
  if (actsFor(actor, agency, roles, state.returnDeskCode)) return null;
  if (agency === null && reads) return null;
  return forbidden(action, party, agency, roles);
}

/** FORBIDDEN unless the caller acts for the desk of `deskCode` (receipts and guidance slips are issued there). */
export function deskPermission(actor: Actor, deskCode: string, what: string): Refusal | null {
  if (actsFor(actor, deskCode, DESK_OFFICER, deskCode)) return null;
  return refuse('FORBIDDEN', `Only the desk of ${deskCode} may ${what}, as ${DESK_OFFICER.join(' or ')}.`);
}

/**
 * FORBIDDEN unless the caller is a SYSTEM of the desk's own agency (its online service) or of an agency the
 * directory marks as running a public service portal (`servicePortal`: the national portal or the
 * province's) when it submits: they submit the dossiers taken online or by post to that desk.
 */
export function submitPermission(actor: Actor, deskCode: string, byPortal: boolean): Refusal | null {
  if (actor.roles.includes('SYSTEM') && (actor.agency === deskCode || byPortal)) return null;
  return refuse('FORBIDDEN', `Only the online service of ${deskCode} or a public service portal the directory marks (as SYSTEM) may submit dossiers to its desk.`);
}

function forbidden(action: Action, party: Party, agency: string | null, roles: readonly Role[]): Refusal {
  return refuse('FORBIDDEN', `Only ${PARTY_NAMES[party]}${agency ? ` (${agency})` : ''} may ${action}, as ${roles.join(' or ')}.`);
}
