import type { SubgraphName } from '../../subgraphs/common/env';
import { eventually } from '../testkit/dossiers';
import { startTestHub, type TestHub } from '../testkit/hub';

describe('entity references through the gateway', () => {
  let hub: TestHub;
  let recording: Map<SubgraphName, number> | null = null;

  beforeAll(async () => {
    hub = await startTestHub({
      // Only the request's own queries count: the event consumer and the webhook dispatcher wait an hour before they first look, and the
      // figures for /metrics (which ask the producers how far behind their feeds are) are sampled once at
      // start, then not for an hour.
      eventPollMs: 3_600_000,
      metrics: { sampleMs: 3_600_000 },
      webhooks: { pollMs: 3_600_000 },
      onQuery: (subgraph) => recording?.set(subgraph, (recording.get(subgraph) ?? 0) + 1),
    });
    for (const subgraph of [hub.subgraphs.onestop, hub.subgraphs.local]) {
      await eventually(async () => expect(await (await fetch(subgraph.metricsUrl)).text()).toContain('hub_feed_messages_behind{'));
    }
  });
  afterAll(() => hub?.close());

  async function queriesFor(filter: string): Promise<{ agencies: number; perSubgraph: Record<string, number> }> {
    recording = new Map();
    const response = await hub.gql(
      `{ agencies${filter} { code parent { name } serviceArea { name } inbox(first: 5) { totalCount edges { node { code } } } } }`,
      {},
      hub.token('BG.SNV', ['SUPERVISOR']),
    );
    const perSubgraph = Object.fromEntries(recording);
    recording = null;
    expect(response.errors).toBeUndefined();
    return { agencies: response.data.agencies.length, perSubgraph };
  }

  it('cost the same few SQL queries per subgraph for the whole directory as for the eleven land agencies', async () => {
    // Once first: each subgraph checks the caller's agency against the directory on first sight of it.
    await queriesFor('(sector: LAND)');
    const land = await queriesFor('(sector: LAND)');
    const everyone = await queriesFor('');
    expect(land.agencies).toBe(11);
    expect(everyone.agencies).toBeGreaterThanOrEqual(50);
    // province: none, the list and every field (names, parents, service areas) from the registers it keeps in
    // memory since the first request; local: the units and their renames; onestop: the inboxes, one batch.
    // Never one query per agency.
    const most = { local: 2, onestop: 1 };
    for (const { perSubgraph } of [land, everyone]) {
      expect(Object.keys(perSubgraph).sort()).toEqual(Object.keys(most).sort());
      for (const [subgraph, queries] of Object.entries(perSubgraph)) expect([subgraph, queries <= most[subgraph as keyof typeof most]]).toEqual([subgraph, true]);
    }
  });
});
