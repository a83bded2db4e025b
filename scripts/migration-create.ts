import 'reflect-metadata';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { Client } from 'pg';
import { SUBGRAPHS } from '../subgraphs/all';
import { env } from '../subgraphs/common/env';
import { openOrm } from '../subgraphs/common/orm';
import { databaseUrlOf } from '../subgraphs/common/standalone';

/**
 * `npm run migration:create -- <subgraph>`: diffs the subgraph's entities against its committed migrations,
 * applied to a scratch database, and writes the difference as a new migration.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  const definition = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!definition) throw new Error(`Usage: npm run migration:create -- <${SUBGRAPHS.map((s) => s.name).join('|')}>`);

  const serverUrl = new URL(databaseUrlOf(env()));
  const scratch = `hub_migration_${process.pid}`;
  const admin = new Client({ connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`create database ${scratch}`);
  try {
    const orm = await openOrm(definition.database, { databaseUrl: Object.assign(new URL(serverUrl), { pathname: `/${scratch}` }).toString() });
    try {
      const migrator = orm.getMigrator();
      await migrator.up();
      const result = await migrator.createMigration(undefined, false, definition.database.migrations.length === 0);
      if (!result.fileName) {
        console.log(`${name}: entities and migrations agree; nothing to write.`);
        return;
      }
      const dir = join(__dirname, '..', '..', 'subgraphs', name, 'migrations');
      writeIndex(dir);
      console.log(`${name}: wrote migrations/${result.fileName}:\n${result.diff.up.join('\n')}`);
    } finally {
      await orm.close();
    }
  } finally {
    await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  }
}

/** migrations/index.ts lists every migration file in order: the list MikroORM runs. */
function writeIndex(dir: string): void {
  const files = readdirSync(dir)
    .filter((file) => /^Migration\d+.*\.ts$/.test(file))
    .map((file) => basename(file, '.ts'))
    .sort();
  const source = [
    `import type { MigrationObject } from '@mikro-orm/core';`,
    ...files.map((file) => `import { ${file} } from './${file}';`),
    '',
    '/** Every migration of this subgraph, oldest first; scripts/migration-create.ts keeps this list. */',
    'export const migrations: MigrationObject[] = [',
    ...files.map((file) => `  { name: '${file}', class: ${file} },`),
    '];',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'index.ts'), source);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
