import { SUBGRAPHS } from '../../subgraphs/all';
import { migrate, openOrm } from '../../subgraphs/common/orm';
import { createTestDatabase } from '../testkit/database';

describe.each(SUBGRAPHS.map((definition) => [definition.name, definition] as const))('the %s subgraph’s schema', (_name, definition) => {
  it('is built by its migrations exactly as its entities describe it, in its own PostgreSQL schema', async () => {
    const database = await createTestDatabase('empty');
    const orm = await openOrm(definition.database, { databaseUrl: database.url, poolMax: 2 });
    try {
      await migrate(orm);
      const pendingDiff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(pendingDiff.trim()).toBe('');
      expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);

      const tables = await orm.em.getConnection().execute<Array<{ table_schema: string }>>(
        `select distinct table_schema from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`,
      );
      expect(tables.map((row) => row.table_schema)).toEqual([definition.database.schema]);
    } finally {
      await orm.close();
      await database.drop();
    }
  });
});
