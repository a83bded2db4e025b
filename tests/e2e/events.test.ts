import { aDossierAtLeg, allEventsConsumed, dataOf, eventually, untilStatus, useDossierHub } from '../testkit/dossiers';
import { connect, idleInTransaction, taxDesk, untilSomeoneWaits, untilWaitingFor } from '../testkit/races';

const REJECTED_FIELDS = 'source id type dossierCode rejectedAt reason replayedAt outcome';

describe('the event consumer tells a lost race from a refusal', () => {
  const context = useDossierHub('2026-03-09T09:00:00+07:00');
  const { hub, dossiers, who, clock } = context;
  const desk = taxDesk(context);
  const rejected = () => hub.gql(`{ rejectedEvents { ${REJECTED_FIELDS} } }`, {}, who.supervisor);
  const replay = (source: string, id: string, token = who.supervisor) =>
    hub.gql(`mutation ($source: String!, $id: ID!) { replayEvent(source: $source, id: $id) { ${REJECTED_FIELDS} } }`, { source, id }, token);

  it('retries a payment that lost the race with another change of the dossier, and moves the paid dossier on', async () => {
    const { code, notice } = await desk.awaitingPaymentAtLandBranch();
    // Another change of the dossier (as the land branch signing for it) is under way and saves first: the
    // payment's change, read before it, finds a newer version when it saves.
    const other = await connect(hub);
    try {
      await other.query('begin');
      await other.query('update onestop.dossier set version = version + 1 where code = $1', [code]);
      clock.set('2026-03-12T09:00:00+07:00');
      dataOf(await desk.pay(notice.id, '4000000', 'KB-RACE-1'));
      await untilSomeoneWaits(other);
      await other.query('commit');
    } finally {
      await other.end();
    }
    await untilStatus(hub, code, 'IN_PROGRESS');
    await allEventsConsumed(hub);
    expect(dataOf(await rejected()).rejectedEvents.filter((event: any) => event.dossierCode === code)).toEqual([]);
    const history = dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { history { action } historyIntact } }`, { code }, who.supervisor)).dossier;
    expect(history.history.filter((event: any) => event.action === 'PAYMENT_RECEIVED')).toHaveLength(1);
    expect(history.historyIntact).toBe(true);
  });

  it('keeps a real refusal as REJECTED with its reason, lists it for supervisors, and replays it once the cause is fixed', async () => {
    const code = await desk.atTaxBranch();
    // The consumer is held before it takes the notice's message; meanwhile the tax branch asks for a supplement.
    const holder = await connect(hub);
    let id: string;
    try {
      await holder.query('begin');
      await holder.query('lock table onestop.consumed_unit in exclusive mode');
      clock.set('2026-03-11T10:00:00+07:00');
      dataOf(await desk.issue(code));
      await dossiers.ok('requestSupplement', { code, items: ['Bản sao hợp đồng chuyển nhượng có công chứng'] }, who.tax);
      await holder.query('commit');
    } finally {
      await holder.end();
    }
    await allEventsConsumed(hub);
    const [kept] = dataOf(await rejected()).rejectedEvents.filter((event: any) => event.dossierCode === code);
    expect(kept).toMatchObject({ source: 'tax', type: 'TAX_NOTICE_ISSUED', dossierCode: code, outcome: 'REJECTED', replayedAt: null });
    expect(kept.reason).toMatch(/SUPPLEMENT_REQUESTED/);
    id = kept.id;

    // Only supervisors see and replay them.
    expect((await hub.gql(`{ rejectedEvents { id } }`, {}, who.tax)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await replay('tax', id, who.tax)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await hub.gql(`{ rejectedEvents { id } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // Replayed before the cause is fixed: still rejected, with the reason of now.
    clock.set('2026-03-11T11:00:00+07:00');
    const again = dataOf(await replay('tax', id)).replayEvent;
    expect(again).toMatchObject({ id, outcome: 'REJECTED', replayedAt: '2026-03-11T11:00:00+07:00' });
    expect(again.reason).toMatch(/SUPPLEMENT_REQUESTED/);

    // The applicant supplements; the replay then applies the notice and the dossier waits for the payment.
    clock.set('2026-03-12T09:00:00+07:00');
    await dossiers.ok('supplement', { code, documents: ['Bản sao hợp đồng chuyển nhượng có công chứng'] }, who.desk);
    const applied = dataOf(await replay('tax', id)).replayEvent;
    expect(applied).toMatchObject({ id, source: 'tax', dossierCode: code, outcome: 'APPLIED' });
    expect(await statusOrFail(code)).toBe('AWAITING_PAYMENT');
    expect(dataOf(await rejected()).rejectedEvents.filter((event: any) => event.dossierCode === code)).toEqual([]);
    // Applied now: nothing to replay, and an unknown message is not found.
    expect((await replay('tax', id)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await replay('tax', '999999')).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await replay('tax', 'abc')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('moves each dossier of a closed agency in a unit of its own, reading the graph with no transaction open: one held up does not hold the others, and its lost race is tried again', async () => {
    const held = async () => (await aDossierAtLeg(context, 2, '2026-03-12T08:00:00+07:00')).code as string;
    const [first, second, third] = [await held(), await held(), await held()];
    const homeAffairs = hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy');
    const other = await connect(hub);
    const directory = await connect(hub);
    const gate = await connect(hub);
    try {
      // A change of the second dossier is under way when the closure reaches it, and saves first.
      await other.query('begin');
      await other.query('update onestop.dossier set version = version + 1 where code = $1', [second]);
      // onestop takes the closure's message only once the directory is slow (below).
      await gate.query('begin');
      await gate.query('lock table onestop.consumed_event in access exclusive mode');
      clock.set('2026-03-12T09:00:00+07:00');
      dataOf(
        await hub.gql(
          `mutation { closeAgency(code: "BG.VPDKDD.YENTHE", successor: "BG.VPDKDD", effectiveAt: "2026-03-12T00:00:00+07:00", reason: "Sắp xếp lại các chi nhánh Văn phòng Đăng ký đất đai") { code } }`,
          {},
          homeAffairs,
        ),
      );
      // The province's directory answers slowly (its table is locked): while onestop waits on the graph for
      // it, no transaction of onestop's is left open.
      await directory.query('begin');
      await directory.query('lock table province.agency in access exclusive mode');
      await gate.query('commit');
      await untilWaitingFor(directory, 'province.agency');
      // A transaction caught between two of its statements is idle for an instant; one held open across the
      // graph's answer would stay idle as long as the directory is locked.
      await eventually(async () => expect(await idleInTransaction(directory)).toEqual([]));
      await directory.query('commit');
      await untilWaitingFor(other, 'row');
      // The first dossier's move is already saved, while the second waits.
      expect(await addresseeOf(first)).toBe('BG.VPDKDD');
      expect(await addresseeOf(third)).toBeNull();
      await other.query('commit');
    } finally {
      await other.end();
      await directory.end();
      await gate.end();
    }
    await allEventsConsumed(hub);
    for (const code of [first, second, third]) {
      const moved = dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { addressee { code } history { action } historyIntact } }`, { code }, who.supervisor)).dossier;
      // Handed to the successor, which accepts it as any hand-over.
      expect(moved.addressee.code).toBe('BG.VPDKDD');
      expect(moved.history.filter((event: any) => event.action === 'REASSIGN')).toHaveLength(1);
      expect(moved.historyIntact).toBe(true);
    }
    expect(dataOf(await rejected()).rejectedEvents).toEqual([]);
  });

  async function addresseeOf(code: string): Promise<string | null> {
    return dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { addressee { code } } }`, { code }, who.supervisor)).dossier.addressee?.code ?? null;
  }

  async function statusOrFail(code: string): Promise<string> {
    return dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { status } }`, { code }, who.supervisor)).dossier.status;
  }
});
