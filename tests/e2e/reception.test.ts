import { APPLICANT, LAND_TRANSFER_DOCUMENTS, eventually, hubFootprint, useDossierHub, BIRTH_PACKAGE_DOCUMENTS } from '../testkit/dossiers';
import { connect, sessionsNow } from '../testkit/races';

describe('reception at the desk', () => {
  /** onestop's statements while `recorded` is set. */
  let recorded: string[] | null = null;
  const { hub, dossiers, who, clock } = useDossierHub('2026-03-10T09:30:00+07:00', () => ({ onQuery: (subgraph, sql) => subgraph === 'onestop' && recorded?.push(sql) }));
  /** Tuesday 10 March 09:30, for receipts whose day does not matter (Wednesday 11 belongs to the concurrent receipts). */
  const TUESDAY_MORNING = '2026-03-10T09:30:00+07:00';

  const receiveInput = (overrides: Record<string, unknown> = {}) => ({
    procedure: 'BG-DD-CN',
    desk: 'BG.YENTHE',
    applicant: APPLICANT,
    documents: LAND_TRANSFER_DOCUMENTS,
    ...overrides,
  });

  it('gives an incomplete dossier a guidance slip naming every missing document, and creates no dossier', async () => {
    clock.set(TUESDAY_MORNING);
    const before = await hubFootprint(hub);
    const slip = await dossiers.ok(
      'guidance',
      {
        input: {
          procedure: 'BG-DD-CN',
          desk: 'BG.YENTHE',
          applicant: APPLICANT,
          documents: LAND_TRANSFER_DOCUMENTS.slice(0, 2),
          requirements: ['Ghi đầy đủ địa chỉ thửa đất trên đơn'],
        },
      },
      who.desk,
    );
    // The desk's first slip in this hub's database.
    expect(slip).toMatchObject({
      id: 'BG.YENTHE-2026-1',
      number: '1/HDHS',
      deskName: 'UBND huyện Yên Thế',
      procedureName: 'Đăng ký biến động quyền sử dụng đất, tài sản gắn liền với đất do chuyển nhượng',
      missing: LAND_TRANSFER_DOCUMENTS.slice(2),
      requirements: ['Ghi đầy đủ địa chỉ thửa đất trên đơn'],
      issuedBy: 'Nguyễn Văn An',
      applicant: { name: APPLICANT.name, phone: '0912345678' },
    });
    const second = await dossiers.ok('guidance', { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: [] } }, who.desk);
    expect(second).toMatchObject({ number: '2/HDHS', missing: LAND_TRANSFER_DOCUMENTS });
    // Two slips and their numbers, and nothing else: no dossier, no leg, no event.
    const after = await hubFootprint(hub);
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    expect(changed.sort()).toEqual(['onestop.counter', 'onestop.guidance_slip']);
    expect(after['onestop.guidance_slip'].split(':')[0]).toBe(String(Number(before['onestop.guidance_slip'].split(':')[0]) + 2));
  });

  it('refuses to receive an incomplete dossier, listing every missing item in extensions.missing', async () => {
    clock.set(TUESDAY_MORNING);
    const before = await hubFootprint(hub);
    const response = await dossiers.run('receive', { input: receiveInput({ documents: [LAND_TRANSFER_DOCUMENTS[0]] }) }, who.desk);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', missing: LAND_TRANSFER_DOCUMENTS.slice(1) });
    expect(await hubFootprint(hub)).toEqual(before);
  });

  it('does not count documents marked “(nếu có)” as missing, and matches names whatever their Unicode form or case', async () => {
    clock.set(TUESDAY_MORNING);
    const firstTime = await dossiers.ok(
      'receive',
      {
        input: receiveInput({
          procedure: 'BG-DD-LD',
          documents: ['ĐƠN ĐĂNG KÝ, CẤP GIẤY CHỨNG NHẬN (MẪU 04A/ĐK)'.normalize('NFD')],
        }),
      },
      who.desk,
    );
    expect(firstTime.documents).toEqual(['Đơn đăng ký, cấp Giấy chứng nhận (Mẫu 04a/ĐK)']);
    expect(firstTime.legs.map((leg: any) => leg.agency.code)).toEqual(['BG.YENTHE', 'BG.VPDKDD.YENTHE', 'BG.CT.YENTHE', 'BG.VPDKDD.YENTHE']);
  });

  it('stores Vietnamese text composed (NFC) and the phone in one form', async () => {
    clock.set(TUESDAY_MORNING);
    const dossier = await dossiers.ok(
      'receive',
      { input: receiveInput({ applicant: { ...APPLICANT, name: '  Nguyễn   Thị Thu  '.normalize('NFD'), phone: '+84 (912) 345.678' } }) },
      who.desk,
    );
    expect(dossier.applicant.name).toBe('Nguyễn Thị Thu');
    expect(dossier.applicant.name).toBe(dossier.applicant.name.normalize('NFC'));
    expect(dossier.applicant.phone).toBe('0912345678');
  });

  it('returns the first dossier for a retried receipt with the same idempotency key, and writes nothing more', async () => {
    clock.set(TUESDAY_MORNING);
    const input = receiveInput({ idempotencyKey: 'yt-desk-2-req-8812' });
    const first = await dossiers.ok('receive', { input }, who.desk);
    const before = await hubFootprint(hub);
    const retried = await dossiers.ok('receive', { input }, who.desk);
    expect(retried.code).toBe(first.code);
    expect(retried.ledgerNumber).toBe(first.ledgerNumber);
    expect(await hubFootprint(hub)).toEqual(before);

    const reused = await dossiers.run('receive', { input: { ...input, copies: 2 } }, who.desk);
    expect(reused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await hubFootprint(hub)).toEqual(before);

    // Retried the next day: no counter of that day is started either.
    clock.set('2026-03-11T07:45:00+07:00');
    expect(await dossiers.ok('receive', { input }, who.desk)).toMatchObject({ code: first.code });
    expect(await hubFootprint(hub)).toEqual(before);
  });

  it('answers the same key sent twice at once with the one dossier, and the second receipt gives its numbers back', async () => {
    clock.set('2026-03-16T09:00:00+07:00');
    const input = receiveInput({ idempotencyKey: 'yt-desk-2-req-9000' });
    // The test holds the desk's dossier counter of the day, so that the first receipt waits for its numbers;
    // onestop keeps the desk's other receipts of the moment for after it (one batch at a time per desk). Let go,
    // the first stores the dossier, and the second runs into the key and answers with it.
    const holder = await connect(hub);
    try {
      await holder.query('begin');
      await holder.query(
        `insert into onestop.counter (scope, key, value) values ('dossier', 'BG.YENTHE|2026-03-16', 0)
         on conflict (scope, key) do update set value = onestop.counter.value`,
      );
      const both = Promise.all([dossiers.run('receive', { input }, who.desk), dossiers.run('receive', { input }, who.desk)]);
      await eventually(async () => {
        const [{ waiting }] = await sessionsNow<{ waiting: number }>(
          holder,
          `select count(*)::int as waiting from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
        );
        expect(waiting).toBe(1);
      });
      await holder.query('commit');
      const [first, second] = await both;
      expect(first.errors).toBeUndefined();
      expect(second.errors).toBeUndefined();
      expect(second.data.receiveDossier.code).toBe(first.data.receiveDossier.code);
    } finally {
      await holder.end();
    }
    const stored = await hub.gql(`query { dossiers(filter: { desk: "BG.YENTHE" }, first: 100) { edges { node { code } } } }`, {}, who.desk);
    const codes = stored.data.dossiers.edges.map((edge: { node: { code: string } }) => edge.node.code);
    expect(codes.filter((code: string) => code.startsWith('BG.YENTHE-260316-'))).toHaveLength(1);
    const next = await dossiers.ok('receive', { input: receiveInput() }, who.desk);
    expect(next.code).toBe('BG.YENTHE-260316-0002');
  });

  it('gives concurrent receipts at one desk distinct serials and continuous ledger numbers', async () => {
    clock.set('2026-03-11T08:00:00+07:00');
    const results = await Promise.all(Array.from({ length: 8 }, () => dossiers.ok('receive', { input: receiveInput() }, who.desk)));
    expect(results.map((dossier) => dossier.code).sort()).toEqual(
      Array.from({ length: 8 }, (_, index) => `BG.YENTHE-260311-${String(index + 1).padStart(4, '0')}`),
    );
    const ledger = results.map((dossier) => dossier.ledgerNumber).sort((a, b) => a - b);
    expect(ledger).toEqual(Array.from({ length: 8 }, (_, index) => ledger[0] + index));
  });

  it('takes the desk’s numbers in the statement that writes the dossier once onestop has seen what they are', async () => {
    clock.set('2026-03-17T09:00:00+07:00');
    // The desk's first receipt of the day takes its numbers in turn, and teaches onestop the next ones.
    const first = await dossiers.ok('receive', { input: receiveInput() }, who.desk);
    recorded = [];
    const second = await dossiers.ok('receive', { input: receiveInput() }, who.desk);
    const statements = recorded.filter((sql) => /"onestop"\.counter|"onestop"\."dossier"/.test(sql));
    recorded = null;
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/insert into "onestop"\.counter[\s\S]*insert into "onestop"\."dossier"/);
    expect([first.code, second.code]).toEqual(['BG.YENTHE-260317-0001', 'BG.YENTHE-260317-0002']);
    expect(Number.parseInt(second.receiptNumber, 10)).toBe(Number.parseInt(first.receiptNumber, 10) + 1);
    // As one written in turn reads: the same ledger book and volume, its history signed and sealed.
    const read = async (code: string) =>
      (await hub.gql(`query ($code: ID!) { dossier(code: $code) { ledgerBook ledgerVolume ledgerNumber historyIntact history { seq action } } }`, { code }, who.supervisor)).data.dossier;
    const [firstRead, secondRead] = [await read(first.code), await read(second.code)];
    expect(firstRead.ledgerVolume).toEqual(expect.any(Number));
    expect(secondRead).toEqual({ ...firstRead, ledgerNumber: firstRead.ledgerNumber + 1 });
    expect(secondRead).toMatchObject({ historyIntact: true, history: [{ seq: 1, action: 'RECEIVE' }] });
  });

  // After this test the desk's numbers are left to their turns for a few seconds (`CounterForecast`).
  it('takes the numbers in turn when another took those onestop expected, and keeps nothing of the refused write', async () => {
    clock.set('2026-03-17T10:00:00+07:00');
    const last = await dossiers.ok('receive', { input: receiveInput() }, who.desk);
    // Another replica, say, takes the desk's next dossier and receipt numbers.
    const other = await connect(hub);
    try {
      await other.query(
        `update onestop.counter set value = value + 1 where (scope, key) in (('dossier', 'BG.YENTHE|2026-03-17'), ('receipt', 'BG.YENTHE|2026'))`,
      );
    } finally {
      await other.end();
    }
    const before = await hubFootprint(hub);
    recorded = [];
    const next = await dossiers.ok('receive', { input: receiveInput() }, who.desk);
    const counters = recorded.filter((sql) => /"onestop"\.counter/.test(sql));
    recorded = null;
    // Written at once with the numbers expected, refused, then in turn: the numbers first, then the write.
    expect(counters.map((sql) => (/insert into "onestop"\."dossier"/.test(sql) ? 'at once' : 'in turn'))).toEqual(['at once', 'in turn']);
    const serial = (code: string) => Number(code.slice(-4));
    expect(serial(next.code)).toBe(serial(last.code) + 2);
    expect(Number.parseInt(next.receiptNumber, 10)).toBe(Number.parseInt(last.receiptNumber, 10) + 2);
    expect(next.ledgerNumber).toBe(last.ledgerNumber + 1);
    // One dossier more, and nothing of the write with the numbers expected.
    const after = await hubFootprint(hub);
    expect(after['onestop.dossier'].split(':')[0]).toBe(String(Number(before['onestop.dossier'].split(':')[0]) + 1));
    const taken = await hub.gql(`query ($code: ID!) { dossier(code: $code) { code } }`, { code: `BG.YENTHE-260317-${String(serial(last.code) + 1).padStart(4, '0')}` }, who.supervisor);
    expect(taken.errors).toBeUndefined();
    expect(taken.data.dossier).toBeNull();
  });

  it('lets a desk enter a paper dossier received earlier, and dates its code and deadlines from then', async () => {
    clock.set('2026-03-12T10:00:00+07:00');
    const dossier = await dossiers.ok('receive', { input: receiveInput({ receivedAt: '2026-03-06T15:30:00+07:00' }) }, who.desk);
    expect(dossier.code).toMatch(/^BG\.YENTHE-260306-\d{4}$/);
    // Received on Friday after 15:00: the desk's leg is due at Monday's opening.
    expect(dossier.legs[0].dueAt).toBe('2026-03-09T07:30:00+07:00');
    expect(dossier.dueAt).toBe('2026-03-20T15:30:00+07:00');
  });

  it('resolves the route’s selectors through the service areas: a commune desk’s land branch is its district’s', async () => {
    clock.set('2026-03-12T10:00:00+07:00');
    const commune = hub.token('BG.YENTHE.CAUGO', ['RECEPTIONIST'], 'Ngô Thị Mai');
    const dossier = await dossiers.ok(
      'receive',
      {
        input: {
          procedure: 'BG-HT-KS',
          desk: 'BG.YENTHE.CAUGO',
          applicant: APPLICANT,
          documents: BIRTH_PACKAGE_DOCUMENTS,
        },
      },
      commune,
    );
    expect(dossier.legs.map((leg: any) => [leg.agency.code, leg.dueAt])).toEqual([
      ['BG.YENTHE.CAUGO', '2026-03-13T10:00:00+07:00'],
      ['BG.CA', '2026-03-16T10:00:00+07:00'],
      ['BG.BHXH', '2026-03-17T10:00:00+07:00'],
    ]);
    // The commune desk's first receipt: its civil-status ledger starts at 1.
    expect(dossier.ledgerBook).toBe('Hộ tịch 2026');
    expect(dossier.ledgerNumber).toBe(1);
  });

  describe('refuses bad input of every field with BAD_USER_INPUT and writes nothing', () => {
    // Each row: the case, the input it changes, the field named in extensions.fields (null: GraphQL's own check).
    const badReceipts: Array<[string, Record<string, unknown>, string | null]> = [
      ['an unknown procedure', { procedure: 'BG-XX-01' }, 'procedure'],
      ['an empty procedure', { procedure: '  ' }, 'procedure'],
      ['an agency without a desk', { desk: 'BG.UBND' }, 'desk'],
      ['a desk that does not receive the procedure', { desk: 'BG.STP' }, 'procedure'],
      ['an applicant without a name', { applicant: { ...APPLICANT, name: '   ' } }, 'applicant.name'],
      ['a phone that is not Vietnamese', { applicant: { ...APPLICANT, phone: '12345' } }, 'applicant.phone'],
      ['an e-mail that is not one', { applicant: { ...APPLICANT, email: 'lua@' } }, 'applicant.email'],
      ['no documents', { documents: [] }, 'documents'],
      ['an empty document name', { documents: [...LAND_TRANSFER_DOCUMENTS, ''] }, 'documents'],
      ['a document the procedure does not list', { documents: [...LAND_TRANSFER_DOCUMENTS, 'Sổ hộ khẩu'] }, 'documents'],
      ['zero copies', { copies: 0 }, 'copies'],
      ['too many copies', { copies: 51 }, 'copies'],
      ['an unknown delivery', { delivery: 'BY_DRONE' }, null],
      ['a receipt in the future', { receivedAt: '2026-03-13T10:00:00+07:00' }, 'receivedAt'],
      ['a receipt too far back', { receivedAt: '2026-01-02T10:00:00+07:00' }, 'receivedAt'],
      ['a receipt time without an offset', { receivedAt: '2026-03-12T09:00:00' }, null],
      ['a receipt time that is not a time', { receivedAt: 'hôm qua' }, null],
      ['an empty idempotency key', { idempotencyKey: ' ' }, 'idempotencyKey'],
    ];

    it('receiveDossier at a desk the directory does not know: its officer’s token is refused, and nothing is written', async () => {
      clock.set('2026-03-12T10:00:00+07:00');
      const before = await hubFootprint(hub);
      const response = await dossiers.run('receive', { input: receiveInput({ desk: 'BG.NOWHERE' }) }, hub.token('BG.NOWHERE', ['RECEPTIONIST']));
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.data ?? null).toBeNull();
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it.each(badReceipts)('receiveDossier with %s', async (_case, overrides, field) => {
      clock.set('2026-03-12T10:00:00+07:00');
      const before = await hubFootprint(hub);
      // An officer of the desk named in the input, so that only the input is wrong.
      const desk = (overrides.desk as string | undefined) ?? 'BG.YENTHE';
      const response = await dossiers.run('receive', { input: receiveInput(overrides) }, hub.token(desk, ['RECEPTIONIST']));
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      if (field) expect(Object.keys(response.errors?.[0].extensions?.fields ?? {})).toContain(field);
      expect(response.data ?? null).toBeNull();
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('answers a malformed time written into the query itself with BAD_USER_INPUT too', async () => {
      const response = await hub.gql(`{ deadline(from: "hôm qua", workingDays: 1) { dueAt } }`);
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(response.errors?.[0].message).toMatch(/ISO 8601/);
    });

    it('receiveDossier with several bad fields names them all at once', async () => {
      const response = await dossiers.run('receive', { input: receiveInput({ applicant: { name: '', phone: 'x' }, copies: -1 }) }, who.desk);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(response.errors?.[0].extensions?.fields)).toEqual(['applicant.name', 'applicant.phone', 'copies']);
    });

    it.each<[string, Record<string, unknown>]>([
      ['an unknown procedure', { procedure: 'BG-XX-01' }],
      ['nothing missing and nothing to correct', { documents: LAND_TRANSFER_DOCUMENTS }],
      ['an applicant without a phone', { applicant: { name: 'Lụa', phone: '' } }],
      ['an empty requirement', { documents: [], requirements: [''] }],
    ])('issueGuidance with %s, with BAD_USER_INPUT', async (_case, overrides) => {
      const before = await hubFootprint(hub);
      const response = await dossiers.run('guidance', { input: { ...receiveInput(), documents: [], ...overrides } }, who.desk);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(await hubFootprint(hub)).toEqual(before);
    });
  });

  // Last in the file: it changes the catalogue for every later receipt.
  it('returns the first dossier for a retry with its key after the catalogue changed, though a new receipt of the same is now refused', async () => {
    clock.set('2026-06-01T09:00:00+07:00');
    const input = receiveInput({ idempotencyKey: 'yt-desk-2-req-9100' });
    const first = await dossiers.ok('receive', { input }, who.desk);

    // A new version of the procedure asks for another document instead of the last one.
    const version = {
      effectiveFrom: '2026-06-02T00:00:00+07:00',
      name: 'Đăng ký biến động quyền sử dụng đất do chuyển nhượng (phiên bản kiểm thử)',
      field: 'Đất đai',
      processingDays: 10,
      documents: [...LAND_TRANSFER_DOCUMENTS.slice(0, -1), 'Văn bản xác nhận tình trạng hôn nhân (kiểm thử)'],
      receivingTiers: ['DISTRICT'],
      anyDesk: false,
      route: [{ agency: '@DESK', workingDays: 10, task: 'Giải quyết hồ sơ' }],
      reason: 'Kiểm thử thay đổi thành phần hồ sơ',
      source: 'Quyết định số 2/QĐ-KT ngày 01/06/2026 (kiểm thử)',
    };
    const published = await hub.gql(
      `mutation ($code: ID!, $input: ProcedureVersionInput!) { publishProcedureVersion(code: $code, input: $input) { code } }`,
      { code: 'BG-DD-CN', input: version },
      who.supervisor,
    );
    expect(published.errors).toBeUndefined();
    clock.set('2026-06-03T09:00:00+07:00');
    // Without a key: a receipt taken while the old version was still known here stays, and the next one tries.
    await eventually(async () => {
      const refused = await dossiers.run('receive', { input: receiveInput() }, who.desk);
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    const before = await hubFootprint(hub);
    const retried = await dossiers.ok('receive', { input }, who.desk);
    expect(retried).toMatchObject({ code: first.code, ledgerNumber: first.ledgerNumber });
    // The key with other content is still a conflict, not the registers' refusal.
    const reused = await dossiers.run('receive', { input: { ...input, copies: 2 } }, who.desk);
    expect(reused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await hubFootprint(hub)).toEqual(before);
  });
});
