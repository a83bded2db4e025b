import { APPLICANT, CRIMINAL_RECORD_INPUT, hubFootprint, useDossierHub } from '../testkit/dossiers';

describe('processing a dossier between agencies', () => {
  const { hub, dossiers, who, clock } = useDossierHub('2026-03-09T09:00:00+07:00');

  /** Received at Yên Thế at `at`, handed to the land branch and accepted there an hour later. */
  async function atLandBranch(at: string): Promise<string> {
    clock.set(at);
    const { code } = await dossiers.receiveLandTransfer(who.desk);
    await dossiers.ok('handOver', { code, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    clock.set(new Date(new Date(at).getTime() + 3_600_000).toISOString());
    await dossiers.ok('accept', { code }, who.land);
    return code;
  }

  const codeOf = (response: { errors?: Array<{ extensions?: Record<string, any> }> }) => response.errors?.[0].extensions?.code;

  describe('supplementation (Decree 61/2018 Art. 19)', () => {
    let code: string;

    it('stops the clock at the processing agency’s request and shows the applicant what to bring', async () => {
      code = await atLandBranch('2026-03-09T09:00:00+07:00');
      clock.set('2026-03-10T10:00:00+07:00');
      const asked = await dossiers.ok('requestSupplement', { code, items: ['Bản sao trích lục bản đồ địa chính thửa đất'] }, who.land);
      expect(asked).toMatchObject({
        status: 'SUPPLEMENT_REQUESTED',
        nationalStatusCode: 5,
        supplementRequestedAt: '2026-03-10T10:00:00+07:00',
        supplementItems: ['Bản sao trích lục bản đồ địa chính thửa đất'],
      });
      const tracked = await hub.gql(`query ($code: ID!) { trackDossier(code: $code, phone: "0912345678") { status supplementItems } }`, { code });
      expect(tracked.data.trackDossier).toEqual({ status: 'SUPPLEMENT_REQUESTED', supplementItems: ['Bản sao trích lục bản đồ địa chính thửa đất'] });
      expect(codeOf(await dossiers.run('handOver', { code, to: 'BG.CT.YENTHE' }, who.land))).toBe('CONFLICT');
    });

    it('restarts the processing time from zero when the applicant supplements at the desk', async () => {
      clock.set('2026-03-16T09:00:00+07:00');
      const supplemented = await dossiers.ok('supplement', { code, documents: ['Bản sao trích lục bản đồ địa chính thửa đất'] }, who.desk);
      expect(supplemented).toMatchObject({ status: 'IN_PROGRESS', supplementedAt: '2026-03-16T09:00:00+07:00', dueAt: '2026-03-30T09:00:00+07:00' });
      expect(supplemented.documents).toContain('Bản sao trích lục bản đồ địa chính thửa đất');
      expect(supplemented.legs.map((leg: any) => [leg.seq, leg.dueAt, leg.result])).toEqual([
        [1, '2026-03-09T16:30:00+07:00', 'ON_TIME'],
        [2, '2026-03-20T09:00:00+07:00', null],
        [3, '2026-03-25T09:00:00+07:00', null],
        [4, '2026-03-30T09:00:00+07:00', null],
      ]);
    });

    it('refuses a second supplement request with CONFLICT', async () => {
      const before = await hubFootprint(hub);
      const again = await dossiers.run('requestSupplement', { code, items: ['Giấy tờ khác'] }, who.land);
      expect(codeOf(again)).toBe('CONFLICT');
      expect(again.errors?.[0].extensions?.allowed).not.toContain('REQUEST_SUPPLEMENT');
      expect(await hubFootprint(hub)).toEqual(before);
    });
  });

  describe('an apology with a new appointment', () => {
    let code: string;

    it('is refused with CONFLICT less than one working day before the due date', async () => {
      code = await atLandBranch('2026-04-01T09:00:00+07:00');
      clock.set('2026-04-15T08:00:00+07:00');
      const late = await dossiers.run('apologize', { code, reason: 'Chờ kết quả đo đạc', newDueAt: '2026-04-20T09:00:00+07:00' }, who.land);
      expect(codeOf(late)).toBe('CONFLICT');
      expect(late.errors?.[0].message).toMatch(/2026-04-14/);
    });

    it.each([
      ['a new appointment not later than the current one', '2026-04-14T09:00:00+07:00', 'Chờ đo đạc'],
      ['a new appointment when the desk is closed', '2026-04-18T09:00:00+07:00', 'Chờ đo đạc'],
      ['a new appointment in the evening', '2026-04-20T19:00:00+07:00', 'Chờ đo đạc'],
      ['no reason', '2026-04-20T09:00:00+07:00', '  '],
      ['a time without an offset', '2026-04-20T09:00:00', 'Chờ đo đạc'],
    ])('is refused with BAD_USER_INPUT for %s', async (_case, newDueAt, reason) => {
      clock.set('2026-04-10T10:00:00+07:00');
      const before = await hubFootprint(hub);
      expect(codeOf(await dossiers.run('apologize', { code, reason, newDueAt }, who.land))).toBe('BAD_USER_INPUT');
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('moves the appointment and the current and later legs, once', async () => {
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
      const [desk, land, tax, last] = apologized.legs;
      expect(desk.dueAt).toBe('2026-04-01T16:30:00+07:00');
      expect(last.dueAt).toBe('2026-04-20T09:00:00+07:00');
      expect(new Date(land.dueAt) > new Date('2026-04-07T09:00:00+07:00')).toBe(true);
      expect(new Date(tax.dueAt) > new Date('2026-04-10T09:00:00+07:00')).toBe(true);
      expect(new Date(land.dueAt) < new Date(tax.dueAt) && new Date(tax.dueAt) < new Date(last.dueAt)).toBe(true);

      const again = await dossiers.run('apologize', { code, reason: 'Lần nữa', newDueAt: '2026-04-24T09:00:00+07:00' }, who.land);
      expect(codeOf(again)).toBe('CONFLICT');
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
      const { code } = await dossiers.receiveLandTransfer(who.desk);
      await dossiers.ok('handOver', { code, to: 'BG.VPDKDD.YENTHE' }, who.desk);
      const again = await dossiers.run('handOver', { code, to: 'BG.STNMT', note: 'Nhầm' }, who.desk);
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'RECEIVED', inTransit: true, allowed: ['ACCEPT', 'WITHDRAW'] });
    });

    it('allows an agency off the route with a note, without counting a leg, and back again', async () => {
      const code = await atLandBranch('2026-03-12T09:00:00+07:00');
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
    it('cannot be an approval while the route still has legs to run', async () => {
      const code = await atLandBranch('2026-03-13T09:00:00+07:00');
      const early = await dossiers.run('recordResult', { code, outcome: 'APPROVED' }, who.land);
      expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', remaining: ['BG.CT.YENTHE', 'BG.VPDKDD.YENTHE'] });
    });

    it('can be a denial at any agency, with its reasons, and goes back to the desk to be returned', async () => {
      const code = await atLandBranch('2026-03-13T09:00:00+07:00');
      expect(codeOf(await dossiers.run('recordResult', { code, outcome: 'DENIED' }, who.land))).toBe('BAD_USER_INPUT');
      clock.set('2026-03-16T10:00:00+07:00');
      const denied = await dossiers.ok('recordResult', { code, outcome: 'DENIED', note: 'Thửa đất đang có tranh chấp' }, who.land);
      expect(denied).toMatchObject({ status: 'RESOLVED', outcome: 'DENIED', outcomeNote: 'Thửa đất đang có tranh chấp', addressee: { code: 'BG.YENTHE' } });
      await dossiers.ok('accept', { code }, who.desk);
      const returned = await dossiers.ok('returnResult', { code, receivedBy: APPLICANT.name }, who.desk);
      expect(returned).toMatchObject({ status: 'RETURNED', timeliness: 'EARLY', returnedTo: APPLICANT.name });
    });

    it('is recorded at the desk itself when the desk’s agency does the work (criminal-record certificate)', async () => {
      clock.set('2026-03-16T09:00:00+07:00');
      const justiceDesk = hub.token('BG.STP', ['RECEPTIONIST'], 'Bùi Thị Lan');
      const justiceProcessor = hub.token('BG.STP', ['PROCESSOR'], 'Tạ Văn Nam');
      const received = await dossiers.ok(
        'receive',
        { input: CRIMINAL_RECORD_INPUT },
        justiceDesk,
      );
      expect(received.legs).toEqual([expect.objectContaining({ seq: 1, agency: { code: 'BG.STP' }, dueAt: '2026-03-30T09:00:00+07:00' })]);
      clock.set('2026-03-31T09:00:00+07:00');
      const resolved = await dossiers.ok('recordResult', { code: received.code, outcome: 'APPROVED' }, justiceProcessor);
      expect(resolved).toMatchObject({ status: 'RESOLVED', addressee: null, resolvedAt: '2026-03-31T09:00:00+07:00' });
      expect(resolved.legs[0].result).toBe('LATE');
      const returned = await dossiers.ok('returnResult', { code: received.code, receivedBy: APPLICANT.name }, justiceDesk);
      expect(returned.timeliness).toBe('LATE');
    });
  });

  describe('withdrawal', () => {
    it('takes a dossier out of processing at the applicant’s request, with the reason', async () => {
      const code = await atLandBranch('2026-03-17T09:00:00+07:00');
      const withdrawn = await dossiers.ok('withdraw', { code, reason: 'Hai bên thỏa thuận hủy hợp đồng chuyển nhượng' }, who.desk);
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', nationalStatusCode: 7, holder: null });
      // Nobody holds it now: an agency that did learns why nothing can be done.
      expect(codeOf(await dossiers.run('handOver', { code, to: 'BG.CT.YENTHE' }, who.land))).toBe('CONFLICT');
      expect(codeOf(await dossiers.run('withdraw', { code, reason: 'Lần nữa' }, who.desk))).toBe('CONFLICT');
    });

    it('is refused once the result is ready', async () => {
      clock.set('2026-03-17T09:00:00+07:00');
      const justiceDesk = hub.token('BG.STP', ['RECEPTIONIST']);
      const { code } = await dossiers.ok(
        'receive',
        { input: CRIMINAL_RECORD_INPUT },
        justiceDesk,
      );
      await dossiers.ok('recordResult', { code, outcome: 'APPROVED' }, hub.token('BG.STP', ['PROCESSOR']));
      const late = await dossiers.run('withdraw', { code, reason: 'Không cần nữa' }, justiceDesk);
      expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'RESOLVED', allowed: ['RETURN'] });
    });
  });

  describe('refuses bad input of every field with BAD_USER_INPUT and writes nothing', () => {
    let code: string;
    beforeAll(async () => {
      code = await atLandBranch('2026-03-18T09:00:00+07:00');
    });

    const cases: Array<[string, string, (code: string) => Record<string, unknown>, () => string]> = [
      ['handOverDossier to nobody', 'handOver', (c) => ({ code: c, to: ' ' }), () => who.land],
      ['handOverDossier to an unknown agency', 'handOver', (c) => ({ code: c, to: 'BG.KHONGCO' }), () => who.land],
      ['handOverDossier to the holder itself', 'handOver', (c) => ({ code: c, to: 'BG.VPDKDD.YENTHE' }), () => who.land],
      ['handOverDossier with an overlong note', 'handOver', (c) => ({ code: c, to: 'BG.STNMT', note: 'x'.repeat(1001) }), () => who.land],
      ['requestSupplement with no items', 'requestSupplement', (c) => ({ code: c, items: [] }), () => who.land],
      ['requestSupplement with an empty item', 'requestSupplement', (c) => ({ code: c, items: ['Bản sao', ' '] }), () => who.land],
      ['recordResult with an unknown outcome', 'recordResult', (c) => ({ code: c, outcome: 'MAYBE' }), () => who.land],
      ['recordResult denying without reasons', 'recordResult', (c) => ({ code: c, outcome: 'DENIED', note: '' }), () => who.land],
      ['withdrawDossier without a reason', 'withdraw', (c) => ({ code: c, reason: '' }), () => who.desk],
      ['acceptDossier with no code', 'accept', () => ({ code: null }), () => who.land],
    ];

    it.each(cases)('%s', async (_case, mutation, variables, token) => {
      const before = await hubFootprint(hub);
      const response = await dossiers.run(mutation as never, variables(code), token());
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('supplementDossier without documents and returnResult without a recipient', async () => {
      const before = await hubFootprint(hub);
      expect(codeOf(await dossiers.run('supplement', { code, documents: [] }, who.desk))).toBe('BAD_USER_INPUT');
      expect(codeOf(await dossiers.run('returnResult', { code, receivedBy: ' ' }, who.desk))).toBe('BAD_USER_INPUT');
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('answers an unknown dossier code with NOT_FOUND', async () => {
      const response = await dossiers.run('accept', { code: 'BG.YENTHE-260318-9999' }, who.land);
      expect(codeOf(response)).toBe('NOT_FOUND');
    });
  });
});
