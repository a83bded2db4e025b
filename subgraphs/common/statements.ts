import { Reference, ReferenceKind, helper } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedWrite } from './prepared';

/** SQL with its `?` parameters: a whole statement (given to `executeTogether`: one that writes and returns nothing the caller reads) or a part of one. */
export type Statement = readonly [sql: string, params: readonly unknown[]];

/** The name a statement sent with others (`together`) has in the later ones: its place, from 0. */
export const partName = (index: number) => `w${index}`;

/**
 * Several such statements sent as one (data-modifying CTEs, all run to completion in the same snapshot): one
 * round trip instead of several inside a transaction that holds a hot row (a desk's counters), prepared once per
 * connection for each shape it takes. With `commit`, they are the transaction's last write and its `COMMIT`
 * goes with them (`preparedWrite`).
 */
export async function executeTogether(em: EntityManager, statements: readonly Statement[], options: { commit?: boolean } = {}): Promise<void> {
  await preparedWrite(em, 'together', ...together(statements), options);
}

/** Several statements as one, the last the main one and the others its data-modifying CTEs (`executeTogether`). */
export function together(statements: readonly Statement[]): Statement {
  const last = statements[statements.length - 1];
  const ctes = statements.slice(0, -1).map(([sql], index) => `${partName(index)} as (${sql})`);
  return [`${ctes.length ? `with ${ctes.join(', ')} ` : ''}${last[0]}`, statements.flatMap(([, params]) => params)];
}

/**
 * The insert of new entities' rows (of one class, in the order given), from their mapping (columns, custom
 * types, the keys of the entities they refer to), to be sent with others; a property left undefined takes its
 * column's default (a generated id, `now()`). The entities stay out of the unit of work: this statement alone
 * writes them. For rows whose properties are scalars, enums, custom types, embedded objects and many-to-one
 * references.
 */
export function insertOf(em: EntityManager, entities: readonly object[]): Statement {
  const meta = em.getMetadata().get(entities[0].constructor.name);
  const platform = em.getPlatform();
  const rows = entities.map((entity) => {
    const row = new Map<string, unknown>();
    for (const prop of meta.props) {
      // An embedded object's own properties are among the props, each with its path and column.
      if (prop.persist === false || [ReferenceKind.ONE_TO_MANY, ReferenceKind.MANY_TO_MANY, ReferenceKind.EMBEDDED].includes(prop.kind)) continue;
      const [owner, inner] = prop.embedded ?? [prop.name];
      const holder = meta.properties[owner as keyof typeof meta.properties];
      if (inner !== undefined && (holder?.kind !== ReferenceKind.EMBEDDED || holder.object || holder.embedded)) {
        throw new Error(`${meta.className}.${prop.name}: insertOf writes an embedded object's own columns, one level deep`);
      }
      const outer = (entity as Record<string, unknown>)[owner];
      const value = inner === undefined ? outer : (outer as Record<string, unknown> | null | undefined)?.[inner];
      if (value === undefined) continue;
      if (prop.kind === ReferenceKind.MANY_TO_ONE) {
        const key = value === null ? prop.fieldNames.map(() => null) : helper(Reference.unwrapReference(value as object)).getPrimaryKeys();
        if (!key || key.length !== prop.fieldNames.length) throw new Error(`${meta.className}.${prop.name}: no key to refer to`);
        prop.fieldNames.forEach((column, index) => row.set(column, key[index]));
      } else if (prop.kind === ReferenceKind.SCALAR) {
        row.set(prop.fieldNames[0], prop.customType ? prop.customType.convertToDatabaseValue(value, platform, { mode: 'query-data' }) : value);
      } else {
        throw new Error(`${meta.className}.${prop.name}: insertOf writes scalar, embedded and many-to-one properties only`);
      }
    }
    return row;
  });
  const columns = [...rows[0].keys()];
  if (rows.some((row) => row.size !== columns.length || columns.some((column) => !row.has(column)))) throw new Error(`${meta.className}: rows inserted together set the same columns`);
  const table = `${platform.quoteIdentifier(meta.schema ?? em.config.get('schema') ?? 'public')}.${platform.quoteIdentifier(meta.tableName)}`;
  return [
    `insert into ${table} (${columns.map((column) => platform.quoteIdentifier(column)).join(', ')}) values ${rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
    rows.flatMap((row) => columns.map((column) => row.get(column))),
  ];
}
