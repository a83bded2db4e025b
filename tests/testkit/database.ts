import { Client } from 'pg';
import { env } from '../../subgraphs/common/env';

/**
 * Up to when the bundled decisions of `domain/` are applied to the tests' template: the province as it was
 * before the reform of 1/7/2025, which the tests of the 2015 mechanics (district desks, their branches) use.
 */
export const TEMPLATE_AS_OF = '2025-06-30';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function adminUrl(serverUrl: string): string {
  return databaseUrl(serverUrl, 'postgres');
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: adminUrl(env().databaseUrl!) });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A database of this test file's own. `from: 'template'` (default) copies the run's migrated and seeded
 * template; `from: 'empty'` gives a database with nothing in it.
 */
export async function createTestDatabase(from: 'template' | 'empty' = 'template'): Promise<TestDatabase> {
  const { databaseUrl: serverUrl, testTemplate } = env();
  if (!serverUrl || !testTemplate) throw new Error('The tests’ global setup did not run.');
  const name = `${testTemplate.replace('template', 't')}_${process.pid}_${++counter}`;
  await withAdmin(async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${from === 'template' ? testTemplate : 'template0'}`);
        return;
      } catch (error) {
        // Two files copying the template at the same instant: PostgreSQL lets one through at a time.
        if (attempt >= 10 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((done) => setTimeout(done, 200 * attempt));
      }
    }
  });
  return {
    name,
    url: databaseUrl(serverUrl, name),
    drop: () => withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
