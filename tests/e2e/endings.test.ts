import { aDossierAtLeg, APPLICANT, aResolvedDossier, aReceivedDossier, dataOf, eventually, hubFootprint, LAND_TRANSFER_DOCUMENTS, useDossierHub } from '../testkit/dossiers';

/**
 * The statuses the first wave could not reach, through the gateway: online and postal intake (SUBMITTED 1,
 * then RECEIVED 2 at the desk), refusal (REFUSED 3), the supplement's deadline and stop (STOPPED 8), the
 * return by post and the applicant's rating, with the notices they send.
 */
describe('online intake, refusal, stop, return by post and rating', () => {
  const context = useDossierHub('2026-03-08T20:00:00+07:00');
  const { hub, dossiers, who, clock } = context;
  const online = () => hub.token('BG.YENTHE', ['SYSTEM'], 'Dịch vụ công trực tuyến huyện Yên Thế');
  const submitInput = (channel = 'ONLINE') => ({ procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS, channel });
  const codeOf = (response: { errors?: Array<{ extensions?: Record<string, any> }> }) => response.errors?.[0].extensions?.code;

  const noticesOf = async (code: string) =>
    dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { notices { kind channel body } } }`, { code }, who.supervisor)).dossier.notices;

  /** Submitted online on Sunday 8 March 2026, 20:00. */
  async function aSubmittedDossier(channel = 'ONLINE'): Promise<any> {
    clock.set('2026-03-08T20:00:00+07:00');
    return dossiers.ok('submit', { input: submitInput(channel) }, online());
  }

  describe('submitting online or by post', () => {
    it('gives the dossier its code and SUBMITTED (1), with no appointment, receipt or ledger entry yet', async () => {
      const submitted = await aSubmittedDossier();
      expect(submitted).toMatchObject({
        status: 'SUBMITTED',
        nationalStatusCode: 1,
        channel: 'ONLINE',
        submittedAt: '2026-03-08T20:00:00+07:00',
        dueAt: null,
        receiptNumber: null,
        ledgerBook: null,
        ledgerNumber: null,
        legs: [],
        holder: { code: 'BG.YENTHE' },
      });
      expect(submitted.code).toMatch(/^BG\.YENTHE-260308-\d{4}$/);
      const tracked = await hub.gql(`query ($code: ID!) { trackDossier(code: $code, phone: "0912345678") { status dueAt } }`, { code: submitted.code });
      expect(tracked.data.trackDossier).toEqual({ status: 'SUBMITTED', dueAt: null });
    });

    it('is for the online service of the desk’s agency: its receptionist gets FORBIDDEN; COUNTER is BAD_USER_INPUT on channel', async () => {
      clock.set('2026-03-08T20:00:00+07:00');
      const before = await hubFootprint(hub);
      expect(codeOf(await dossiers.run('submit', { input: submitInput() }, who.desk))).toBe('FORBIDDEN');
      const counter = await dossiers.run('submit', { input: submitInput('COUNTER') }, online());
      expect(counter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { channel: 'must be ONLINE or POST' } });
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('is also for a public service portal the directory marks: unmarked, its SYSTEM is FORBIDDEN and nothing is written; marked, it submits to any desk', async () => {
      clock.set('2026-03-08T20:00:00+07:00');
      const portal = () => hub.token('BG.VPUBND', ['SYSTEM'], 'Cổng dịch vụ công tỉnh Bắc Giang');
      const registrar = hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy');
      const before = await hubFootprint(hub);
      expect(codeOf(await dossiers.run('submit', { input: submitInput() }, portal()))).toBe('FORBIDDEN');
      expect(await hubFootprint(hub)).toEqual(before);

      const mark = await hub.gql(
        `mutation ($input: AmendAgencyInput!) { amendAgency(code: "BG.VPUBND", input: $input) { servicePortal history { servicePortal reason source } } }`,
        { input: { servicePortal: true, effectiveAt: '2026-03-01T00:00:00+07:00', reason: 'Vận hành cổng dịch vụ công của tỉnh (kiểm thử)', source: 'Quyết định kiểm thử số 1/QĐ-KT ngày 01/3/2026' } },
        registrar,
      );
      expect(dataOf(mark).amendAgency).toMatchObject({ servicePortal: true });
      expect(dataOf(mark).amendAgency.history.at(-1)).toEqual({ servicePortal: true, reason: 'Vận hành cổng dịch vụ công của tỉnh (kiểm thử)', source: 'Quyết định kiểm thử số 1/QĐ-KT ngày 01/3/2026' });
      // A receptionist of the portal's agency is no portal: only its SYSTEM submits.
      const officer = hub.token('BG.VPUBND', ['RECEPTIONIST'], 'Cán bộ Văn phòng UBND tỉnh');
      expect(codeOf(await dossiers.run('submit', { input: submitInput() }, officer))).toBe('FORBIDDEN');

      // Onestop forgets the directory on the register's message; until then the mark may not be seen yet.
      const submitted = await eventually(async () => dataOf(await dossiers.run('submit', { input: { ...submitInput('POST'), desk: 'BG.TANYEN' } }, portal())).submitDossier);
      expect(submitted).toMatchObject({ status: 'SUBMITTED', channel: 'POST', holder: { code: 'BG.TANYEN' } });
      expect(submitted.code).toMatch(/^BG\.TANYEN-260308-\d{4}$/);
    });

    it('is received at the desk with its code: the appointment counts from the receipt, and the ledger numbers it then', async () => {
      const { code } = await aSubmittedDossier('POST');
      clock.set('2026-03-09T09:00:00+07:00');
      const received = await dossiers.ok('receive', { input: { desk: 'BG.YENTHE', submitted: code } }, who.desk);
      // Ten working days from Monday 9 March 09:00 (winter hours, no holiday): Monday 23 March 09:00.
      expect(received).toMatchObject({
        code,
        status: 'RECEIVED',
        nationalStatusCode: 2,
        channel: 'POST',
        submittedAt: '2026-03-08T20:00:00+07:00',
        receivedAt: '2026-03-09T09:00:00+07:00',
        dueAt: '2026-03-23T09:00:00+07:00',
        ledgerBook: 'Đất đai 2026',
      });
      expect(received.receiptNumber).toMatch(/^\d+\/TNHS$/);
      expect(received.legs).toHaveLength(4);
      const again = await dossiers.run('receive', { input: { desk: 'BG.YENTHE', submitted: code } }, who.desk);
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'RECEIVED', action: 'RECEIVE' });
    });

    it('is received only by the desk it was submitted to (FORBIDDEN elsewhere) and only when complete (BAD_USER_INPUT with missing)', async () => {
      const { code } = await aSubmittedDossier();
      clock.set('2026-03-09T09:00:00+07:00');
      const before = await hubFootprint(hub);
      expect(codeOf(await dossiers.run('receive', { input: { desk: 'BG.TANYEN', submitted: code } }, who.otherDesk))).toBe('FORBIDDEN');
      const incomplete = await dossiers.run('receive', { input: { desk: 'BG.YENTHE', submitted: code, documents: LAND_TRANSFER_DOCUMENTS.slice(1) } }, who.desk);
      expect(incomplete.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', missing: [LAND_TRANSFER_DOCUMENTS[0]] });
      expect(await hubFootprint(hub)).toEqual(before);
    });
  });

  describe('refusal (từ chối tiếp nhận)', () => {
    const REASONS = ['Thửa đất không thuộc địa bàn huyện Yên Thế'];

    it('turns a submitted dossier away: REFUSED (3) with its reasons, and the applicant is told', async () => {
      const { code } = await aSubmittedDossier();
      clock.set('2026-03-09T09:30:00+07:00');
      const refused = await dossiers.ok('refuse', { code, reasons: REASONS }, who.desk);
      expect(refused).toMatchObject({ status: 'REFUSED', nationalStatusCode: 3, refusedAt: '2026-03-09T09:30:00+07:00', refusalReasons: REASONS, holder: null });
      const notices = await noticesOf(code);
      expect(notices.filter((notice: any) => notice.kind === 'REFUSED').map((notice: any) => notice.channel)).toEqual(['EMAIL', 'SMS']);
      expect(notices.find((notice: any) => notice.kind === 'REFUSED' && notice.channel === 'SMS').body).toContain(REASONS[0]);
    });

    it('at the counter refuses a dossier the desk just received; once it has left the desk, CONFLICT, writing nothing', async () => {
      const { code } = await aReceivedDossier(context, '2026-03-09T10:00:00+07:00');
      expect(await dossiers.ok('refuse', { code, reasons: REASONS }, who.desk)).toMatchObject({ status: 'REFUSED' });
      const handed = await aDossierAtLeg(context, 2, '2026-03-09T10:00:00+07:00');
      const before = await hubFootprint(hub);
      const late = await dossiers.run('refuse', { code: handed.code, reasons: REASONS }, who.desk);
      expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'IN_PROGRESS', action: 'REFUSE' });
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('needs its reasons (BAD_USER_INPUT on reasons)', async () => {
      const { code } = await aSubmittedDossier();
      const empty = await dossiers.run('refuse', { code, reasons: [] }, who.desk);
      expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { reasons: 'must not be empty' } });
    });
  });

  describe('the supplement’s deadline and the stop (dừng xử lý)', () => {
    const ITEM = 'Bản sao trích lục bản đồ địa chính thửa đất';
    const REASON = 'Người nộp không bổ sung hồ sơ trong thời hạn đã yêu cầu';

    it('shows the holder a supplement past its date, which it stops: STOPPED (8), and the applicant is told', async () => {
      const { code } = await aDossierAtLeg(context, 2, '2026-03-09T09:00:00+07:00', [{ acceptedAt: '2026-03-09T10:00:00+07:00' }]);
      clock.set('2026-03-10T10:00:00+07:00');
      const asked = await dossiers.ok('requestSupplement', { code, items: [ITEM], dueAt: '2026-03-17T16:30:00+07:00' }, who.land);
      expect(asked).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', supplementDueAt: '2026-03-17T16:30:00+07:00' });
      const inbox = `query { agency(code: "BG.VPDKDD.YENTHE") { inbox(first: 100) { edges { node { code supplementOverdue } } } } }`;
      const overdueOf = async () =>
        dataOf(await hub.gql(inbox, {}, who.land)).agency.inbox.edges.find((edge: any) => edge.node.code === code).node.supplementOverdue;
      expect(await overdueOf()).toBe(false);
      clock.set('2026-03-18T09:00:00+07:00');
      expect(await overdueOf()).toBe(true);
      const overdue = await hub.gql(`query { dossiers(filter: { supplementOverdue: true }, first: 100) { edges { node { code } } } }`, {}, who.land);
      expect(dataOf(overdue).dossiers.edges.map((edge: any) => edge.node.code)).toContain(code);

      expect(codeOf(await dossiers.run('stop', { code, reason: REASON }, who.desk))).toBe('FORBIDDEN');
      const stopped = await dossiers.ok('stop', { code, reason: REASON }, who.land);
      expect(stopped).toMatchObject({ status: 'STOPPED', nationalStatusCode: 8, stoppedAt: '2026-03-18T09:00:00+07:00', stopReason: REASON, holder: null });
      const notices = await noticesOf(code);
      expect(notices.filter((notice: any) => notice.kind === 'STOPPED').map((notice: any) => notice.channel)).toEqual(['EMAIL', 'SMS']);
      const again = await dossiers.run('stop', { code, reason: REASON }, who.land);
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'STOPPED', allowed: [] });
    });
  });

  describe('return by post and the rating', () => {
    it('sends the result by post with its tracking number; without one, BAD_USER_INPUT', async () => {
      const { code } = await aResolvedDossier(context, '2026-03-09T09:00:00+07:00');
      const without = await dossiers.run('returnResult', { code, receivedBy: 'Bưu điện huyện Yên Thế', channel: 'POST' }, who.desk);
      expect(without.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { postalTrackingNumber: 'required for a return by post' } });
      const sent = await dossiers.ok('returnResult', { code, receivedBy: 'Bưu điện huyện Yên Thế', channel: 'POST', postalTrackingNumber: 'EB123456789VN' }, who.desk);
      expect(sent).toMatchObject({ status: 'RETURNED', returnChannel: 'POST', postalTrackingNumber: 'EB123456789VN' });
    });

    it('lets the applicant rate the service once after the return, by code and phone, and the dashboard shows it', async () => {
      const { code } = await aResolvedDossier(context, '2026-03-09T09:00:00+07:00');
      const rate = (rating: number, phone = APPLICANT.phone) => dossiers.run('rate', { code, phone, rating, comment: 'Cán bộ hướng dẫn tận tình' });
      expect((await rate(5)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'RESOLVED' });
      clock.set('2026-03-24T09:00:00+07:00');
      await dossiers.ok('returnResult', { code, receivedBy: APPLICANT.name }, who.desk);
      expect(codeOf(await rate(5, '0987654321'))).toBe('NOT_FOUND');
      expect((await rate(6)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { rating: 'must be a whole number from 1 to 5' } });
      expect((await rate(4)).data).toEqual({ rateService: true });
      expect((await rate(5)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
      const figures = await hub.gql(
        `query { performance(from: "2026-03-24", to: "2026-03-24", agency: "BG.YENTHE") { agency { code } total ratings averageRating satisfiedRate } }`,
        {},
        who.desk,
      );
      expect(dataOf(figures).performance.find((row: any) => row.agency.code === 'BG.YENTHE' && !row.total)).toEqual({
        agency: { code: 'BG.YENTHE' },
        total: false,
        ratings: 1,
        averageRating: 4,
        satisfiedRate: 1,
      });
    });
  });
});
