import type { Event } from '../../subgraphs/onestop/rulebook/events';
import { DossierStatus, TransferKind } from '../../subgraphs/onestop/rulebook/statuses';
import { typesOf } from '../../subgraphs/onestop/webhooks/cloud-events';

/** Which CloudEvents each kind of dossier event sets off, given the status before and after it. */
describe('the webhook events of a dossier event', () => {
  const actor = { sub: 'he-thong', name: 'Hệ thống', agency: 'BG.CT.YENTHE', roles: ['SYSTEM'] } as Event['actor'];
  const handOver = (fromCode: string, toCode: string) => ({ seq: 3, kind: TransferKind.ROUTE, fromCode, fromName: fromCode, toCode, toName: toCode, note: null });
  const at = new Date('2026-03-02T02:00:00Z');
  const { RECEIVED, IN_PROGRESS, AWAITING_PAYMENT, SUPPLEMENT_REQUESTED, WITHDRAWN } = DossierStatus;

  it.each([
    ['a payment awaited at the tax office', { type: 'AWAIT_PAYMENT', transfer: handOver('BG.VPDKDD.YENTHE', 'BG.CT.YENTHE') }, IN_PROGRESS, AWAITING_PAYMENT,
      ['vn.motcua.dossier.handed-over', 'vn.motcua.dossier.status-changed'], 'BG.VPDKDD.YENTHE', 'BG.CT.YENTHE'],
    ['the payment received', { type: 'PAYMENT_RECEIVED' }, AWAITING_PAYMENT, IN_PROGRESS, ['vn.motcua.dossier.status-changed'], null, null],
    ['a dossier moved to a closed agency’s successor', { type: 'REASSIGN', transfer: handOver('BG.STP', 'BG.CA') }, IN_PROGRESS, IN_PROGRESS,
      ['vn.motcua.dossier.handed-over'], 'BG.STP', 'BG.CA'],
    ['a closed returning desk replaced, the dossier staying put', { type: 'REASSIGN', transfer: null }, IN_PROGRESS, IN_PROGRESS, [], null, null],
    ['a supplement received', { type: 'SUPPLEMENT' }, SUPPLEMENT_REQUESTED, IN_PROGRESS, ['vn.motcua.dossier.status-changed'], null, null],
    ['an apology, the status unchanged', { type: 'APOLOGIZE' }, IN_PROGRESS, IN_PROGRESS, [], null, null],
    ['a withdrawal', { type: 'WITHDRAW' }, RECEIVED, WITHDRAWN, ['vn.motcua.dossier.status-changed'], null, null],
    ['an acceptance', { type: 'ACCEPT', from: 'BG.YENTHE' }, RECEIVED, IN_PROGRESS,
      ['vn.motcua.dossier.accepted', 'vn.motcua.dossier.status-changed'], 'BG.YENTHE', 'BG.CT.YENTHE'],
  ])('%s', (_case, event, before, after, types, from, to) => {
    expect(typesOf({ ...event, at, actor } as Event, before, after)).toEqual({ types, from, to });
  });
});
