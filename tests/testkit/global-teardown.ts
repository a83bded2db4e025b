import { Client } from 'pg';
import { env } from '../../subgraphs/common/env';
import { adminUrl } from './database';

/** Drops this run's databases and stops the embedded server, if the run started one. */
export default async function globalTeardown(): Promise<void> {
  const { databaseUrl, testTemplate } = env();
  if (databaseUrl && testTemplate) {
    const admin = new Client({ connectionString: adminUrl(databaseUrl) });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname = $1 or datname like $2`,
        [testTemplate, `${testTemplate.replace('template', 't')}%`],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.end();
    }
  }
  const embedded = (globalThis as { hubEmbeddedPostgres?: { stop(): Promise<void> } }).hubEmbeddedPostgres;
  await embedded?.stop();
}
