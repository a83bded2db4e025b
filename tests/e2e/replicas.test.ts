import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../subgraphs/common/reference-data';
import { allEventsConsumed, dataOf, eventually, useDossierHub } from '../testkit/dossiers';
import type { TestHub } from '../testkit/hub';
import { connect, taxDesk, untilSomeoneWaits } from '../testkit/races';

/** A second onestop, in a process of its own (as `npm run start:onestop` runs it), over the same database and feeds. */
interface Replica {
  process: ChildProcess;
  url: string;
}

async function startReplica(hub: TestHub): Promise<Replica> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'subgraphs', 'onestop', 'index.js')], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      // Its start is told at info level, as a JSON line: {"msg":"subgraph ready","url":…}.
      HUB_LOG_LEVEL: 'info',
      DATABASE_URL: hub.database.url,
      HUB_HOST: '127.0.0.1',
      HUB_PORT_ONESTOP: '0',
      HUB_DB_POOL_MAX: '4',
      HUB_EVENT_POLL_MS: '100',
      HUB_GATEWAY_URL: hub.gateway.url,
      HUB_URL_TAX: hub.subgraphs.tax.url,
      HUB_URL_LAND: hub.subgraphs.land.url,
      HUB_URL_LOCAL: hub.subgraphs.local.url,
      HUB_URL_PROVINCE: hub.subgraphs.province.url,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'subgraph ready' && entry.url) resolve(entry.url);
      } catch {
        // not a log entry
      }
    });
    child.once('exit', (code) => reject(new Error(`the replica exited with ${code} before it was ready`)));
  });
  return { process: child, url };
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
      await untilSomeoneWaits(db, 60_000);

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
