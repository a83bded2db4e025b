import { APPLICANT, CRIMINAL_RECORD_INPUT, eventually, hubFootprint, useDossierHub } from '../testkit/dossiers';

const DOSSIER = `status currentLeg holder { code } addressee { code }
  legs { seq agency { code } agencyName result }
  transfers { kind from { code } fromName to { code } toName note handedBy acceptedBy }
  history { action actorName agencyName } historyIntact`;

describe('an agency that closes', () => {
  const { hub, dossiers, who, clock } = useDossierHub('2026-03-09T08:00:00+07:00');
  const homeAffairs = () => hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy');
  const provincialLand = () => hub.token('BG.VPDKDD', ['PROCESSOR'], 'Phan Văn Long');
  const close = (variables: Record<string, unknown>, token = homeAffairs()) =>
    hub.gql(
      `mutation ($code: ID!, $successor: ID!, $effectiveAt: DateTime!, $reason: String!) {
        closeAgency(code: $code, successor: $successor, effectiveAt: $effectiveAt, reason: $reason) { code validTo successor { code name } }
      }`,
      { code: 'BG.VPDKDD.YENTHE', successor: 'BG.VPDKDD', effectiveAt: '2026-03-10T00:00:00+07:00', reason: 'Sắp xếp lại các chi nhánh Văn phòng Đăng ký đất đai', ...variables },
      token,
    );
  const dossier = async (code: string) => (await hub.gql(`query ($code: ID!) { dossier(code: $code) { ${DOSSIER} } }`, { code }, who.supervisor)).data.dossier;
  const REASON = 'Sắp xếp lại các chi nhánh Văn phòng Đăng ký đất đai';

  let held: string;
  let inTransit: string;
  let ahead: string;

  it('refuses a closure by anyone but a supervisor of Home Affairs, or with bad input, and writes nothing', async () => {
    const before = await hubFootprint(hub);
    expect((await hub.gql(`mutation { closeAgency(code: "BG.VPDKDD.YENTHE", successor: "BG.VPDKDD", effectiveAt: "2026-03-09T08:00:00+07:00", reason: "x") { code } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const token of [hub.token('BG.SNV', ['PROCESSOR']), hub.token('BG.UBND', ['SUPERVISOR']), who.land]) {
      expect((await close({}, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    for (const bad of [
      { code: 'BG.KHONGCO' },
      { successor: 'BG.KHONGCO' },
      { successor: 'BG.VPDKDD.YENTHE' },
      { reason: ' ' },
      { effectiveAt: '2027-01-01T00:00:00+07:00' },
      { effectiveAt: 'mai' },
    ]) {
      expect((await close(bad)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await hubFootprint(hub)).toEqual(before);
  });

  it('hands every dossier it holds or was handed to its successor, and re-plans its legs ahead', async () => {
    held = (await dossiers.receiveLandTransfer(who.desk)).code;
    await dossiers.ok('handOver', { code: held, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    await dossiers.ok('accept', { code: held }, who.land);
    inTransit = (await dossiers.receiveLandTransfer(who.desk)).code;
    await dossiers.ok('handOver', { code: inTransit, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    ahead = (await dossiers.receiveLandTransfer(who.desk)).code;
    await dossiers.ok('handOver', { code: ahead, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    await dossiers.ok('accept', { code: ahead }, who.land);
    await dossiers.ok('handOver', { code: ahead, to: 'BG.CT.YENTHE' }, who.land);
    await dossiers.ok('accept', { code: ahead }, who.tax);

    clock.set('2026-03-10T08:00:00+07:00');
    const closed = await close({});
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeAgency).toEqual({
      code: 'BG.VPDKDD.YENTHE',
      validTo: '2026-03-10T00:00:00+07:00',
      successor: { code: 'BG.VPDKDD', name: 'Văn phòng Đăng ký đất đai tỉnh Bắc Giang' },
    });

    const heldNow = await eventually(async () => {
      const current = await dossier(held);
      expect(current.addressee).toEqual({ code: 'BG.VPDKDD' });
      return current;
    });
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

    const redirected = await eventually(async () => {
      const current = await dossier(inTransit);
      expect(current.addressee).toEqual({ code: 'BG.VPDKDD' });
      return current;
    });
    expect(redirected.transfers.map((t: any) => [t.kind, t.from.code, t.to.code, t.acceptedBy])).toEqual([
      ['ROUTE', 'BG.YENTHE', 'BG.VPDKDD.YENTHE', null],
      ['ROUTE', 'BG.YENTHE', 'BG.VPDKDD', null],
    ]);
    const aheadNow = await eventually(async () => {
      const current = await dossier(ahead);
      expect(current.legs[3].agency).toEqual({ code: 'BG.VPDKDD' });
      return current;
    });
    expect(aheadNow.holder).toEqual({ code: 'BG.CT.YENTHE' });
  });

  it('lets the successor carry on as with an ordinary hand-over', async () => {
    await dossiers.ok('accept', { code: held }, provincialLand());
    const accepted = await dossiers.ok('accept', { code: inTransit }, provincialLand());
    expect(accepted).toMatchObject({ holder: { code: 'BG.VPDKDD' }, currentLeg: 2 });
    expect(accepted.legs[0].result).not.toBeNull();
    const onward = await dossiers.ok('handOver', { code: ahead, to: 'BG.VPDKDD' }, who.tax);
    expect(onward.transfers.at(-1)).toMatchObject({ kind: 'ROUTE', to: { code: 'BG.VPDKDD' } });
    const tracked = await hub.gql(`query ($code: ID!) { trackDossier(code: $code, phone: "0912345678") { code holder { name } } }`, { code: held });
    expect(tracked.data.trackDossier).toEqual({ code: held, holder: { name: 'Văn phòng Đăng ký đất đai tỉnh Bắc Giang' } });
  });

  it('routes new dossiers to the successor, and refuses to close an agency twice', async () => {
    const fresh = await dossiers.receiveLandTransfer(who.desk);
    expect(fresh.legs.map((leg: any) => leg.agency.code)).toEqual(['BG.YENTHE', 'BG.VPDKDD', 'BG.CT.YENTHE', 'BG.VPDKDD']);
    expect((await close({})).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const agency = await hub.gql(`{ agency(code: "BG.VPDKDD.YENTHE") { name validTo successor { code } } }`);
    expect(agency.data.agency).toEqual({ name: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', validTo: '2026-03-10T00:00:00+07:00', successor: { code: 'BG.VPDKDD' } });
  });
});

describe('a desk agency that closes', () => {
  const { hub, dossiers, who, clock } = useDossierHub('2026-03-09T08:00:00+07:00');
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

  let away: string;
  let coming: string;
  let waiting: string;

  it('sends the results of the dossiers it received to the successor’s desk, which returns them', async () => {
    away = (await dossiers.receiveLandTransfer(who.desk)).code;
    await dossiers.ok('handOver', { code: away, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    await dossiers.ok('accept', { code: away }, who.land);
    coming = (await dossiers.receiveLandTransfer(who.desk)).code;
    await dossiers.ok('handOver', { code: coming, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    await dossiers.ok('accept', { code: coming }, who.land);
    await dossiers.ok('recordResult', { code: coming, outcome: 'DENIED', note: 'Thửa đất đang có tranh chấp' }, who.land);
    waiting = (await dossiers.receiveLandTransfer(who.desk)).code;

    clock.set('2026-03-10T08:00:00+07:00');
    const closed = await hub.gql(
      `mutation ($reason: String!) { closeAgency(code: "BG.YENTHE", successor: "BG.YENTHE.CAUGO", effectiveAt: "2026-03-10T00:00:00+07:00", reason: $reason) { code } }`,
      { reason: REASON },
      hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy'),
    );
    expect(closed.errors).toBeUndefined();

    // Still at the land branch: it will come back to the successor's desk; the receiving desk stays on record.
    const atLand = await eventually(async () => {
      const current = await read(away);
      expect(current.returnDesk).toEqual({ code: 'BG.YENTHE.CAUGO' });
      return current;
    });
    expect(atLand).toMatchObject({ desk: { code: 'BG.YENTHE' }, deskName: 'UBND huyện Yên Thế', returnDeskName: 'UBND thị trấn Cầu Gồ', holder: { code: 'BG.VPDKDD.YENTHE' }, addressee: null });
    // The result on its way to the closed desk goes on to the successor's, still as the result.
    const redirected = await eventually(async () => {
      const current = await read(coming);
      expect(current.addressee).toEqual({ code: 'BG.YENTHE.CAUGO' });
      return current;
    });
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
    const handed = await eventually(async () => {
      const current = await read(waiting);
      expect(current.addressee).toEqual({ code: 'BG.YENTHE.CAUGO' });
      return current;
    });
    expect(handed.returnDesk).toEqual({ code: 'BG.YENTHE.CAUGO' });
    await dossiers.ok('accept', { code: waiting }, successorDesk());
    const onward = await dossiers.ok('handOver', { code: waiting, to: 'BG.VPDKDD.YENTHE' }, successorDesk());
    expect(onward.transfers.at(-1)).toMatchObject({ kind: 'ROUTE', from: { code: 'BG.YENTHE.CAUGO' }, to: { code: 'BG.VPDKDD.YENTHE' } });
    expect(onward.legs[0]).toMatchObject({ agency: { code: 'BG.YENTHE.CAUGO' }, agencyName: 'UBND thị trấn Cầu Gồ' });
    expect(onward.code).toBe(waiting);
  });
});

describe('criminal-record certificates move from the Department of Justice to the provincial police on 1/3/2025', () => {
  const { hub, dossiers, clock } = useDossierHub('2025-02-26T09:00:00+07:00');
  const justice = { desk: () => hub.token('BG.STP', ['RECEPTIONIST'], 'Bùi Thị Lan'), processor: () => hub.token('BG.STP', ['PROCESSOR'], 'Tạ Văn Nam') };
  const police = { desk: () => hub.token('BG.CA', ['RECEPTIONIST'], 'Trung úy Hà Văn Quân'), processor: () => hub.token('BG.CA', ['PROCESSOR'], 'Thiếu tá Lý Văn Sơn') };
  const move = (variables: Record<string, unknown> = {}, token = hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy')) =>
    hub.gql(
      `mutation ($procedure: ID!, $from: ID!, $to: ID!, $effectiveAt: DateTime!, $reason: String!) {
        transferCompetence(procedure: $procedure, from: $from, to: $to, effectiveAt: $effectiveAt, reason: $reason) {
          code competenceMoves { from to effectiveAt reason }
        }
      }`,
      {
        procedure: 'BG-TP-LLTP',
        from: 'BG.STP',
        to: 'BG.CA',
        effectiveAt: '2025-03-01T00:00:00+07:00',
        reason: 'Luật Lý lịch tư pháp sửa đổi: Công an cấp Phiếu lý lịch tư pháp từ 01/3/2025',
        ...variables,
      },
      token,
    );

  let code: string;

  it('moves the dossiers in flight at the department to the police, keeping their codes', async () => {
    code = (await dossiers.ok('receive', { input: CRIMINAL_RECORD_INPUT }, justice.desk())).code;
    expect(code).toMatch(/^BG\.STP-250226-/);
    clock.set('2025-03-03T08:00:00+07:00');
    expect((await move({}, hub.token('BG.STP', ['SUPERVISOR']))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await move({ to: 'BG.KBNN' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const moved = await move();
    expect(moved.errors).toBeUndefined();
    expect(moved.data.transferCompetence.competenceMoves).toEqual([
      { from: 'BG.STP', to: 'BG.CA', effectiveAt: '2025-03-01T00:00:00+07:00', reason: 'Luật Lý lịch tư pháp sửa đổi: Công an cấp Phiếu lý lịch tư pháp từ 01/3/2025' },
    ]);
    expect((await move()).errors?.[0].extensions?.code).toBe('CONFLICT');

    await eventually(async () => {
      const response = await hub.gql(`query ($code: ID!) { dossier(code: $code) { addressee { code } } }`, { code }, hub.token('BG.SNV', ['SUPERVISOR']));
      expect(response.data.dossier.addressee).toEqual({ code: 'BG.CA' });
    });
    await dossiers.ok('accept', { code }, police.processor());
    const resolved = await dossiers.ok('recordResult', { code, outcome: 'APPROVED', note: 'Đã cấp Phiếu lý lịch tư pháp số 1' }, police.processor());
    expect(resolved).toMatchObject({ status: 'RESOLVED', addressee: { code: 'BG.STP' } });
    await dossiers.ok('accept', { code }, justice.desk());
    const returned = await dossiers.ok('returnResult', { code, receivedBy: APPLICANT.name }, justice.desk());
    expect(returned.code).toBe(code);
    expect(returned.legs.map((leg: any) => [leg.agency.code, leg.agencyName])).toEqual([['BG.CA', 'Công an tỉnh Bắc Giang']]);
    expect(returned.transfers.map((t: any) => [t.kind, t.fromName, t.toName])).toEqual([
      ['OTHER', 'Sở Tư pháp tỉnh Bắc Giang', 'Công an tỉnh Bắc Giang'],
      ['RESULT', 'Công an tỉnh Bắc Giang', 'Sở Tư pháp tỉnh Bắc Giang'],
    ]);
  });

  it('sends new requests to the police desk from then on', async () => {
    const atJustice = await dossiers.run('receive', { input: CRIMINAL_RECORD_INPUT }, justice.desk());
    expect(atJustice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { desk: expect.stringContaining('Công an tỉnh Bắc Giang') } });
    const atPolice = await dossiers.ok('receive', { input: { ...CRIMINAL_RECORD_INPUT, desk: 'BG.CA' } }, police.desk());
    expect(atPolice.code).toMatch(/^BG\.CA-250303-0001$/);
    expect(atPolice.legs).toEqual([expect.objectContaining({ agency: { code: 'BG.CA' }, workingDays: 10 })]);
  });
});
