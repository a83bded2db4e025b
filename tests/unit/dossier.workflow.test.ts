import { ConflictError } from '../../subgraphs/common/errors';
import { DossierStatus } from '../../subgraphs/onestop/dossier.entity';
import { ACTIONS, availableActions, decide, foldStatus, type Action, type DossierState } from '../../subgraphs/onestop/dossier.workflow';

/** Given a status, held (not in transit) or in transit, nothing asked yet: the actions allowed. */
const EXPECTED: Record<DossierStatus, { held: Action[]; inTransit: Action[] }> = {
  SUBMITTED: { held: ['RECEIVE', 'WITHDRAW'], inTransit: ['RECEIVE', 'WITHDRAW'] },
  RECEIVED: {
    held: ['HAND_OVER', 'REQUEST_SUPPLEMENT', 'APOLOGIZE', 'RECORD_RESULT', 'WITHDRAW', 'REASSIGN'],
    inTransit: ['ACCEPT', 'WITHDRAW', 'REASSIGN'],
  },
  REFUSED: { held: [], inTransit: [] },
  IN_PROGRESS: {
    held: ['HAND_OVER', 'REQUEST_SUPPLEMENT', 'APOLOGIZE', 'RECORD_RESULT', 'WITHDRAW', 'REASSIGN', 'AWAIT_PAYMENT'],
    inTransit: ['ACCEPT', 'WITHDRAW', 'REASSIGN'],
  },
  SUPPLEMENT_REQUESTED: { held: ['SUPPLEMENT', 'WITHDRAW', 'REASSIGN'], inTransit: ['SUPPLEMENT', 'WITHDRAW', 'REASSIGN', 'ACCEPT'] },
  AWAITING_PAYMENT: { held: ['PAYMENT_RECEIVED', 'WITHDRAW', 'REASSIGN'], inTransit: ['ACCEPT', 'PAYMENT_RECEIVED', 'WITHDRAW', 'REASSIGN'] },
  WITHDRAWN: { held: [], inTransit: [] },
  STOPPED: { held: [], inTransit: [] },
  RESOLVED: { held: ['RETURN', 'REASSIGN'], inTransit: ['ACCEPT', 'REASSIGN'] },
  RETURNED: { held: [], inTransit: [] },
};

/** Actions only the hub performs, from other subgraphs' events: a CONFLICT does not offer them to officers. */
const HUB_ONLY: Action[] = ['AWAIT_PAYMENT', 'PAYMENT_RECEIVED', 'REASSIGN'];

/** Given a status, the status each allowed action leads to. */
const LEADS_TO: Partial<Record<DossierStatus, Partial<Record<Action, DossierStatus>>>> = {
  SUBMITTED: { RECEIVE: DossierStatus.RECEIVED, WITHDRAW: DossierStatus.WITHDRAWN },
  RECEIVED: {
    HAND_OVER: DossierStatus.RECEIVED,
    ACCEPT: DossierStatus.IN_PROGRESS,
    REQUEST_SUPPLEMENT: DossierStatus.SUPPLEMENT_REQUESTED,
    APOLOGIZE: DossierStatus.RECEIVED,
    RECORD_RESULT: DossierStatus.RESOLVED,
    WITHDRAW: DossierStatus.WITHDRAWN,
    REASSIGN: DossierStatus.RECEIVED,
  },
  IN_PROGRESS: {
    HAND_OVER: DossierStatus.IN_PROGRESS,
    ACCEPT: DossierStatus.IN_PROGRESS,
    REQUEST_SUPPLEMENT: DossierStatus.SUPPLEMENT_REQUESTED,
    APOLOGIZE: DossierStatus.IN_PROGRESS,
    RECORD_RESULT: DossierStatus.RESOLVED,
    WITHDRAW: DossierStatus.WITHDRAWN,
    AWAIT_PAYMENT: DossierStatus.AWAITING_PAYMENT,
    REASSIGN: DossierStatus.IN_PROGRESS,
  },
  SUPPLEMENT_REQUESTED: {
    SUPPLEMENT: DossierStatus.IN_PROGRESS,
    WITHDRAW: DossierStatus.WITHDRAWN,
    REASSIGN: DossierStatus.SUPPLEMENT_REQUESTED,
    ACCEPT: DossierStatus.SUPPLEMENT_REQUESTED,
  },
  AWAITING_PAYMENT: {
    ACCEPT: DossierStatus.AWAITING_PAYMENT,
    PAYMENT_RECEIVED: DossierStatus.IN_PROGRESS,
    WITHDRAW: DossierStatus.WITHDRAWN,
    REASSIGN: DossierStatus.AWAITING_PAYMENT,
  },
  RESOLVED: { ACCEPT: DossierStatus.RESOLVED, RETURN: DossierStatus.RETURNED, REASSIGN: DossierStatus.RESOLVED },
};

const state = (status: DossierStatus, inTransit: boolean, used: Partial<DossierState> = {}): DossierState => ({
  status,
  inTransit,
  supplementRequested: false,
  apologized: false,
  ...used,
});

const cases = Object.values(DossierStatus).flatMap((status) =>
  [false, true].flatMap((inTransit) => ACTIONS.map((action) => [status, inTransit ? 'in transit' : 'held', action] as const)),
);

describe('the dossier workflow, every status × every action', () => {
  it.each(cases)('given %s and %s, %s is allowed or refused with CONFLICT', (status, where, action) => {
    const given = state(status, where === 'in transit');
    const allowed = EXPECTED[status][where === 'in transit' ? 'inTransit' : 'held'];
    if (allowed.includes(action)) {
      expect(decide(given, action)).toBe(LEADS_TO[status]?.[action]);
    } else {
      let error: unknown;
      try {
        decide(given, action);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConflictError);
      const { extensions, message } = error as ConflictError;
      expect(extensions).toMatchObject({ code: 'CONFLICT', status, allowed: allowed.filter((candidate) => !HUB_ONLY.includes(candidate)) });
      expect(message).toContain(status);
    }
  });

  it('lists exactly the allowed actions, and offers officers only theirs in the CONFLICT it raises', () => {
    expect(availableActions(state(DossierStatus.IN_PROGRESS, false))).toEqual(EXPECTED.IN_PROGRESS.held);
    expect(() => decide(state(DossierStatus.IN_PROGRESS, false), 'RETURN')).toThrow(
      'Allowed now: HAND_OVER, REQUEST_SUPPLEMENT, APOLOGIZE, RECORD_RESULT, WITHDRAW.',
    );
  });
});

describe('once-only requests', () => {
  it('refuses a second supplement request with CONFLICT', () => {
    const asked = state(DossierStatus.IN_PROGRESS, false, { supplementRequested: true });
    expect(() => decide(asked, 'REQUEST_SUPPLEMENT')).toThrow(ConflictError);
    expect(decide(asked, 'HAND_OVER')).toBe(DossierStatus.IN_PROGRESS);
  });

  it('refuses a second apology with CONFLICT', () => {
    const apologized = state(DossierStatus.IN_PROGRESS, false, { apologized: true });
    expect(() => decide(apologized, 'APOLOGIZE')).toThrow(ConflictError);
    expect(decide(apologized, 'RECORD_RESULT')).toBe(DossierStatus.RESOLVED);
  });
});

describe('folding a dossier’s recorded actions', () => {
  it.each([
    [['RECEIVE'], 'RECEIVED'],
    [['RECEIVE', 'HAND_OVER', 'ACCEPT'], 'IN_PROGRESS'],
    [['RECEIVE', 'HAND_OVER', 'ACCEPT', 'REQUEST_SUPPLEMENT'], 'SUPPLEMENT_REQUESTED'],
    [['RECEIVE', 'HAND_OVER', 'ACCEPT', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'APOLOGIZE'], 'IN_PROGRESS'],
    [['RECEIVE', 'RECORD_RESULT', 'RETURN'], 'RETURNED'],
    [['RECEIVE', 'HAND_OVER', 'ACCEPT', 'HAND_OVER', 'ACCEPT', 'RECORD_RESULT', 'ACCEPT', 'RETURN'], 'RETURNED'],
    [['RECEIVE', 'HAND_OVER', 'WITHDRAW'], 'WITHDRAWN'],
    [['RECEIVE', 'HAND_OVER', 'ACCEPT', 'AWAIT_PAYMENT', 'ACCEPT'], 'AWAITING_PAYMENT'],
    [['RECEIVE', 'HAND_OVER', 'ACCEPT', 'AWAIT_PAYMENT', 'ACCEPT', 'PAYMENT_RECEIVED'], 'IN_PROGRESS'],
  ] as Array<[Action[], DossierStatus]>)('%j reproduces %s', (actions, expected) => {
    expect(foldStatus(actions)).toBe(expected);
  });

  it('gives nothing for no actions', () => {
    expect(foldStatus([])).toBeNull();
  });
});
