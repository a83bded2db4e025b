import { join } from 'node:path';
import { applyDecisionFile } from '../../scripts/decisions';
import { EXPLORER_EXAMPLES, fillPlaceholders, rememberCreated, type Created } from '../../gateway/explorer/examples';
import { PROJECT_ROOT } from '../../subgraphs/common/reference-data';
import { allEventsConsumed } from '../testkit/dossiers';
import { startTestHub, type TestHub } from '../testkit/hub';

/**
 * The explorer's tabs, run one after the other as a person would on a fresh `npm start`: the province as it is
 * today (the bundled decisions applied up to now), each tab with the token it names, its placeholders filled
 * with what the tabs before it created, the events of each change taken before the next tab. None may fail.
 */
describe('the explorer’s examples on a fresh hub', () => {
  let hub: TestHub;
  const created: Created = {};

  beforeAll(async () => {
    // As in development: receivers on this machine may be registered for webhooks.
    hub = await startTestHub({ webhooks: { allow: ['127.0.0.1', '::1'] } });
    await applyDecisionFile(hub.database.url, join(PROJECT_ROOT, 'domain', 'reorganization-2025.json'));
  });
  afterAll(() => hub?.close());

  it.each(EXPLORER_EXAMPLES.map((example, index) => [index + 1, example.title, example] as const))('%i. %s runs without an error', async (_index, _title, example) => {
    await allEventsConsumed(hub);
    const token = example.as ? hub.token(example.as.agency, example.as.roles, example.as.name) : undefined;
    const response = await hub.gql(example.query, fillPlaceholders(example.variables, created) as Record<string, unknown> | undefined, token);
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    rememberCreated(response.data, created);
  });
});
