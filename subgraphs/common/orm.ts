import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver, defineConfig, type Options } from '@mikro-orm/postgresql';
import type { EntityClass, EventSubscriber, MigrationObject } from '@mikro-orm/core';
import { join } from 'node:path';
import { sendBeginsLate } from './late-begin';
import { logger } from './log';
import { PROJECT_ROOT } from './reference-data';

/** What a subgraph keeps in PostgreSQL: its own schema, its entities, and the migrations that build them. */
export interface SubgraphDatabase {
  /** The PostgreSQL schema; no other subgraph reads it. */
  schema: string;
  entities: EntityClass<any>[];
  /** In order. Migrations are the only source of the schema. */
  migrations: MigrationObject[];
  /** Hears every unit of work's and transaction's events (e.g. a commit that changes what is kept in memory). */
  subscribers?: EventSubscriber[];
}

export interface OrmOptions {
  databaseUrl: string;
  poolMax?: number;
  /** Sees every SQL statement the subgraph sends (tests count them). */
  onQuery?: (sql: string) => void;
}

function driverLog(schema: string) {
  const log = logger(schema);
  const line = (level: 'warn' | 'error' | 'debug') => (message: unknown) => log[level]({ detail: String(message) }, 'database driver');
  return { warn: line('warn'), error: line('error'), deprecate: line('debug'), debug: line('debug') };
}

export function ormConfig(database: SubgraphDatabase, options: OrmOptions): Options {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    schema: database.schema,
    entities: database.entities,
    subscribers: database.subscribers ?? [],
    extensions: [Migrator],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    pool: { min: 0, max: options.poolMax ?? 10 },
    // The query builder's own warnings (a connection the database dropped…) go to the log, as one line.
    driverOptions: { log: driverLog(database.schema) },
    discovery: { warnWhenNoEntities: false },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: join(PROJECT_ROOT, 'subgraphs', database.schema, 'migrations'),
      migrationsList: database.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
    onQuery: (sql) => {
      options.onQuery?.(sql);
      return sql;
    },
  });
}

export async function openOrm(database: SubgraphDatabase, options: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(database, options));
  sendBeginsLate(orm.em.getConnection().getKnex().client);
  return orm;
}

/** Applies the subgraph's pending migrations; all of them or none. */
export async function migrate(orm: MikroORM): Promise<void> {
  await orm.getMigrator().up();
}
