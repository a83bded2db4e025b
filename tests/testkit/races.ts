import { Client } from 'pg';
import { aDossierAtLeg, dataOf, eventually, TAX_NOTICE_FIELDS, untilStatus, type DossierHub } from './dossiers';
import type { TestHub } from './hub';

/**
 * Races made to happen every time: the test holds a transaction open on the hub's database (a row, a table)
 * while the hub's work runs into it, waits until the hub is seen waiting, then lets go.
 */

/** How the test's own sessions are told apart from the hub's. */
const TEST_SESSION = 'mot-cua-hub-test';

/** A connection of the test's own to the hub's database, to hold a transaction open across the hub's work. */
export async function connect(hub: TestHub): Promise<Client> {
  const client = new Client({ connectionString: hub.database.url, application_name: TEST_SESSION });
  await client.connect();
  return client;
}

/**
 * The sessions of the hub's database as they are now. A transaction sees pg_stat_activity as it was at its
 * first look (PostgreSQL keeps one snapshot of the statistics per transaction), and the test's own
 * connection is usually in one, holding what the hub runs into: the snapshot is dropped before each look.
 */
export async function sessionsNow<T>(client: Client, sql: string, params: unknown[] = []): Promise<T[]> {
  await client.query('select pg_stat_clear_snapshot()');
  return (await client.query(sql, params)).rows;
}

/** Resolves once some other session of the hub's database waits for a lock (on a row the test holds). */
export async function untilSomeoneWaits(client: Client, timeoutMs?: number): Promise<void> {
  await eventually(async () => {
    const rows = await sessionsNow<{ waiting: number }>(
      client,
      `select count(*)::int as waiting from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
    );
    expect(rows[0].waiting).toBeGreaterThan(0);
  }, timeoutMs);
}

/** Resolves once some other session waits for a table the test locked (`schema.table`), or for a row it changed (`row`). */
export async function untilWaitingFor(client: Client, what: string): Promise<void> {
  await eventually(async () => {
    const { rows } = await client.query(
      `select count(*)::int as waiting from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where a.datname = current_database() and l.pid <> pg_backend_pid() and not l.granted
          and (case when $1 = 'row' then l.locktype = 'transactionid' else l.locktype = 'relation' and l.relation = $1::regclass end)`,
      [what],
    );
    expect(rows[0].waiting).toBeGreaterThan(0);
  });
}

/**
 * The hub's sessions (not the test's) that hold a transaction open while doing nothing in it, each with the
 * last statement it sent, so that a failure names the transaction.
 */
export function idleInTransaction(client: Client): Promise<Array<{ query: string; state: string }>> {
  return sessionsNow(
    client,
    `select query, state from pg_stat_activity where datname = current_database() and application_name <> $1 and state like 'idle in transaction%'`,
    [TEST_SESSION],
  );
}

const TAXES = [{ kind: 'REGISTRATION_FEE', base: '800000000', rate: 0.005 }];

export function taxDesk(context: DossierHub) {
  const { hub, who, clock } = context;
  const treasury = () => hub.token('BG.KBNN', ['SYSTEM'], 'Hệ thống Kho bạc');
  const issue = (code: string, items: unknown[] = TAXES, token = who.tax) =>
    hub.gql(`mutation ($input: IssueTaxNoticeInput!) { issueTaxNotice(input: $input) { ${TAX_NOTICE_FIELDS} } }`, { input: { dossier: code, items } }, token);
  const pay = (notice: string, amount: string, receiptNumber: string) =>
    hub.gql(
      `mutation ($notice: ID!, $amount: Money!, $receipt: String!) { recordTaxPayment(notice: $notice, amount: $amount, receiptNumber: $receipt) { ${TAX_NOTICE_FIELDS} } }`,
      { notice, amount, receipt: receiptNumber },
      treasury(),
    );
  /** A land transfer at the Yên Thế tax branch since Tuesday 10 March 10:00. */
  const atTaxBranch = async (): Promise<string> =>
    (
      await aDossierAtLeg(context, 3, '2026-03-09T09:00:00+07:00', [
        { handedAt: '2026-03-09T10:00:00+07:00' },
        { handedAt: '2026-03-10T09:00:00+07:00', acceptedAt: '2026-03-10T10:00:00+07:00' },
      ])
    ).code;
  /** Its notice issued Wednesday 11 March 10:00, accepted by the land branch at 14:00 while it waits for the payment. */
  const awaitingPaymentAtLandBranch = async (): Promise<{ code: string; notice: any }> => {
    const code = await atTaxBranch();
    clock.set('2026-03-11T10:00:00+07:00');
    const notice = dataOf(await issue(code)).issueTaxNotice;
    await untilStatus(hub, code, 'AWAITING_PAYMENT');
    clock.set('2026-03-11T14:00:00+07:00');
    await context.dossiers.ok('accept', { code }, who.land);
    return { code, notice };
  };
  return { treasury, issue, pay, atTaxBranch, awaitingPaymentAtLandBranch };
}

