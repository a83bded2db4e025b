import { documentsOf } from '../../subgraphs/common/reference-data';
import { aDossierAtLeg, aDossierInTransitTo, allEventsConsumed, APPLICANT, aReceivedDossier, dataOf, eventually, hubFootprint, useDossierHub } from '../testkit/dossiers';

const DOSSIER = `status currentLeg holder { code } addressee { code }
  legs { seq agency { code } agencyName result }
  transfers { kind from { code } fromName to { code } toName note handedBy acceptedBy }
  history { action actorName agencyName } historyIntact`;

describe('an agency that closes', () => {
  const context = useDossierHub('2026-03-09T08:00:00+07:00');
  const { hub, dossiers, who, clock } = context;
  const homeAffairs = () => hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy');
  const provincialLand = () => hub.token('BG.VPDKDD', ['PROCESSOR'], 'Phan Văn Long');
  const REASON = 'Sắp xếp lại các chi nhánh Văn phòng Đăng ký đất đai';
  const close = (variables: Record<string, unknown>, token = homeAffairs()) =>
    hub.gql(
      `mutation ($code: ID!, $successor: ID!, $effectiveAt: DateTime!, $reason: String!) {
        closeAgency(code: $code, successor: $successor, effectiveAt: $effectiveAt, reason: $reason) { code validTo successor { code name } }
      }`,
      { code: 'BG.VPDKDD.YENTHE', successor: 'BG.VPDKDD', effectiveAt: '2026-03-10T00:00:00+07:00', reason: REASON, ...variables },
      token,
    );
  const dossier = async (code: string) => dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { ${DOSSIER} } }`, { code }, who.supervisor)).dossier;

  it('refuses a closure by anyone but a supervisor of the registrar, or with bad input, and writes nothing', async () => {
    // Tân Yên's land branch: no test closes it, so each refusal has only its own reason.
    const tanYen = { code: 'BG.VPDKDD.TANYEN', effectiveAt: '2026-03-09T00:00:00+07:00' };
    clock.set('2026-03-09T08:00:00+07:00');
    const before = await hubFootprint(hub);
    const anonymous = await hub.gql(`mutation { closeAgency(code: "BG.VPDKDD.TANYEN", successor: "BG.VPDKDD", effectiveAt: "2026-03-09T00:00:00+07:00", reason: "x") { code } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const token of [hub.token('BG.SNV', ['PROCESSOR']), hub.token('BG.UBND', ['SUPERVISOR']), who.land]) {
      expect((await close(tanYen, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    // Each row: what is wrong, and the field named (null: GraphQL's own check of the DateTime).
    for (const [bad, field] of [
      [{ code: 'BG.KHONGCO' }, 'code'],
      [{ successor: 'BG.KHONGCO' }, 'successor'],
      [{ successor: 'BG.VPDKDD.TANYEN' }, 'successor'],
      [{ reason: ' ' }, 'reason'],
      // A decision may be entered ahead of its date, but not years ahead, nor before the directory began.
      [{ effectiveAt: '2028-06-01T00:00:00+07:00' }, 'effectiveAt'],
      [{ effectiveAt: '2014-12-31T00:00:00+07:00' }, 'effectiveAt'],
      [{ effectiveAt: 'mai' }, null],
      [{ effectiveAt: '2026-03-10T00:00:00+24:00' }, null],
      // A tax branch does not take over a land branch's work unless a decision says why.
      [{ successor: 'BG.CT.TANYEN' }, 'successor'],
      // The registrar cannot close itself: the registers would have no keeper.
      [{ code: 'BG.SNV', successor: 'BG.STP' }, 'code'],
    ] as const) {
      const refused = await close({ ...tanYen, ...bad });
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      if (field) expect(Object.keys(refused.errors?.[0].extensions?.fields ?? {})).toEqual([field]);
    }
    expect(await hubFootprint(hub)).toEqual(before);
  });

  describe('closed on 10 March 2026 with dossiers in flight', () => {
    /** A dossier Yên Thế's land branch holds, one handed to it and not accepted yet, one it passed on to the tax branch (the route comes back to it). */
    const inFlight = async () => ({
      held: (await aDossierAtLeg(context, 2, '2026-03-09T08:00:00+07:00')).code as string,
      inTransit: (await aDossierInTransitTo(context, 2, '2026-03-09T08:00:00+07:00')).code as string,
      ahead: (await aDossierAtLeg(context, 3, '2026-03-09T08:00:00+07:00')).code as string,
    });
    let watched: Awaited<ReturnType<typeof inFlight>>;
    let carried: Awaited<ReturnType<typeof inFlight>>;
    let closed: unknown;

    beforeAll(async () => {
      watched = await inFlight();
      carried = await inFlight();
      clock.set('2026-03-10T08:00:00+07:00');
      closed = dataOf(await close({})).closeAgency;
      await allEventsConsumed(hub);
    });

    it('keeps the agency on record, valid until the closure, pointing to its successor', async () => {
      const closure = { validTo: '2026-03-10T00:00:00+07:00', successor: { code: 'BG.VPDKDD', name: 'Văn phòng Đăng ký đất đai tỉnh Bắc Giang' } };
      expect(closed).toEqual({ code: 'BG.VPDKDD.YENTHE', ...closure });
      const agency = await hub.gql(`{ agency(code: "BG.VPDKDD.YENTHE") { code name validTo successor { code name } } }`);
      expect(agency.data.agency).toEqual({ code: 'BG.VPDKDD.YENTHE', name: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', ...closure });
    });

    it('hands every dossier it holds or was handed to its successor, and re-plans its legs ahead', async () => {
      const heldNow = await dossier(watched.held);
      expect(heldNow.addressee).toEqual({ code: 'BG.VPDKDD' });
      expect(heldNow.transfers.at(-1)).toEqual({
        kind: 'OTHER',
        from: { code: 'BG.VPDKDD.YENTHE' },
        fromName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế',
        to: { code: 'BG.VPDKDD' },
        toName: 'Văn phòng Đăng ký đất đai tỉnh Bắc Giang',
        note: REASON,
        handedBy: 'Vũ Quang Huy',
        acceptedBy: null,
      });
      expect(heldNow.history.at(-1)).toEqual({ action: 'REASSIGN', actorName: 'Vũ Quang Huy', agencyName: 'Sở Nội vụ tỉnh Bắc Giang' });
      expect(heldNow.history[2]).toMatchObject({ action: 'ACCEPT', agencyName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế' });
      expect(heldNow.legs.map((leg: any) => leg.agency.code)).toEqual(['BG.YENTHE', 'BG.VPDKDD', 'BG.CT.YENTHE', 'BG.VPDKDD']);

      const redirected = await dossier(watched.inTransit);
      expect(redirected.addressee).toEqual({ code: 'BG.VPDKDD' });
      expect(redirected.transfers.map((t: any) => [t.kind, t.from.code, t.to.code, t.acceptedBy])).toEqual([
        ['ROUTE', 'BG.YENTHE', 'BG.VPDKDD.YENTHE', null],
        ['ROUTE', 'BG.YENTHE', 'BG.VPDKDD', null],
      ]);
      const aheadNow = await dossier(watched.ahead);
      expect(aheadNow.legs.map((leg: any) => leg.agency.code)).toEqual(['BG.YENTHE', 'BG.VPDKDD.YENTHE', 'BG.CT.YENTHE', 'BG.VPDKDD']);
      expect(aheadNow.holder).toEqual({ code: 'BG.CT.YENTHE' });
    });

    it('lets the successor carry on as with an ordinary hand-over', async () => {
      await dossiers.ok('accept', { code: carried.held }, provincialLand());
      const accepted = await dossiers.ok('accept', { code: carried.inTransit }, provincialLand());
      expect(accepted).toMatchObject({ holder: { code: 'BG.VPDKDD' }, currentLeg: 2 });
      expect(accepted.legs[0].result).not.toBeNull();
      const onward = await dossiers.ok('handOver', { code: carried.ahead, to: 'BG.VPDKDD' }, who.tax);
      expect(onward.transfers.at(-1)).toMatchObject({ kind: 'ROUTE', to: { code: 'BG.VPDKDD' } });
      const tracked = await hub.gql(`query ($code: ID!) { trackDossier(code: $code, phone: "0912345678") { code holder { name } } }`, { code: carried.held });
      expect(tracked.data.trackDossier).toEqual({ code: carried.held, holder: { name: 'Văn phòng Đăng ký đất đai tỉnh Bắc Giang' } });
    });

    it('routes new dossiers to the successor, and refuses to close the agency again with BAD_USER_INPUT', async () => {
      const fresh = await aReceivedDossier(context, '2026-03-10T09:00:00+07:00');
      expect(fresh.legs.map((leg: any) => leg.agency.code)).toEqual(['BG.YENTHE', 'BG.VPDKDD', 'BG.CT.YENTHE', 'BG.VPDKDD']);
      const again = await close({});
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { code: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế is already closed (2026-03-10)' } });
    });
  });
});

describe('a desk agency that closes', () => {
  const context = useDossierHub('2026-03-09T08:00:00+07:00');
  const { hub, dossiers, who, clock } = context;
  const REASON = 'Sắp xếp đơn vị hành chính: Bộ phận Một cửa huyện chuyển về thị trấn Cầu Gồ';
  const successorDesk = () => hub.token('BG.YENTHE.CAUGO', ['RECEPTIONIST'], 'Ngô Thị Mai');
  const read = async (code: string) =>
    (
      await hub.gql(
        `query ($code: ID!) { dossier(code: $code) {
          code status desk { code } deskName returnDesk { code } returnDeskName holder { code } addressee { code }
          transfers { kind from { code } to { code } toName acceptedBy } notices { kind channel body }
        } }`,
        { code },
        who.supervisor,
      )
    ).data.dossier;

  // Received at Yên Thế's desk before it closes on 10 March: one at the land branch, one whose (denied)
  // result is on its way back to the desk, one still waiting at the desk.
  let away: string;
  let coming: string;
  let waiting: string;
  beforeAll(async () => {
    away = (await aDossierAtLeg(context, 2, '2026-03-09T08:00:00+07:00')).code;
    coming = (await aDossierAtLeg(context, 2, '2026-03-09T08:00:00+07:00')).code;
    await dossiers.ok('recordResult', { code: coming, outcome: 'DENIED', note: 'Thửa đất đang có tranh chấp' }, who.land);
    waiting = (await aReceivedDossier(context, '2026-03-09T08:00:00+07:00')).code;

    clock.set('2026-03-10T08:00:00+07:00');
    dataOf(
      await hub.gql(
        `mutation ($reason: String!) { closeAgency(code: "BG.YENTHE", successor: "BG.YENTHE.CAUGO", effectiveAt: "2026-03-10T00:00:00+07:00", reason: $reason) { code } }`,
        { reason: REASON },
        hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy'),
      ),
    );
    await allEventsConsumed(hub);
  });

  it('sends the results of the dossiers it received to the successor’s desk, which returns them', async () => {
    // Still at the land branch: it will come back to the successor's desk; the receiving desk stays on record.
    const atLand = await read(away);
    expect(atLand).toMatchObject({ returnDesk: { code: 'BG.YENTHE.CAUGO' } });
    expect(atLand).toMatchObject({ desk: { code: 'BG.YENTHE' }, deskName: 'UBND huyện Yên Thế', returnDeskName: 'UBND thị trấn Cầu Gồ', holder: { code: 'BG.VPDKDD.YENTHE' }, addressee: null });
    // The result on its way to the closed desk goes on to the successor's, still as the result.
    const redirected = await read(coming);
    expect(redirected.addressee).toEqual({ code: 'BG.YENTHE.CAUGO' });
    expect(redirected.transfers.slice(-2).map((t: any) => [t.kind, t.from.code, t.to.code, t.acceptedBy])).toEqual([
      ['RESULT', 'BG.VPDKDD.YENTHE', 'BG.YENTHE', null],
      ['RESULT', 'BG.VPDKDD.YENTHE', 'BG.YENTHE.CAUGO', null],
    ]);
    expect(redirected.notices.filter((notice: any) => notice.kind === 'RESULT_READY')).toEqual([]);

    // The closed desk's officers can no longer take or return it; the successor's can.
    expect((await dossiers.run('accept', { code: coming }, who.desk)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await dossiers.ok('accept', { code: coming }, successorDesk());
    const told = await read(coming);
    expect(told.notices.filter((notice: any) => notice.kind === 'RESULT_READY' && notice.channel === 'SMS').map((notice: any) => notice.body)).toEqual([
      `Hồ sơ ${coming} đã có kết quả. Mời Ông/Bà đến UBND thị trấn Cầu Gồ nhận kết quả.`,
    ]);
    expect((await dossiers.run('returnResult', { code: coming, receivedBy: APPLICANT.name }, who.desk)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await dossiers.ok('returnResult', { code: coming, receivedBy: APPLICANT.name }, successorDesk())).toMatchObject({ code: coming, status: 'RETURNED' });

    // The land branch's result goes straight to the successor's desk.
    const resolved = await dossiers.ok('recordResult', { code: away, outcome: 'DENIED', note: 'Hợp đồng chuyển nhượng chưa được công chứng' }, who.land);
    expect(resolved.addressee).toEqual({ code: 'BG.YENTHE.CAUGO' });
    await dossiers.ok('accept', { code: away }, successorDesk());
    expect(await dossiers.ok('returnResult', { code: away, receivedBy: APPLICANT.name }, successorDesk())).toMatchObject({ status: 'RETURNED', timeliness: 'EARLY' });
  });

  it('hands the dossiers waiting at the closed desk to the successor’s desk, which sends them on along the route', async () => {
    const handed = await read(waiting);
    expect(handed.addressee).toEqual({ code: 'BG.YENTHE.CAUGO' });
    expect(handed.returnDesk).toEqual({ code: 'BG.YENTHE.CAUGO' });
    await dossiers.ok('accept', { code: waiting }, successorDesk());
    const onward = await dossiers.ok('handOver', { code: waiting, to: 'BG.VPDKDD.YENTHE' }, successorDesk());
    expect(onward.transfers.at(-1)).toMatchObject({ kind: 'ROUTE', from: { code: 'BG.YENTHE.CAUGO' }, to: { code: 'BG.VPDKDD.YENTHE' } });
    expect(onward.legs[0]).toMatchObject({ agency: { code: 'BG.YENTHE.CAUGO' }, agencyName: 'UBND thị trấn Cầu Gồ' });
    expect(onward.code).toBe(waiting);
  });
});

describe('a competence that moves on a date ahead: the dossiers in flight follow it on that date', () => {
  const { hub, dossiers, clock } = useDossierHub('2026-03-09T09:00:00+07:00');
  const registrar = () => hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy');
  const planning = { desk: () => hub.token('BG.SKHDT', ['RECEPTIONIST'], 'Bùi Thị Lan') };
  const finance = { desk: () => hub.token('BG.STC', ['RECEPTIONIST'], 'Đào Văn Hải'), processor: () => hub.token('BG.STC', ['PROCESSOR'], 'Tạ Văn Nam') };
  const REASON = 'Chuyển thẩm quyền đăng ký doanh nghiệp (kiểm thử)';
  const SOURCE = 'Quyết định số 1/QĐ-KT ngày 09/3/2026 (a decision of this test only)';
  const INPUT = { procedure: 'BG-KHDT-DKDN', desk: 'BG.SKHDT', applicant: APPLICANT, documents: documentsOf('BG-KHDT-DKDN') };
  const move = (variables: Record<string, unknown> = {}, token = registrar()) =>
    hub.gql(
      `mutation ($procedure: ID!, $from: ID!, $to: ID!, $effectiveAt: DateTime!, $reason: String!, $source: String) {
        transferCompetence(procedure: $procedure, from: $from, to: $to, effectiveAt: $effectiveAt, reason: $reason, source: $source) {
          code competenceMoves { from to effectiveAt reason }
        }
      }`,
      { procedure: 'BG-KHDT-DKDN', from: 'BG.SKHDT', to: 'BG.STC', effectiveAt: '2026-03-16T00:00:00+07:00', reason: REASON, source: SOURCE, ...variables },
      token,
    );
  const where = async (code: string) =>
    dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { holder { code } addressee { code } } }`, { code }, registrar())).dossier;
  const MOVES = [{ from: 'BG.SKHDT', to: 'BG.STC', effectiveAt: '2026-03-16T00:00:00+07:00', reason: REASON }];

  // One request received on 9 March, before the move is entered; one on 13 March, after it is entered
  // and before it takes effect on 16 March.
  let first: string;
  let second: string;
  let moved: unknown;
  beforeAll(async () => {
    first = (await dossiers.ok('receive', { input: INPUT }, planning.desk())).code;
    moved = dataOf(await move()).transferCompetence;
    clock.set('2026-03-13T10:00:00+07:00');
    second = (await dossiers.ok('receive', { input: INPUT }, planning.desk())).code;
    await allEventsConsumed(hub);
  });

  it('is recorded on the procedure once, ahead of its date; the same move again is refused with BAD_USER_INPUT and writes nothing', async () => {
    expect(moved).toEqual({ code: 'BG-KHDT-DKDN', competenceMoves: MOVES });
    const before = await hubFootprint(hub);
    const again = await move();
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { to: 'the competence already lies with BG.STC since 2026-03-16' } });
    expect((await move({}, hub.token('BG.SKHDT', ['SUPERVISOR']))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await move({ to: 'BG.KBNN', effectiveAt: '2026-03-17T00:00:00+07:00' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { to: 'Kho bạc Nhà nước Bắc Giang has no desk to receive the procedure' },
    });
    expect(await hubFootprint(hub)).toEqual(before);
  });

  it('leaves the dossiers where they are until the move takes effect', async () => {
    expect(await where(first)).toEqual({ holder: { code: 'BG.SKHDT' }, addressee: null });
    expect(await where(second)).toEqual({ holder: { code: 'BG.SKHDT' }, addressee: null });
  });

  it('sends the dossiers in flight to the new agency on the date, keeping their codes and the names of their day', async () => {
    clock.set('2026-03-16T08:00:00+07:00');
    for (const code of [first, second]) await eventually(async () => expect((await where(code)).addressee).toEqual({ code: 'BG.STC' }));
    await dossiers.ok('accept', { code: first }, finance.processor());
    const resolved = await dossiers.ok('recordResult', { code: first, outcome: 'APPROVED', note: 'Đã cấp Giấy chứng nhận đăng ký doanh nghiệp' }, finance.processor());
    expect(resolved).toMatchObject({ code: first, status: 'IN_PROGRESS', outcome: 'APPROVED', addressee: { code: 'BG.SKHDT' } });
    expect(resolved.legs.map((leg: any) => [leg.agency.code, leg.agencyName])).toEqual([['BG.STC', 'Sở Tài chính tỉnh Bắc Giang']]);
    expect(resolved.transfers.map((t: any) => [t.kind, t.fromName, t.toName, t.note])).toEqual([
      ['OTHER', 'Sở Kế hoạch và Đầu tư tỉnh Bắc Giang', 'Sở Tài chính tỉnh Bắc Giang', `${REASON} (${SOURCE})`],
      ['RESULT', 'Sở Tài chính tỉnh Bắc Giang', 'Sở Kế hoạch và Đầu tư tỉnh Bắc Giang', 'Đã cấp Giấy chứng nhận đăng ký doanh nghiệp'],
    ]);
  });

  it('sends new requests to the new agency’s desk from then on, naming it', async () => {
    clock.set('2026-03-16T09:00:00+07:00');
    const atPlanning = await dossiers.run('receive', { input: INPUT }, planning.desk());
    expect(atPlanning.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { desk: 'since 2026-03-16 Đăng ký thành lập doanh nghiệp tư nhân is received by Sở Tài chính tỉnh Bắc Giang' },
    });
    const atFinance = await dossiers.ok('receive', { input: { ...INPUT, desk: 'BG.STC' } }, finance.desk());
    expect(atFinance.legs).toEqual([expect.objectContaining({ agency: { code: 'BG.STC' }, workingDays: 3 })]);
  });
});
