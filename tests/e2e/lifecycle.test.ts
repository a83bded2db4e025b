import { foldStatus } from '../../subgraphs/onestop/rulebook/evolve';
import type { Action } from '../../subgraphs/onestop/rulebook/workflow';
import { aDossierAtLeg, APPLICANT, aReceivedDossier, aResolvedDossier, type HandOverTimes, useDossierHub } from '../testkit/dossiers';

/**
 * A land-use right transfer (BG-DD-CN) received at the Yên Thế district desk on Monday 9 March 2026 goes
 * desk → land branch → tax branch → land branch → result → desk → returned, every leg accepted by the right
 * agency, the control slip complete and every deadline right. Each test builds its own dossier along the
 * same timeline, as far as it needs.
 */
describe('a land transfer dossier from reception to return, through the gateway', () => {
  const RECEIVED_AT = '2026-03-09T09:00:00+07:00';
  /** When each hand-over is made and accepted: to the land branch, the tax branch, the land branch, the result to the desk. */
  const TIMELINE: HandOverTimes[] = [
    { handedAt: '2026-03-09T10:00:00+07:00', acceptedAt: '2026-03-09T14:00:00+07:00' },
    { handedAt: '2026-03-12T10:00:00+07:00', acceptedAt: '2026-03-12T14:00:00+07:00' },
    { handedAt: '2026-03-19T10:00:00+07:00', acceptedAt: '2026-03-19T11:00:00+07:00' },
    { handedAt: '2026-03-20T10:00:00+07:00', acceptedAt: '2026-03-20T14:00:00+07:00' },
  ];
  const context = useDossierHub(RECEIVED_AT);
  const { hub, dossiers, who, clock } = context;

  /** The dossier at the end of the timeline: returned on Monday 23 March 08:00 to the post office, which delivers it. */
  async function aReturnedDossier(): Promise<any> {
    const { code } = await aResolvedDossier(context, RECEIVED_AT, TIMELINE);
    clock.set('2026-03-23T08:00:00+07:00');
    return dossiers.ok('returnResult', { code, receivedBy: 'Bưu điện huyện Yên Thế' }, who.desk);
  }

  it('is received complete: code, receipt, ledger entry, and legs planned from the route with their deadlines', async () => {
    // The first receipt of this hub's database: the day's serial, the receipt and the ledger start at 1.
    const dossier = await aReceivedDossier(context, RECEIVED_AT, { copies: 1, delivery: 'POSTAL' });
    expect(dossier).toMatchObject({
      code: 'BG.YENTHE-260309-0001',
      status: 'RECEIVED',
      nationalStatusCode: 2,
      receivedAt: '2026-03-09T09:00:00+07:00',
      dueAt: '2026-03-23T09:00:00+07:00',
      // 2026's official schedule is confirmed in the calendar register.
      dueProvisional: false,
      receiptNumber: '1/TNHS',
      ledgerBook: 'Đất đai 2026',
      ledgerNumber: 1,
      delivery: 'POSTAL',
      procedure: { code: 'BG-DD-CN' },
      desk: { code: 'BG.YENTHE' },
      holder: { code: 'BG.YENTHE' },
      addressee: null,
      applicant: { ...APPLICANT, phone: '0912345678' },
      transfers: [],
    });
    // Legs due cumulatively from Monday 9 March 09:00, in working days of 8 office hours (winter: 07:30–12:00,
    // 13:00–16:30), no holiday on the way: the desk's hand-off at that day's closing, then 4, 7 and 10 days on.
    expect(dossier.legs.map((leg: any) => [leg.seq, leg.agency.code, leg.workingDays, leg.dueAt, leg.result])).toEqual([
      [1, 'BG.YENTHE', 0, '2026-03-09T16:30:00+07:00', null],
      [2, 'BG.VPDKDD.YENTHE', 4, '2026-03-13T09:00:00+07:00', null],
      [3, 'BG.CT.YENTHE', 3, '2026-03-18T09:00:00+07:00', null],
      [4, 'BG.VPDKDD.YENTHE', 3, '2026-03-23T09:00:00+07:00', null],
    ]);
    expect(dossier.legs[1].agencyName).toBe('Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế');
  });

  it('goes from the desk to the land branch, which finds it in its inbox before accepting', async () => {
    const { code } = await aReceivedDossier(context, RECEIVED_AT);
    const inbox = async () =>
      (await hub.gql(`{ agency(code: "BG.VPDKDD.YENTHE") { inbox(first: 100) { totalCount edges { node { code status } } } } }`, {}, who.land)).data.agency.inbox;
    const before = await inbox();
    expect(before.edges.map((edge: any) => edge.node.code)).not.toContain(code);

    clock.set('2026-03-09T10:00:00+07:00');
    const handed = await dossiers.ok('handOver', { code, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    expect(handed).toMatchObject({ status: 'RECEIVED', holder: { code: 'BG.YENTHE' }, addressee: { code: 'BG.VPDKDD.YENTHE' } });

    const after = await inbox();
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.edges).toContainEqual({ node: { code, status: 'RECEIVED' } });

    clock.set('2026-03-09T14:00:00+07:00');
    const accepted = await dossiers.ok('accept', { code }, who.land);
    expect(accepted).toMatchObject({ status: 'IN_PROGRESS', nationalStatusCode: 4, holder: { code: 'BG.VPDKDD.YENTHE' }, addressee: null });
    expect(accepted.legs[0]).toMatchObject({ result: 'ON_TIME', completedAt: '2026-03-09T10:00:00+07:00' });
  });

  it('goes to the tax branch and back to the land branch, each leg judged by its own deadline', async () => {
    const { code } = await aDossierAtLeg(context, 2, RECEIVED_AT, TIMELINE);
    clock.set('2026-03-12T10:00:00+07:00');
    await dossiers.ok('handOver', { code, to: 'BG.CT.YENTHE' }, who.land);
    clock.set('2026-03-12T14:00:00+07:00');
    const atTax = await dossiers.ok('accept', { code }, who.tax);
    expect(atTax.legs[1].result).toBe('EARLY');

    clock.set('2026-03-19T10:00:00+07:00');
    await dossiers.ok('handOver', { code, to: 'BG.VPDKDD.YENTHE' }, who.tax);
    clock.set('2026-03-19T11:00:00+07:00');
    const back = await dossiers.ok('accept', { code }, who.land);
    expect(back.legs[2].result).toBe('LATE');
    expect(back.holder.code).toBe('BG.VPDKDD.YENTHE');
  });

  it('gets its result at the land branch, which sends it back to the desk', async () => {
    const { code } = await aDossierAtLeg(context, 4, RECEIVED_AT, TIMELINE);
    clock.set('2026-03-20T10:00:00+07:00');
    const resolved = await dossiers.ok('recordResult', { code, outcome: 'APPROVED', note: 'Đã chỉnh lý Giấy chứng nhận' }, who.land);
    // On its way back the result is not yet at the desk: still in progress (4) until the desk accepts it.
    expect(resolved).toMatchObject({ status: 'IN_PROGRESS', nationalStatusCode: 4, outcome: 'APPROVED', addressee: { code: 'BG.YENTHE' } });

    const early = await dossiers.run('returnResult', { code, receivedBy: APPLICANT.name }, who.desk);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'IN_PROGRESS', inTransit: true, allowed: ['ACCEPT'] });

    clock.set('2026-03-20T14:00:00+07:00');
    const atDesk = await dossiers.ok('accept', { code }, who.desk);
    expect(atDesk).toMatchObject({ status: 'RESOLVED', nationalStatusCode: 9, holder: { code: 'BG.YENTHE' }, resolvedAt: '2026-03-20T14:00:00+07:00' });
    expect(atDesk.legs[3].result).toBe('EARLY');
  });

  it('is returned to the applicant, early overall, with a complete control slip', async () => {
    const returned = await aReturnedDossier();
    expect(returned).toMatchObject({
      status: 'RETURNED',
      nationalStatusCode: 10,
      returnedAt: '2026-03-23T08:00:00+07:00',
      returnedTo: 'Bưu điện huyện Yên Thế',
      timeliness: 'EARLY',
      holder: null,
    });
    expect(returned.transfers.map((t: any) => [t.seq, t.kind, t.from.code, t.to.code, t.handedAt, t.handedBy, t.acceptedAt, t.acceptedBy, t.result])).toEqual([
      [1, 'ROUTE', 'BG.YENTHE', 'BG.VPDKDD.YENTHE', '2026-03-09T10:00:00+07:00', 'Nguyễn Văn An', '2026-03-09T14:00:00+07:00', 'Trần Thị Bình', 'ON_TIME'],
      [2, 'ROUTE', 'BG.VPDKDD.YENTHE', 'BG.CT.YENTHE', '2026-03-12T10:00:00+07:00', 'Trần Thị Bình', '2026-03-12T14:00:00+07:00', 'Phạm Minh Đức', 'EARLY'],
      [3, 'ROUTE', 'BG.CT.YENTHE', 'BG.VPDKDD.YENTHE', '2026-03-19T10:00:00+07:00', 'Phạm Minh Đức', '2026-03-19T11:00:00+07:00', 'Trần Thị Bình', 'LATE'],
      [4, 'RESULT', 'BG.VPDKDD.YENTHE', 'BG.YENTHE', '2026-03-20T10:00:00+07:00', 'Trần Thị Bình', '2026-03-20T14:00:00+07:00', 'Nguyễn Văn An', 'EARLY'],
    ]);
    expect(returned.transfers[2]).toMatchObject({ fromName: 'Chi cục Thuế huyện Yên Thế', toName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế' });
  });

  it('keeps a history whose chain is intact and whose actions fold to the status', async () => {
    const { code } = await aReturnedDossier();
    const response = await hub.gql(
      `query ($code: ID!) { dossier(code: $code) { status historyIntact history { seq action actorName agencyName fromStatus toStatus at } } }`,
      { code },
      who.supervisor,
    );
    const { status, historyIntact, history } = response.data.dossier;
    expect(historyIntact).toBe(true);
    expect(history.map((event: any) => event.action)).toEqual([
      'RECEIVE', 'HAND_OVER', 'ACCEPT', 'HAND_OVER', 'ACCEPT', 'HAND_OVER', 'ACCEPT', 'RECORD_RESULT', 'ACCEPT', 'RETURN',
    ]);
    expect(foldStatus(history.map((event: any) => event.action as Action))).toBe(status);
    expect(history[2]).toMatchObject({ actorName: 'Trần Thị Bình', agencyName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', fromStatus: 'RECEIVED', toStatus: 'IN_PROGRESS' });
  });

  it('shows a tampered history as broken', async () => {
    const { code } = await aReturnedDossier();
    const { Client } = await import('pg');
    const client = new Client({ connectionString: hub.database.url });
    await client.connect();
    try {
      // The table refuses edits; someone with the power to lift that guard still leaves a broken chain.
      await expect(client.query(`update onestop.dossier_event set actor_name = 'Ai đó' where seq = 3`)).rejects.toThrow(/append-only/);
      await client.query('alter table onestop.dossier_event disable trigger dossier_event_immutable');
      await client.query(`update onestop.dossier_event set actor_name = 'Ai đó' where dossier_code = $1 and seq = 3`, [code]);
      await client.query('alter table onestop.dossier_event enable trigger dossier_event_immutable');
    } finally {
      await client.end();
    }
    const response = await hub.gql(`query ($code: ID!) { dossier(code: $code) { historyIntact } }`, { code }, who.supervisor);
    expect(response.data.dossier.historyIntact).toBe(false);
  });

  it('lets the citizen track it by code and phone, without personal data, and answers a wrong phone as an unknown code', async () => {
    const { code } = await aReturnedDossier();
    const query = `query ($code: ID!, $phone: String!) { trackDossier(code: $code, phone: $phone) {
      code status nationalStatusCode procedureName deskName receivedAt dueAt timeliness
      procedure { name } holder { name } legs { seq agencyName dueAt result }
    } }`;
    const tracked = await hub.gql(query, { code, phone: '+84 912 345 678' });
    expect(tracked.errors).toBeUndefined();
    expect(tracked.data.trackDossier).toMatchObject({
      code,
      status: 'RETURNED',
      procedureName: 'Đăng ký biến động quyền sử dụng đất, tài sản gắn liền với đất do chuyển nhượng',
      procedure: { name: 'Đăng ký biến động quyền sử dụng đất, tài sản gắn liền với đất do chuyển nhượng' },
      deskName: 'UBND huyện Yên Thế',
      holder: null,
    });
    expect(tracked.data.trackDossier.legs).toHaveLength(4);
    const wrongPhone = await hub.gql(query, { code, phone: '0987654321' });
    const wrongCode = await hub.gql(query, { code: 'BG.YENTHE-260309-9999', phone: '0912345678' });
    expect(wrongPhone).toEqual(wrongCode);
    expect(wrongPhone.data).toEqual({ trackDossier: null });

    const personal = await hub.gql(`{ __type(name: "DossierTracking") { fields { name } } }`);
    const fields = personal.data.__type.fields.map((field: { name: string }) => field.name);
    for (const hidden of ['applicant', 'transfers', 'history', 'returnedTo', 'outcomeNote']) expect(fields).not.toContain(hidden);
  });

  it('is readable by the agencies that held it and by supervisors; others get FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    const { code } = await aReturnedDossier();
    const query = `query ($code: ID!) { dossier(code: $code) { code } }`;
    for (const token of [who.desk, who.land, who.tax, who.supervisor]) {
      expect((await hub.gql(query, { code }, token)).data.dossier.code).toBe(code);
    }
    expect((await hub.gql(query, { code }, who.otherDesk)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await hub.gql(query, { code })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
