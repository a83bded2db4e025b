import { vnCalendar } from '../../subgraphs/common/calendar';
import type { Command } from '../../subgraphs/onestop/rulebook/commands';
import { decide } from '../../subgraphs/onestop/rulebook/decide';
import { isRefusal } from '../../subgraphs/onestop/rulebook/refusal';
import type { Actor, DossierState } from '../../subgraphs/onestop/rulebook/state';
import { Channel, DossierStatus, Outcome } from '../../subgraphs/onestop/rulebook/statuses';
import { ACTIONS, type Action } from '../../subgraphs/onestop/rulebook/workflow';
import { as, at, atLandBranch, handOver, LAND, LAND_TRANSFER_ROUTE, landTransfer, onlineLandTransfer, TAX } from '../testkit/rulebook';

/**
 * The workflow, every status × every action, told as the situations a dossier is really in: for each,
 * the actions its parties can take now. Each action is asked by the party that would take it (the holder,
 * the addressee, the desk, the hub), so what is refused is refused by the workflow (CONFLICT), and the
 * refusal names the status and exactly the actions officers may take instead.
 */

const officer = (agency: string, role: Actor['roles'][number]): Actor => ({ sub: `${agency}:${role}`, name: 'Cán bộ', agency, roles: [role] });

/** The party that would take the action now, and a command it would send. */
function attempt(action: Action, state: DossierState): { actor: Actor; command: Command } {
  const holder = state.holderCode ?? state.returnDeskCode;
  const later = new Date((state.dueAt ?? state.receivedAt).getTime() + 7 * 24 * 3_600_000);
  switch (action) {
    case 'SUBMIT':
      return { actor: officer(state.deskCode, 'SYSTEM'), command: { type: 'SUBMIT', code: state.code, desk: { code: state.deskCode, name: state.deskName }, byPortal: false, submittedAt: state.receivedAt, channel: Channel.ONLINE, documents: [], copies: 1, delivery: state.delivery } };
    case 'REFUSE':
      return { actor: officer(state.returnDeskCode, 'RECEPTIONIST'), command: { type: 'REFUSE', reasons: ['Không thuộc thẩm quyền'] } };
    case 'STOP':
      return { actor: officer(holder, 'PROCESSOR'), command: { type: 'STOP', reason: 'Quá hạn bổ sung' } };
    case 'RECEIVE':
      return { actor: officer(state.returnDeskCode, 'RECEPTIONIST'), command: { type: 'RECEIVE', code: state.code, desk: { code: state.deskCode, name: state.deskName }, receivedAt: state.receivedAt, route: LAND_TRANSFER_ROUTE, documents: [], copies: 1, delivery: state.delivery, receiptNumber: '2/TNHS' } };
    case 'HAND_OVER':
      return { actor: officer(holder, 'PROCESSOR'), command: handOver('BG.STNMT', 'Xin ý kiến chuyên môn') };
    case 'ACCEPT':
      return { actor: officer(state.addresseeCode ?? holder, 'PROCESSOR'), command: { type: 'ACCEPT' } };
    case 'REQUEST_SUPPLEMENT':
      return { actor: officer(holder, 'PROCESSOR'), command: { type: 'REQUEST_SUPPLEMENT', items: ['Bản sao hợp đồng'] } };
    case 'SUPPLEMENT':
      return { actor: officer(state.returnDeskCode, 'RECEPTIONIST'), command: { type: 'SUPPLEMENT', documents: ['Bản sao hợp đồng'] } };
    case 'APOLOGIZE':
      // A week after the appointment, at 09:00 local time on that day (a Monday in these stories).
      return { actor: officer(holder, 'PROCESSOR'), command: { type: 'APOLOGIZE', reason: 'Chờ xác minh', newDueAt: new Date(Math.floor(later.getTime() / 86_400_000) * 86_400_000 + 2 * 3_600_000) } };
    case 'RECORD_RESULT':
      return { actor: officer(holder, 'PROCESSOR'), command: { type: 'RECORD_RESULT', outcome: Outcome.DENIED, note: 'Không đủ điều kiện' } };
    case 'RETURN':
      return { actor: officer(state.returnDeskCode, 'RECEPTIONIST'), command: { type: 'RETURN', receivedBy: 'Hoàng Thị Lụa' } };
    case 'WITHDRAW':
      return { actor: officer(state.returnDeskCode, 'RECEPTIONIST'), command: { type: 'WITHDRAW', reason: 'Người nộp rút hồ sơ' } };
    case 'AWAIT_PAYMENT':
      return { actor: officer(holder, 'SYSTEM'), command: { type: 'AWAIT_PAYMENT', notice: '1/TB', total: '1000000' } };
    case 'PAYMENT_RECEIVED':
      return { actor: officer(TAX, 'SYSTEM'), command: { type: 'PAYMENT_RECEIVED', paidAt: state.receivedAt } };
    case 'REASSIGN':
      return { actor: officer('BG.SNV', 'SYSTEM'), command: { type: 'REASSIGN', from: holder, to: { code: 'BG.NEW', name: 'Cơ quan kế nhiệm' }, reason: 'Giải thể', succession: { closed: true } } };
  }
}

const handedToLand = () => landTransfer().then(handOver(LAND), as.desk, at('2026-03-02 10:00'));
const awaitingPayment = () =>
  atLandBranch()
    .then(handOver(TAX), as.land, at('2026-03-04 09:00'))
    .then({ type: 'ACCEPT' }, as.tax, at('2026-03-04 10:00'))
    .then({ type: 'AWAIT_PAYMENT', notice: '12/TB-CCT', total: '30000000' }, as.taxSystem, at('2026-03-05 09:00'));
const resultOnItsWay = () => atLandBranch().then({ type: 'RECORD_RESULT', outcome: Outcome.DENIED, note: 'Đất đang có tranh chấp' }, as.land, at('2026-03-04 09:00'));
const resultAtDesk = () => resultOnItsWay().then({ type: 'ACCEPT' }, as.desk, at('2026-03-04 14:00'));

const SITUATIONS: Array<{ situation: string; state: () => DossierState; mayNow: Action[] }> = [
  { situation: 'submitted online, waiting for the desk', state: () => onlineLandTransfer().state, mayNow: ['RECEIVE', 'REFUSE', 'WITHDRAW'] },
  {
    situation: 'just received, at the desk',
    state: () => landTransfer().state,
    mayNow: ['HAND_OVER', 'REQUEST_SUPPLEMENT', 'APOLOGIZE', 'RECORD_RESULT', 'WITHDRAW', 'REASSIGN', 'STOP', 'REFUSE'],
  },
  { situation: 'handed to the land branch, not yet accepted', state: () => handedToLand().state, mayNow: ['ACCEPT', 'WITHDRAW', 'REASSIGN'] },
  {
    situation: 'accepted and worked on by the land branch',
    state: () => atLandBranch().state,
    mayNow: ['HAND_OVER', 'REQUEST_SUPPLEMENT', 'APOLOGIZE', 'RECORD_RESULT', 'WITHDRAW', 'REASSIGN', 'STOP', 'AWAIT_PAYMENT'],
  },
  {
    situation: 'waiting for the applicant to supplement',
    state: () => atLandBranch().then({ type: 'REQUEST_SUPPLEMENT', items: ['Bản sao hợp đồng'] }, as.land, at('2026-03-03 09:00')).state,
    mayNow: ['SUPPLEMENT', 'WITHDRAW', 'REASSIGN', 'STOP'],
  },
  {
    situation: 'supplemented and back in processing',
    state: () =>
      atLandBranch()
        .then({ type: 'REQUEST_SUPPLEMENT', items: ['Bản sao hợp đồng'] }, as.land, at('2026-03-03 09:00'))
        .then({ type: 'SUPPLEMENT', documents: ['Bản sao hợp đồng'] }, as.desk, at('2026-03-05 09:00')).state,
    // Asked once (Decree 61/2018 Art. 19): no second request.
    mayNow: ['HAND_OVER', 'APOLOGIZE', 'RECORD_RESULT', 'WITHDRAW', 'REASSIGN', 'STOP', 'AWAIT_PAYMENT'],
  },
  { situation: 'handed on with a tax notice, waiting for the payment', state: () => awaitingPayment().state, mayNow: ['ACCEPT', 'PAYMENT_RECEIVED', 'WITHDRAW', 'REASSIGN'] },
  {
    situation: 'waiting for the payment at the land branch',
    state: () => awaitingPayment().then({ type: 'ACCEPT' }, as.land, at('2026-03-05 10:00')).state,
    mayNow: ['PAYMENT_RECEIVED', 'WITHDRAW', 'REASSIGN', 'STOP'],
  },
  // Still in progress until the desk accepts the result; decided, it can no longer be withdrawn or stopped.
  { situation: 'result on its way back to the desk', state: () => resultOnItsWay().state, mayNow: ['ACCEPT', 'REASSIGN'] },
  { situation: 'result at the desk', state: () => resultAtDesk().state, mayNow: ['RETURN', 'REASSIGN'] },
  { situation: 'returned to the applicant', state: () => resultAtDesk().then({ type: 'RETURN', receivedBy: 'Hoàng Thị Lụa' }, as.desk, at('2026-03-05 09:00')).state, mayNow: [] },
  { situation: 'withdrawn', state: () => landTransfer().then({ type: 'WITHDRAW', reason: 'Rút hồ sơ' }, as.desk, at('2026-03-03 09:00')).state, mayNow: [] },
  { situation: 'refused', state: () => onlineLandTransfer().then({ type: 'REFUSE', reasons: ['Không thuộc thẩm quyền'] }, as.desk, at('2026-03-02 10:00')).state, mayNow: [] },
  { situation: 'stopped', state: () => atLandBranch().then({ type: 'STOP', reason: 'Người nộp đề nghị dừng' }, as.land, at('2026-03-03 09:00')).state, mayNow: [] },
];

const HUB_ONLY: Action[] = ['AWAIT_PAYMENT', 'PAYMENT_RECEIVED', 'REASSIGN'];

describe.each(SITUATIONS)('a dossier $situation', ({ state, mayNow }) => {
  it.each(ACTIONS.map((action) => [action, mayNow.includes(action) ? 'may happen' : 'is refused with CONFLICT'] as const))('%s %s', (action) => {
    const given = state();
    const { actor, command } = attempt(action, given);
    const decided = decide(given, command, { now: at('2026-03-03 08:00'), calendar: vnCalendar(), actor, reads: true });
    if (mayNow.includes(action)) {
      expect(isRefusal(decided) ? decided : decided.map((event) => event.type)).toEqual([action]);
    } else {
      expect(decided).toMatchObject({
        refused: 'CONFLICT',
        extensions: { status: given.status, action, allowed: mayNow.filter((candidate) => !HUB_ONLY.includes(candidate)) },
      });
    }
  });
});
