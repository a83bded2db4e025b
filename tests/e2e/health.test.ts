import { Client } from 'pg';
import { adminUrl } from '../testkit/database';
import { eventually } from '../testkit/dossiers';
import { startTestHub, type TestHub } from '../testkit/hub';
import { env } from '../../subgraphs/common/env';

describe('liveness and readiness', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.close());

  const originOf = (url: string) => url.replace(/\/graphql$/, '');
  const get = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, body: (await response.json()) as any };
  };
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl(env().databaseUrl!) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  it('every process answers /livez, and /health is kept', async () => {
    for (const url of [hub.gateway.url, ...Object.values(hub.subgraphs).map((subgraph) => subgraph.url)]) {
      expect(await get(`${originOf(url)}/livez`)).toEqual({ status: 200, body: { status: 'ok' } });
      expect((await get(`${originOf(url)}/health`)).status).toBe(200);
    }
  });

  it('a subgraph is ready with its database reachable and every migration applied; the gateway with its supergraph and every subgraph', async () => {
    expect(await get(`${originOf(hub.subgraphs.onestop.url)}/readyz`)).toEqual({
      status: 200,
      body: { status: 'ready', service: 'onestop', checks: { database: 'ok', migrations: 'ok' } },
    });
    expect(await get(`${hub.gateway.origin}/readyz`)).toEqual({
      status: 200,
      body: {
        status: 'ready',
        service: 'gateway',
        checks: { supergraph: 'ok', 'subgraph:onestop': 'ok', 'subgraph:province': 'ok', 'subgraph:local': 'ok', 'subgraph:tax': 'ok', 'subgraph:land': 'ok' },
      },
    });
  });

  it('readiness goes when the database stops taking connections, and comes back with it', async () => {
    const { name } = hub.database;
    await admin(`alter database ${name} allow_connections false`);
    try {
      await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
      const onestop = await eventually(async () => {
        const answer = await get(`${originOf(hub.subgraphs.onestop.url)}/readyz`);
        expect(answer.status).toBe(503);
        return answer.body;
      });
      expect(onestop.status).toBe('unready');
      expect(onestop.checks.database).not.toBe('ok');
      const gateway = await get(`${hub.gateway.origin}/readyz`);
      expect(gateway.status).toBe(503);
      expect(gateway.body.checks.supergraph).toBe('ok');
      expect(gateway.body.checks['subgraph:onestop']).toMatch(/^unready \(503: database /);
      // Still alive: an orchestrator restarts nothing, it only stops sending traffic.
      expect((await get(`${originOf(hub.subgraphs.onestop.url)}/livez`)).status).toBe(200);
    } finally {
      await admin(`alter database ${name} allow_connections true`);
    }
    await eventually(async () => expect((await get(`${hub.gateway.origin}/readyz`)).body.status).toBe('ready'));
    expect((await get(`${originOf(hub.subgraphs.onestop.url)}/readyz`)).status).toBe(200);
  });
});
