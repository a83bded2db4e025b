import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SUBGRAPHS } from '../../subgraphs/all';
import { openOrm } from '../../subgraphs/common/orm';
import { preparedWrite } from '../../subgraphs/common/prepared';
import { createTestDatabase, type TestDatabase } from '../testkit/database';

/**
 * `sendBeginsLate`: a transaction's BEGIN goes with its first statement, and a transaction its last write
 * committed sends no COMMIT. What reaches PostgreSQL is read off pg's client (every statement passes through
 * `Client.prototype.query`), and what the transactions did off the table.
 */
describe('transactions in fewer round trips', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  let sent: string[] = [];
  const query = Client.prototype.query;

  const ids = async () => (await orm.em.fork().execute<Array<{ id: number }>>('select id from probe.row order by id')).map((row) => row.id);

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    orm = await openOrm(SUBGRAPHS.find((subgraph) => subgraph.name === 'onestop')!.database, { databaseUrl: database.url, poolMax: 1 });
    await orm.em.fork().execute('create schema probe; create table probe.row (id int primary key, tx bigint)');
    jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      const [statement] = args as [string | { text: string }];
      sent.push(typeof statement === 'string' ? statement : statement.text);
      return (query as (...given: unknown[]) => unknown).apply(this, args);
    } as typeof query);
  });
  beforeEach(async () => {
    await orm.em.fork().execute('truncate probe.row');
    sent = [];
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await orm?.close();
    await database?.drop();
  });

  it('sends BEGIN with the first statement, and runs every statement in the one transaction', async () => {
    await orm.em.fork().transactional(async (em) => {
      await em.execute('insert into probe.row values (1, txid_current())');
      await em.execute('insert into probe.row values (2, txid_current())');
    });
    expect(sent).toEqual(['BEGIN; insert into probe.row values (1, txid_current())', 'insert into probe.row values (2, txid_current())', 'COMMIT;']);
    const rows = await orm.em.fork().execute<Array<{ tx: string }>>('select tx from probe.row');
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
  });

  it('rolls back the first statement with the rest when the transaction fails', async () => {
    const failed = orm.em.fork().transactional(async (em) => {
      await em.execute('insert into probe.row values (1, 0)');
      await em.execute('insert into probe.row values (1, 0)');
    });
    await expect(failed).rejects.toThrow(/row_pkey/);
    expect(sent).toEqual(['BEGIN; insert into probe.row values (1, 0)', 'insert into probe.row values (1, 0)', 'ROLLBACK']);
    expect(await ids()).toEqual([]);
  });

  it('sends nothing for a transaction that sent no statement', async () => {
    await orm.em.fork().transactional(async () => undefined);
    await expect(orm.em.fork().transactional(async () => Promise.reject(new Error('refused before writing')))).rejects.toThrow('refused before writing');
    expect(sent).toEqual([]);
  });

  it('sends BEGIN on its own before a first statement with parameters', async () => {
    await orm.em.fork().transactional(async (em) => {
      await em.getConnection().getKnex().raw('insert into probe.row values (?, 0)', [3]).transacting(em.getTransactionContext()!);
    });
    expect(sent).toEqual(['BEGIN;', 'insert into probe.row values ($1, 0)', 'COMMIT;']);
    expect(await ids()).toEqual([3]);
  });

  it('sends BEGIN before a prepared write that comes first, and no COMMIT after a write that committed', async () => {
    await orm.em.fork().transactional(async (em) => {
      await preparedWrite(em, 'probe', 'insert into probe.row values (?, txid_current())', [4]);
      await preparedWrite(em, 'probe', 'insert into probe.row values (?, txid_current())', [5], { commit: true });
    });
    expect(sent[0]).toBe('BEGIN');
    expect(sent.at(-1)).toMatch(/^execute "probe\.commit\.[\w-]+"\('5'\); commit$/);
    expect(sent).not.toContain('COMMIT;');
    expect(await ids()).toEqual([4, 5]);
    // The connection is back in the pool with no transaction open: the next one starts afresh.
    await orm.em.fork().transactional((em) => em.execute('insert into probe.row values (6, 0)'));
    const [{ open }] = await orm.em.fork().execute<Array<{ open: number }>>(`select count(*)::int as open from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
    expect(open).toBe(0);
    expect(await ids()).toEqual([4, 5, 6]);
  });
});
