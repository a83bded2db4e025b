import { runAudit } from '../../scripts/audit';
import { env } from '../../subgraphs/common/env';
import { eventHash, signatureOf } from '../../subgraphs/onestop/dossier/history-chain';
import { aDossierAtLeg, dataOf, useDossierHub } from '../testkit/dossiers';
import { connect } from '../testkit/races';

/**
 * What a database superuser can do to the record, and what the hub then shows. Each case works directly on
 * the database, as such a person would: the hub's own API never changes history.
 */
describe('tamper evidence of the record', () => {
  const context = useDossierHub('2026-03-09T08:00:00+07:00');
  const { hub, who } = context;
  const intact = async (code: string) =>
    dataOf(await hub.gql(`query ($code: ID!) { dossier(code: $code) { historyIntact } }`, { code }, who.supervisor)).dossier.historyIntact as boolean;
  const audit = async () => dataOf(await hub.gql(`{ auditCheck { dossiers events intact broken firstBroken { code problem } } }`, {}, who.supervisor)).auditCheck;
  const aDossier = async () => (await aDossierAtLeg(context, 2, '2026-03-09T08:00:00+07:00')).code as string;
  const tampered: string[] = [];

  /** As a superuser: with the history's own triggers switched off for the session. */
  async function asSuperuser(work: (sql: (text: string, values?: unknown[]) => Promise<any[]>) => Promise<void>): Promise<void> {
    const client = await connect(hub);
    try {
      await client.query(`set session_replication_role = replica`);
      await work(async (text, values) => (await client.query(text, values)).rows);
    } finally {
      await client.end();
    }
  }

  it('verifies every dossier of a record nobody touched, by the supervisor’s auditCheck and by npm run audit', async () => {
    const code = await aDossier();
    expect(await intact(code)).toBe(true);
    const report = await audit();
    expect(report).toMatchObject({ intact: true, broken: 0, firstBroken: null });
    expect(report.dossiers).toBeGreaterThan(0);
    expect(report.events).toBeGreaterThanOrEqual(report.dossiers * 3);
    expect(await runAudit(hub.database.url, env().auditKey)).toMatchObject({ broken: 0, firstBroken: null, dossiers: report.dossiers });
    expect((await hub.gql(`{ auditCheck { intact } }`, {}, who.land)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses TRUNCATE of the history, directly or by cascade', async () => {
    const client = await connect(hub);
    try {
      await expect(client.query('truncate onestop.dossier_event')).rejects.toThrow(/append-only: TRUNCATE on dossier_event refused/);
      await expect(client.query('truncate onestop.dossier cascade')).rejects.toThrow(/append-only: TRUNCATE/);
    } finally {
      await client.end();
    }
  });

  it('shows a status changed in the database while the history was left as it was', async () => {
    const code = await aDossier();
    await asSuperuser(async (sql) => {
      await sql(`update onestop.dossier set status = 'RESOLVED' where code = $1`, [code]);
    });
    expect(await intact(code)).toBe(false);
    tampered.push(code);
  });

  it('shows a last event removed and the head of the chain reset to the one before', async () => {
    const code = await aDossier();
    await asSuperuser(async (sql) => {
      const [last] = await sql(`select seq, previous_hash from onestop.dossier_event where dossier_code = $1 order by seq desc limit 1`, [code]);
      await sql(`delete from onestop.dossier_event where dossier_code = $1 and seq = $2`, [code, last.seq]);
      // The state is put back as the history now leads to (the hand-over not yet accepted), so only the signature can tell.
      await sql(`update onestop.dossier set history_head = $2, history_length = $3 where code = $1`, [code, last.previous_hash, last.seq - 1]);
    });
    expect(await intact(code)).toBe(false);
    tampered.push(code);
  });

  it('shows a forged event appended with the chain recomputed, signed or not without the key', async () => {
    const code = await aDossier();
    await asSuperuser(async (sql) => {
      const [last] = await sql(`select * from onestop.dossier_event where dossier_code = $1 order by seq desc limit 1`, [code]);
      const forged = {
        dossier: { code },
        seq: last.seq + 1,
        at: new Date(last.at.getTime() + 60_000),
        actorId: last.actor_id,
        actorName: last.actor_name,
        roles: last.roles,
        agencyCode: last.agency_code,
        agencyName: last.agency_name,
        action: 'APOLOGIZE',
        fromStatus: last.to_status,
        toStatus: last.to_status,
        details: last.details,
        previousHash: last.hash,
      };
      const hash = eventHash(forged as never);
      await sql(
        `insert into onestop.dossier_event (dossier_code, seq, at, actor_id, actor_name, roles, agency_code, agency_name, action, from_status, to_status, details, previous_hash, hash, signature)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [code, forged.seq, forged.at, forged.actorId, forged.actorName, forged.roles, forged.agencyCode, forged.agencyName, forged.action, forged.fromStatus, forged.toStatus, forged.details, forged.previousHash, hash, signatureOf(hash, 'a key that is not the hub’s audit key')],
      );
      await sql(`update onestop.dossier set history_head = $2, history_length = $3 where code = $1`, [code, hash, forged.seq]);
    });
    expect(await intact(code)).toBe(false);
    tampered.push(code);
  });

  it('names the first broken dossier, in auditCheck and in npm run audit', async () => {
    const first = [...tampered].sort()[0];
    const report = await audit();
    expect(report).toMatchObject({ intact: false, broken: 3, firstBroken: { code: first } });
    expect(report.firstBroken.problem).toMatch(/status is not what its history leads to/);
    const cli = await runAudit(hub.database.url, env().auditKey);
    expect(cli).toMatchObject({ broken: 3, firstBroken: { code: first } });
    // With another key nothing verifies: the signatures are the key's, not the database's.
    expect((await runAudit(hub.database.url, 'another key of at least thirty-two characters')).broken).toBe(report.dossiers);
  });
});
