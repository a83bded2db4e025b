import { aDossierAtLeg, aDossierInTransitTo, APPLICANT, CRIMINAL_RECORD_INPUT, hubFootprint, useDossierHub } from '../testkit/dossiers';

describe('processing a dossier between agencies', () => {
  const context = useDossierHub('2026-03-09T09:00:00+07:00');
  const { hub, dossiers, who, clock } = context;

  /** Received at Yên Thế at `receivedAt`, handed to the land branch then and accepted there at `acceptedAt`. */
  async function atLandBranch(receivedAt: string, acceptedAt: string): Promise<string> {
    return (await aDossierAtLeg(context, 2, receivedAt, [{ acceptedAt }])).code;
  }

  const codeOf = (response: { errors?: Array<{ extensions?: Record<string, any> }> }) => response.errors?.[0].extensions?.code;

  describe('supplementation (Decree 61/2018 Art. 19)', () => {
    const ITEM = 'Bản sao trích lục bản đồ địa chính thửa đất';

    /** Received Monday 9 March 09:00, at the land branch from 10:00, which asks for `ITEM` on Tuesday 10:00. */
    async function supplementRequested(): Promise<any> {
      const code = await atLandBranch('2026-03-09T09:00:00+07:00', '2026-03-09T10:00:00+07:00');
      clock.set('2026-03-10T10:00:00+07:00');
      return dossiers.ok('requestSupplement', { code, items: [ITEM] }, who.land);
    }

    it('stops the clock at the processing agency’s request and shows the applicant what to bring', async () => {
      const asked = await supplementRequested();
      expect(asked).toMatchObject({
        status: 'SUPPLEMENT_REQUESTED',
        nationalStatusCode: 5,
        supplementRequestedAt: '2026-03-10T10:00:00+07:00',
        supplementItems: [ITEM],
      });
      const tracked = await hub.gql(`query ($code: ID!) { trackDossier(code: $code, phone: "0912345678") { status supplementItems } }`, { code: asked.code });
      expect(tracked.data.trackDossier).toEqual({ status: 'SUPPLEMENT_REQUESTED', supplementItems: [ITEM] });
      const handOver = await dossiers.run('handOver', { code: asked.code, to: 'BG.CT.YENTHE' }, who.land);
      expect(handOver.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'SUPPLEMENT_REQUESTED', allowed: ['SUPPLEMENT', 'WITHDRAW', 'STOP'] });
    });

    it('restarts the processing time from zero when the applicant supplements at the desk', async () => {
      const { code } = await supplementRequested();
      clock.set('2026-03-16T09:00:00+07:00');
      const supplemented = await dossiers.ok('supplement', { code, documents: [ITEM] }, who.desk);
      // The legs still to run are planned again from Monday 16 March 09:00, as at a receipt: 4, 7 and 10
      // working days of 8 office hours (winter: 07:30–12:00, 13:00–16:30), no holiday on the way: Friday
      // 20, Wednesday 25 and Monday 30 March at 09:00. The desk's leg, done, keeps its deadline.
      expect(supplemented).toMatchObject({ status: 'IN_PROGRESS', supplementedAt: '2026-03-16T09:00:00+07:00', dueAt: '2026-03-30T09:00:00+07:00' });
      expect(supplemented.documents).toContain(ITEM);
      expect(supplemented.legs.map((leg: any) => [leg.seq, leg.dueAt, leg.result])).toEqual([
        [1, '2026-03-09T16:30:00+07:00', 'ON_TIME'],
        [2, '2026-03-20T09:00:00+07:00', null],
        [3, '2026-03-25T09:00:00+07:00', null],
        [4, '2026-03-30T09:00:00+07:00', null],
      ]);
    });

    it('a second supplement request is refused with CONFLICT and writes nothing', async () => {
      const { code } = await supplementRequested();
      clock.set('2026-03-16T09:00:00+07:00');
      await dossiers.ok('supplement', { code, documents: [ITEM] }, who.desk);
      const before = await hubFootprint(hub);
      const again = await dossiers.run('requestSupplement', { code, items: ['Giấy tờ khác'] }, who.land);
      expect(again.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        status: 'IN_PROGRESS',
        action: 'REQUEST_SUPPLEMENT',
        allowed: ['HAND_OVER', 'APOLOGIZE', 'RECORD_RESULT', 'WITHDRAW', 'STOP'],
      });
      expect(await hubFootprint(hub)).toEqual(before);
    });
  });

  describe('an apology with a new appointment', () => {
    /**
     * Received Wednesday 1 April 09:00 and at the land branch from 10:00. Its legs are due, cumulatively,
     * 0, 4, 7 and 10 working days on: 1 April 16:30 (the desk's hand-off), Tuesday 7, Friday 10 and
     * Wednesday 15 April at 09:00, the dossier's due date.
     */
    const atLandBranchInApril = () => atLandBranch('2026-04-01T09:00:00+07:00', '2026-04-01T10:00:00+07:00');

    it('is refused with CONFLICT less than one working day before the due date', async () => {
      const code = await atLandBranchInApril();
      clock.set('2026-04-15T08:00:00+07:00');
      const late = await dossiers.run('apologize', { code, reason: 'Chờ kết quả đo đạc', newDueAt: '2026-04-20T09:00:00+07:00' }, who.land);
      expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');
      // The due date is Wednesday 15 April 09:00: the last day for an apology was Tuesday 14.
      expect(new Date(late.errors?.[0].extensions?.dueAt)).toEqual(new Date('2026-04-15T09:00:00+07:00'));
      expect(late.errors?.[0].message).toMatch(/2026-04-14/);
    });

    it.each([
      ['a new appointment not later than the current one', '2026-04-14T09:00:00+07:00', 'Chờ đo đạc', 'newDueAt'],
      ['a new appointment when the desk is closed', '2026-04-18T09:00:00+07:00', 'Chờ đo đạc', 'newDueAt'],
      ['a new appointment in the evening', '2026-04-20T19:00:00+07:00', 'Chờ đo đạc', 'newDueAt'],
      ['no reason', '2026-04-20T09:00:00+07:00', '  ', 'reason'],
      ['a time without an offset', '2026-04-20T09:00:00', 'Chờ đo đạc', null],
    ])('is refused with BAD_USER_INPUT for %s, and writes nothing', async (_case, newDueAt, reason, field) => {
      const code = await atLandBranchInApril();
      clock.set('2026-04-10T10:00:00+07:00');
      const before = await hubFootprint(hub);
      const refused = await dossiers.run('apologize', { code, reason, newDueAt }, who.land);
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      // null: GraphQL's own check of the DateTime, which names no field.
      if (field) expect(Object.keys(refused.errors?.[0].extensions?.fields ?? {})).toEqual([field]);
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('moves the appointment, and leaves the legs already past their deadlines as they were', async () => {
      const code = await atLandBranchInApril();
      clock.set('2026-04-10T10:00:00+07:00');
      const apologized = await dossiers.ok(
        'apologize',
        { code, reason: 'Chờ kết quả đo đạc lại thửa đất', newDueAt: '2026-04-20T09:00:00+07:00' },
        who.land,
      );
      expect(apologized).toMatchObject({
        dueAt: '2026-04-20T09:00:00+07:00',
        previousDueAt: '2026-04-15T09:00:00+07:00',
        apologizedAt: '2026-04-10T10:00:00+07:00',
        apologyReason: 'Chờ kết quả đo đạc lại thửa đất',
      });
      // An apology moves the appointment, not history: at Friday 10 April 10:00 the land leg (due Tuesday 7
      // April 09:00) and the tax leg (due Friday 10 April 09:00) are already past their deadlines and keep
      // them, so they will show LATE; the desk's leg, done, stays; the last leg is the new appointment.
      expect(apologized.legs.map((leg: any) => [leg.seq, leg.dueAt])).toEqual([
        [1, '2026-04-01T16:30:00+07:00'],
        [2, '2026-04-07T09:00:00+07:00'],
        [3, '2026-04-10T09:00:00+07:00'],
        [4, '2026-04-20T09:00:00+07:00'],
      ]);
    });

    it('a second apology is refused with CONFLICT: the new appointment is set once', async () => {
      const code = await atLandBranchInApril();
      clock.set('2026-04-10T10:00:00+07:00');
      await dossiers.ok('apologize', { code, reason: 'Chờ kết quả đo đạc lại thửa đất', newDueAt: '2026-04-20T09:00:00+07:00' }, who.land);
      const again = await dossiers.run('apologize', { code, reason: 'Lần nữa', newDueAt: '2026-04-24T09:00:00+07:00' }, who.land);
      expect(again.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        status: 'IN_PROGRESS',
        action: 'APOLOGIZE',
        allowed: ['HAND_OVER', 'REQUEST_SUPPLEMENT', 'RECORD_RESULT', 'WITHDRAW', 'STOP'],
      });
    });
  });

  describe('hand-over', () => {
    it('lets exactly one of two simultaneous hand-overs through; the other gets CONFLICT', async () => {
      clock.set('2026-03-11T09:00:00+07:00');
      const { code } = await dossiers.receiveLandTransfer(who.desk);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          index % 2 === 0
            ? dossiers.run('handOver', { code, to: 'BG.VPDKDD.YENTHE' }, who.desk)
            : dossiers.run('handOver', { code, to: 'BG.STNMT', note: 'Hỏi ý kiến về quy hoạch' }, who.desk),
        ),
      );
      expect(results.filter((result) => !result.errors)).toHaveLength(1);
      expect(results.filter((result) => result.errors).map(codeOf)).toEqual(Array(5).fill('CONFLICT'));
      const after = await hub.gql(`query ($code: ID!) { dossier(code: $code) { transfers { seq } history { action } historyIntact } }`, { code }, who.desk);
      expect(after.data.dossier).toEqual({ transfers: [{ seq: 1 }], history: [{ action: 'RECEIVE' }, { action: 'HAND_OVER' }], historyIntact: true });
    });

    it('refuses to hand over a dossier in transit again, with CONFLICT naming the status', async () => {
      const { code } = await aDossierInTransitTo(context, 2, '2026-03-11T09:00:00+07:00');
      const again = await dossiers.run('handOver', { code, to: 'BG.STNMT', note: 'Nhầm' }, who.desk);
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'RECEIVED', inTransit: true, allowed: ['ACCEPT', 'WITHDRAW'] });
    });

    it('allows an agency off the route with a note, without counting a leg, and back again', async () => {
      const code = await atLandBranch('2026-03-12T09:00:00+07:00', '2026-03-12T10:00:00+07:00');
      const withoutNote = await dossiers.run('handOver', { code, to: 'BG.STNMT' }, who.land);
      expect(withoutNote.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { note: 'required off the route' } });

      const consulted = await dossiers.ok('handOver', { code, to: 'BG.STNMT', note: 'Xin ý kiến về quy hoạch sử dụng đất' }, who.land);
      expect(consulted.transfers[1]).toMatchObject({ kind: 'OTHER', note: 'Xin ý kiến về quy hoạch sử dụng đất', toName: 'Sở Tài nguyên và Môi trường tỉnh Bắc Giang' });
      const department = hub.token('BG.STNMT', ['PROCESSOR'], 'Đinh Văn Khoa');
      const atDepartment = await dossiers.ok('accept', { code }, department);
      expect(atDepartment.transfers[1]).toMatchObject({ acceptedBy: 'Đinh Văn Khoa', result: null, legSeq: null });
      expect(atDepartment.legs[1].result).toBeNull();

      await dossiers.ok('handOver', { code, to: 'BG.VPDKDD.YENTHE' }, department);
      await dossiers.ok('accept', { code }, who.land);
      await dossiers.ok('handOver', { code, to: 'BG.CT.YENTHE' }, who.land);
      const atTax = await dossiers.ok('accept', { code }, who.tax);
      expect(atTax.transfers.map((t: any) => [t.kind, t.legSeq])).toEqual([
        ['ROUTE', 1],
        ['OTHER', null],
        ['OTHER', null],
        ['ROUTE', 2],
      ]);
      expect(atTax.legs[1].result).toBe('EARLY');
    });
  });

  describe('the result', () => {
    it('cannot be an approval while the route still has legs to run: CONFLICT naming them', async () => {
      const code = await atLandBranch('2026-03-13T09:00:00+07:00', '2026-03-13T10:00:00+07:00');
      const early = await dossiers.run('recordResult', { code, outcome: 'APPROVED' }, who.land);
      expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', remaining: ['BG.CT.YENTHE', 'BG.VPDKDD.YENTHE'] });
    });

    it('can be a denial at any agency, with its reasons, and goes back to the desk to be returned', async () => {
      const code = await atLandBranch('2026-03-13T09:00:00+07:00', '2026-03-13T10:00:00+07:00');
      const withoutReasons = await dossiers.run('recordResult', { code, outcome: 'DENIED' }, who.land);
      expect(withoutReasons.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { note: 'a denial must give its reasons' } });
      clock.set('2026-03-16T10:00:00+07:00');
      const denied = await dossiers.ok('recordResult', { code, outcome: 'DENIED', note: 'Thửa đất đang có tranh chấp' }, who.land);
      expect(denied).toMatchObject({ status: 'IN_PROGRESS', outcome: 'DENIED', outcomeNote: 'Thửa đất đang có tranh chấp', addressee: { code: 'BG.YENTHE' } });
      await dossiers.ok('accept', { code }, who.desk);
      const returned = await dossiers.ok('returnResult', { code, receivedBy: APPLICANT.name }, who.desk);
      expect(returned).toMatchObject({ status: 'RETURNED', timeliness: 'EARLY', returnedTo: APPLICANT.name });
    });

    it('is recorded at the desk itself when the desk’s agency does the work (criminal-record certificate)', async () => {
      clock.set('2026-03-16T09:00:00+07:00');
      const policeDesk = hub.token('BG.CA', ['RECEPTIONIST'], 'Bùi Thị Lan');
      const policeProcessor = hub.token('BG.CA', ['PROCESSOR'], 'Tạ Văn Nam');
      const received = await dossiers.ok(
        'receive',
        { input: CRIMINAL_RECORD_INPUT },
        policeDesk,
      );
      expect(received.legs).toEqual([expect.objectContaining({ seq: 1, agency: { code: 'BG.CA' }, dueAt: '2026-03-30T09:00:00+07:00' })]);
      clock.set('2026-03-31T09:00:00+07:00');
      const resolved = await dossiers.ok('recordResult', { code: received.code, outcome: 'APPROVED' }, policeProcessor);
      expect(resolved).toMatchObject({ status: 'RESOLVED', addressee: null, resolvedAt: '2026-03-31T09:00:00+07:00' });
      expect(resolved.legs[0].result).toBe('LATE');
      const returned = await dossiers.ok('returnResult', { code: received.code, receivedBy: APPLICANT.name }, policeDesk);
      expect(returned.timeliness).toBe('LATE');
    });
  });

  describe('withdrawal', () => {
    it('takes a dossier out of processing at the applicant’s request, with the reason', async () => {
      const code = await atLandBranch('2026-03-17T09:00:00+07:00', '2026-03-17T10:00:00+07:00');
      const withdrawn = await dossiers.ok('withdraw', { code, reason: 'Hai bên thỏa thuận hủy hợp đồng chuyển nhượng' }, who.desk);
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', nationalStatusCode: 7, holder: null });
      // Nobody holds it now: an agency that did learns why nothing can be done.
      const handOver = await dossiers.run('handOver', { code, to: 'BG.CT.YENTHE' }, who.land);
      expect(handOver.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'WITHDRAWN', allowed: [] });
      const again = await dossiers.run('withdraw', { code, reason: 'Lần nữa' }, who.desk);
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'WITHDRAWN', allowed: [] });
    });

    it('is refused with CONFLICT once the result is ready', async () => {
      clock.set('2026-03-17T09:00:00+07:00');
      const policeDesk = hub.token('BG.CA', ['RECEPTIONIST']);
      const { code } = await dossiers.ok(
        'receive',
        { input: CRIMINAL_RECORD_INPUT },
        policeDesk,
      );
      await dossiers.ok('recordResult', { code, outcome: 'APPROVED' }, hub.token('BG.CA', ['PROCESSOR']));
      const late = await dossiers.run('withdraw', { code, reason: 'Không cần nữa' }, policeDesk);
      expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'RESOLVED', allowed: ['RETURN'] });
    });
  });

  describe('refuses bad input of every field with BAD_USER_INPUT and writes nothing', () => {
    let code: string;
    beforeAll(async () => {
      code = await atLandBranch('2026-03-18T09:00:00+07:00', '2026-03-18T10:00:00+07:00');
    });

    // Each row: the case, the mutation, its variables, who tries it, the field named in extensions.fields
    // (null: GraphQL's own check of a variable's type).
    const cases: Array<[string, string, (code: string) => Record<string, unknown>, () => string, string | null]> = [
      ['handOverDossier to nobody', 'handOver', (c) => ({ code: c, to: ' ' }), () => who.land, 'to'],
      ['handOverDossier to an unknown agency', 'handOver', (c) => ({ code: c, to: 'BG.KHONGCO' }), () => who.land, 'to'],
      ['handOverDossier to the holder itself', 'handOver', (c) => ({ code: c, to: 'BG.VPDKDD.YENTHE' }), () => who.land, 'to'],
      ['handOverDossier with an overlong note', 'handOver', (c) => ({ code: c, to: 'BG.STNMT', note: 'x'.repeat(1001) }), () => who.land, 'note'],
      ['requestSupplement with no items', 'requestSupplement', (c) => ({ code: c, items: [] }), () => who.land, 'items'],
      ['requestSupplement with an empty item', 'requestSupplement', (c) => ({ code: c, items: ['Bản sao', ' '] }), () => who.land, 'items'],
      ['recordResult with an unknown outcome', 'recordResult', (c) => ({ code: c, outcome: 'MAYBE' }), () => who.land, null],
      ['recordResult denying without reasons', 'recordResult', (c) => ({ code: c, outcome: 'DENIED', note: '' }), () => who.land, 'note'],
      ['withdrawDossier without a reason', 'withdraw', (c) => ({ code: c, reason: '' }), () => who.desk, 'reason'],
      ['supplementDossier without documents', 'supplement', (c) => ({ code: c, documents: [] }), () => who.desk, 'documents'],
      ['returnResult without a recipient', 'returnResult', (c) => ({ code: c, receivedBy: ' ' }), () => who.desk, 'receivedBy'],
      ['acceptDossier with no code', 'accept', () => ({ code: null }), () => who.land, null],
    ];

    it.each(cases)('%s', async (_case, mutation, variables, token, field) => {
      const before = await hubFootprint(hub);
      const response = await dossiers.run(mutation as never, variables(code), token());
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      if (field) expect(Object.keys(response.errors?.[0].extensions?.fields ?? {})).toEqual([field]);
      expect(response.data ?? null).toBeNull();
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('answers an unknown dossier code with NOT_FOUND', async () => {
      const response = await dossiers.run('accept', { code: 'BG.YENTHE-260318-9999' }, who.land);
      expect(codeOf(response)).toBe('NOT_FOUND');
    });
  });
});
