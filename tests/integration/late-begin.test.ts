import { Client } from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { SUBGRAPHS } from '../../subgraphs/all';
import { openOrm } from '../../subgraphs/common/orm';
import { preparedWrite } from '../../subgraphs/common/prepared';
import { createTestDatabase, type TestDatabase } from '../testkit/database';

/**
 * `sendBeginsLate`: a transaction's BEGIN goes with its first statement, and a transaction its last write
 * committed sends no COMMIT. What reaches PostgreSQL is read off pg's client (every statement passes through
 * `Client.prototype.query`; the COMMIT a committing write carries goes in that write's pipeline); what the
 * transactions left is read by another session, and after each one the pooled connection must have no
 * transaction open.
 */
describe('transactions in fewer round trips', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  let other: Client;
  let sent: string[] = [];
  const query = Client.prototype.query;

  /** The rows as another session sees them: only what was committed. */
  const committed = async () => (await other.query<{ id: number }>('select id from probe.row order by id')).rows.map((row) => row.id);

  /** The pool's one connection, asked whether a transaction is open on it. */
  async function pooledStatus(): Promise<string | null> {
    const knex = orm.em.getConnection().getKnex();
    const connection = (await knex.client.acquireConnection()) as Client;
    try {
      return connection.getTransactionStatus();
    } finally {
      await knex.client.releaseConnection(connection);
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    orm = await openOrm(SUBGRAPHS.find((subgraph) => subgraph.name === 'onestop')!.database, { databaseUrl: database.url, poolMax: 1 });
    await orm.em.fork().execute('create schema probe; create table probe.row (id int primary key, tx bigint)');
    other = new Client({ connectionString: database.url });
    await other.connect();
    jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      const [statement] = args as [string | { text: string }];
      if (this !== other) sent.push(typeof statement === 'string' ? statement : statement.text);
      return (query as (...given: unknown[]) => unknown).apply(this, args);
    } as typeof query);
  });
  beforeEach(async () => {
    await orm.em.fork().execute('truncate probe.row');
    sent = [];
  });
  afterEach(async () => {
    expect(await pooledStatus()).toBe('I');
    // Outside a transaction, a statement goes as it is.
    sent = [];
    await orm.em.fork().execute('select 1');
    expect(sent).toEqual(['select 1']);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await other?.end();
    await orm?.close();
    await database?.drop();
  });

  it('sends BEGIN with the first statement, and runs every statement in the one transaction', async () => {
    await orm.em.fork().transactional(async (em) => {
      await em.execute('insert into probe.row values (1, txid_current())');
      await em.execute('insert into probe.row values (2, txid_current())');
    });
    expect(sent).toEqual(['BEGIN; insert into probe.row values (1, txid_current())', 'insert into probe.row values (2, txid_current())', 'COMMIT;']);
    expect(await committed()).toEqual([1, 2]);
    const { rows } = await other.query<{ tx: string }>('select tx from probe.row');
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
  });

  it('rolls back the first statement with the rest when the transaction fails', async () => {
    const failed = orm.em.fork().transactional(async (em) => {
      await em.execute('insert into probe.row values (1, 0)');
      await em.execute('insert into probe.row values (1, 0)');
    });
    await expect(failed).rejects.toThrow(/row_pkey/);
    expect(sent).toEqual(['BEGIN; insert into probe.row values (1, 0)', 'insert into probe.row values (1, 0)', 'ROLLBACK']);
    expect(await committed()).toEqual([]);
  });

  it('after a first statement that fails, sends nothing more in the transaction but its rollback', async () => {
    // A syntax error stops the whole simple query, its BEGIN too; a caller that carries on writes nothing.
    const carriedOn = orm.em.fork().transactional(async (em) => {
      await em.execute('insert into probe.row valuez (1, 0)').catch(() => undefined);
      await em.execute('insert into probe.row values (2, 0)');
    });
    await expect(carriedOn).rejects.toThrow('The transaction failed at its first statement; nothing more is sent in it but its rollback.');
    expect(sent).toEqual(['BEGIN; insert into probe.row valuez (1, 0)', 'ROLLBACK']);
    expect(await committed()).toEqual([]);
  });

  it('holds a statement sent meanwhile until the one that carries BEGIN has its answer', async () => {
    // Sent at once, the second would otherwise run on its own if the first's syntax error stopped its BEGIN.
    const together = orm.em.fork().transactional((em) =>
      Promise.all([em.execute('insert into probe.row valuez (7, 0)'), em.execute('insert into probe.row values (8, 0)')]),
    );
    await expect(together).rejects.toThrow(/syntax error/);
    // Let the held statement have its answer (a refusal) before looking.
    await new Promise((settle) => setImmediate(settle));
    expect(await committed()).toEqual([]);
    expect(sent).toEqual(['BEGIN; insert into probe.row valuez (7, 0)', 'ROLLBACK']);
  });

  it('sends nothing for a transaction that sent no statement', async () => {
    await orm.em.fork().transactional(async () => undefined);
    await expect(orm.em.fork().transactional(async () => Promise.reject(new Error('refused before writing')))).rejects.toThrow('refused before writing');
    expect(sent).toEqual([]);
  });

  it('sends BEGIN on its own before a first statement with parameters, and with a nested transaction’s savepoint', async () => {
    await orm.em.fork().transactional(async (em) => {
      await em.getConnection().getKnex().raw('insert into probe.row values (?, 0)', [3]).transacting(em.getTransactionContext()!);
    });
    expect(sent).toEqual(['BEGIN;', 'insert into probe.row values ($1, 0)', 'COMMIT;']);
    sent = [];
    await orm.em.fork().transactional((em) => em.transactional((inner) => inner.execute('insert into probe.row values (4, 0)')));
    expect(sent[0]).toMatch(/^BEGIN; SAVEPOINT \w+;$/);
    expect(sent.at(-1)).toBe('COMMIT;');
    expect(await committed()).toEqual([3, 4]);
  });

  it('sends BEGIN before a prepared write that comes first, and no COMMIT after a write that committed', async () => {
    await orm.em.fork().transactional(async (em) => {
      await preparedWrite(em, 'probe', 'insert into probe.row values (?, txid_current())', [4]);
      await preparedWrite(em, 'probe', 'insert into probe.row values (?, txid_current())', [5], { commit: true });
    });
    expect(sent).toEqual(['BEGIN', 'insert into probe.row values ($1, txid_current())', 'insert into probe.row values ($1, txid_current())']);
    expect(await committed()).toEqual([4, 5]);
  });

  it('refuses a statement after the write that committed, and a committing write in a nested transaction', async () => {
    const after = orm.em.fork().transactional(async (em: EntityManager) => {
      await em.execute('insert into probe.row values (6, 0)');
      await preparedWrite(em, 'probe', 'insert into probe.row values (?, 0)', [7], { commit: true });
      await em.execute('insert into probe.row values (8, 0)');
    });
    await expect(after).rejects.toThrow('The transaction was committed by its last write; nothing more is sent in it.');
    // What the write committed stays committed: the caller must end its transaction there.
    expect(await committed()).toEqual([6, 7]);

    const nested = orm.em.fork().transactional(async (em) => {
      await em.execute('insert into probe.row values (9, 0)');
      await em.transactional((inner) => preparedWrite(inner, 'probe', 'insert into probe.row values (?, 0)', [10], { commit: true }));
    });
    await expect(nested).rejects.toThrow('only the last write of a transaction that is not nested in another commits it');
    expect(await committed()).toEqual([6, 7]);
  });
});
