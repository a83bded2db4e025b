import { useDossierHub } from '../testkit/dossiers';
import { startTestHub, type TestHub } from '../testkit/hub';

describe('reading dossiers', () => {
  /** onestop's statements while `recorded` is set. */
  let recorded: string[] | null = null;
  const { hub, dossiers, who, clock } = useDossierHub('2026-03-02T09:00:00+07:00', () => ({ onQuery: (subgraph, sql) => subgraph === 'onestop' && recorded?.push(sql) }));
  /** Every test reads the same five dossiers and changes none: lists and counts need a known whole. */
  const codes: string[] = [];
  /** Friday 20 March 10:00: every one of the five is past its due date. */
  const AFTER_EVERY_DUE_DATE = '2026-03-20T10:00:00+07:00';

  const list = (variables: Record<string, unknown>, token: string) =>
    hub.gql(
      `query ($filter: DossierFilter, $first: Int, $after: String) {
        dossiers(filter: $filter, first: $first, after: $after) {
          totalCount edges { cursor node { code status holder { code } } } pageInfo { hasNextPage endCursor }
        }
      }`,
      variables,
      token,
    );

  beforeAll(async () => {
    // Five land transfers on five days; the last two go on to the land branch.
    for (const day of ['02', '03', '04', '05', '06']) {
      clock.set(`2026-03-${day}T09:00:00+07:00`);
      codes.push((await dossiers.receiveLandTransfer(who.desk)).code);
    }
    for (const code of codes.slice(3)) await dossiers.ok('handOver', { code, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    await dossiers.ok('accept', { code: codes[4] }, who.land);
  });

  it('lists newest first, a page at a time, with the total', async () => {
    const first = await list({ first: 2 }, who.desk);
    expect(first.data.dossiers.totalCount).toBe(5);
    expect(first.data.dossiers.edges.map((edge: any) => edge.node.code)).toEqual([codes[4], codes[3]]);
    expect(first.data.dossiers.pageInfo.hasNextPage).toBe(true);
    const second = await list({ first: 2, after: first.data.dossiers.pageInfo.endCursor }, who.desk);
    expect(second.data.dossiers.edges.map((edge: any) => edge.node.code)).toEqual([codes[2], codes[1]]);
    const last = await list({ first: 2, after: second.data.dossiers.pageInfo.endCursor }, who.desk);
    expect(last.data.dossiers.edges.map((edge: any) => edge.node.code)).toEqual([codes[0]]);
    expect(last.data.dossiers.pageInfo).toEqual({ hasNextPage: false, endCursor: last.data.dossiers.edges[0].cursor });
  });

  it('reads a dossier and its legs in one statement, the legs as the list reads them on their own', async () => {
    const fields = 'code leadAgencyName legs { seq agencyName task workingDays dueAt completedAt result agency { code } }';
    recorded = [];
    const read = await hub.gql(`query ($code: ID!) { dossier(code: $code) { ${fields} } }`, { code: codes[4] }, who.supervisor);
    const statements = recorded.filter((sql) => /onestop\.dossier_leg\b/.test(sql));
    recorded = null;
    expect(read.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/from onestop\.dossier d\b/);
    // Handed over and accepted: the first leg is done, with its result; four legs in all.
    expect(read.data.dossier.legs.map((leg: any) => [leg.seq, leg.agency.code, leg.completedAt !== null, leg.result !== null])).toEqual([
      [1, 'BG.YENTHE', true, true],
      [2, 'BG.VPDKDD.YENTHE', false, false],
      [3, 'BG.CT.YENTHE', false, false],
      [4, 'BG.VPDKDD.YENTHE', false, false],
    ]);
    const listed = await hub.gql(`{ dossiers(first: 5) { edges { node { ${fields} } } } }`, {}, who.supervisor);
    expect(listed.data.dossiers.edges.map((edge: any) => edge.node).find((node: any) => node.code === codes[4])).toEqual(read.data.dossier);
    // An agency with no part in it gets neither the dossier nor its legs.
    const refused = await hub.gql(`query ($code: ID!) { dossier(code: $code) { ${fields} } }`, { code: codes[4] }, who.tax);
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(refused.data?.dossier ?? null).toBeNull();
  });

  it('shows an agency only the dossiers it holds, has held or has been handed', async () => {
    const land = await list({}, who.land);
    expect(land.data.dossiers.edges.map((edge: any) => edge.node.code)).toEqual([codes[4], codes[3]]);
    const tax = await list({}, who.tax);
    expect(tax.data.dossiers.totalCount).toBe(0);
    const supervisor = await list({ filter: { desk: 'BG.YENTHE' } }, who.supervisor);
    expect(supervisor.data.dossiers.totalCount).toBe(5);
    const ownDesk = await list({ filter: { desk: 'BG.YENTHE' } }, who.desk);
    expect(ownDesk.data.dossiers.totalCount).toBe(5);
    const held = await list({ filter: { holder: 'BG.VPDKDD.YENTHE' } }, who.land);
    expect(held.data.dossiers.edges.map((edge: any) => edge.node.code)).toEqual([codes[4]]);
    const othersDesk = await list({ filter: { desk: 'BG.YENTHE' } }, who.tax);
    expect(othersDesk.data.dossiers.totalCount).toBe(0);
  });

  it.each<[string, Record<string, unknown>, number[]]>([
    ['status', { status: 'IN_PROGRESS' }, [4]],
    ['holder', { holder: 'BG.YENTHE' }, [3, 2, 1, 0]],
    ['procedure', { procedure: 'BG-DD-CN' }, [4, 3, 2, 1, 0]],
    ['another procedure', { procedure: 'BG-DD-LD' }, []],
    ['received from', { receivedFrom: '2026-03-04T00:00:00+07:00' }, [4, 3, 2]],
    ['received to', { receivedTo: '2026-03-03T23:59:59+07:00' }, [1, 0]],
    ['overdue', { overdue: true }, [4, 3, 2, 1, 0]],
    ['overdue and at the desk', { overdue: true, holder: 'BG.YENTHE' }, [3, 2, 1, 0]],
  ])('filters by %s', async (_case, filter, expected) => {
    clock.set(AFTER_EVERY_DUE_DATE);
    const response = await list({ filter }, who.supervisor);
    expect(response.errors).toBeUndefined();
    expect(response.data.dossiers.edges.map((edge: any) => edge.node.code)).toEqual(expected.map((index) => codes[index]));
    expect(response.data.dossiers.totalCount).toBe(expected.length);
  });

  it('counts none as overdue before their due dates', async () => {
    clock.set('2026-03-10T09:00:00+07:00');
    const response = await list({ filter: { overdue: true } }, who.supervisor);
    expect(response.data.dossiers.totalCount).toBe(0);
    const notOverdue = await list({ filter: { overdue: false } }, who.supervisor);
    expect(notOverdue.data.dossiers.totalCount).toBe(5);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a page too large', { first: 101 }],
    ['a negative page', { first: -1 }],
    ['a cursor it never issued', { after: 'bm90LWEtY3Vyc29y' }],
    ['a period that ends before it starts', { filter: { receivedFrom: '2026-03-05T00:00:00+07:00', receivedTo: '2026-03-01T00:00:00+07:00' } }],
  ])('refuses %s with BAD_USER_INPUT', async (_case, variables) => {
    const response = await list(variables, who.supervisor);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const response = await hub.gql(`{ dossiers { totalCount } }`);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('puts the nearest leg deadline first in an inbox, holding and addressed alike, a page at a time', async () => {
    const inbox = (after?: string) =>
      hub.gql(
        `query ($after: String) { agency(code: "BG.VPDKDD.YENTHE") { inbox(first: 1, after: $after) {
          totalCount edges { node { code addressee { code } } } pageInfo { hasNextPage endCursor } } } }`,
        { after },
        who.land,
      );
    const first = await inbox();
    expect(first.data.agency.inbox.totalCount).toBe(2);
    // codes[3] was received first, so its land leg is due first; it is still in transit to the branch.
    expect(first.data.agency.inbox.edges).toEqual([{ node: { code: codes[3], addressee: { code: 'BG.VPDKDD.YENTHE' } } }]);
    const second = await inbox(first.data.agency.inbox.pageInfo.endCursor);
    expect(second.data.agency.inbox.edges).toEqual([{ node: { code: codes[4], addressee: null } }]);
    expect(second.data.agency.inbox.pageInfo.hasNextPage).toBe(false);
    expect(second.data.agency.inbox.totalCount).toBe(2);
  });
});

describe('the public deadline query', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.close());

  it('answers anyone with the due instant in working time and whether it is provisional', async () => {
    const response = await hub.gql(`{
      overTet: deadline(from: "2026-02-13T09:00:00+07:00", workingDays: 3) { dueAt provisional }
      fridayClosing: deadline(from: "2026-03-13T16:30:00+07:00", workingDays: 5) { dueAt }
      fromUtc: deadline(from: "2026-03-13T09:30:00Z", workingDays: 1) { dueAt }
      overTet2027: deadline(from: "2027-02-04T09:00:00+07:00", workingDays: 2) { provisional }
    }`);
    // 2026's official schedule is confirmed in the calendar register; 2027's is not entered.
    expect(response.data).toEqual({
      overTet: { dueAt: '2026-02-25T09:00:00+07:00', provisional: false },
      overTet2027: { provisional: true },
      fridayClosing: { dueAt: '2026-03-20T16:30:00+07:00' },
      fromUtc: { dueAt: '2026-03-16T16:30:00+07:00' },
    });
  });

  it('refuses a negative or absurd number of working days with BAD_USER_INPUT', async () => {
    for (const days of [-1, 1001]) {
      const response = await hub.gql(`query ($days: Int!) { deadline(from: "2026-03-13T09:00:00+07:00", workingDays: $days) { dueAt } }`, { days });
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
