import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { env, setProcessEnv } from '../../subgraphs/common/env';
import { PROJECT_ROOT } from '../../subgraphs/common/reference-data';
import { adminUrl, databaseUrl, TEMPLATE_AS_OF } from './database';

/**
 * Once per run: a PostgreSQL (DATABASE_URL, or an embedded server in a temporary directory), and a
 * template database migrated and loaded with the reference data; each test file copies the template.
 * The template is prepared by `npm run db:prepare` in a child process, so that this process, in which Jest
 * may also run test files, never holds the ORM's and the schema builder's global metadata.
 */
export default async function globalSetup(): Promise<void> {
  const config = env();
  let serverUrl = config.databaseUrl;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: join(tmpdir(), `mot-cua-hub-test-pg-${process.pid}`),
      port: config.testPgPort,
      persistent: false,
      fast: true,
    });
    (globalThis as { hubEmbeddedPostgres?: unknown }).hubEmbeddedPostgres = embedded;
    serverUrl = embedded.urlOf('postgres');
    setProcessEnv('DATABASE_URL', serverUrl);
  }

  const template = `hub_template_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl(serverUrl) });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.query(`create database ${template}`);
  } finally {
    await admin.end();
  }
  // The province as it was before the reform of 1/7/2025: the tests of the 2015 mechanics (district desks,
  // their branches) run on it; the reformed province is tested in databases of its own (registers.reform.test).
  execFileSync('npm', ['run', '-s', 'db:prepare'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl(serverUrl, template), HUB_DIRECTORY_AS_OF: TEMPLATE_AS_OF },
    stdio: 'inherit',
  });
  setProcessEnv('HUB_TEST_TEMPLATE', template);
}
