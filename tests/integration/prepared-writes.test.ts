import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { SUBGRAPHS } from '../../subgraphs/all';
import { openOrm } from '../../subgraphs/common/orm';
import { preparedPipeline, preparedWrite } from '../../subgraphs/common/prepared';
import { createTestDatabase, type TestDatabase } from '../testkit/database';

/**
 * `preparedWrite` with `commit`: a transaction's last write sent with its COMMIT in one round trip (a receipt
 * lets go of its desk's counter rows that way). One connection, so every statement meets the ones prepared
 * before it. (`late-begin.test.ts` checks what reaches PostgreSQL and what another session sees.)
 */
describe('a transaction’s last write, committed with it', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  const INSERT = 'insert into probe.row (id, word, at, doc, words, ok, raw, amount) values (?, ?, ?, ?, array[?]::text[], ?, ?, ?)';
  const VALUES = [
    `Sở Tư pháp tỉnh Bắc Giang — “hồ sơ” it's \\ done`,
    new Date('2026-03-16T02:00:00.123Z'),
    JSON.stringify({ tên: 'Nguyễn Văn A', số: 12, ghiChú: "O'Brien \\ x" }),
    ['Đơn đề nghị', 'Bản sao có chứng thực', "it's"],
    true,
    Buffer.from([0, 1, 0x5c, 0x27, 255]),
    '1234567.89',
  ];

  const rows = async () =>
    orm.em.fork().execute<Array<Record<string, unknown>>>('select id, word, at, doc, words, ok, encode(raw, \'hex\') as raw, amount from probe.row order by id');

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    orm = await openOrm(SUBGRAPHS.find((subgraph) => subgraph.name === 'onestop')!.database, { databaseUrl: database.url, poolMax: 1 });
    await orm.em.fork().execute(`create schema probe;
      create table probe.row (id int primary key, word text, at timestamptz, doc jsonb, words text[], ok boolean, raw bytea, amount numeric)`);
  });
  beforeEach(() => orm.em.fork().execute('truncate probe.row'));
  afterAll(async () => {
    await orm?.close();
    await database?.drop();
  });

  it('stores the values as the same write without the commit stores them, and commits what the transaction wrote before', async () => {
    await orm.em.fork().transactional((em) => preparedWrite(em, 'probe', INSERT, [1, ...VALUES]));
    await orm.em.fork().transactional(async (em) => {
      await em.execute('insert into probe.row (id, word) values (?, ?)', [3, 'before']);
      await preparedWrite(em, 'probe', INSERT, [2, ...VALUES], { commit: true });
    });
    // Prepared now on the connection: executed by name.
    await orm.em.fork().transactional((em) => preparedWrite(em, 'probe', INSERT, [4, ...VALUES], { commit: true }));

    const [byParameters, ...committed] = (await rows()).filter((row) => row.id !== 3);
    expect(byParameters).toMatchObject({ word: VALUES[0], at: '2026-03-16 02:00:00.123+00', doc: JSON.parse(VALUES[2] as string), words: VALUES[3], ok: true, raw: '00015c27ff', amount: '1234567.89' });
    for (const row of committed) expect({ ...row, id: 1 }).toEqual(byParameters);
    expect((await rows()).map((row) => row.id)).toEqual([1, 2, 3, 4]);
  });

  it('commits nothing when the write fails, and its statement serves the next transaction', async () => {
    await orm.em.fork().transactional((em) => preparedWrite(em, 'probe', INSERT, [1, ...VALUES], { commit: true }));
    const failed = orm.em.fork().transactional(async (em) => {
      await em.execute('insert into probe.row (id, word) values (?, ?)', [2, 'rolled back']);
      await preparedWrite(em, 'probe', INSERT, [1, ...VALUES], { commit: true });
    });
    await expect(failed).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    await expect(failed).rejects.toMatchObject({ constraint: 'row_pkey' });
    await orm.em.fork().transactional((em) => preparedWrite(em, 'probe', INSERT, [5, ...VALUES], { commit: true }));
    // A shape whose first use fails: prepared all the same, it serves the next transaction.
    const FRESH = `${INSERT} /* fresh */`;
    await expect(orm.em.fork().transactional((em) => preparedWrite(em, 'probe', FRESH, [5, ...VALUES], { commit: true }))).rejects.toMatchObject({ constraint: 'row_pkey' });
    await orm.em.fork().transactional((em) => preparedWrite(em, 'probe', FRESH, [6, ...VALUES], { commit: true }));
    expect((await rows()).map((row) => row.id)).toEqual([1, 5, 6]);
  });

  it('refuses to write more in a transaction it committed, and to commit outside one', async () => {
    const after = orm.em.fork().transactional(async (em: EntityManager) => {
      await preparedWrite(em, 'probe', INSERT, [1, ...VALUES], { commit: true });
      await preparedWrite(em, 'probe', INSERT, [2, ...VALUES]);
    });
    await expect(after).rejects.toThrow('The transaction was committed by its last write; nothing more is sent in it.');
    await expect(preparedWrite(orm.em.fork(), 'probe', INSERT, [3, ...VALUES], { commit: true })).rejects.toThrow('only the last write of a transaction');
    expect((await rows()).map((row) => row.id)).toEqual([1]);
  });

  it('sends several writes in one round trip and one transaction: all of them stored, or none', async () => {
    const [A, B, C, D] = ['a', 'b', 'c', 'd'].map((shape) => `${INSERT} /* pipeline ${shape} */`);
    await preparedPipeline(orm.em.fork(), 'probe', [
      [A, [10, ...VALUES]],
      [B, [11, ...VALUES]],
    ]);
    const [byParameters] = await rows();
    expect((await rows()).map((row) => row.id)).toEqual([10, 11]);
    // The second fails: the first is rolled back with it (its new shape stays prepared all the same), and the
    // third is never run (its shape not prepared).
    const failed = preparedPipeline(orm.em.fork(), 'probe', [
      [D, [12, ...VALUES]],
      [A, [10, ...VALUES]],
      [C, [13, ...VALUES]],
    ]);
    await expect(failed).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    await expect(failed).rejects.toMatchObject({ constraint: 'row_pkey' });
    expect((await rows()).map((row) => row.id)).toEqual([10, 11]);
    // The one connection is out of any transaction, and knows which of the shapes PostgreSQL kept prepared.
    await preparedPipeline(orm.em.fork(), 'probe', [
      [C, [14, ...VALUES]],
      [D, [15, ...VALUES]],
      [B, [16, ...VALUES]],
    ]);
    const stored = await rows();
    expect(stored.map((row) => row.id)).toEqual([10, 11, 14, 15, 16]);
    for (const row of stored) expect({ ...row, id: 10 }).toEqual(byParameters);
    expect(byParameters).toMatchObject({ word: VALUES[0], doc: JSON.parse(VALUES[2] as string), words: VALUES[3], raw: '00015c27ff' });
  });

  it('refuses to send a pipeline inside a transaction', async () => {
    const inside = orm.em.fork().transactional((em) => preparedPipeline(em, 'probe', [[INSERT, [1, ...VALUES]]]));
    await expect(inside).rejects.toThrow('a pipeline is its own transaction');
    expect(await rows()).toEqual([]);
  });

  it('past the prepared statements one connection keeps, still commits with the write, planned each time', async () => {
    for (let shape = 0; shape < 101; shape++) {
      await orm.em.fork().transactional((em) => preparedWrite(em, 'probe', `${INSERT} /* shape ${shape} */`, [100 + shape, ...VALUES], { commit: true }));
    }
    await orm.em.fork().transactional((em) => preparedWrite(em, 'probe', `${INSERT} /* past the cap */`, [300, ...VALUES], { commit: true }));
    // Every statement the connection keeps prepared, the earlier tests' among them.
    const [prepared] = await orm.em.fork().execute<Array<{ count: number }>>(`select count(*)::int as count from pg_prepared_statements`);
    expect(prepared.count).toBe(100);
    const stored = await rows();
    expect(stored).toHaveLength(102);
    for (const row of stored) expect({ ...row, id: 1 }).toEqual({ ...stored[0], id: 1 });
  });
});
