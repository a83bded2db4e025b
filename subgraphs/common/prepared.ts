import { ReferenceKind, type EntityClass, type EntityDictionary, type EntityMetadata } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import * as pg from 'pg';
import { beginOnServer, committingOnServer } from './late-begin';

/** PostgreSQL's “cached plan must not change result type”. */
const CACHED_PLAN_CHANGED = '0A000';

/** A pg connection of the subgraph's pool, as knex hands it out. */
type PgConnection = import('pg').Client & {
  connection?: { parsedStatements?: Record<string, unknown>; submittedNamedStatements?: Record<string, unknown> };
};

/**
 * The transaction's own connection when `em` is in one (its `BEGIN` sent, and refused once its last write
 * committed it: `beginOnServer`); otherwise one of the pool's, given back after `work`.
 */
async function onConnection<T>(em: EntityManager, work: (connection: PgConnection) => Promise<T>): Promise<T> {
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) {
    // Its connection may be back in the pool, another caller's, once it ended.
    if (transaction.isCompleted()) throw new Error('The transaction has ended; nothing more is written in it.');
    const connection = (await transaction.client.acquireConnection()) as PgConnection;
    await beginOnServer(connection);
    return work(connection);
  }
  const client = em.getConnection().getKnex().client;
  const connection = (await client.acquireConnection()) as PgConnection;
  try {
    return await work(connection);
  } finally {
    await client.releaseConnection(connection);
  }
}

/**
 * A hot read as a prepared statement (`name`: parsed and planned once per connection, then only bound and
 * run) on the subgraph's own pool, without the query builder: the ORM stays for writes and for everything
 * else. `text` uses `$1…`; rows come back as the ORM's own raw queries return them (`readEntity` turns one
 * into a read-only instance of its entity). Outside a transaction only: a read inside one goes through its
 * unit of work.
 */
export async function preparedRows<T = Record<string, unknown>>(em: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  if (em.isInTransaction()) throw new Error(`${name}: a prepared read runs outside transactions.`);
  // What the ORM's own queries report (the tests count statements per subgraph).
  em.config.get('onQuery')?.(text, values);
  return onConnection(em, async (connection) => {
    try {
      return (await connection.query({ name, text, values })).rows as T[];
    } catch (error) {
      // A migration changed a table under a statement prepared before it (another replica deployed first):
      // prepared again, once, on this connection.
      if ((error as { code?: string }).code !== CACHED_PLAN_CHANGED) throw error;
      await connection.query(`deallocate "${name}"`);
      delete connection.connection?.parsedStatements?.[name];
      delete connection.connection?.submittedNamedStatements?.[name];
      return (await connection.query({ name, text, values })).rows as T[];
    }
  });
}

/** The most statements one connection keeps prepared for `preparedWrite`; past it, writes are planned each time. */
const MOST_PREPARED_WRITES = 100;
const preparedWrites = new WeakMap<PgConnection, Set<string>>();

/**
 * A write that returns no rows, as a statement prepared once per connection under a name its text gives
 * (PostgreSQL plans a long statement in about a millisecond: inside a transaction that holds a hot row, that
 * is time the row is held), on the transaction's connection when `em` is in one. Each connection keeps at
 * most MOST_PREPARED_WRITES of them. `text` uses `?` for a value, an array standing for a list of values
 * (`in (?)`, `array[?]`), as the ORM's raw queries do; values go as parameters, not inlined in the text, so
 * one whose type nothing around it tells (`select ? as x`, `coalesce(?, …)`) needs a cast. A database error
 * comes back as the ORM's own exception (a unique violation as `UniqueConstraintViolationException`, with its
 * constraint).
 *
 * With `commit`, the write is the last of a transaction (not a nested one) and the transaction's `COMMIT`
 * goes with it in the same round trip (`ThenCommit`): the rows the transaction holds are let go one wait
 * sooner, and the ORM's own `COMMIT` is not sent (`committingOnServer`). Nothing is sent in the transaction
 * after it: a statement would be refused, so the caller's transaction must end as soon as this returns.
 */
export async function preparedWrite(em: EntityManager, prefix: string, text: string, values: readonly unknown[], { commit = false } = {}): Promise<void> {
  const { numbered, flat } = positional(prefix, text, values);
  em.config.get('onQuery')?.(numbered, flat);
  const name = shapeName(prefix, numbered);
  if (commit) {
    const transaction = em.getTransactionContext<Knex.Transaction & { parentTransaction?: unknown }>();
    if (!transaction || transaction.parentTransaction) throw new Error(`${prefix}: only the last write of a transaction that is not nested in another commits it.`);
    // What the unit of work holds is written first: after the commit nothing more could be.
    await em.flush();
  }
  await onConnection(em, async (connection) => {
    const prepared = preparedWrites.get(connection) ?? new Set<string>();
    preparedWrites.set(connection, prepared);
    if (!prepared.has(name) && prepared.size < MOST_PREPARED_WRITES) prepared.add(name);
    const query: pg.QueryConfig = prepared.has(name) ? { name, text: numbered, values: flat } : { text: numbered, values: flat };
    try {
      if (!commit) {
        await connection.query(query);
        return;
      }
      await committingOnServer(connection, async () => {
        await new Promise<void>((done, failed) => connection.query(new ThenCommit(query, undefined, (error) => (error ? failed(error) : done()))));
        if (connection.getTransactionStatus() !== 'I') throw new Error(`${prefix}: the write did not end its transaction.`);
      });
    } catch (error) {
      throw error instanceof Error && 'code' in error ? em.getDriver().convertException(error) : error;
    }
  });
}

/** The part of pg's connection that writes the extended protocol's messages. */
interface ProtocolWriter {
  parse(message: { text: string; name: string; types: number[] }): void;
  bind(message: { portal: string; statement: string; values: unknown[] }): void;
  execute(message: { portal: string; rows?: number }): void;
  sync(): void;
}

type PgQueryClass = new (config: pg.QueryConfig, values: undefined, callback: (error: Error | null) => void) => pg.Submittable & {
  portal?: string;
  _getRows(connection: ProtocolWriter, rows?: number): void;
};

/**
 * pg's query of a prepared statement with the transaction's `COMMIT` in the same pipeline: after the
 * statement's Execute, a Parse, Bind and Execute of `COMMIT`, then the one Sync (pg's own `_getRows` sends
 * Execute and Sync). The values stay parameters. When the statement fails, PostgreSQL skips everything up to
 * the Sync: the `COMMIT` is not run, and the transaction waits, aborted, for the ORM's `ROLLBACK`. When the
 * `COMMIT` itself fails (a deferred constraint), the transaction is already over and that `ROLLBACK` only
 * draws a warning.
 */
class ThenCommit extends (pg.Query as unknown as PgQueryClass) {
  constructor(config: pg.QueryConfig, values: undefined, callback: (error: Error | null) => void) {
    // The extended protocol even for a write with no values and no name.
    super({ ...config, queryMode: 'extended' } as pg.QueryConfig, values, callback);
  }

  override _getRows(connection: ProtocolWriter): void {
    connection.execute({ portal: this.portal ?? '' });
    connection.parse({ text: 'COMMIT', name: '', types: [] });
    connection.bind({ portal: '', statement: '', values: [] });
    connection.execute({ portal: '' });
    connection.sync();
  }
}

/** One write of a pipeline: its prepared statement's name ('' for the unnamed one), text and values as pg sends them. */
interface PipelinePart {
  name: string;
  text: string;
  values: unknown[];
  /** Whether its Parse goes with it (a name not parsed on the connection yet, or the unnamed statement). */
  parse: boolean;
}

type ProtocolConnection = ProtocolWriter & {
  stream: { cork?(): void; uncork?(): void; destroy?(error: Error): void };
  parsedStatements: Record<string, string>;
};

/** How pg turns a value into what it sends (its own `utils`, which its package does not export by name). */
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

/**
 * pg's query of several writes in one pipeline: each one's Parse (when needed), Bind and Execute, then the
 * one Sync. No Describe is sent: the writes return no rows. Values are converted as pg converts them before
 * anything is sent, so a value pg cannot send fails the whole before it starts.
 */
class Pipeline extends (pg.Query as unknown as new (config: pg.QueryConfig, values: undefined, callback: (error: Error | null) => void) => {
  handleCommandComplete(message: unknown, connection: unknown): void;
}) {
  /** How many of the writes PostgreSQL has run: when it refuses one, the place of that one. */
  completed = 0;

  constructor(
    private readonly parts: readonly PipelinePart[],
    callback: (error: Error | null) => void,
  ) {
    super({ text: 'pipeline', queryMode: 'extended' } as pg.QueryConfig, undefined, callback);
  }

  submit(connection: ProtocolConnection): Error | null {
    let values: unknown[][];
    try {
      values = this.parts.map((part) => part.values.map((value) => prepareValue(value)));
    } catch (error) {
      return error as Error;
    }
    connection.stream.cork?.();
    try {
      for (const [index, part] of this.parts.entries()) {
        if (part.parse) connection.parse({ text: part.text, name: part.name, types: [] });
        connection.bind({ portal: '', statement: part.name, values: values[index] });
        connection.execute({ portal: '' });
      }
      connection.sync();
    } catch (error) {
      // Part of the pipeline may be on its way without its Sync: the connection is given up.
      connection.stream.destroy?.(error as Error);
      return error as Error;
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  override handleCommandComplete(message: unknown, connection: unknown): void {
    this.completed++;
    super.handleCommandComplete(message, connection);
  }
}


/**
 * Writes sent one after the other in one round trip: each a prepared statement (named and kept as
 * `preparedWrite` keeps its own), then its Bind and Execute, all before the one Sync, so that PostgreSQL runs
 * them in order as one implicit transaction: all of them are stored, or, when one fails, none (the rest are
 * skipped, and the whole is rolled back at the Sync). Outside a transaction only, for writes that return no
 * rows. A database error comes back as the ORM's own exception, with `part`: the place of the write
 * PostgreSQL refused.
 */
export async function preparedPipeline(em: EntityManager, prefix: string, statements: ReadonlyArray<readonly [text: string, values: readonly unknown[]]>): Promise<void> {
  if (em.isInTransaction()) throw new Error(`${prefix}: a pipeline is its own transaction, and runs outside others.`);
  const numbered = statements.map(([text, values]) => {
    const { numbered, flat } = positional(prefix, text, values);
    em.config.get('onQuery')?.(numbered, flat);
    return { name: shapeName(prefix, numbered), text: numbered, values: flat };
  });
  await onConnection(em, async (pgConnection) => {
    const connection = (pgConnection as unknown as { connection: ProtocolConnection }).connection;
    const prepared = preparedWrites.get(pgConnection) ?? new Set<string>();
    preparedWrites.set(pgConnection, prepared);
    const parsedHere = new Set<string>();
    const parts = numbered.map((part): PipelinePart => {
      if (!prepared.has(part.name) && prepared.size < MOST_PREPARED_WRITES) prepared.add(part.name);
      if (!prepared.has(part.name)) return { ...part, name: '', parse: true };
      const parse = connection.parsedStatements[part.name] === undefined && !parsedHere.has(part.name);
      parsedHere.add(part.name);
      return { ...part, parse };
    });
    const named = parts.filter((part) => part.parse && part.name !== '');
    let pipeline: Pipeline | undefined;
    try {
      await new Promise<void>((done, failed) => {
        pipeline = new Pipeline(parts, (error) => (error ? failed(error) : done()));
        pgConnection.query(pipeline as unknown as pg.QueryConfig);
      });
      for (const part of named) connection.parsedStatements[part.name] = part.text;
    } catch (error) {
      // The statements parsed before the one that failed stay on the connection; those after it were skipped.
      if (named.length > 0) {
        const { rows } = await pgConnection.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements where name = any($1::text[])', [named.map((part) => part.name)]);
        for (const row of rows) connection.parsedStatements[row.name] = row.statement;
      }
      throw error instanceof Error && 'code' in error ? Object.assign(em.getDriver().convertException(error), { part: pipeline!.completed }) : error;
    }
  });
}

/** A prepared read of one entity's rows, each turned into a read-only instance of its entity (`readEntity`). */
export async function preparedEntities<T extends object>(em: EntityManager, entity: EntityClass<T>, name: string, text: string, values: unknown[]): Promise<T[]> {
  return (await preparedRows<EntityDictionary<T>>(em, name, text, values)).map((row) => readEntity(em, entity, row));
}

const readPrototypes = new WeakMap<EntityMetadata, object>();

/**
 * The prototype of an entity's read-only instances: its class's, with the properties the ORM tracks changes
 * through (accessors it defines on each instance it makes, which keep the values in the instance's helper and
 * mark it touched) shadowed by plain ones.
 */
function readPrototype(meta: EntityMetadata): object {
  let prototype = readPrototypes.get(meta);
  if (!prototype) {
    prototype = Object.create(meta.prototype) as object;
    for (const name of Object.keys(meta.definedProperties)) Object.defineProperty(prototype, name, { value: undefined, writable: true, enumerable: true, configurable: true });
    readPrototypes.set(meta, prototype);
  }
  return prototype;
}

/**
 * A row of a hot read (as `preparedRows` gives it) as an instance of its entity's class that no unit of work
 * knows: the ORM's own compiled hydrator converts the columns as `em.map` would, without the identity map, the
 * change tracking and the snapshot `em.map` sets up for each row (some 50 µs a row, the largest part of a read).
 * A relation to one holds a reference with its primary key only; collections are not loaded. Such an instance
 * is for answering: nothing flushes it, and a change loads what it changes in its own transaction.
 */
export function readEntity<T extends object>(em: EntityManager, entity: EntityClass<T>, row: EntityDictionary<T>): T {
  const meta = em.getMetadata().get<T>(entity.name);
  const data = em.getDriver().mapResult(row, meta) as Record<string, unknown>;
  const instance = Object.create(readPrototype(meta)) as T;
  const fields = instance as Record<string, unknown>;
  for (const prop of meta.relations) {
    if (prop.kind !== ReferenceKind.MANY_TO_ONE && prop.kind !== ReferenceKind.ONE_TO_ONE) continue;
    if (prop.ref || prop.mapToPk) throw new Error(`${meta.className}.${prop.name}: a Reference wrapper or a bare key is not read here.`);
    const key = data[prop.name];
    delete data[prop.name];
    if (key === undefined) continue;
    if (key === null) {
      fields[prop.name] = null;
      continue;
    }
    const keys = Array.isArray(key) ? key : [key];
    const reference = Object.create(readPrototype(prop.targetMeta!)) as Record<string, unknown>;
    prop.targetMeta!.primaryKeys.forEach((name, i) => (reference[name] = keys[i]));
    fields[prop.name] = reference;
  }
  em.config.getHydrator(em.getMetadata()).hydrate(instance, meta, data as EntityDictionary<T>, em.getEntityFactory(), 'full', false, true);
  return instance;
}

/** `childColumns`'s text, worked out once per entity and shape (it is part of a hot read). */
const childSelects = new WeakMap<EntityMetadata, Map<string, string>>();

/** Column types whose arrays pg parses element by element as it parses the column itself. */
const ARRAY_SAFE = /^(text|varchar|character varying|smallint|int|integer|int4|bigint|int8|serial|bigserial|boolean|bool|timestamptz|timestamp|date|uuid)\b/;

/**
 * A child entity's rows as columns of its parent's row, for a lateral join in the parent's statement (`from
 * <table> <alias> where <alias>.<fk> = parent.<key>`): one `array_agg` per column of the child's table, in
 * `order` then the child's primary key, named `<prefix>.<column>`. `childRows` turns them back into the rows
 * the child's own select would have given, for `readEntity`: for children whose columns are text, integers,
 * booleans, timestamps, dates or uuids (pg parses an array of those element by element as it parses the
 * column; not one of numeric, JSON, an enum type or an array), which is checked.
 */
export function childColumns<T extends object>(em: EntityManager, entity: EntityClass<T>, alias: string, prefix: string, order: string): string {
  const meta = em.getMetadata().get<T>(entity.name);
  const shapes = childSelects.get(meta) ?? new Map<string, string>();
  childSelects.set(meta, shapes);
  const shape = JSON.stringify([alias, prefix, order]);
  let select = shapes.get(shape);
  if (select === undefined) {
    select = childSelect(meta, alias, prefix, order);
    shapes.set(shape, select);
  }
  return select;
}

function childSelect(meta: EntityMetadata, alias: string, prefix: string, order: string): string {
  const stored = meta.props.filter(
    (prop) =>
      prop.persist !== false &&
      (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED || prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)),
  );
  const unsafe = stored.find((prop) => prop.kind === ReferenceKind.EMBEDDED ? prop.object : !prop.columnTypes.every((type) => ARRAY_SAFE.test(type.toLowerCase())));
  if (unsafe) throw new Error(`${meta.className}.${unsafe.name}: its column does not come back from an array as it does on its own.`);
  const columns = new Set(stored.flatMap((prop) => (prop.kind === ReferenceKind.EMBEDDED ? [] : prop.fieldNames)));
  const orderBy = [order, ...meta.primaryKeys.flatMap((key) => meta.properties[key].fieldNames.map((column) => `${alias}."${column}"`))].join(', ');
  return [...columns].map((column) => `array_agg(${alias}."${column}" order by ${orderBy}) as "${prefix}.${column}"`).join(', ');
}

/** The child rows `childColumns` put in `row` (taking their columns out of it); none when the arrays are null. */
export function childRows(row: Record<string, unknown>, prefix: string): Array<Record<string, unknown>> {
  const columns: Array<[string, unknown[] | null]> = [];
  for (const key of Object.keys(row)) {
    if (!key.startsWith(`${prefix}.`)) continue;
    columns.push([key.slice(prefix.length + 1), row[key] as unknown[] | null]);
    delete row[key];
  }
  const count = columns[0]?.[1]?.length ?? 0;
  return Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map(([column, values]) => [column, values![i]])));
}

/**
 * A read whose text is put together from the caller's filter (`?` placeholders, in order): each shape the
 * filters give is prepared once per connection, under a name of its own.
 */
export function preparedShape<T = Record<string, unknown>>(em: EntityManager, prefix: string, text: string, values: unknown[]): Promise<T[]> {
  const { numbered, flat } = positional(prefix, text, values);
  return preparedRows<T>(em, shapeName(prefix, numbered), numbered, flat);
}

/**
 * `?` placeholders (an array standing for a list of values, as in the ORM's raw queries) as `$1…` and the
 * values in their order. The ORM's `??` (an identifier) and `\?` (a question mark) have no counterpart.
 */
function positional(prefix: string, text: string, values: readonly unknown[]): { numbered: string; flat: unknown[] } {
  if (/\?\?|\\\?/.test(text)) throw new Error(`${prefix}: \`??\` and \`\\?\` are not placeholders here.`);
  const flat: unknown[] = [];
  let next = 0;
  const numbered = text.replace(/\?/g, () => {
    const value = values[next++];
    return (Array.isArray(value) ? value : [value]).map((item) => `$${flat.push(item)}`).join(', ');
  });
  if (next !== values.length) throw new Error(`${prefix}: ${values.length} values for ${next} placeholders.`);
  return { numbered, flat };
}

/** A statement's name from its text: the same text, the same name, on every connection. */
const shapeName = (prefix: string, text: string) => `${prefix}.${createHash('sha1').update(text).digest('base64url').slice(0, 16)}`;
