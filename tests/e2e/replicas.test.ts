import { readFileSync } from 'node:fs';
import type { Client } from 'pg';
import { startSubgraphs, type RunningSubgraphs } from '../../scripts/subgraphs';
import { allEventsConsumed, APPLICANT, dataOf, eventually, LAND_TRANSFER_DOCUMENTS, useDossierHub } from '../testkit/dossiers';
import { postGraphQL, type TestHub } from '../testkit/hub';
import { connect, sessionsNow, taxDesk, untilSomeoneWaits } from '../testkit/races';
import { startSubgraphReplica, type Replica } from '../testkit/replica';

/** A second onestop, in a process of its own (as `npm run start:onestop` runs it), over the same database and feeds. */
function startReplica(hub: TestHub): Promise<Replica> {
  return startSubgraphReplica(hub, 'onestop', {
    HUB_DB_POOL_MAX: '4',
    HUB_URL_TAX: hub.subgraphs.tax.url,
    HUB_URL_LAND: hub.subgraphs.land.url,
    HUB_URL_LOCAL: hub.subgraphs.local.url,
    HUB_URL_PROVINCE: hub.subgraphs.province.url,
  });
}

/** For a failure: what each session of the database does, where the feed stands, and the replica's last log lines. */
async function whatEveryoneDoes(db: Client, replica: Replica): Promise<string> {
  const sessions = await sessionsNow(
    db,
    `select application_name, state, wait_event_type, wait_event, left(query, 200) as query from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  const { rows: cursors } = await db.query(`select source, position::text from onestop.feed_cursor order by source`);
  const { rows: outbox } = await db.query(`select id::text, type, dossier_code from tax.outbox order by id desc limit 8`);
  const log = readFileSync(replica.log, 'utf8').trim().split('\n').slice(-30);
  return [
    `replica ${replica.process.exitCode === null ? 'running' : `exited with ${replica.process.exitCode}`}`,
    'sessions:', ...sessions.map((row) => JSON.stringify(row)),
    'cursors:', JSON.stringify(cursors),
    'tax outbox:', JSON.stringify(outbox),
    `replica log (${replica.log}):`, ...log,
  ].join('\n');
}

const FEED_LOCK = `hashtext('mot-cua-hub:feed:onestop:tax')`;

describe('two onestop replicas following the same feeds', () => {
  const context = useDossierHub('2026-03-09T09:00:00+07:00');
  const { hub, who, clock } = context;
  const desk = taxDesk(context);
  let replica: Replica | undefined;
  afterAll(() => {
    if (replica?.process.exitCode === null) replica.process.kill('SIGKILL');
  });

  it('applies every payment exactly once and in order, one reader at a time, and another takes over when the reader is killed mid-way', async () => {
    const waiting: Array<{ code: string; notice: any }> = [];
    for (let i = 0; i < 6; i += 1) waiting.push(await desk.awaitingPaymentAtLandBranch());
    await allEventsConsumed(hub);
    const db = await connect(hub);
    try {
      const [{ before }] = (await db.query(`select coalesce(max(id), 0)::text as before from tax.outbox`)).rows;

      // The replica starts while the hub's own onestop is down, and becomes the tax feed's reader.
      await hub.restartSubgraph('onestop', async () => {
        replica = await startReplica(hub);
        await eventually(async () => {
          const [{ free }] = (await db.query(`select pg_try_advisory_lock(${FEED_LOCK}) as free`)).rows;
          if (free) await db.query(`select pg_advisory_unlock(${FEED_LOCK})`);
          expect(free).toBe(false);
        });
      });

      // One dossier is held by another change, so the reader stops there with part of the payments applied.
      const stuck = waiting[3].code;
      await db.query('begin');
      await db.query('select 1 from onestop.dossier where code = $1 for update', [stuck]);
      clock.set('2026-03-12T09:00:00+07:00');
      const paid = await Promise.all(waiting.map(({ notice }, i) => desk.pay(notice.id, notice.total, `KB-REPLICA-${i}`)));
      for (const answer of paid) expect(answer.errors).toBeUndefined();
      // The replica, a process just started, may take a while over its first messages on a busy machine.
      await untilSomeoneWaits(db, 60_000).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await whatEveryoneDoes(db, replica!)}`);
      });

      // The reader dies mid-way (SIGKILL: no shutdown of any kind); the hub's own onestop takes the feed over.
      const killed = Date.now();
      replica!.process.kill('SIGKILL');
      await db.query('commit');
      for (const { code } of waiting) {
        await eventually(async () => {
          const { status } = dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { status } }`, { code }, who.supervisor)).dossier;
          expect(status).toBe('IN_PROGRESS');
        }, 20_000);
      }
      expect(Date.now() - killed).toBeLessThan(20_000);
      await allEventsConsumed(hub);

      for (const { code } of waiting) {
        const dossier = dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { history { action } historyIntact } }`, { code }, who.supervisor)).dossier;
        expect(dossier.history.filter((event: any) => event.action === 'PAYMENT_RECEIVED')).toHaveLength(1);
        expect(dossier.historyIntact).toBe(true);
      }
      // Every message of the payments taken once, applied, and in the feed's order.
      const { rows: messages } = await db.query(`select id::text from tax.outbox where id > $1 order by id`, [before]);
      const { rows: taken } = await db.query(
        `select event_id::text as id, outcome from onestop.consumed_event where source = 'tax' and event_id > $1 order by consumed_at, event_id`,
        [before],
      );
      expect(messages.length).toBe(waiting.length);
      expect(taken.map((row) => row.id)).toEqual(messages.map((row) => row.id));
      expect(new Set(taken.map((row) => row.outcome))).toEqual(new Set(['APPLIED']));
    } finally {
      await db.end();
    }
  }, 180_000);
});

describe('two onestops receiving at one desk at once', () => {
  const { hub, who, clock } = useDossierHub('2026-03-16T09:00:00+07:00');

  it('gives every receipt numbers of its own, with none skipped, whichever onestop took it', async () => {
    // A second onestop over the same database, on the same clock: each knows only the numbers it took itself.
    const second: RunningSubgraphs = await startSubgraphs({
      databaseUrl: hub.database.url,
      config: hub.config,
      ephemeralPorts: true,
      clock: clock.read,
      names: ['onestop'],
      gatewayUrl: () => hub.gateway.url,
      peers: { tax: hub.subgraphs.tax.url, land: hub.subgraphs.land.url, local: hub.subgraphs.local.url, province: hub.subgraphs.province.url },
    });
    try {
      await receiveFromBoth([hub.subgraphs.onestop.url, second.urls.onestop!]);
    } finally {
      await second.close();
    }
  }, 60_000);

  async function receiveFromBoth(onestops: string[]) {
    const receive = async (url: string) =>
      dataOf(
        await postGraphQL(
          url,
          'mutation ($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code receiptNumber ledgerNumber historyIntact } }',
          { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS } },
          { authorization: `Bearer ${who.desk}` },
        ),
      ).receiveDossier;
    // Each learns the desk's numbers from a receipt of its own, then both receive at once, each guessing wrong
    // whenever the other took numbers since.
    const first = [await receive(onestops[0]), await receive(onestops[1])];
    const together = await Promise.all(Array.from({ length: 24 }, (_, i) => receive(onestops[i % 2])));
    const all = [...first, ...together];
    const continuous = (numbers: number[]) => {
      const sorted = [...numbers].sort((a, b) => a - b);
      return sorted.map((number) => number - sorted[0]);
    };
    const range = Array.from({ length: all.length }, (_, i) => i);
    expect(continuous(all.map((dossier) => Number(dossier.code.slice(-4))))).toEqual(range);
    expect(continuous(all.map((dossier) => Number.parseInt(dossier.receiptNumber, 10)))).toEqual(range);
    expect(continuous(all.map((dossier) => dossier.ledgerNumber))).toEqual(range);
    expect(all.every((dossier) => dossier.historyIntact)).toBe(true);
    const stored = dataOf(await hub.gql(`{ dossiers(filter: { desk: "BG.YENTHE" }, first: 100) { totalCount } }`, {}, who.desk)).dossiers;
    expect(stored.totalCount).toBe(all.length);
  }
});
