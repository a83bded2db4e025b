import { ReferenceKind, type EntityClass } from '@mikro-orm/core';
import { readEntity } from '../../subgraphs/common/prepared';
import { Dossier } from '../../subgraphs/onestop/dossier/dossier.entity';
import { DossierLeg } from '../../subgraphs/onestop/dossier/dossier-leg.entity';
import { Transfer } from '../../subgraphs/onestop/dossier/transfer.entity';
import { TaxNotice } from '../../subgraphs/tax/tax-notice.entity';
import { LandRegistration } from '../../subgraphs/land/land-registration.entity';
import { aDossierAtLeg, APPLICANT, dataOf, hubFootprint, untilResultRecorded, untilStatus, useDossierHub } from '../testkit/dossiers';

describe('the land registry’s part, joined with the tax branch’s by events', () => {
  const context = useDossierHub('2026-03-02T08:00:00+07:00');
  const { hub, dossiers, who } = context;
  const treasury = () => hub.token('BG.KBNN', ['SYSTEM'], 'Hệ thống Kho bạc');

  /** The parcel the first test registers; no other test registers one in Cầu Gồ. */
  const PARCEL = { mapSheet: 12, number: 345, commune: 'BG.YENTHE.CAUGO' };
  const parcelInput = (parcel: Record<string, unknown>, holder = APPLICANT.name) => ({ ...parcel, area: '152.50', address: 'Thị trấn Bố Hạ', purpose: 'Đất ở tại đô thị', holder });
  const registerParcel = (input: Record<string, unknown>, token = who.land) =>
    hub.gql(
      `mutation ($input: RegisterParcelInput!) { registerParcel(input: $input) {
        mapSheet number area address purpose holder commune { code name } history { holder since until certificateNumber }
      } }`,
      { input },
      token,
    );
  const recordTransfer = (input: Record<string, unknown>, token = who.land) =>
    hub.gql(
      `mutation ($input: RecordLandTransferInput!) { recordLandTransfer(input: $input) {
        certificateNumber transferee previousHolder registeredBy parcel { holder history { holder until certificateNumber } }
      } }`,
      { input },
      token,
    );
  const issue = (code: string, items: unknown[]) =>
    hub.gql(`mutation ($input: IssueTaxNoticeInput!) { issueTaxNotice(input: $input) { id total } }`, { input: { dossier: code, items } }, who.tax);
  const pay = (notice: string, amount: string, receipt: string) =>
    hub.gql(`mutation ($n: ID!, $a: Money!, $r: String!) { recordTaxPayment(notice: $n, amount: $a, receiptNumber: $r) { paid } }`, { n: notice, a: amount, r: receipt }, treasury());
  const until = (code: string, status: string) => untilStatus(hub, code, status);

  it('registers a parcel of its own service area, with its first holder', async () => {
    const response = await registerParcel({ ...PARCEL, area: '152.50', address: 'Tổ dân phố Hòa Bình, thị trấn Cầu Gồ', purpose: 'Đất ở tại đô thị', holder: APPLICANT.name });
    expect(response.errors).toBeUndefined();
    expect(response.data.registerParcel).toMatchObject({
      mapSheet: 12,
      number: 345,
      area: '152.50',
      holder: 'Hoàng Thị Lụa',
      commune: { code: 'BG.YENTHE.CAUGO', name: 'thị trấn Cầu Gồ' },
      history: [{ holder: 'Hoàng Thị Lụa', until: null, certificateNumber: null }],
    });
    const listed = await hub.gql(`{ parcels(commune: "BG.YENTHE.CAUGO") { number holder } parcel(mapSheet: 12, number: 345, commune: "BG.YENTHE.CAUGO") { area } }`, {}, who.land);
    expect(listed.data).toEqual({ parcels: [{ number: 345, holder: 'Hoàng Thị Lụa' }], parcel: { area: '152.50' } });
  });

  it('carries a transfer through tax notice, payment and certificate update, back to the desk and to the applicant', async () => {
    const parcel = { mapSheet: 12, number: 346, commune: 'BG.YENTHE.BOHA' };
    dataOf(await registerParcel(parcelInput(parcel)));
    const { code } = await aDossierAtLeg(context, 3, '2026-03-02T08:00:00+07:00');
    const notice = (await issue(code, [{ kind: 'PERSONAL_INCOME_TAX', base: '2000000000' }, { kind: 'REGISTRATION_FEE', base: '2000000000' }])).data.issueTaxNotice;
    expect(notice.total).toBe('50000000');
    await until(code, 'AWAITING_PAYMENT');
    await dossiers.ok('accept', { code }, who.land);

    const transfer = { dossier: code, parcel, transferee: 'Nguyễn Văn Bình', certificateNumber: 'CS 123456' };
    const early = await recordTransfer(transfer);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', unpaid: [notice.id.replace(/^BG\.CT\.YENTHE-2026-(\d+)$/, '$1/TB-BG.CT.YENTHE')] });

    await pay(notice.id, '50000000', 'KB-2026-009001');
    await until(code, 'IN_PROGRESS');
    const registered = await recordTransfer(transfer);
    expect(registered.errors).toBeUndefined();
    expect(registered.data.recordLandTransfer).toMatchObject({
      certificateNumber: 'CS 123456',
      transferee: 'Nguyễn Văn Bình',
      previousHolder: 'Hoàng Thị Lụa',
      registeredBy: 'Trần Thị Bình',
      parcel: {
        holder: 'Nguyễn Văn Bình',
        history: [
          { holder: 'Hoàng Thị Lụa', until: expect.any(String), certificateNumber: null },
          { holder: 'Nguyễn Văn Bình', until: null, certificateNumber: 'CS 123456' },
        ],
      },
    });

    // Recorded at the land branch, the result is on its way back; RESOLVED once the desk accepts it.
    await untilResultRecorded(hub, code);
    const atDesk = await dossiers.ok('accept', { code }, who.desk);
    expect(atDesk).toMatchObject({ outcome: 'APPROVED', outcomeNote: 'Đã đăng ký biến động, Giấy chứng nhận số CS 123456', holder: { code: 'BG.YENTHE' } });
    const returned = await dossiers.ok('returnResult', { code, receivedBy: 'Nguyễn Văn Bình' }, who.desk);
    expect(returned.status).toBe('RETURNED');

    const whole = await hub.gql(
      `query ($code: ID!) { dossier(code: $code) {
        landRegistration { certificateNumber transferee parcel { mapSheet number commune { name } } }
        taxNotices { total paid } history { action agencyName } historyIntact
      } }`,
      { code },
      who.supervisor,
    );
    expect(whole.data.dossier).toMatchObject({
      landRegistration: { certificateNumber: 'CS 123456', transferee: 'Nguyễn Văn Bình', parcel: { mapSheet: 12, number: 346, commune: { name: 'thị trấn Bố Hạ' } } },
      taxNotices: [{ total: '50000000', paid: true }],
      historyIntact: true,
    });
    expect(whole.data.dossier.history.map((event: any) => event.action)).toEqual([
      'RECEIVE', 'HAND_OVER', 'ACCEPT', 'HAND_OVER', 'ACCEPT', 'AWAIT_PAYMENT', 'ACCEPT', 'PAYMENT_RECEIVED', 'RECORD_RESULT', 'ACCEPT', 'RETURN',
    ]);
    expect(whole.data.dossier.history[8]).toEqual({ action: 'RECORD_RESULT', agencyName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế' });
  });

  it('carries a first-time registration through its land-use fee', async () => {
    const { code } = await aDossierAtLeg(context, 3, '2026-03-03T08:00:00+07:00', [], {
      procedure: 'BG-DD-LD',
      documents: ['Đơn đăng ký, cấp Giấy chứng nhận (Mẫu 04a/ĐK)', 'Giấy tờ về quyền sử dụng đất (nếu có)'],
    });
    const notice = (await issue(code, [{ kind: 'LAND_USE_FEE', base: '125000000' }])).data.issueTaxNotice;
    expect(notice.total).toBe('125000000');
    await until(code, 'AWAITING_PAYMENT');
    await dossiers.ok('accept', { code }, who.land);
    // While the fee is unpaid the clock is stopped and no result can be recorded.
    const waiting = await dossiers.run('recordResult', { code, outcome: 'APPROVED' }, who.land);
    expect(waiting.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'AWAITING_PAYMENT' });
    await pay(notice.id, '125000000', 'KB-2026-009002');
    await until(code, 'IN_PROGRESS');
    await registerParcel({ mapSheet: 7, number: 88, commune: 'BG.YENTHE.BOHA', area: '300', address: 'Thị trấn Bố Hạ', purpose: 'Đất ở tại đô thị', holder: APPLICANT.name });
    const resolved = await dossiers.ok('recordResult', { code, outcome: 'APPROVED', note: 'Cấp Giấy chứng nhận lần đầu' }, who.land);
    expect(resolved).toMatchObject({ status: 'IN_PROGRESS', outcome: 'APPROVED', addressee: { code: 'BG.YENTHE' } });
  });

  describe('refuses', () => {
    // Refusals write nothing, so one registered parcel serves every case.
    const REGISTERED = { mapSheet: 30, number: 1, commune: 'BG.YENTHE.BOHA' };
    beforeAll(async () => {
      dataOf(await registerParcel(parcelInput(REGISTERED)));
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a commune outside the branch’s service area', { commune: 'BG.TANYEN.CAOTHUONG' }, 'BAD_USER_INPUT'],
      ['a district instead of a commune', { commune: 'BG.YENTHE' }, 'BAD_USER_INPUT'],
      ['an unknown commune', { commune: 'BG.YENTHE.KHONGCO' }, 'BAD_USER_INPUT'],
      ['an area that is not a number', { area: 'một trăm' }, 'BAD_USER_INPUT'],
      ['a negative area', { area: '-5' }, 'BAD_USER_INPUT'],
      ['map sheet zero', { mapSheet: 0 }, 'BAD_USER_INPUT'],
      ['no holder', { holder: ' ' }, 'BAD_USER_INPUT'],
      ['a parcel already registered', REGISTERED, 'CONFLICT'],
    ])('to register a parcel with %s', async (_case, overrides, code) => {
      const before = await hubFootprint(hub);
      const response = await registerParcel({ ...PARCEL, number: 999, area: '10', address: 'x', purpose: 'Đất ở', holder: 'A', ...overrides });
      expect(response.errors?.[0].extensions?.code).toBe(code);
      expect(await hubFootprint(hub)).toEqual(before);
    });

    describe('a transfer', () => {
      let code: string;
      beforeAll(async () => {
        // Back at the land branch for its last leg, nothing to pay; and another transfer already registered as CS 777-1.
        ({ code } = await aDossierAtLeg(context, 4, '2026-03-04T08:00:00+07:00'));
        const done = { mapSheet: 30, number: 2, commune: 'BG.YENTHE.BOHA' };
        dataOf(await registerParcel(parcelInput(done)));
        const { code: other } = await aDossierAtLeg(context, 4, '2026-03-04T08:00:00+07:00');
        dataOf(await recordTransfer({ dossier: other, parcel: done, transferee: 'Lê Thị Cúc', certificateNumber: 'CS 777-1' }));
      });
      const input = (overrides: Record<string, unknown> = {}) => ({ dossier: code, parcel: REGISTERED, transferee: 'Lê Thị Cúc', certificateNumber: 'CS 777', ...overrides });

      // Each row: the case, what it changes in an input that would go through, the code, and (where the
      // code alone does not tell the causes apart) the message.
      it.each<[string, Record<string, unknown>, string, RegExp | null]>([
        ['on a parcel outside the branch’s area', { parcel: { ...REGISTERED, commune: 'BG.TANYEN.NHANAM' } }, 'BAD_USER_INPUT', null],
        ['on a parcel never registered', { parcel: { ...REGISTERED, number: 4040 } }, 'NOT_FOUND', /Parcel/],
        ['on an unknown dossier', { dossier: 'BG.YENTHE-260304-9999' }, 'NOT_FOUND', /Dossier/],
        ['without a transferee', { transferee: '' }, 'BAD_USER_INPUT', null],
        ['with a certificate already issued', { certificateNumber: 'CS 777-1' }, 'CONFLICT', /Certificate CS 777-1 is already issued/],
      ])('%s', async (_case, overrides, expected, because) => {
        const before = await hubFootprint(hub);
        const [error] = (await recordTransfer(input(overrides))).errors ?? [];
        expect(error?.extensions?.code).toBe(expected);
        if (because) expect(error.message).toMatch(because);
        expect(await hubFootprint(hub)).toEqual(before);
      });
    });
  });

  it('reads its rows back on the hot reads’ path (readEntity) with every field the ORM’s own mapping gives, and leaves the unit of work empty', async () => {
    const tables = [
      ['onestop', Dossier, 'onestop.dossier'],
      ['onestop', DossierLeg, 'onestop.dossier_leg'],
      ['onestop', Transfer, 'onestop.transfer'],
      ['tax', TaxNotice, 'tax.tax_notice'],
      ['land', LandRegistration, 'land.land_registration'],
    ] as const;
    // A dossier of its own with a row in each table: received, handed over, taxed, paid, its transfer registered.
    const parcel = { mapSheet: 12, number: 347, commune: 'BG.YENTHE.BOHA' };
    dataOf(await registerParcel(parcelInput(parcel)));
    const { code } = await aDossierAtLeg(context, 3, '2026-03-04T08:00:00+07:00');
    const notice = dataOf(await issue(code, [{ kind: 'REGISTRATION_FEE', base: '1000000000' }])).issueTaxNotice;
    await until(code, 'AWAITING_PAYMENT');
    await dossiers.ok('accept', { code }, who.land);
    await pay(notice.id, notice.total, 'KB-2026-009003');
    await until(code, 'IN_PROGRESS');
    dataOf(await recordTransfer({ dossier: code, parcel, transferee: 'Nguyễn Văn Bình', certificateNumber: 'CS 123457' }));

    for (const [subgraph, entity, table] of tables) {
      const em = hub.subgraphs[subgraph].orm.em.fork();
      const rows = await em.getConnection().execute(`select * from ${table} where ${table === 'onestop.dossier' ? 'code' : 'dossier_code'} = ?`, [code]);
      expect(rows.length).toBeGreaterThan(0);
      const meta = em.getMetadata().get(entity.name);
      const fields = (instance: object) => {
        const values = instance as Record<string, unknown>;
        const keyOf = (reference: Record<string, unknown> | null, target: typeof meta) => reference && target.primaryKeys.map((key) => reference[key]);
        return Object.fromEntries(
          meta.props.map((prop) =>
            prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE
              ? [prop.name, keyOf(values[prop.name] as Record<string, unknown> | null, prop.targetMeta!)]
              : prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED
                ? [prop.name, values[prop.name]]
                : [prop.name, (values[prop.name] as { isInitialized(): boolean }).isInitialized()],
          ),
        );
      };
      for (const row of rows) {
        const read = readEntity(em, entity as EntityClass<object>, { ...row });
        expect(read).toBeInstanceOf(entity);
        expect(fields(read)).toEqual(fields(em.fork().map(entity as EntityClass<object>, { ...row })));
      }
      expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    }
  });
});
