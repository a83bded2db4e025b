import { aDossierAtLeg, allEventsConsumed, dataOf, untilStatus, useDossierHub } from '../testkit/dossiers';
import { connect, taxDesk, untilSomeoneWaits } from '../testkit/races';

describe('money: one notice per tax leg, one "all paid", a last day to pay that is a working day', () => {
  const context = useDossierHub('2026-03-09T09:00:00+07:00');
  const { hub, who, clock } = context;
  const desk = taxDesk(context);
  const noticesOf = async (code: string) =>
    dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { status taxNotices { number total paid } } }`, { code }, who.supervisor)).dossier;

  it('issues one notice when two are asked for at once, refuses the other with CONFLICT, and a third', async () => {
    const code = await desk.atTaxBranch();
    clock.set('2026-03-11T10:00:00+07:00');
    // Both requests pass their checks and then take turns on the branch's notice numbers.
    const numbers = await connect(hub);
    let answers: Awaited<ReturnType<typeof desk.issue>>[];
    try {
      await numbers.query('begin');
      await numbers.query(
        `insert into tax.counter (scope, key, value) values ('notice', 'BG.CT.YENTHE|2026', 0)
         on conflict (scope, key) do update set value = tax.counter.value`,
      );
      const both = Promise.all([desk.issue(code), desk.issue(code)]);
      await untilSomeoneWaits(numbers);
      await numbers.query('commit');
      answers = await both;
    } finally {
      await numbers.end();
    }
    const issued = answers.filter((answer) => !answer.errors);
    const refused = answers.filter((answer) => answer.errors);
    expect(issued).toHaveLength(1);
    expect(refused.map((answer) => answer.errors?.[0].extensions?.code)).toEqual(['CONFLICT']);
    expect(refused[0].errors?.[0].extensions).toMatchObject({ dossier: code });
    // A third is refused too: CONFLICT while the notice is open, FORBIDDEN once onestop has read the notice and
    // the dossier waits for the payment (onestop follows the tax feed on its own time).
    const third = await desk.issue(code);
    expect(['CONFLICT', 'FORBIDDEN']).toContain(third.errors?.[0].extensions?.code);
    await untilStatus(hub, code, 'AWAITING_PAYMENT');
    expect((await noticesOf(code)).taxNotices).toHaveLength(1);
  });

  it('gives exactly one "all paid" message when two notices of one dossier are paid at the same moment', async () => {
    const code = await desk.atTaxBranch();
    clock.set('2026-03-11T10:00:00+07:00');
    const first = dataOf(await desk.issue(code)).issueTaxNotice;
    await untilStatus(hub, code, 'AWAITING_PAYMENT');
    const db = await connect(hub);
    try {
      // A dossier billed twice before the hub refused it (two notices issued at once): both are owed.
      await db.query(
        `insert into tax.tax_notice (id, number, dossier_code, branch_code, year, serial, items, total, issued_at, issued_by, pay_by, paid_amount, paid_at, issued_twice)
         select id || '-B', (serial + 1000) || '/TB-' || branch_code, dossier_code, branch_code, year, serial + 1000, items, total, issued_at, issued_by, pay_by, 0, null, true
           from tax.tax_notice where id = $1`,
        [first.id],
      );
      // Both payments are made and held just before they are saved, so that each has looked at the other notice.
      clock.set('2026-03-12T09:00:00+07:00');
      await db.query('begin');
      await db.query('lock table tax.outbox in exclusive mode');
      const both = Promise.all([desk.pay(first.id, first.total, 'KB-BOTH-1'), desk.pay(`${first.id}-B`, first.total, 'KB-BOTH-2')]);
      await untilSomeoneWaits(db);
      await db.query('commit');
      for (const answer of await both) expect(answer.errors).toBeUndefined();
      await allEventsConsumed(hub);
      const { rows } = await db.query(
        `select payload->>'dossierPaid' as all_paid from tax.outbox where type = 'TAX_NOTICE_PAID' and dossier_code = $1 order by id`,
        [code],
      );
      expect(rows.map((row) => row.all_paid).sort()).toEqual(['false', 'true']);
    } finally {
      await db.end();
    }
    await untilStatus(hub, code, 'IN_PROGRESS');
  });

  it('moves a last day to pay that falls on a day off to the next working day', async () => {
    // Issued Wednesday 2 December 2026: 30 days on is 1 January 2027, New Year's Day, a Friday; the weekend follows.
    const { code } = await aDossierAtLeg(context, 3, '2026-11-30T09:00:00+07:00', [
      { handedAt: '2026-11-30T10:00:00+07:00' },
      { handedAt: '2026-12-01T09:00:00+07:00', acceptedAt: '2026-12-01T10:00:00+07:00' },
    ]);
    clock.set('2026-12-02T10:00:00+07:00');
    expect(dataOf(await desk.issue(code)).issueTaxNotice.payBy).toBe('2027-01-04');
  });
});
