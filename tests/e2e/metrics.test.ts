import { Client } from 'pg';
import { feedLag, rejectedMessages } from '../../subgraphs/common/metrics';
import { serviceAuthorization } from '../../subgraphs/common/tokens';
import { aReceivedDossier, allEventsConsumed, eventually, useDossierHub } from '../testkit/dossiers';

/** One sample of a Prometheus text exposition: its value, or undefined when no series has these labels. */
function sampleOf(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('Prometheus figures at /metrics', () => {
  const context = useDossierHub('2026-03-09T09:00:00+07:00', () => ({ metrics: { port: 0, sampleMs: 200 } }));
  const { hub, who } = context;
  const scrape = async (url: string) => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  const probe = (code: string, token?: string) => hub.gql(`query MetricsProbe($code: ID!) { dossier(code: $code) { code status } }`, { code }, token);

  it('served on a port of their own, without a token, not on the service’s port', async () => {
    expect(hub.gateway.metricsUrl).not.toContain(hub.gateway.origin);
    expect((await fetch(`${hub.gateway.origin}/metrics`)).status).toBe(404);
    const text = await scrape(hub.gateway.metricsUrl);
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
  });

  it('count the requests by operation and outcome, the gateway’s fetches from each subgraph, and the data sampled', async () => {
    const { code } = await aReceivedDossier(context, '2026-03-09T09:00:00+07:00');
    for (let i = 0; i < 3; i++) expect((await probe(code, who.supervisor)).data.dossier).toEqual({ code, status: 'RECEIVED' });
    const anonymous = await probe(code);
    const refusal = String(anonymous.errors![0].extensions!.code);
    await allEventsConsumed(hub);

    const gateway = await scrape(hub.gateway.metricsUrl);
    const requests = 'hub_graphql_request_duration_seconds_count';
    expect(sampleOf(gateway, requests, { service: 'gateway', operation: 'MetricsProbe', outcome: 'ok' })).toBe(3);
    expect(sampleOf(gateway, requests, { service: 'gateway', operation: 'MetricsProbe', outcome: refusal })).toBe(1);
    expect(sampleOf(gateway, 'hub_graphql_request_duration_seconds_bucket', { service: 'gateway', operation: 'MetricsProbe', outcome: 'ok', le: '+Inf' })).toBe(3);
    expect(sampleOf(gateway, 'hub_subgraph_fetch_duration_seconds_count', { service: 'gateway', subgraph: 'onestop', outcome: '200' })).toBeGreaterThanOrEqual(4);

    const onestopUrl = hub.subgraphs.onestop.metricsUrl;
    const onestop = await eventually(async () => {
      const text = await scrape(onestopUrl);
      expect(sampleOf(text, 'hub_dossiers', { service: 'onestop', status: 'RECEIVED' })).toBe(1);
      // Sampled after every message was taken (a sample may be older than allEventsConsumed).
      for (const source of ['tax', 'land', 'local', 'province']) {
        expect(sampleOf(text, 'hub_feed_messages_behind', { service: 'onestop', source })).toBe(0);
        expect(sampleOf(text, 'hub_feed_oldest_unconsumed_age_seconds', { service: 'onestop', source })).toBe(0);
      }
      return text;
    });
    expect(sampleOf(onestop, 'hub_db_pool_connections', { service: 'onestop', state: 'max' })).toBe(4);
    expect(sampleOf(onestop, 'hub_db_pool_connections', { service: 'onestop', state: 'used' })).toBeGreaterThanOrEqual(0);
    expect(onestop).toContain('# TYPE hub_notices gauge');
    expect(onestop).toContain('# TYPE hub_feed_rejected_messages gauge');
    expect(sampleOf(onestop, 'hub_feed_rejected_messages', { service: 'onestop' })).toBeUndefined();
    // The subgraph counts the gateway's own query plan under the operation name the gateway gives it.
    expect(sampleOf(onestop, requests, { service: 'onestop', operation: 'MetricsProbe__onestop__0', outcome: 'ok' })).toBe(3);

    await eventually(async () => {
      expect(sampleOf(await scrape(hub.subgraphs.local.metricsUrl), 'hub_feed_messages_behind', { service: 'local', source: 'province' })).toBe(0);
    });
  });

  it('a follower’s lag is what its producer counts past the follower’s cursor, and the age of the first of those (asked by hub components only)', async () => {
    const client = new Client({ connectionString: hub.database.url });
    await client.connect();
    const { rows } = await client.query<{ n: number; oldest: Date; last: string }>('select count(*)::int as n, min(occurred_at) as oldest, max(id)::text as last from province.outbox');
    // A follower whose cursor is still at the start of the province's feed.
    await client.query('create schema lag_probe; create table lag_probe.feed_cursor (source text primary key, position bigint not null); insert into lag_probe.feed_cursor values ($$province$$, 0)');
    await client.end();
    expect(rows[0].n).toBeGreaterThan(0);
    const backlog = (after: string, headers: Record<string, string>) =>
      fetch(`${hub.subgraphs.province.url.replace(/\/graphql$/, '')}/events/backlog?after=${after}`, { headers });
    const system = await serviceAuthorization({ sub: 'hub:metrics', name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] }, hub.config.identitySecret);
    expect(await (await backlog('0', system)).json()).toEqual({ behind: rows[0].n, oldestAt: rows[0].oldest.toISOString(), head: rows[0].last });
    expect(await (await backlog(rows[0].last, system)).json()).toEqual({ behind: 0, oldestAt: null, head: rows[0].last });
    expect((await backlog('0', {})).status).toBe(401);
    // An agency's system is not one of the hub's components, whatever its roles.
    expect((await backlog('0', { authorization: `Bearer ${hub.token('BG.SNV', ['SYSTEM'])}` })).status).toBe(403);

    const services = { orm: hub.subgraphs.onestop.orm, peerUrl: () => hub.subgraphs.province.url, identitySecret: hub.config.identitySecret };
    const before = Date.now();
    const lag = await feedLag('lag_probe', ['province'], services).sample();
    expect(lag.hub_feed_messages_behind).toEqual([{ labels: { source: 'province' }, value: rows[0].n }]);
    const [age] = lag.hub_feed_oldest_unconsumed_age_seconds;
    expect(age.labels).toEqual({ source: 'province' });
    expect(age.value).toBeGreaterThanOrEqual((before - rows[0].oldest.getTime()) / 1000);
    expect(age.value).toBeLessThanOrEqual((Date.now() - rows[0].oldest.getTime()) / 1000);
  });

  it('rejected messages are counted by feed, those refused whole and those refused in part once each', async () => {
    const client = new Client({ connectionString: hub.database.url });
    await client.connect();
    try {
      await client.query(`create schema rejected_probe;
        create table rejected_probe.consumed_event (source text, event_id bigint, outcome text, primary key (source, event_id));
        insert into rejected_probe.consumed_event values ('tax', 1, 'APPLIED'), ('tax', 2, 'REJECTED'), ('land', 7, 'REJECTED'), ('land', 8, 'REJECTED'), ('land', 9, 'APPLIED')`);
      const services = { orm: hub.subgraphs.onestop.orm, peerUrl: () => hub.subgraphs.province.url, identitySecret: hub.config.identitySecret };
      const figure = rejectedMessages('rejected_probe', services);
      const bySource = async () => Object.fromEntries((await figure.sample()).hub_feed_rejected_messages.map((row) => [row.labels.source, row.value]));
      expect(await bySource()).toEqual({ tax: 1, land: 2 });
      // Applied unit by unit: a message with a refused unit counts once, however many units were refused.
      await client.query(`create table rejected_probe.consumed_unit (source text, event_id bigint, unit text, outcome text);
        insert into rejected_probe.consumed_unit values ('tax', 1, 'a', 'REJECTED'), ('tax', 1, 'b', 'REJECTED'), ('land', 7, 'a', 'REJECTED'), ('land', 9, 'a', 'APPLIED')`);
      expect(await bySource()).toEqual({ tax: 2, land: 2 });
    } finally {
      await client.end();
    }
  });
});
