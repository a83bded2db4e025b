import 'reflect-metadata';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { issueToken } from '../gateway/auth';
import type { Role } from '../subgraphs/common/auth';
import { env } from '../subgraphs/common/env';
import { documentsOf } from '../subgraphs/common/reference-data';
import { argument, gql, graphqlBody, inPool, machine, percentile, startBenchHub, type BenchHub } from './harness';

/**
 * `npm run bench:events`: how fast events go from a producer's outbox to onestop, and how long a dossier
 * takes to move on after its tax notice is paid, under a steady load of receipts at the desk.
 *
 * 1. Catch-up: the hub runs with onestop's consumer idle (as if onestop were down) while N land transfers
 *    get their tax notices and payments (2N events in the tax outbox); the hub restarts with the consumer
 *    on, receipts arrive at a steady rate, and the time to drain the backlog gives events per second.
 * 2. Steady state: with the consumer on, payments are recorded at a steady pace; each payment's delay to
 *    the dossier moving on is the time from the event in the tax outbox to onestop applying it.
 *
 * Options: --backlog <N> (default 500), --payments <M> (default 200), --receipts-per-second (default 20).
 */

const LAND_TRANSFER_DOCUMENTS = documentsOf('BG-DD-CN');

async function main(): Promise<void> {
  const config = env();
  const backlog = argument('backlog', 500);
  const payments = argument('payments', 200);
  const receiptRate = argument('receipts-per-second', 20);
  const token = (agency: string, roles: Role[]) => issueToken({ agency, roles, name: 'Cán bộ đo tải', expiresIn: '2h' }, config.jwtSecret);
  const who = {
    desk: token('BG.YENTHE', ['RECEPTIONIST']),
    land: token('BG.VPDKDD.YENTHE', ['PROCESSOR']),
    tax: token('BG.CT.YENTHE', ['PROCESSOR']),
    treasury: token('BG.KBNN', ['SYSTEM']),
  };

  /** A land transfer taken to the tax branch, which issues its notice; returns the notice. */
  async function noticeAtTax(gateway: string, n: number): Promise<string> {
    const { receiveDossier } = await gql(
      gateway,
      `mutation ($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }`,
      { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: { name: `Người nộp ${n}`, phone: '0912345678' }, documents: LAND_TRANSFER_DOCUMENTS } },
      who.desk,
    );
    const code = receiveDossier.code as string;
    const step = (mutation: string, as: string) => gql(gateway, `mutation ($code: ID!) { ${mutation} { code } }`, { code }, as);
    await step('handOverDossier(code: $code, to: "BG.VPDKDD.YENTHE")', who.desk);
    await step('acceptDossier(code: $code)', who.land);
    await step('handOverDossier(code: $code, to: "BG.CT.YENTHE")', who.land);
    await step('acceptDossier(code: $code)', who.tax);
    const { issueTaxNotice } = await gql(
      gateway,
      `mutation ($code: ID!) { issueTaxNotice(input: { dossier: $code, items: [{ kind: REGISTRATION_FEE, base: "1000000000" }] }) { id } }`,
      { code },
      who.tax,
    );
    return issueTaxNotice.id as string;
  }

  const pay = (gateway: string, notice: string, n: number) =>
    gql(gateway, `mutation ($notice: ID!, $r: String!) { recordTaxPayment(notice: $notice, amount: "5000000", receiptNumber: $r) { paid } }`, { notice, r: `KB-BENCH-${n}` }, who.treasury);

  /** Receipts at the desk at a steady rate until stopped. */
  function steadyReceipts(gateway: string) {
    const instance = autocannon(
      {
        url: `${gateway}/graphql`,
        connections: 4,
        overallRate: receiptRate,
        duration: 3600,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${who.desk}` },
            body: graphqlBody('mutation ($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }', {
              input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: { name: 'Người nộp', phone: '0912345678' }, documents: LAND_TRANSFER_DOCUMENTS },
            }),
          },
        ],
      } as autocannon.Options,
      () => {},
    );
    return () => instance.stop();
  }

  async function untilDrained(db: Client, timeoutMs = 600_000): Promise<void> {
    const began = Date.now();
    for (;;) {
      const { rows } = await db.query(
        `select (select coalesce(max(id), 0) from tax.outbox) as last, (select coalesce(max(position), 0) from onestop.feed_cursor where source = 'tax') as position`,
      );
      if (Number(rows[0].position) >= Number(rows[0].last)) return;
      if (Date.now() - began > timeoutMs) throw new Error('the consumer did not drain the tax outbox in time');
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  const lines: string[] = [];
  let hub: BenchHub | undefined;
  let db: Client | undefined;
  try {
    console.log(`1. Catch-up: ${backlog} land transfers get their notices and payments while onestop's consumer is idle…`);
    hub = await startBenchHub('motcua_bench_events', { extraEnv: { HUB_EVENT_POLL_MS: '3600000' } });
    const notices: string[] = [];
    await inPool(backlog, 8, async (n) => notices.push(await noticeAtTax(hub!.gateway, n)), 'dossiers with notices');
    await inPool(notices.length, 8, (n) => pay(hub!.gateway, notices[n], n), 'payments');
    await hub.stop();

    hub = await startBenchHub('motcua_bench_events', { reuse: true });
    db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    const stopReceipts = steadyReceipts(hub.gateway);
    const began = Date.now();
    await untilDrained(db);
    const drained = (Date.now() - began) / 1000;
    stopReceipts();
    const { rows: applied } = await db.query(`select count(*) as n, extract(epoch from max(consumed_at) - min(consumed_at)) as seconds from onestop.consumed_event where source = 'tax'`);
    const events = Number(applied[0].n);
    const rate = events / Number(applied[0].seconds);
    lines.push(`| catch-up after an outage | ${events} events (notice issued + paid) | ${rate.toFixed(0)} events/s | drained in ${drained.toFixed(1)} s |`);
    console.log(`  ${events} events applied at ${rate.toFixed(0)}/s; backlog drained ${drained.toFixed(1)} s after onestop came back`);

    console.log(`2. Steady state: ${payments} payments at ~10/s while receipts arrive at ${receiptRate}/s…`);
    const more: string[] = [];
    await inPool(payments, 8, async (n) => more.push(await noticeAtTax(hub!.gateway, backlog + n)), 'dossiers with notices');
    await untilDrained(db);
    const stopAgain = steadyReceipts(hub.gateway);
    const measuredFrom = new Date();
    await inPool(payments, 1, async (n) => {
      await pay(hub!.gateway, more[n], backlog + n);
      await new Promise((done) => setTimeout(done, 100));
    }, 'paced payments');
    await untilDrained(db);
    stopAgain();
    const { rows } = await db.query(
      `select extract(epoch from c.consumed_at - o.occurred_at) * 1000 as ms
         from tax.outbox o join onestop.consumed_event c on c.source = 'tax' and c.event_id = o.id
        where o.type = 'TAX_NOTICE_PAID' and o.occurred_at >= $1 order by ms`,
      [measuredFrom],
    );
    const delays = rows.map((row) => Number(row.ms));
    const p50 = percentile(delays, 50);
    const p99 = percentile(delays, 99);
    lines.push(`| payment → dossier moves on (poll every ${config.eventPollMs} ms) | ${delays.length} payments | p50 ${p50.toFixed(0)} ms | p99 ${p99.toFixed(0)} ms |`);
    console.log(`  delay from payment to the dossier moving on: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms (${delays.length} payments)`);

    console.log(`\nMachine: ${machine()}; receipts at ${receiptRate}/s throughout.`);
    console.log('| measurement | events | figure | |\n| --- | --- | --- | --- |');
    for (const line of lines) console.log(line);
  } finally {
    await db?.end();
    await hub?.stop();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
