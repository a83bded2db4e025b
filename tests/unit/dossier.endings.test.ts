import { ratingRefusal } from '../../subgraphs/onestop/rulebook/rating';
import { leadAgencyName } from '../../subgraphs/onestop/rulebook/state';
import { Channel, DossierStatus, Outcome, ReturnChannel, Timeliness } from '../../subgraphs/onestop/rulebook/statuses';
import { as, at, atLandBranch, DESK, eventsOf, handOver, LAND, landTransfer, onlineLandTransfer, receive, refusalOf, submit, Story, TAX } from '../testkit/rulebook';

/**
 * The second wave's statuses and endings, given/when/then: online and postal intake (SUBMITTED 1, then
 * RECEIVED 2 at the desk), refusal (REFUSED 3), stop (STOPPED 8), the supplement's deadline, the result
 * RESOLVED (9) only at the desk, an apology that keeps a late leg late, the return by post and the rating.
 * March 2026 has winter office hours (07:30–12:00, 13:00–16:30).
 */

const SUBMITTED_AT = at('2026-03-01 20:00'); // Sunday evening, online
const RECEIVED_AT = at('2026-03-02 09:00'); // Monday

describe('submitting online or by post', () => {
  it('gives the dossier its code and SUBMITTED, with no appointment and no legs until the desk receives it', () => {
    const story = onlineLandTransfer();
    expect(story.events[0]).toMatchObject({ type: 'SUBMIT', channel: Channel.ONLINE, submittedAt: SUBMITTED_AT, deskCode: DESK });
    expect(story.state).toMatchObject({ status: DossierStatus.SUBMITTED, channel: Channel.ONLINE, dueAt: null, legs: [], holderCode: DESK, receivedAt: SUBMITTED_AT });
  });

  it('is for the online service of the desk’s own agency (FORBIDDEN for its receptionist and for another agency’s system the directory does not mark)', () => {
    expect(refusalOf(new Story().when(submit(SUBMITTED_AT), as.desk, SUBMITTED_AT)).refused).toBe('FORBIDDEN');
    expect(refusalOf(new Story().when(submit(SUBMITTED_AT), as.landSystem, SUBMITTED_AT)).refused).toBe('FORBIDDEN');
  });

  it('is also for the system of an agency the directory marks as a public service portal, not for its officers', () => {
    const byPortal = { ...submit(SUBMITTED_AT), byPortal: true };
    expect(new Story().then(byPortal, as.landSystem, SUBMITTED_AT).state).toMatchObject({ status: DossierStatus.SUBMITTED, holderCode: DESK });
    expect(refusalOf(new Story().when(byPortal, as.land, SUBMITTED_AT)).refused).toBe('FORBIDDEN');
  });

  it('comes online or by post, not at the counter (BAD_USER_INPUT on channel)', () => {
    const counter = { ...submit(SUBMITTED_AT), channel: Channel.COUNTER } as unknown as ReturnType<typeof submit>;
    expect(refusalOf(new Story().when(counter, as.deskOnline, SUBMITTED_AT)).extensions).toMatchObject({ fields: { channel: 'ONLINE or POST' } });
  });
});

describe('receiving a submitted dossier at the desk', () => {
  it('counts the appointment from the desk’s receipt, not the submission, and keeps the channel and the code', () => {
    const received = onlineLandTransfer().then(receive(RECEIVED_AT), as.desk, RECEIVED_AT);
    expect(received.state).toMatchObject({
      code: 'BG.YENTHE-260302-0001',
      status: DossierStatus.RECEIVED,
      channel: Channel.ONLINE,
      submittedAt: SUBMITTED_AT,
      receivedAt: RECEIVED_AT,
      dueAt: at('2026-03-16 09:00'),
      currentLeg: 1,
    });
  });

  it('is for the desk it was submitted to (FORBIDDEN elsewhere), and once (CONFLICT)', () => {
    expect(refusalOf(onlineLandTransfer().when(receive(RECEIVED_AT), as.otherDesk, RECEIVED_AT)).refused).toBe('FORBIDDEN');
    const received = onlineLandTransfer().then(receive(RECEIVED_AT), as.desk, RECEIVED_AT);
    expect(refusalOf(received.when(receive(RECEIVED_AT), as.desk, RECEIVED_AT))).toMatchObject({ refused: 'CONFLICT', extensions: { action: 'RECEIVE' } });
  });
});

describe('refusing a dossier (từ chối tiếp nhận)', () => {
  const reasons = ['Thủ tục không thuộc thẩm quyền giải quyết của UBND huyện Yên Thế'];

  it('turns a submitted dossier away with its reasons: REFUSED, held by nobody', () => {
    const refused = onlineLandTransfer().then({ type: 'REFUSE', reasons }, as.desk, RECEIVED_AT);
    expect(refused.events.at(-1)).toMatchObject({ type: 'REFUSE', reasons, actor: as.desk });
    expect(refused.state).toMatchObject({ status: DossierStatus.REFUSED, refusedAt: RECEIVED_AT, refusalReasons: reasons, holderCode: null });
  });

  it('at the counter: a dossier the desk just received and still holds', () => {
    const refused = landTransfer().then({ type: 'REFUSE', reasons }, as.desk, at('2026-03-02 09:30'));
    expect(refused.state.status).toBe(DossierStatus.REFUSED);
  });

  it('is refused once the dossier left the desk (CONFLICT), and for the desk’s processor or another desk (FORBIDDEN)', () => {
    const handed = landTransfer().then(handOver(LAND), as.desk, at('2026-03-02 10:00'));
    expect(refusalOf(handed.when({ type: 'REFUSE', reasons }, as.desk, at('2026-03-02 11:00')))).toMatchObject({ refused: 'CONFLICT', extensions: { action: 'REFUSE' } });
    expect(refusalOf(landTransfer().when({ type: 'REFUSE', reasons }, as.deskProcessor, at('2026-03-02 09:30'))).refused).toBe('FORBIDDEN');
    expect(refusalOf(onlineLandTransfer().when({ type: 'REFUSE', reasons }, as.otherDesk, RECEIVED_AT)).refused).toBe('FORBIDDEN');
  });
});

describe('asking for a supplement by a date, and stopping (dừng xử lý)', () => {
  const asked = () =>
    atLandBranch().then({ type: 'REQUEST_SUPPLEMENT', items: ['Bản sao hợp đồng'], dueAt: at('2026-03-10 16:30') }, as.land, at('2026-03-03 09:00'));

  it('keeps the date by which the applicant must supplement; a date already past is BAD_USER_INPUT on dueAt', () => {
    expect(asked().state).toMatchObject({ status: DossierStatus.SUPPLEMENT_REQUESTED, supplementDueAt: at('2026-03-10 16:30') });
    const past = atLandBranch().when({ type: 'REQUEST_SUPPLEMENT', items: ['Bản sao hợp đồng'], dueAt: at('2026-03-02 16:30') }, as.land, at('2026-03-03 09:00'));
    expect(refusalOf(past).extensions).toEqual({ fields: { dueAt: 'must be later than now' } });
  });

  it('the holder stops a dossier not supplemented in time: STOPPED with the legal reason, held by nobody', () => {
    const reason = 'Quá thời hạn bổ sung hồ sơ theo yêu cầu';
    const stopped = asked().then({ type: 'STOP', reason }, as.land, at('2026-03-11 09:00'));
    expect(stopped.state).toMatchObject({ status: DossierStatus.STOPPED, stoppedAt: at('2026-03-11 09:00'), stopReason: reason, holderCode: null });
  });

  it('only the holder stops (FORBIDDEN for the desk), and not once the result is recorded (CONFLICT)', () => {
    expect(refusalOf(asked().when({ type: 'STOP', reason: 'x' }, as.deskProcessor, at('2026-03-11 09:00'))).refused).toBe('FORBIDDEN');
    const decided = atLandBranch().then({ type: 'RECORD_RESULT', outcome: Outcome.DENIED, note: 'Tranh chấp' }, as.land, at('2026-03-04 09:00'));
    expect(refusalOf(decided.when({ type: 'STOP', reason: 'x' }, as.land, at('2026-03-04 10:00')))).toMatchObject({ refused: 'CONFLICT', extensions: { action: 'STOP' } });
  });
});

describe('the result is RESOLVED only at the desk', () => {
  it('recorded elsewhere, it is on its way back and still in progress; the desk accepting it resolves the dossier', () => {
    const onItsWay = atLandBranch().then({ type: 'RECORD_RESULT', outcome: Outcome.DENIED, note: 'Tranh chấp' }, as.land, at('2026-03-04 09:00'));
    expect(onItsWay.state).toMatchObject({ status: DossierStatus.IN_PROGRESS, outcome: Outcome.DENIED, addresseeCode: DESK, resolvedAt: null });
    const atDesk = onItsWay.then({ type: 'ACCEPT' }, as.desk, at('2026-03-04 14:00'));
    expect(atDesk.state).toMatchObject({ status: DossierStatus.RESOLVED, resolvedAt: at('2026-03-04 14:00'), holderCode: DESK });
  });
});

describe('an apology does not erase lateness', () => {
  it('a leg already past its deadline keeps it, and is LATE when handed on; the legs ahead move', () => {
    // The land branch's leg was due Friday 6 March 09:00; on Tuesday 10 March it apologises, the appointment
    // moving from Monday 16 March to Monday 23 March 09:00 (five working days).
    const apologized = atLandBranch().then({ type: 'APOLOGIZE', reason: 'Chờ xác minh nguồn gốc đất', newDueAt: at('2026-03-23 09:00') }, as.land, at('2026-03-10 09:00'));
    expect(apologized.state.legs.map((leg) => [leg.seq, leg.dueAt])).toEqual([
      [1, at('2026-03-02 16:30')],
      [2, at('2026-03-06 09:00')],
      [3, at('2026-03-18 09:00')],
      [4, at('2026-03-23 09:00')],
    ]);
    const accepted = apologized.then(handOver(TAX), as.land, at('2026-03-10 10:00')).then({ type: 'ACCEPT' }, as.tax, at('2026-03-10 14:00'));
    expect(accepted.state.legs[1]).toMatchObject({ seq: 2, result: Timeliness.LATE });
  });
});

describe('returning the result by post', () => {
  const atDesk = () =>
    atLandBranch()
      .then({ type: 'RECORD_RESULT', outcome: Outcome.DENIED, note: 'Tranh chấp' }, as.land, at('2026-03-04 09:00'))
      .then({ type: 'ACCEPT' }, as.desk, at('2026-03-04 14:00'));

  it('records the channel and the postal tracking number', () => {
    const sent = atDesk().then({ type: 'RETURN', receivedBy: 'Bưu điện huyện Yên Thế', channel: ReturnChannel.POST, postalTrackingNumber: 'EB123456789VN' }, as.desk, at('2026-03-05 09:00'));
    expect(sent.state).toMatchObject({ status: DossierStatus.RETURNED, returnChannel: ReturnChannel.POST, postalTrackingNumber: 'EB123456789VN' });
  });

  it('needs the tracking number by post, and has none at the desk (BAD_USER_INPUT on postalTrackingNumber)', () => {
    const byPost = atDesk().when({ type: 'RETURN', receivedBy: 'Bưu điện', channel: ReturnChannel.POST, postalTrackingNumber: null }, as.desk, at('2026-03-05 09:00'));
    expect(refusalOf(byPost).extensions).toEqual({ fields: { postalTrackingNumber: 'required for a return by post' } });
    const atCounter = atDesk().when({ type: 'RETURN', receivedBy: 'Hoàng Thị Lụa', channel: ReturnChannel.AT_DESK, postalTrackingNumber: 'EB1' }, as.desk, at('2026-03-05 09:00'));
    expect(refusalOf(atCounter).extensions).toEqual({ fields: { postalTrackingNumber: 'only for a return by post' } });
    expect(eventsOf(atDesk().when({ type: 'RETURN', receivedBy: 'Hoàng Thị Lụa' }, as.desk, at('2026-03-05 09:00')))[0]).toMatchObject({ channel: ReturnChannel.AT_DESK, postalTrackingNumber: null });
  });
});

describe('rating the service', () => {
  const returned = { code: 'BG.YENTHE-260302-0001', status: DossierStatus.RETURNED };

  it('takes 1 to 5 once the result is returned', () => {
    expect(ratingRefusal(returned, false, 5, 'Cán bộ nhiệt tình')).toBeNull();
    expect(ratingRefusal(returned, false, 1, null)).toBeNull();
  });

  it('refuses another number (BAD_USER_INPUT on rating), before the return and a second time (CONFLICT)', () => {
    for (const rating of [0, 6, 3.5]) expect(ratingRefusal(returned, false, rating, null)?.extensions).toEqual({ fields: { rating: 'must be a whole number from 1 to 5' } });
    expect(ratingRefusal({ ...returned, status: DossierStatus.RESOLVED }, false, 4, null)).toMatchObject({ refused: 'CONFLICT', extensions: { status: 'RESOLVED' } });
    expect(ratingRefusal(returned, true, 4, null)).toMatchObject({ refused: 'CONFLICT' });
  });
});

describe('the lead agency (cơ quan chủ trì) of the ledger and the control slip', () => {
  it('is the agency with the largest share of the working days, the earliest on a tie', () => {
    const leg = (agencyName: string, workingDays: number) => ({ agencyName, workingDays });
    // A birth registration: commune, police, social insurance, a day each: the commune leads, not the insurer.
    expect(leadAgencyName([leg('UBND xã Bố Hạ', 1), leg('Công an tỉnh Bắc Giang', 1), leg('Bảo hiểm xã hội tỉnh Bắc Giang', 1)])).toBe('UBND xã Bố Hạ');
    // A land transfer: the land branch's two legs (4 + 3) outweigh the tax office's 3.
    expect(leadAgencyName([leg('UBND huyện Yên Thế', 0), leg('Chi nhánh đất đai', 4), leg('Chi cục Thuế', 3), leg('Chi nhánh đất đai', 3)])).toBe('Chi nhánh đất đai');
    expect(leadAgencyName([])).toBeNull();
  });
});
