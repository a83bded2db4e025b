import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { gatewaySettings, startGateway, type RunningGateway } from '../../gateway';
import type { SubgraphName } from '../../subgraphs/common/env';
import { eventually } from '../testkit/dossiers';
import { startTestHub, type TestHub } from '../testkit/hub';
import { freePort } from '../testkit/ports';
import { describeWithTools } from '../testkit/system-tools';

/** Each run counts under keys of its own, in a Redis of its own (Debian's redis-server, started here). */
const PREFIX = `motcua-test:${process.pid}:${Date.now()}:`;
const TRACK = `query { trackDossier(code: "BG-0000-000000", phone: "0900000000") { status } }`;

describeWithTools(['redis-server'], 'gateway replicas sharing the anonymous rate limit through Redis', () => {
  let hub: TestHub;
  let second: RunningGateway;
  let shared: ChildProcess;
  let REDIS_URL: string;
  beforeAll(async () => {
    const port = await freePort();
    shared = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    REDIS_URL = `redis://127.0.0.1:${port}`;
    await eventually(async () => {
      const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await probe.connect();
        expect(await probe.ping()).toBe('PONG');
      } finally {
        probe.disconnect();
      }
    });
    hub = await startTestHub({ publicRateLimit: 3, redis: { url: REDIS_URL, prefix: PREFIX } });
    const urls = Object.fromEntries(Object.values(hub.subgraphs).map((subgraph) => [subgraph.name, subgraph.url])) as Record<SubgraphName, string>;
    second = await startGateway({ ...gatewaySettings(hub.config), port: 0, subgraphUrls: urls });
  });
  afterAll(async () => {
    await second?.close();
    await hub?.close();
    if (shared && shared.exitCode === null) {
      const exited = new Promise((done) => shared.once('exit', done));
      shared.kill('SIGTERM');
      await exited;
    }
  });

  const anonymous = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: TRACK }) });

  it('give one address one allowance, whichever replica answers', async () => {
    for (const url of [hub.gateway.url, second.url, hub.gateway.url]) {
      const answer = await anonymous(url);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ data: { trackDossier: null } });
    }
    for (const url of [second.url, hub.gateway.url]) {
      const refused = await anonymous(url);
      expect(refused.status).toBe(429);
      expect((await refused.json()).errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    }
    const redis = new Redis(REDIS_URL);
    try {
      expect(await redis.keys(`${PREFIX}*`)).toHaveLength(1);
    } finally {
      await redis.quit();
    }
  });

  it('answer 503 SERVICE_UNAVAILABLE without a token while Redis cannot be reached, officers as usual, and count again once it is back', async () => {
    const port = await freePort();
    const urls = Object.fromEntries(Object.values(hub.subgraphs).map((subgraph) => [subgraph.name, subgraph.url])) as Record<SubgraphName, string>;
    // Started before its Redis: the counting scripts are loaded once Redis answers.
    const early = await startGateway({ ...gatewaySettings(hub.config), port: 0, subgraphUrls: urls, publicRateLimit: 1000, redis: { url: `redis://127.0.0.1:${port}`, prefix: PREFIX } });
    let redis: ChildProcess | undefined;
    try {
      const refused = await anonymous(early.url);
      expect(refused.status).toBe(503);
      expect((await refused.json()).errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
      const officer = await fetch(early.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token('BG.YENTHE', ['RECEPTIONIST'])}` },
        body: JSON.stringify({ query: TRACK }),
      });
      expect(await officer.json()).toEqual({ data: { trackDossier: null } });

      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await eventually(async () => expect((await anonymous(early.url)).status).toBe(200));
      expect(Number((await anonymous(early.url)).headers.get('ratelimit')?.match(/r=(\d+)/)?.[1])).toBeLessThan(1000);

      const exited = new Promise((done) => redis!.once('exit', done));
      redis.kill('SIGTERM');
      await exited;
      redis = undefined;
      await eventually(async () => expect((await anonymous(early.url)).status).toBe(503));
    } finally {
      redis?.kill('SIGTERM');
      await early.close();
    }
  });
});
