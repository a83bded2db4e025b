import { fold } from '../../subgraphs/onestop/rulebook/evolve';
import { Outcome, Timeliness, TransferKind } from '../../subgraphs/onestop/rulebook/statuses';
import { as, at, atLandBranch, DESK, eventsOf, handOver, LAND, landTransfer, PERMIT_ROUTE, receive, refusalOf, Story, TAX } from '../testkit/rulebook';

/**
 * The dossier's rules, given/when/then: given the events a dossier lived through, when a command comes,
 * then these events, or this refusal. Instants are Vietnamese local time; March 2026 has winter office
 * hours (07:30–12:00, 13:00–16:30) and no day off besides weekends.
 */

const RECEIVED = at('2026-03-02 09:00'); // Monday

describe('receiving a dossier', () => {
  it('plans every leg cumulatively from the receipt: the desk’s 0-day leg by the day’s closing, then 4, 7 and 10 working days', () => {
    const then = eventsOf(new Story().when(receive(RECEIVED), as.desk, RECEIVED));
    expect(then).toHaveLength(1);
    expect(then[0]).toMatchObject({
      type: 'RECEIVE',
      currentLeg: 1,
      legDueAt: at('2026-03-02 16:30'),
      dueAt: at('2026-03-16 09:00'),
      legs: [
        { seq: 1, agencyCode: DESK, dueAt: at('2026-03-02 16:30') },
        { seq: 2, agencyCode: LAND, dueAt: at('2026-03-06 09:00') },
        { seq: 3, agencyCode: TAX, dueAt: at('2026-03-11 09:00') },
        { seq: 4, agencyCode: LAND, dueAt: at('2026-03-16 09:00') },
      ],
    });
  });

  it('gives the desk until the next opening when the dossier comes after 15:00 (Decree 61/2018 Art. 18)', () => {
    const late = at('2026-03-02 15:30');
    const [received] = eventsOf(new Story().when(receive(late), as.desk, late));
    expect(received).toMatchObject({ legDueAt: at('2026-03-03 07:30'), legs: [{ dueAt: at('2026-03-03 07:30') }, {}, {}, {}] });
  });

  it('is refused with FORBIDDEN for the receptionist of another desk and for a processor of the desk', () => {
    expect(refusalOf(new Story().when(receive(RECEIVED), as.otherDesk, RECEIVED)).refused).toBe('FORBIDDEN');
    expect(refusalOf(new Story().when(receive(RECEIVED), as.deskProcessor, RECEIVED)).refused).toBe('FORBIDDEN');
  });

  it('holds a dossier whose only leg is the desk’s own at leg 1, due after its working days', () => {
    const [received] = eventsOf(new Story().when(receive(RECEIVED, PERMIT_ROUTE), as.desk, RECEIVED));
    expect(received).toMatchObject({ currentLeg: 1, dueAt: at('2026-03-23 09:00'), legDueAt: at('2026-03-23 09:00') });
  });
});

describe('handing over (giao)', () => {
  it('to the next leg’s agency is a route hand-over that answers to that leg’s deadline', () => {
    const then = eventsOf(landTransfer().when(handOver(LAND), as.desk, at('2026-03-02 10:00')));
    expect(then).toEqual([
      {
        type: 'HAND_OVER',
        at: at('2026-03-02 10:00'),
        actor: as.desk,
        transfer: { seq: 1, kind: TransferKind.ROUTE, fromCode: DESK, fromName: 'UBND huyện Yên Thế', toCode: LAND, toName: LAND, note: null },
        legDueAt: at('2026-03-06 09:00'),
      },
    ]);
  });

  it('off the route needs a note saying why (BAD_USER_INPUT on note)', () => {
    const refusal = refusalOf(landTransfer().when(handOver('BG.STNMT'), as.desk, at('2026-03-02 10:00')));
    expect(refusal).toMatchObject({ refused: 'BAD_USER_INPUT', extensions: { fields: { note: 'required off the route' } } });
    const withNote = eventsOf(landTransfer().when(handOver('BG.STNMT', 'Xin ý kiến'), as.desk, at('2026-03-02 10:00')));
    expect(withNote[0]).toMatchObject({ transfer: { kind: TransferKind.OTHER, note: 'Xin ý kiến' } });
  });

  it('back to the current leg’s agency after a consultation needs no note', () => {
    const consulted = atLandBranch().then(handOver('BG.STNMT', 'Xin ý kiến'), as.land, at('2026-03-03 09:00')).then({ type: 'ACCEPT' }, { ...as.land, agency: 'BG.STNMT' }, at('2026-03-03 10:00'));
    const [back] = eventsOf(consulted.when(handOver(LAND), { ...as.land, agency: 'BG.STNMT' }, at('2026-03-04 10:00')));
    expect(back).toMatchObject({ transfer: { kind: TransferKind.OTHER, toCode: LAND, note: null }, legDueAt: at('2026-03-06 09:00') });
  });

  it('is refused for an agency the directory does not know, a closed one, and the holder itself', () => {
    const story = landTransfer();
    const when = at('2026-03-02 10:00');
    expect(refusalOf(story.when(handOver('BG.NOWHERE', null, null), as.desk, when)).extensions).toEqual({ fields: { to: 'unknown agency' } });
    const closed = { code: 'BG.OLD', name: 'Cơ quan đã giải thể', open: false, successor: 'BG.NEW' };
    expect(refusalOf(story.when(handOver('BG.OLD', 'x', closed), as.desk, when))).toMatchObject({
      refused: 'BAD_USER_INPUT',
      message: 'Cơ quan đã giải thể is closed; its work went to BG.NEW.',
      extensions: { fields: { to: 'closed agency' } },
    });
    expect(refusalOf(story.when(handOver(DESK), as.desk, when)).extensions).toEqual({ fields: { to: 'the holder itself' } });
  });

  it('is only for the holder: the addressee and other agencies get FORBIDDEN', () => {
    const handed = landTransfer().then(handOver(LAND), as.desk, at('2026-03-02 10:00'));
    expect(refusalOf(handed.when(handOver(TAX), as.land, at('2026-03-02 11:00'))).refused).toBe('FORBIDDEN');
    expect(refusalOf(landTransfer().when(handOver(LAND), as.otherDesk, at('2026-03-02 11:00'))).refused).toBe('FORBIDDEN');
  });

  it('on along the route (after work done in another system) is refused with CONFLICT at the last leg', () => {
    const atLastLeg = new Story().then(receive(RECEIVED, PERMIT_ROUTE), as.desk, RECEIVED);
    expect(refusalOf(atLastLeg.when({ type: 'HAND_ON', note: 'Đã xong' }, as.deskProcessor, at('2026-03-03 09:00')))).toMatchObject({
      refused: 'CONFLICT',
      message: 'Dossier BG.YENTHE-260302-0001 has no further leg to hand on to.',
    });
    const [on] = eventsOf(atLandBranch().when({ type: 'HAND_ON', note: 'Đã lập phiếu chuyển thông tin' }, as.landSystem, at('2026-03-04 09:00')));
    expect(on).toMatchObject({ type: 'HAND_OVER', transfer: { kind: TransferKind.ROUTE, toCode: TAX, note: 'Đã lập phiếu chuyển thông tin' } });
  });
});

describe('accepting (nhận)', () => {
  it('classifies the finished leg by the local date it was handed over against its deadline', () => {
    const onTime = landTransfer().then(handOver(LAND), as.desk, at('2026-03-02 16:00'));
    expect(eventsOf(onTime.when({ type: 'ACCEPT' }, as.land, at('2026-03-03 08:00')))).toEqual([
      { type: 'ACCEPT', at: at('2026-03-03 08:00'), actor: as.land, transfer: 1, from: DESK, legSeq: 1, result: Timeliness.ON_TIME },
    ]);
    const late = landTransfer().then(handOver(LAND), as.desk, at('2026-03-03 08:00'));
    expect(eventsOf(late.when({ type: 'ACCEPT' }, as.land, at('2026-03-03 09:00')))[0]).toMatchObject({ legSeq: 1, result: Timeliness.LATE });
    const early = atLandBranch().then(handOver(TAX), as.land, at('2026-03-05 10:00'));
    expect(eventsOf(early.when({ type: 'ACCEPT' }, as.tax, at('2026-03-05 11:00')))[0]).toMatchObject({ legSeq: 2, result: Timeliness.EARLY });
  });

  it('moves the dossier to the next leg, and the first acceptance starts the processing', () => {
    const state = atLandBranch().state;
    expect(state).toMatchObject({ status: 'IN_PROGRESS', holderCode: LAND, addresseeCode: null, currentLeg: 2, legDueAt: at('2026-03-06 09:00') });
    expect(state.legs[0]).toMatchObject({ completedAt: at('2026-03-02 10:00'), result: Timeliness.ON_TIME });
    expect(state.transfers[0]).toMatchObject({ acceptedAt: at('2026-03-02 14:00'), acceptedBy: 'Trần Thị Bình', legSeq: 1, result: Timeliness.ON_TIME });
  });

  it('after a consultation classifies nothing: no leg finished', () => {
    const consulting = atLandBranch().then(handOver('BG.STNMT', 'Xin ý kiến'), as.land, at('2026-03-03 09:00'));
    expect(eventsOf(consulting.when({ type: 'ACCEPT' }, { ...as.land, agency: 'BG.STNMT' }, at('2026-03-03 10:00')))[0]).toMatchObject({ legSeq: null, result: null });
  });

  it('is only for the addressee: the sender gets FORBIDDEN', () => {
    const handed = landTransfer().then(handOver(LAND), as.desk, at('2026-03-02 10:00'));
    expect(refusalOf(handed.when({ type: 'ACCEPT' }, as.deskProcessor, at('2026-03-02 11:00'))).refused).toBe('FORBIDDEN');
  });
});

describe('asking for a supplement and supplementing (Decree 61/2018 Art. 19)', () => {
  const asked = () => atLandBranch().then({ type: 'REQUEST_SUPPLEMENT', items: ['Bản sao hợp đồng'] }, as.land, at('2026-03-03 09:00'));

  it('a second request is refused with CONFLICT', () => {
    const supplemented = asked().then({ type: 'SUPPLEMENT', documents: ['Bản sao hợp đồng'] }, as.desk, at('2026-03-05 09:00'));
    expect(refusalOf(supplemented.when({ type: 'REQUEST_SUPPLEMENT', items: ['Khác'] }, as.land, at('2026-03-05 10:00')))).toMatchObject({
      refused: 'CONFLICT',
      extensions: { status: 'IN_PROGRESS', action: 'REQUEST_SUPPLEMENT' },
    });
  });

  it('is for a processor of the holder: a receptionist of the holder gets FORBIDDEN', () => {
    expect(refusalOf(atLandBranch().when({ type: 'REQUEST_SUPPLEMENT', items: ['x'] }, as.landReceptionist, at('2026-03-03 09:00'))).refused).toBe('FORBIDDEN');
  });

  it('supplementing restarts the whole processing time from the supplement; the legs still ahead take the new plan', () => {
    // Thursday 5/3 09:00 + 4 / 7 / 10 working days: Wednesday 11/3, Monday 16/3, Thursday 19/3, each at 09:00.
    const [supplemented] = eventsOf(asked().when({ type: 'SUPPLEMENT', documents: ['Bản sao hợp đồng'] }, as.desk, at('2026-03-05 09:00')));
    expect(supplemented).toMatchObject({
      type: 'SUPPLEMENT',
      dueAt: at('2026-03-19 09:00'),
      legs: [
        { seq: 2, dueAt: at('2026-03-11 09:00') },
        { seq: 3, dueAt: at('2026-03-16 09:00') },
        { seq: 4, dueAt: at('2026-03-19 09:00') },
      ],
    });
    const state = asked().then({ type: 'SUPPLEMENT', documents: ['Bản sao hợp đồng'] }, as.desk, at('2026-03-05 09:00')).state;
    expect(state).toMatchObject({ status: 'IN_PROGRESS', legDueAt: at('2026-03-11 09:00'), dueAt: at('2026-03-19 09:00') });
    expect(state.legs[0].dueAt).toEqual(at('2026-03-02 16:30'));
  });
});

describe('apologising for a delay (Phiếu xin lỗi và hẹn lại ngày trả kết quả)', () => {
  it('moves the legs still ahead by the working time the appointment moved, and the last leg to the new appointment', () => {
    // 16/3 09:00 → 18/3 09:00 is two working days: land 6/3 → 10/3, tax 11/3 → 13/3, last leg 18/3.
    const [apology] = eventsOf(atLandBranch().when({ type: 'APOLOGIZE', reason: 'Chờ xác minh', newDueAt: at('2026-03-18 09:00') }, as.land, at('2026-03-04 09:00')));
    expect(apology).toEqual({
      type: 'APOLOGIZE',
      at: at('2026-03-04 09:00'),
      actor: as.land,
      reason: 'Chờ xác minh',
      previousDueAt: at('2026-03-16 09:00'),
      newDueAt: at('2026-03-18 09:00'),
      legs: [
        { seq: 2, dueAt: at('2026-03-10 09:00') },
        { seq: 3, dueAt: at('2026-03-13 09:00') },
        { seq: 4, dueAt: at('2026-03-18 09:00') },
      ],
    });
  });

  it('is refused: outside office hours, not later than the appointment (BAD_USER_INPUT), later than a working day before it or twice (CONFLICT)', () => {
    const story = atLandBranch();
    const apologize = (newDueAt: Date) => ({ type: 'APOLOGIZE' as const, reason: 'Chờ xác minh', newDueAt });
    expect(refusalOf(story.when(apologize(at('2026-03-18 12:30')), as.land, at('2026-03-04 09:00'))).extensions).toEqual({
      fields: { newDueAt: 'must fall within office hours on a working day' },
    });
    expect(refusalOf(story.when(apologize(at('2026-03-16 08:00')), as.land, at('2026-03-04 09:00'))).extensions).toEqual({
      fields: { newDueAt: 'not later than the current due date' },
    });
    // Due Monday 16/3: the last day to apologise is Friday 13/3.
    expect(refusalOf(story.when(apologize(at('2026-03-18 09:00')), as.land, at('2026-03-16 07:45')))).toMatchObject({
      refused: 'CONFLICT',
      message: 'An apology must be recorded at least one working day before the due date, by 2026-03-13.',
    });
    const once = story.then(apologize(at('2026-03-18 09:00')), as.land, at('2026-03-13 16:00'));
    expect(refusalOf(once.when(apologize(at('2026-03-20 09:00')), as.land, at('2026-03-13 16:10')))).toMatchObject({ refused: 'CONFLICT', extensions: { action: 'APOLOGIZE' } });
  });
});

describe('recording the result', () => {
  it('approval is only at the last leg (CONFLICT naming the legs still to run); a denial needs reasons (BAD_USER_INPUT)', () => {
    expect(refusalOf(atLandBranch().when({ type: 'RECORD_RESULT', outcome: Outcome.APPROVED, note: null }, as.land, at('2026-03-04 09:00')))).toMatchObject({
      refused: 'CONFLICT',
      extensions: { remaining: [TAX, LAND] },
    });
    expect(refusalOf(atLandBranch().when({ type: 'RECORD_RESULT', outcome: Outcome.DENIED, note: null }, as.land, at('2026-03-04 09:00'))).extensions).toEqual({
      fields: { note: 'a denial must give its reasons' },
    });
  });

  it('away from the desk hands the result back to the desk; at the desk it finishes the desk’s leg and the result is there', () => {
    const [away] = eventsOf(atLandBranch().when({ type: 'RECORD_RESULT', outcome: Outcome.DENIED, note: 'Tranh chấp' }, as.land, at('2026-03-04 09:00')));
    expect(away).toMatchObject({ legSeq: null, transfer: { seq: 2, kind: TransferKind.RESULT, fromCode: LAND, toCode: DESK, note: 'Tranh chấp' } });
    const permit = new Story().then(receive(RECEIVED, PERMIT_ROUTE), as.desk, RECEIVED);
    const atDesk = permit.then({ type: 'RECORD_RESULT', outcome: Outcome.APPROVED, note: null }, as.deskProcessor, at('2026-03-20 09:00'));
    expect(atDesk.events.at(-1)).toMatchObject({ legSeq: 1, legResult: Timeliness.EARLY, transfer: null });
    expect(atDesk.state).toMatchObject({ status: 'RESOLVED', resolvedAt: at('2026-03-20 09:00'), holderCode: DESK });
  });

  it('returning records the overall timeliness: the day the result reached the desk against the appointment', () => {
    const permit = new Story().then(receive(RECEIVED, PERMIT_ROUTE), as.desk, RECEIVED);
    const late = permit.then({ type: 'RECORD_RESULT', outcome: Outcome.APPROVED, note: null }, as.deskProcessor, at('2026-03-24 09:00'));
    expect(eventsOf(late.when({ type: 'RETURN', receivedBy: 'Hoàng Thị Lụa' }, as.desk, at('2026-03-25 09:00')))[0]).toMatchObject({ timeliness: Timeliness.LATE });
  });
});

describe('what the hub does as other subgraphs’ messages arrive', () => {
  const withNotice = () =>
    atLandBranch()
      .then(handOver(TAX), as.land, at('2026-03-04 09:00'))
      .then({ type: 'ACCEPT' }, as.tax, at('2026-03-04 10:00'))
      .then({ type: 'AWAIT_PAYMENT', notice: '12/TB-CCT', total: '30000000' }, as.taxSystem, at('2026-03-05 09:00'));

  it('a tax notice hands the dossier on to the next leg’s agency, with the notice as the note, and stops the clock', () => {
    const state = withNotice().state;
    expect(state).toMatchObject({ status: 'AWAITING_PAYMENT', addresseeCode: LAND, paymentAwaitedAt: at('2026-03-05 09:00'), legDueAt: at('2026-03-16 09:00') });
    expect(state.transfers.at(-1)).toMatchObject({ kind: TransferKind.ROUTE, toCode: LAND, note: 'Thông báo nộp thuế số 12/TB-CCT: 30000000 đồng' });
  });

  it('the payment moves every deadline not yet met by the working time it waited', () => {
    // Waited Thursday 5/3 09:00 → Monday 9/3 11:00: 8 + 8 + 2 = 18 working hours (2.25 days).
    const [paid] = eventsOf(withNotice().when({ type: 'PAYMENT_RECEIVED', paidAt: at('2026-03-09 11:00') }, as.taxSystem, at('2026-03-09 11:00')));
    expect(paid).toMatchObject({
      waitedWorkingHours: 18,
      dueAt: at('2026-03-18 11:00'),
      legs: [{ seq: 3, dueAt: at('2026-03-13 11:00') }, { seq: 4, dueAt: at('2026-03-18 11:00') }],
      legDueAt: at('2026-03-18 11:00'),
    });
  });

  it('a tax notice at the route’s last leg is refused with CONFLICT: nobody to wait for the payment', () => {
    const atLast = new Story().then(receive(RECEIVED, [{ ...PERMIT_ROUTE[0], agencyCode: DESK }]), as.desk, RECEIVED);
    expect(refusalOf(atLast.when({ type: 'AWAIT_PAYMENT', notice: '1', total: '1' }, { ...as.desk, roles: ['SYSTEM'] }, at('2026-03-03 09:00'))).refused).toBe('CONFLICT');
  });

  it('a closed agency’s held dossier goes to its successor as a hand-over, and its legs there become the successor’s', () => {
    const [moved] = eventsOf(
      atLandBranch().when(
        { type: 'REASSIGN', from: LAND, to: { code: 'BN.VPDKDD.CN1', name: 'Chi nhánh 1' }, reason: 'Tổ chức lại', succession: { closed: true } },
        as.registrarSystem,
        at('2026-03-04 09:00'),
      ),
    );
    expect(moved).toMatchObject({ returnDesk: null, transfer: { kind: TransferKind.OTHER, fromCode: LAND, toCode: 'BN.VPDKDD.CN1', note: 'Tổ chức lại' } });
    const state = fold([...atLandBranch().events, moved])!;
    expect(state.legs.map((leg) => leg.agencyCode)).toEqual([DESK, 'BN.VPDKDD.CN1', TAX, 'BN.VPDKDD.CN1']);
    expect(state.addresseeCode).toBe('BN.VPDKDD.CN1');
  });

  it('only the hub reassigns: an officer gets FORBIDDEN', () => {
    const command = { type: 'REASSIGN' as const, from: LAND, to: { code: 'X', name: 'X' }, reason: 'x', succession: { closed: true as const } };
    expect(refusalOf(atLandBranch().when(command, as.supervisor, at('2026-03-04 09:00'))).refused).toBe('FORBIDDEN');
  });
});

describe('folding a history', () => {
  it('gives, from nothing, the state the steps led to', () => {
    const story = atLandBranch().then({ type: 'RECORD_RESULT', outcome: Outcome.DENIED, note: 'Tranh chấp' }, as.land, at('2026-03-04 09:00'));
    expect(fold(story.events)).toEqual(story.state);
    expect(story.state).toMatchObject({ status: 'IN_PROGRESS', holderCode: LAND, addresseeCode: DESK, outcome: 'DENIED', legDueAt: at('2026-03-16 09:00') });
  });
});
