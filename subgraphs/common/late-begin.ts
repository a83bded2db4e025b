import type { Knex } from '@mikro-orm/postgresql';

/**
 * Fewer round trips per transaction. The ORM's transactions send `BEGIN;` on its own and end with `COMMIT;`
 * on its own; each is a turn of the event loop and a wake-up of a PostgreSQL backend (about a tenth of a
 * receipt's work). Here a transaction's `BEGIN` goes with its first statement when that statement is plain
 * text (`begin; …` in one simple query, as the ORM's raw statements are), and a transaction whose last write
 * already committed it (`preparedWrite` with `commit`) sends no `COMMIT` of its own. Nothing else changes: the
 * statements run in the same transaction, in the same order, and under READ COMMITTED each statement takes
 * its snapshot when it starts, whenever `BEGIN` was sent.
 *
 * Knex sends every statement through its client's `_query(connection, query)`, transactions' `BEGIN;`,
 * `COMMIT;` and `ROLLBACK` among them; `sendBeginsLate` wraps it when an ORM opens (`openOrm`). Statements sent on
 * a transaction's connection without knex (prepared ones) call `beginOnServer` first.
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
 * Connections whose transaction, as knex sees it, has no transaction open on the server: its `BEGIN` is not
 * sent yet, or its last write committed it.
 */
const notOpen = new WeakSet<Connection>();

/** pg's answer to a statement that returns no rows, for the ones there is no need to send. */
const unsent = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

/** Marks the knex client class whose `_query` is wrapped (once per process, whatever the number of ORMs). */
const WRAPPED = Symbol('sends BEGIN late');

type KnexSend = (this: Knex.Client, connection: Connection, query: KnexQuery) => Promise<KnexQuery>;

/**
 * Wraps `_query` of the class of `client` (a transaction's knex client is made from that class's prototype,
 * not from `client` itself), once: every ORM of the process sends its transactions this way.
 */
export function sendBeginsLate(client: Knex.Client): void {
  const prototype = Object.getPrototypeOf(client) as { _query: KnexSend; [WRAPPED]?: true };
  if (prototype[WRAPPED]) return;
  const send = prototype._query;
  prototype._query = async function (this: Knex.Client, connection, query) {
    if (query.sql === 'BEGIN;') {
      notOpen.add(connection);
      query.response = unsent('BEGIN');
      return query;
    }
    if (!notOpen.delete(connection)) return send.call(this, connection, query);
    // Nothing was sent, or the last write committed: there is nothing to end.
    if (query.sql === 'COMMIT;' || query.sql === 'ROLLBACK') {
      query.response = unsent(query.sql === 'ROLLBACK' ? 'ROLLBACK' : 'COMMIT');
      return query;
    }
    // Values sent as parameters go by the extended protocol, which takes one statement at a time; so may
    // the options of pg's query a statement carries (knex gives raw statements an empty object).
    if (query.bindings?.length || Object.keys(query.options ?? {}).length > 0) {
      await send.call(this, connection, { sql: 'BEGIN;' });
      return send.call(this, connection, query);
    }
    const withBegin: KnexQuery = { ...query, sql: `BEGIN; ${query.sql}` };
    await send.call(this, connection, withBegin);
    // pg answers a simple query of several statements with one result each.
    const [, ...answers] = withBegin.response as unknown[];
    query.response = answers.length === 1 ? answers[0] : answers;
    return query;
  };
  prototype[WRAPPED] = true;
}

/** Sends the transaction's `BEGIN` if it waits for a statement: for one sent on `connection` without knex. */
export async function beginOnServer(connection: Connection & { query(text: string): Promise<unknown> }): Promise<void> {
  if (notOpen.delete(connection)) await connection.query('BEGIN');
}

/** The transaction on `connection` was committed by its last write: knex's `COMMIT` has nothing to end. */
export function committedOnServer(connection: Connection): void {
  notOpen.add(connection);
}
