import { existsSync, readdirSync } from 'node:fs';
import { Client } from 'pg';
import { issueToken } from '../../gateway/auth';
import { documentsOf } from '../../subgraphs/common/reference-data';
import { CHILD_SECRETS, startChildHub, type ChildHub } from '../testkit/child-hub';

/**
 * `npm start` stopped with SIGTERM while dossiers are being received: every request it had taken is
 * answered and stored, one that reached it after the signal is refused whole (503, to be sent again) with
 * nothing stored, then it exits 0 with nothing on stderr and no error in its log, its sockets removed.
 */

const RECEIVE = `mutation Receive($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }`;
const IN_FLIGHT = 16;

let hub: ChildHub;
beforeAll(async () => {
  hub = await startChildHub({ HUB_SHUTDOWN_GRACE_MS: '15000' });
}, 90_000);
afterAll(() => hub?.dispose());

it('loses no request taken before a SIGTERM, and stops cleanly', async () => {
  const desk = issueToken({ agency: 'BG.YENTHE', roles: ['RECEPTIONIST'], name: 'Nguyễn Văn An' }, CHILD_SECRETS.HUB_JWT_SECRET);
  const receive = (i: number) =>
    fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${desk}`, 'x-request-id': `shutdown-${i}` },
      body: JSON.stringify({
        query: RECEIVE,
        variables: {
          input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: { name: `Người nộp ${i}`, phone: '0912000000' }, documents: documentsOf('BG-DD-CN'), idempotencyKey: `shutdown-${i}` },
        },
      }),
    }).then(async (response) => ({
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { data?: { receiveDossier: { code: string } }; errors?: Array<{ message: string; extensions?: { code?: string } }> },
    }));

  // Warm up (the first request pays for the caches), then a burst; SIGTERM as soon as the first of it is answered.
  const warmUp = await receive(0);
  expect(warmUp.status).toBe(200);
  // The gateway asks the subgraphs over Unix sockets in a directory of the hub's own, removed when it stops.
  const sockets: string = hub.entries().find((entry) => entry.msg === 'hub ready')!.sockets;
  expect(readdirSync(sockets).sort()).toEqual(['land.sock', 'local.sock', 'onestop.sock', 'province.sock', 'tax.sock']);
  const burst = Array.from({ length: IN_FLIGHT }, (_, i) => receive(i + 1));
  await Promise.race(burst);
  const exited = hub.stop('SIGTERM');
  const answers = await Promise.all(burst);

  // The gateway, in a process of its own, may not have read the last of the burst when it is told to stop:
  // those it refuses whole, for the caller (a load balancer) to send again; every other is answered.
  const taken = answers.filter((answer) => answer.status === 200);
  const refused = answers.filter((answer) => answer.status !== 200);
  expect(taken.length).toBeGreaterThan(0);
  expect(taken.filter((answer) => answer.body.errors)).toEqual([]);
  for (const answer of refused) {
    expect(answer).toMatchObject({ status: 503, retryAfter: '1', body: { errors: [{ message: 'This process is stopping; send the request again.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] } });
  }
  expect(await exited).toBe(0);
  expect(hub.stderr.filter((line) => line.trim() !== '')).toEqual([]);
  expect(hub.entries().filter((entry) => ['error', 'fatal'].includes(entry.level))).toEqual([]);
  expect(hub.entries().map((entry) => entry.msg)).toContain('stopped');
  expect(existsSync(sockets)).toBe(false);

  // Every dossier answered is stored, once; nothing of a refused request.
  const codes = taken.map((answer) => answer.body.data!.receiveDossier.code);
  const client = new Client({ connectionString: hub.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ code: string }>('select code from onestop.dossier where idempotency_key like $1', ['shutdown-%']);
    expect(rows.map((row) => row.code).sort()).toEqual([warmUp.body.data!.receiveDossier.code, ...codes].sort());
  } finally {
    await client.end();
  }
});
