import type { Knex } from '@mikro-orm/postgresql';

/**
 * Fewer round trips per transaction. The ORM's transactions send `BEGIN;` on its own and end with `COMMIT;`
 * on its own; each is a turn of the event loop and a wake-up of a PostgreSQL backend (about a tenth of a
 * receipt's work). Here a transaction's `BEGIN` goes with its first statement when that statement is plain
 * text (`BEGIN; …` in one simple query, as the ORM's raw statements are), or just before it otherwise; and a
 * transaction whose last write already committed it (`preparedWrite` with `commit`) sends no `COMMIT` of its
 * own. The statements run in the same transaction, in the same order; under READ COMMITTED each takes its
 * snapshot when it starts, so only `now()` moves, to the first statement. A `BEGIN` with an isolation level
 * or read-only (`BEGIN TRANSACTION …`) is sent as it comes.
 *
 * Knex sends every statement of a transaction through its transaction client's `_query(connection, query)`,
 * the transaction's `BEGIN;`, `COMMIT;` and `ROLLBACK` among them; `sendBeginsLate` wraps it when an ORM
 * opens (`openOrm`). Statements sent on a transaction's connection without knex (prepared ones) call
 * `beginOnServer` first.
 */

/** A pg connection of the pool, as knex hands it out. */
type Connection = object;

/** What knex gives `_query` and gets back from it: the statement, its values, and then pg's answer. */
interface KnexQuery {
  sql: string;
  bindings?: unknown[];
  options?: object;
  response?: unknown;
}

/**
 * Where a transaction stands when the server's side of it is not what knex believes: its `BEGIN` not sent
 * yet; committed by its last write; or failed in the statement its `BEGIN` went with, which may have kept
 * the `BEGIN` from running (a syntax error stops the whole simple query). While the statement that carries
 * the `BEGIN` or the `COMMIT` is on its way, its promise stands there: another statement of the transaction
 * sent meanwhile (`Promise.all` in a transaction) waits for it, so it never runs outside the transaction.
 */
type Standing = 'not begun' | 'committed' | 'failed';
type Entry = Standing | Promise<unknown>;
/** One map per process, even should this module be loaded twice (as source and as built). */
const standings: WeakMap<Connection, Entry> = ((globalThis as { [key: symbol]: unknown })[Symbol.for('mot-cua-hub: transaction standings')] ??=
  new WeakMap<Connection, Entry>()) as WeakMap<Connection, Entry>;

/**
 * Where the transaction on `connection` stands once the statement on its way (if any) has its answer. The
 * caller reads it with `standings.get` first and comes here only for a promise, then acts on the answer before
 * any other await: two statements sent at once must not both take the part of the one that carries `BEGIN`.
 */
async function settled(connection: Connection, entry: Entry | undefined): Promise<Standing | undefined> {
  while (entry instanceof Promise) {
    await entry.catch(() => undefined);
    entry = standings.get(connection);
  }
  return entry;
}

/**
 * Sends `work` (the statement that carries the `BEGIN` or the `COMMIT`) with its promise standing for the
 * transaction, then leaves `done` or, if it fails, `failed` (nothing: no standing to keep).
 */
async function carrying<T>(connection: Connection, work: () => Promise<T>, done: Standing | undefined, failed: Standing | undefined): Promise<T> {
  const sending = work();
  standings.set(connection, sending);
  const leave = (standing: Standing | undefined) => {
    // Unless the transaction ended meanwhile and the connection went on to another.
    if (standings.get(connection) !== sending) return;
    if (standing) standings.set(connection, standing);
    else standings.delete(connection);
  };
  try {
    const answer = await sending;
    leave(done);
    return answer;
  } catch (error) {
    leave(failed);
    throw error;
  }
}

/** pg's answer to a statement that returns no rows, for the ones there is no need to send. */
function answered(query: KnexQuery, command: string): KnexQuery {
  query.response = { command, rowCount: null, oid: null, rows: [], fields: [] };
  return query;
}

const REFUSED: Record<Exclude<Standing, 'not begun'>, string> = {
  committed: 'The transaction was committed by its last write; nothing more is sent in it.',
  failed: 'The transaction failed at its first statement; nothing more is sent in it but its rollback.',
};

/** Marks the knex client class whose `_query` is wrapped (once per process, whatever the number of ORMs). */
const WRAPPED = Symbol.for('mot-cua-hub: sends BEGIN late');

type KnexSend = (this: Knex.Client, connection: Connection, query: KnexQuery) => Promise<KnexQuery>;

/**
 * Wraps `_query` of the class of `client` (a transaction's knex client is made from that class's prototype,
 * not from `client` itself), once: every ORM of the process sends its transactions this way. Statements
 * outside transactions pass untouched.
 */
export function sendBeginsLate(client: Knex.Client): void {
  const prototype = Object.getPrototypeOf(client) as { _query: KnexSend; [WRAPPED]?: true };
  if (prototype[WRAPPED]) return;
  const send = prototype._query;
  prototype._query = async function (this: Knex.Client & { transacting?: boolean }, connection, query) {
    if (!this.transacting) return send.call(this, connection, query);
    if (query.sql === 'BEGIN;') {
      standings.set(connection, 'not begun');
      return answered(query, 'BEGIN');
    }
    // Another transaction begins as it comes (an isolation level, read-only): nothing left of an earlier one.
    if (/^BEGIN\b/i.test(query.sql)) standings.delete(connection);
    const entry = standings.get(connection);
    const standing = entry instanceof Promise ? await settled(connection, entry) : entry;
    if (entry instanceof Promise && standings.get(connection) instanceof Promise) {
      // Another statement took the turn while this one awaited: it waits for that one in turn.
      return prototype._query.call(this, connection, query);
    }
    if (!standing) return send.call(this, connection, query);
    const ends = query.sql === 'COMMIT;' || query.sql === 'ROLLBACK';
    if (standing !== 'not begun' && !ends) throw new Error(REFUSED[standing]);
    standings.delete(connection);
    if (ends) {
      // A failed first statement may have left an aborted transaction on the server: it is rolled back
      // (a warning when there is none). Otherwise there is nothing to end.
      if (standing === 'failed') return send.call(this, connection, { sql: 'ROLLBACK' });
      return answered(query, query.sql === 'ROLLBACK' ? 'ROLLBACK' : 'COMMIT');
    }
    // Values sent as parameters go by the extended protocol, which takes one statement at a time; so may
    // the options of pg's query a statement carries (knex gives raw statements an empty object).
    if (query.bindings?.length || Object.keys(query.options ?? {}).length > 0) {
      await carrying(connection, () => send.call(this, connection, { sql: 'BEGIN;' }), undefined, 'failed');
      return send.call(this, connection, query);
    }
    const withBegin: KnexQuery = { ...query, sql: `BEGIN; ${query.sql}` };
    await carrying(connection, () => send.call(this, connection, withBegin), undefined, 'failed');
    // pg answers a simple query of several statements with one result each (BEGIN's first).
    const answers = Array.isArray(withBegin.response) ? withBegin.response.slice(1) : [];
    query.response = answers.length === 1 ? answers[0] : answers.length === 0 ? withBegin.response : answers;
    return query;
  };
  prototype[WRAPPED] = true;
}

/** Sends the transaction's `BEGIN` if it waits for a statement: for one sent on `connection` without knex. */
export async function beginOnServer(connection: Connection & { query(text: string): Promise<unknown> }): Promise<void> {
  const entry = standings.get(connection);
  const standing = entry instanceof Promise ? await settled(connection, entry) : entry;
  if (entry instanceof Promise && standings.get(connection) instanceof Promise) return beginOnServer(connection);
  if (standing === undefined) return;
  if (standing !== 'not begun') throw new Error(REFUSED[standing]);
  await carrying(connection, () => connection.query('BEGIN'), undefined, 'failed');
}

/**
 * Sends the write that commits the transaction on `connection` (`preparedWrite` with `commit`); once it has,
 * knex's `COMMIT` has nothing to end, and any other statement is refused. If it fails, the transaction on the
 * server is aborted (or, when the `COMMIT` itself failed, over) and knex's `ROLLBACK` is sent.
 */
export function committingOnServer<T>(connection: Connection, write: () => Promise<T>): Promise<T> {
  return carrying(connection, write, 'committed', undefined);
}
