import { existsSync, readdirSync } from 'node:fs';
import { Client } from 'pg';
import { issueToken } from '../../gateway/auth';
import { documentsOf } from '../../subgraphs/common/reference-data';
import { CHILD_SECRETS, startChildHub, type ChildHub } from '../testkit/child-hub';

/**
 * `npm start` killed outright (SIGKILL: the gateway and the subgraphs with it) while desks are receiving
 * dossiers, then started again on the same database. The desks retry every receipt with its idempotency key:
 * each dossier exists exactly once, a receipt answered before the crash is answered again with the same code,
 * and every history is intact.
 */

const RECEIVE = `mutation Receive($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }`;
const RECEIPTS = 12;

let first: ChildHub;
let second: ChildHub | undefined;
afterAll(async () => {
  await second?.dispose();
  // The first hub made the database, and drops it.
  await first?.dispose();
});

it('creates nothing twice when the desks retry with their idempotency keys after a crash', async () => {
  first = await startChildHub();
  const desk = issueToken({ agency: 'BG.YENTHE', roles: ['RECEPTIONIST'], name: 'Nguyễn Văn An' }, CHILD_SECRETS.HUB_JWT_SECRET);
  const input = (i: number) => ({
    procedure: 'BG-DD-CN',
    desk: 'BG.YENTHE',
    applicant: { name: `Người nộp sự cố ${i}`, phone: '0912000000' },
    documents: documentsOf('BG-DD-CN'),
    idempotencyKey: `crash-${i}`,
  });
  const receive = (url: string, i: number) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${desk}` },
      body: JSON.stringify({ query: RECEIVE, variables: { input: input(i) } }),
    }).then(
      async (response) => ((await response.json()) as { data?: { receiveDossier: { code: string } } }).data?.receiveDossier.code ?? null,
      () => null,
    );

  const socketsOf = (hub: ChildHub): string => hub.entries().find((entry) => entry.msg === 'hub ready')!.sockets;
  expect(readdirSync(socketsOf(first))).toHaveLength(5);
  expect(await receive(first.url, 0)).toMatch(/^BG\.YENTHE-\d{6}-\d{4}$/);
  const burst = Array.from({ length: RECEIPTS }, (_, i) => receive(first.url, i + 1));
  await Promise.race(burst);
  first.process.kill('SIGKILL');
  const before = await Promise.all(burst);
  await first.stop();

  second = await startChildHub({}, undefined, first.database);
  // The killed hub's sockets (its process is gone) are swept away when the next one starts; its own stay.
  expect(existsSync(socketsOf(first))).toBe(false);
  expect(readdirSync(socketsOf(second))).toHaveLength(5);
  const after = await Promise.all(Array.from({ length: RECEIPTS }, (_, i) => receive(second!.url, i + 1)));
  expect(after.every((code) => code !== null)).toBe(true);
  // What was answered before the crash is answered again, the same.
  before.forEach((code, i) => code !== null && expect(after[i]).toBe(code));

  const client = new Client({ connectionString: first.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; n: string }>(
      `select applicant_name as name, count(*) as n from onestop.dossier where applicant_name like 'Người nộp sự cố %' group by applicant_name`,
    );
    expect(rows.length).toBe(RECEIPTS + 1);
    expect(rows.filter((row) => Number(row.n) !== 1)).toEqual([]);
  } finally {
    await client.end();
  }
  const supervisor = issueToken({ agency: 'BG.SNV', roles: ['SUPERVISOR'], name: 'Vũ Quang Huy' }, CHILD_SECRETS.HUB_JWT_SECRET);
  for (const code of after) {
    const response = await fetch(second.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor}` },
      body: JSON.stringify({ query: `query ($code: ID!) { dossier(code: $code) { historyIntact } }`, variables: { code } }),
    });
    expect(((await response.json()) as any).data.dossier.historyIntact).toBe(true);
  }
}, 180_000);
