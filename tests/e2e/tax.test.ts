import { Client } from 'pg';
import { aDossierAtLeg, allEventsConsumed, dataOf, eventually, hubFootprint, TAX_NOTICE_FIELDS, untilStatus, useDossierHub } from '../testkit/dossiers';

describe('the tax branch’s part of a land transfer, joined by events', () => {
  const context = useDossierHub('2026-03-09T09:00:00+07:00');
  const { hub, dossiers, who, clock } = context;
  const treasury = () => hub.token('BG.KBNN', ['SYSTEM'], 'Hệ thống Kho bạc');

  const issue = (code: string, items: unknown[], token = who.tax) =>
    hub.gql(`mutation ($input: IssueTaxNoticeInput!) { issueTaxNotice(input: $input) { ${TAX_NOTICE_FIELDS} } }`, { input: { dossier: code, items } }, token);
  const pay = (notice: string, amount: string, receiptNumber: string, token = treasury(), paidAt?: string) =>
    hub.gql(
      `mutation ($notice: ID!, $amount: Money!, $receipt: String!, $paidAt: DateTime) {
        recordTaxPayment(notice: $notice, amount: $amount, receiptNumber: $receipt, paidAt: $paidAt) { ${TAX_NOTICE_FIELDS} } }`,
      { notice, amount, receipt: receiptNumber, paidAt },
      token,
    );
  const dossier = (code: string) =>
    hub.gql(
      `query ($code: ID!) { dossier(code: $code) {
        status nationalStatusCode dueAt paymentAwaitedAt paidAt holder { code } addressee { code }
        legs { seq dueAt result } transfers { seq kind from { code } to { code } handedBy note result }
        history { action actorName agencyName } historyIntact
        taxNotices { number total paid }
      } }`,
      { code },
      who.supervisor,
    ).then((response) => response.data.dossier);

  /** A land transfer received Monday 9 March 09:00, at the land branch from 10:00, at the tax branch since Tuesday 10:00. */
  async function atTaxBranch(): Promise<string> {
    const { code } = await aDossierAtLeg(context, 3, '2026-03-09T09:00:00+07:00', [
      { handedAt: '2026-03-09T10:00:00+07:00' },
      { handedAt: '2026-03-10T09:00:00+07:00', acceptedAt: '2026-03-10T10:00:00+07:00' },
    ]);
    return code;
  }

  /** Personal income tax (2%) and registration fee (0.5%) on a transfer of 1,500,000,000 đồng: 37,500,000 đồng. */
  const TRANSFER_TAXES = [
    { kind: 'PERSONAL_INCOME_TAX', base: '1500000000' },
    { kind: 'REGISTRATION_FEE', base: '1500000000' },
  ];

  /** At the tax branch, which issues its notice on Wednesday 11 March 10:00; the dossier has moved on to wait for the payment. */
  async function awaitingPayment(): Promise<{ code: string; notice: any }> {
    const code = await atTaxBranch();
    clock.set('2026-03-11T10:00:00+07:00');
    const notice = dataOf(await issue(code, TRANSFER_TAXES)).issueTaxNotice;
    await untilStatus(hub, code, 'AWAITING_PAYMENT');
    return { code, notice };
  }

  /** Waiting for the payment, accepted by the land branch on Wednesday 11 March 14:00. */
  async function awaitingPaymentAtLandBranch(): Promise<{ code: string; notice: any }> {
    const waiting = await awaitingPayment();
    clock.set('2026-03-11T14:00:00+07:00');
    await dossiers.ok('accept', { code: waiting.code }, who.land);
    return waiting;
  }

  it('issues a notice with amounts in whole đồng, and the dossier moves on by itself to wait for the payment', async () => {
    const code = await atTaxBranch();
    clock.set('2026-03-11T10:00:00+07:00');
    const issued = await issue(code, TRANSFER_TAXES);
    expect(issued.errors).toBeUndefined();
    // The branch's first notice in this hub's database.
    expect(issued.data.issueTaxNotice).toMatchObject({
      number: '1/TB-BG.CT.YENTHE',
      total: '37500000',
      paid: false,
      paidAmount: '0',
      payBy: '2026-04-10',
      issuedBy: 'Phạm Minh Đức',
      dossier: { code },
      items: [
        { kind: 'PERSONAL_INCOME_TAX', base: '1500000000', rate: 0.02, amount: '30000000' },
        { kind: 'REGISTRATION_FEE', base: '1500000000', rate: 0.005, amount: '7500000' },
      ],
    });

    const moved = await eventually(async () => {
      const current = await dossier(code);
      expect(current.status).toBe('AWAITING_PAYMENT');
      return current;
    });
    expect(moved).toMatchObject({
      nationalStatusCode: 6,
      paymentAwaitedAt: '2026-03-11T10:00:00+07:00',
      holder: { code: 'BG.CT.YENTHE' },
      addressee: { code: 'BG.VPDKDD.YENTHE' },
      taxNotices: [{ number: '1/TB-BG.CT.YENTHE', total: '37500000', paid: false }],
    });
    expect(moved.transfers.at(-1)).toMatchObject({
      kind: 'ROUTE',
      from: { code: 'BG.CT.YENTHE' },
      to: { code: 'BG.VPDKDD.YENTHE' },
      handedBy: 'Phạm Minh Đức',
      note: 'Thông báo nộp thuế số 1/TB-BG.CT.YENTHE: 37500000 đồng',
    });
    expect(moved.history.at(-1)).toEqual({ action: 'AWAIT_PAYMENT', actorName: 'Phạm Minh Đức', agencyName: 'Chi cục Thuế huyện Yên Thế' });
  });

  it('lets the land branch accept it while it waits, judging the tax leg', async () => {
    const { code } = await awaitingPayment();
    clock.set('2026-03-11T14:00:00+07:00');
    const accepted = await dossiers.ok('accept', { code }, who.land);
    expect(accepted).toMatchObject({ status: 'AWAITING_PAYMENT', holder: { code: 'BG.VPDKDD.YENTHE' } });
    expect(accepted.legs[2].result).toBe('EARLY');
  });

  it('adds up partial payments, refuses overpayment and a receipt counted before, and does not move the dossier until paid in full', async () => {
    const { code, notice } = await awaitingPaymentAtLandBranch();
    clock.set('2026-03-12T09:00:00+07:00');
    const half = await pay(notice.id, '20000000', 'KB-2026-000101');
    expect(half.data.recordTaxPayment).toMatchObject({ paid: false, paidAmount: '20000000' });

    const over = await pay(notice.id, '20000000', 'KB-2026-000102');
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { amount: 'more than is owed' }, remaining: '17500000' });
    const counted = await pay(notice.id, '17500000', 'KB-2026-000101');
    expect(counted.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', receiptNumber: 'KB-2026-000101' });
    // Whatever the partial payment sent onestop has arrived by now: the dossier still waits.
    await allEventsConsumed(hub);
    expect((await dossier(code)).status).toBe('AWAITING_PAYMENT');
  });

  it('moves the dossier on once paid in full, shifting every deadline ahead by the working time it waited', async () => {
    const { code, notice } = await awaitingPaymentAtLandBranch();
    clock.set('2026-03-12T09:00:00+07:00');
    dataOf(await pay(notice.id, '20000000', 'KB-2026-000111'));
    clock.set('2026-03-16T10:00:00+07:00');
    const rest = await pay(notice.id, '17500000', 'KB-2026-000177', who.tax);
    expect(rest.data.recordTaxPayment).toMatchObject({ paid: true, paidAmount: '37500000', paidAt: '2026-03-16T10:00:00+07:00' });
    expect(rest.data.recordTaxPayment.payments.map((p: any) => [p.amount, p.receiptNumber])).toEqual([
      ['20000000', 'KB-2026-000111'],
      ['17500000', 'KB-2026-000177'],
    ]);

    const resumed = await eventually(async () => {
      const current = await dossier(code);
      expect(current.status).toBe('IN_PROGRESS');
      return current;
    });
    // Received Monday 9 March 09:00: legs due 9 March 16:30, then 4, 7 and 10 working days on, Friday 13,
    // Wednesday 18 and Monday 23 March at 09:00. It waited from Wednesday 11 March 10:00 to Monday 16 March
    // 10:00: 5.5 office hours on Wednesday (winter: 10:00–12:00, 13:00–16:30), 8 on Thursday and on Friday,
    // 2.5 on Monday (07:30–10:00), 24 hours or three working days. The land branch's leg, under way since
    // Wednesday 14:00, and with it the due date move by as much: Monday 23 March 09:00 + 6.5 h (23rd) + 8 h
    // (24th) + 8 h (25th) + 1.5 h from 07:30 = Thursday 26 March 09:00. The legs done keep their deadlines.
    expect(resumed).toMatchObject({ paidAt: '2026-03-16T10:00:00+07:00', paymentAwaitedAt: null, dueAt: '2026-03-26T09:00:00+07:00' });
    expect(resumed.legs.map((leg: any) => leg.dueAt)).toEqual([
      '2026-03-09T16:30:00+07:00',
      '2026-03-13T09:00:00+07:00',
      '2026-03-18T09:00:00+07:00',
      '2026-03-26T09:00:00+07:00',
    ]);
    expect(resumed.history.map((event: any) => event.action).slice(-3)).toEqual(['AWAIT_PAYMENT', 'ACCEPT', 'PAYMENT_RECEIVED']);
    expect(resumed.historyIntact).toBe(true);
  });

  it('moves a dossier paid while onestop was down once it is back, exactly once, and ignores a redelivery', async () => {
    const second = await atTaxBranch();
    clock.set('2026-03-11T10:00:00+07:00');
    const { data } = await issue(second, [{ kind: 'REGISTRATION_FEE', base: '800000000', rate: 0.005 }]);
    await untilStatus(hub, second, 'AWAITING_PAYMENT');

    await hub.restartSubgraph('onestop', async () => {
      clock.set('2026-03-12T15:00:00+07:00');
      const paid = await pay(data.issueTaxNotice.id, '4000000', 'KB-2026-000250');
      expect(paid.data.recordTaxPayment.paid).toBe(true);
      // onestop is down: the event waits in the tax outbox.
      const unreachable = await hub.gql(`query ($code: ID!) { dossier(code: $code) { status } }`, { code: second }, who.supervisor);
      // The gateway says so plainly, without the subgraph's address.
      expect(unreachable.errors?.[0]).toMatchObject({ message: expect.stringMatching(/unavailable/), extensions: { code: 'SERVICE_UNAVAILABLE' } });
      expect(JSON.stringify(unreachable.errors)).not.toMatch(/127\.0\.0\.1|fetch failed|http:/);
      expect(unreachable.data?.dossier ?? null).toBeNull();
    });

    await untilStatus(hub, second, 'IN_PROGRESS');
    // Every delivery of the payment event consumed, so a second application would show now.
    await allEventsConsumed(hub);
    const received = (await dossier(second)).history.filter((event: any) => event.action === 'PAYMENT_RECEIVED');
    expect(received).toHaveLength(1);

    // Replay the whole tax feed, as if the position had been lost: nothing is applied twice.
    const before = await hubFootprint(hub);
    const client = new Client({ connectionString: hub.database.url });
    await client.connect();
    await client.query(`update onestop.feed_cursor set position = 0 where source = 'tax'`);
    await client.end();
    // The footprint waits until the whole feed has been read again.
    expect(await hubFootprint(hub)).toEqual(before);
  });

  describe('refuses', () => {
    // Refusals write nothing, so the dossier at the tax branch and the unpaid notice serve every case.
    let holding: string;
    let unpaid: { id: string; total: string };
    beforeAll(async () => {
      holding = await atTaxBranch();
      ({ notice: unpaid } = await awaitingPayment());
    });

    it.each<[string, unknown[], string]>([
      ['no items', [], 'BAD_USER_INPUT'],
      ['a negative base', [{ kind: 'PERSONAL_INCOME_TAX', base: '-5' }], 'BAD_USER_INPUT'],
      ['a base that is not a number', [{ kind: 'PERSONAL_INCOME_TAX', base: 'một tỷ' }], 'BAD_USER_INPUT'],
      ['a fractional base', [{ kind: 'PERSONAL_INCOME_TAX', base: '1500000.5' }], 'BAD_USER_INPUT'],
      ['a base of zero', [{ kind: 'PERSONAL_INCOME_TAX', base: '0' }], 'BAD_USER_INPUT'],
      // 0.5% of 1 đồng rounds to nothing: a notice of 0 đồng would be paid at once and strand the dossier.
      ['a total of 0 đồng', [{ kind: 'REGISTRATION_FEE', base: '1' }], 'BAD_USER_INPUT'],
      ['a rate above one', [{ kind: 'PERSONAL_INCOME_TAX', base: '1000', rate: 2 }], 'BAD_USER_INPUT'],
      ['a rate on an amount given', [{ kind: 'LAND_USE_FEE', base: '1000', rate: 0.1 }], 'BAD_USER_INPUT'],
      ['the same kind twice', [{ kind: 'REGISTRATION_FEE', base: '1000' }, { kind: 'REGISTRATION_FEE', base: '2000' }], 'BAD_USER_INPUT'],
    ])('a notice with %s', async (_case, items, code) => {
      const before = await hubFootprint(hub);
      expect((await issue(holding, items)).errors?.[0].extensions?.code).toBe(code);
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('a payment of nothing, of less than nothing or of more than is owed, with BAD_USER_INPUT, and writes nothing', async () => {
      const before = await hubFootprint(hub);
      // A negative amount is no Money at all: the scalar refuses it before the payment is looked at.
      expect((await pay(unpaid.id, '-1', 'KB-R-1')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await pay(unpaid.id, '0', 'KB-R-2')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { amount: 'must be more than 0 đồng' } });
      const over = await pay(unpaid.id, '99999999999', 'KB-R-3');
      expect(over.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { amount: 'more than is owed' }, remaining: unpaid.total });
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('a notice on an unknown dossier, with NOT_FOUND', async () => {
      expect((await issue('BG.YENTHE-260310-9999', [{ kind: 'REGISTRATION_FEE', base: '1000' }])).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it.each<[string, string, string, string | undefined]>([
      ['a negative amount', '-100', 'KB-N-1', undefined],
      ['an amount that is not a number', '1.000.000', 'KB-N-2', undefined],
      ['a zero amount', '0', 'KB-N-3', undefined],
      ['an empty receipt number', '100', ' ', undefined],
      ['a payment in the future', '100', 'KB-N-4', '2026-12-31T09:00:00+07:00'],
    ])('a payment with %s, with BAD_USER_INPUT', async (_case, amount, receipt, paidAt) => {
      const response = await pay(unpaid.id, amount, receipt, treasury(), paidAt);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('a payment on an unknown notice, with NOT_FOUND, and on a paid one, with CONFLICT, writing nothing', async () => {
      expect((await pay('BG.CT.YENTHE-2026-999', '100', 'KB-U-1')).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const { notice } = await awaitingPayment();
      dataOf(await pay(notice.id, notice.total, 'KB-U-2'));
      const before = await hubFootprint(hub);
      const paid = await pay(notice.id, '100', 'KB-U-3');
      expect(paid.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(paid.errors?.[0].message).toMatch(/already paid in full/);
      expect(await hubFootprint(hub)).toEqual(before);
    });
  });
});
