import 'reflect-metadata';
import { SUBGRAPHS } from '../subgraphs/all';
import { env } from '../subgraphs/common/env';
import { openOrm } from '../subgraphs/common/orm';
import { prepareDatabase } from '../subgraphs/common/server';
import { databaseUrlOf } from '../subgraphs/common/standalone';

/** `npm run db:prepare`: every subgraph migrates its schema and loads its reference data, then exits. */
async function main(): Promise<void> {
  const databaseUrl = databaseUrlOf(env());
  for (const definition of SUBGRAPHS) {
    const orm = await openOrm(definition.database, { databaseUrl, poolMax: 2 });
    try {
      await prepareDatabase(definition, orm, databaseUrl);
    } finally {
      await orm.close();
    }
  }
}

main().catch((error: Error) => {
  console.error(`Preparing the database failed: ${error.message}`);
  process.exit(1);
});
