import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as Verifier } from 'standardwebhooks';
import type { SubgraphServices } from '../../subgraphs/common/server';
import { startWebhookDispatcher } from '../../subgraphs/onestop/webhooks/webhook-dispatcher';
import {
  aDossierAtLeg,
  aReceivedDossier,
  aResolvedDossier,
  APPLICANT,
  dataOf,
  eventually,
  hubFootprint,
  LAND_TRANSFER_ROUTE,
  useDossierHub,
} from '../testkit/dossiers';
import { freePort } from '../testkit/ports';

/** One request as the receiver got it, with whether its Standard Webhooks signature checked out. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  event: any;
  verified: boolean;
}

/**
 * An agency system's endpoint on a local port: verifies every delivery's signature with the
 * `standardwebhooks` package and the secret its registration returned, keeps what it accepted, and answers
 * 503 (keeping the `webhook-id`s it turned away) while `refusing`.
 */
class Receiver {
  readonly accepted: Received[] = [];
  readonly turnedAway: string[] = [];
  readonly forged: Received[] = [];
  refusing = false;
  secret = '';
  private server?: Server;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const received: Received = { headers: req.headers, body, event: JSON.parse(body), verified: false };
        try {
          new Verifier(this.secret).verify(body, req.headers as Record<string, string>);
          received.verified = true;
        } catch {
          this.forged.push(received);
          res.writeHead(401).end('bad signature');
          return;
        }
        if (this.refusing) {
          this.turnedAway.push(String(req.headers['webhook-id']));
          res.writeHead(503).end('Hệ thống đang bảo trì');
          return;
        }
        this.accepted.push(received);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((ready) => this.server!.listen(port, '127.0.0.1', ready));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/motcua/events`;
  }

  /** The events received about one dossier, in the order they came. */
  about(code: string): any[] {
    return this.accepted.filter((received) => received.event.subject === code).map((received) => received.event);
  }

  stop(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

const ALL_TYPES = [
  'vn.motcua.dossier.received',
  'vn.motcua.dossier.handed-over',
  'vn.motcua.dossier.accepted',
  'vn.motcua.dossier.supplement-requested',
  'vn.motcua.dossier.resolved',
  'vn.motcua.dossier.returned',
  'vn.motcua.dossier.status-changed',
];
const REGISTER = `mutation ($input: WebhookInput!) { registerWebhook(input: $input) { secret webhook { id url events active createdBy agency { code } } } }`;
const WEBHOOKS = `{ webhooks { id url events agency { code } deliveries(first: 100) { messageId type dossierCode status attempts lastStatus lastError deliveredAt payload } } }`;

describe('webhooks for agency systems', () => {
  const receivers: Receiver[] = [];
  const context = useDossierHub('2026-03-02T09:00:00+07:00', () => ({
    webhooks: { allow: ['127.0.0.1/32'], pollMs: 50, retryMs: 100, maxAttempts: 30 },
  }));
  const { hub, dossiers, who, clock } = context;
  afterAll(() => Promise.all(receivers.map((receiver) => receiver.stop())));

  /** A receiver started and registered by `agency`'s system for `events`. */
  async function subscribed(agency: string, events: string[], receiver = new Receiver()): Promise<{ receiver: Receiver; id: string; system: string }> {
    receivers.push(receiver);
    if (!receiver.port) await receiver.start();
    const system = hub.token(agency, ['SYSTEM'], `Hệ thống ${agency}`);
    const { secret, webhook } = dataOf(await hub.gql(REGISTER, { input: { url: receiver.url, events } }, system)).registerWebhook;
    receiver.secret = secret;
    return { receiver, id: webhook.id, system };
  }

  const deliveriesOf = async (system: string, id: string) =>
    dataOf(await hub.gql(WEBHOOKS, {}, system)).webhooks.find((webhook: any) => webhook.id === id).deliveries;

  /** A received event as one line: its type, the status it reports, and the move it tells of. */
  const line = (event: any) => `${event.type.replace('vn.motcua.dossier.', '')} ${event.data.status} ${event.data.nationalStatusCode}${event.data.from ? ` ${event.data.from}→${event.data.to}` : ''}`;

  it('registers a webhook for the system’s own agency and shows its secret only in the answer', async () => {
    const receiver = new Receiver();
    await receiver.start();
    receivers.push(receiver);
    const system = hub.token('BG.YENTHE', ['SYSTEM'], 'Phần mềm một cửa Yên Thế');
    const response = await hub.gql(REGISTER, { input: { url: receiver.url, events: ['vn.motcua.dossier.handed-over', 'vn.motcua.dossier.status-changed'] } }, system);
    const { secret, webhook } = dataOf(response).registerWebhook;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: receiver.url,
      events: ['vn.motcua.dossier.handed-over', 'vn.motcua.dossier.status-changed'],
      active: true,
      createdBy: expect.any(String),
      agency: { code: 'BG.YENTHE' },
    });
    // The secret is no field of a webhook: asking for it again is a schema error.
    const again = await hub.gql(`{ webhooks { id secret } }`, {}, system);
    expect(again.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const listed = dataOf(await hub.gql(WEBHOOKS, {}, system)).webhooks;
    expect(listed.find((found: any) => found.id === webhook.id)).toEqual({ ...webhook, deliveries: [], active: undefined, createdBy: undefined, url: receiver.url });
    // Another agency's system does not see it; a supervisor does.
    const other = dataOf(await hub.gql(WEBHOOKS, {}, hub.token('BG.TANYEN', ['SYSTEM']))).webhooks;
    expect(other.map((found: any) => found.id)).not.toContain(webhook.id);
    const all = dataOf(await hub.gql(WEBHOOKS, {}, who.supervisor)).webhooks;
    expect(all.map((found: any) => found.id)).toContain(webhook.id);
    // Officers neither register nor list webhooks; nobody does without a token.
    const byOfficer = await hub.gql(REGISTER, { input: { url: receiver.url, events: ALL_TYPES } }, who.desk);
    expect(byOfficer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await hub.gql(WEBHOOKS, {}, who.land)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await hub.gql(WEBHOOKS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('pushes a dossier’s life to the desk’s system in order, signed, as CloudEvents with the national status codes', async () => {
    const desk = await subscribed('BG.YENTHE', ALL_TYPES);
    const { code } = await aDossierAtLeg(context, 2, '2026-03-02T09:00:00+07:00');
    clock.set('2026-03-03T10:00:00+07:00');
    await dossiers.ok('requestSupplement', { code, items: ['Bản sao sổ hộ khẩu'] }, who.land);
    clock.set('2026-03-04T10:00:00+07:00');
    await dossiers.ok('supplement', { code, documents: ['Bản sao sổ hộ khẩu'] }, who.desk);
    await dossiers.ok('handOver', { code, to: LAND_TRANSFER_ROUTE[2] }, who.land);
    await dossiers.ok('accept', { code }, who.tax);
    await dossiers.ok('handOver', { code, to: LAND_TRANSFER_ROUTE[3] }, who.tax);
    await dossiers.ok('accept', { code }, who.land);
    clock.set('2026-03-05T10:00:00+07:00');
    await dossiers.ok('recordResult', { code, outcome: 'APPROVED' }, who.land);
    await dossiers.ok('accept', { code }, who.desk);
    clock.set('2026-03-06T15:00:00+07:00');
    await dossiers.ok('returnResult', { code, receivedBy: APPLICANT.name }, who.desk);

    const events = await eventually(async () => {
      const got = desk.receiver.about(code);
      expect(got.at(-1)?.type).toBe('vn.motcua.dossier.status-changed');
      expect(got.at(-1)?.data.nationalStatusCode).toBe(10);
      return got;
    });
    expect(events.map(line)).toEqual([
      'received RECEIVED 2',
      'status-changed RECEIVED 2',
      'handed-over RECEIVED 2 BG.YENTHE→BG.VPDKDD.YENTHE',
      'accepted IN_PROGRESS 4 BG.YENTHE→BG.VPDKDD.YENTHE',
      'status-changed IN_PROGRESS 4 BG.YENTHE→BG.VPDKDD.YENTHE',
      'supplement-requested SUPPLEMENT_REQUESTED 5',
      'status-changed SUPPLEMENT_REQUESTED 5',
      'status-changed IN_PROGRESS 4',
      'handed-over IN_PROGRESS 4 BG.VPDKDD.YENTHE→BG.CT.YENTHE',
      'accepted IN_PROGRESS 4 BG.VPDKDD.YENTHE→BG.CT.YENTHE',
      'handed-over IN_PROGRESS 4 BG.CT.YENTHE→BG.VPDKDD.YENTHE',
      'accepted IN_PROGRESS 4 BG.CT.YENTHE→BG.VPDKDD.YENTHE',
      // The result is on its way back: still IN_PROGRESS until the desk accepts it (RESOLVED only at the desk).
      'handed-over IN_PROGRESS 4 BG.VPDKDD.YENTHE→BG.YENTHE',
      'accepted RESOLVED 9 BG.VPDKDD.YENTHE→BG.YENTHE',
      'resolved RESOLVED 9 BG.VPDKDD.YENTHE→BG.YENTHE',
      'status-changed RESOLVED 9 BG.VPDKDD.YENTHE→BG.YENTHE',
      'returned RETURNED 10',
      'status-changed RETURNED 10',
    ]);
    // Every delivery carried a valid Standard Webhooks signature and a webhook-id of its own.
    expect(desk.receiver.forged).toEqual([]);
    const received = desk.receiver.accepted.filter((delivery) => delivery.event.subject === code);
    expect(new Set(received.map((delivery) => delivery.headers['webhook-id'])).size).toBe(events.length);
    expect(received[0].headers).toMatchObject({
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'webhook-id': expect.stringMatching(/^msg_[0-9a-f]{32}$/),
      'webhook-timestamp': expect.stringMatching(/^\d{10}$/),
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
    });
    // A CloudEvents 1.0 envelope; the data names agencies and statuses, never the applicant.
    expect(events[0]).toEqual({
      specversion: '1.0',
      id: `${code}/1/received`,
      source: '/mot-cua-hub/onestop',
      type: 'vn.motcua.dossier.received',
      subject: code,
      time: '2026-03-02T09:00:00+07:00',
      datacontenttype: 'application/json',
      data: { code, procedure: 'BG-DD-CN', status: 'RECEIVED', nationalStatusCode: 2, previousStatus: null, agency: 'BG.YENTHE', from: null, to: null, at: '2026-03-02T09:00:00+07:00' },
    });
    expect(events.at(-1)).toMatchObject({ id: `${code}/12/status-changed`, time: '2026-03-06T15:00:00+07:00', data: { previousStatus: 'RESOLVED', agency: 'BG.YENTHE' } });
    for (const delivery of received) expect(delivery.body).not.toMatch(new RegExp(`${APPLICANT.name}|${APPLICANT.email}|0912|345 678|Cầu Gồ`));

    // The webhook keeps what it sent and how it went, newest first.
    const deliveries = (await deliveriesOf(desk.system, desk.id)).filter((delivery: any) => delivery.dossierCode === code);
    expect(deliveries).toHaveLength(events.length);
    expect(deliveries[0]).toMatchObject({ type: 'vn.motcua.dossier.status-changed', status: 'DELIVERED', attempts: 1, lastStatus: 204, lastError: null });
    expect(JSON.parse(deliveries.at(-1).payload)).toEqual(events[0]);
  });

  it('tells each agency only of the dossiers it may read, from the moment it may', async () => {
    const land = await subscribed('BG.VPDKDD.YENTHE', ['vn.motcua.dossier.handed-over', 'vn.motcua.dossier.accepted']);
    const tax = await subscribed('BG.CT.YENTHE', ALL_TYPES);
    const otherDesk = await subscribed('BG.TANYEN', ALL_TYPES);
    const desk = await subscribed('BG.YENTHE', ['vn.motcua.dossier.resolved']);
    const { code } = await aResolvedDossier(context, '2026-03-09T09:00:00+07:00');
    await eventually(async () => expect(desk.receiver.about(code).map(line)).toEqual(['resolved RESOLVED 9 BG.VPDKDD.YENTHE→BG.YENTHE']));
    await eventually(async () => expect(land.receiver.about(code).at(-1)?.id).toBe(`${code}/9/accepted`));
    await eventually(async () => expect(tax.receiver.about(code).at(-1)?.id).toBe(`${code}/9/status-changed`));
    // The land branch: the types it took, from the hand-over to it on.
    expect(land.receiver.about(code).map(line)).toEqual([
      'handed-over RECEIVED 2 BG.YENTHE→BG.VPDKDD.YENTHE',
      'accepted IN_PROGRESS 4 BG.YENTHE→BG.VPDKDD.YENTHE',
      'handed-over IN_PROGRESS 4 BG.VPDKDD.YENTHE→BG.CT.YENTHE',
      'accepted IN_PROGRESS 4 BG.VPDKDD.YENTHE→BG.CT.YENTHE',
      'handed-over IN_PROGRESS 4 BG.CT.YENTHE→BG.VPDKDD.YENTHE',
      'accepted IN_PROGRESS 4 BG.CT.YENTHE→BG.VPDKDD.YENTHE',
      'handed-over IN_PROGRESS 4 BG.VPDKDD.YENTHE→BG.YENTHE',
      'accepted RESOLVED 9 BG.VPDKDD.YENTHE→BG.YENTHE',
    ]);
    // The tax branch: nothing before the dossier was handed to it.
    expect(tax.receiver.about(code).map(line)[0]).toBe('handed-over IN_PROGRESS 4 BG.VPDKDD.YENTHE→BG.CT.YENTHE');
    // Another district's desk never had a part in it: nothing sent, nothing queued.
    expect(otherDesk.receiver.about(code)).toEqual([]);
    expect((await deliveriesOf(otherDesk.system, otherDesk.id)).filter((delivery: any) => delivery.dossierCode === code)).toEqual([]);
  });

  it('changes the dossier while the receiver is unreachable, and delivers once it answers again', async () => {
    const receiver = new Receiver();
    receiver.port = await freePort();
    const { id, system } = await subscribed('BG.YENTHE', ['vn.motcua.dossier.received', 'vn.motcua.dossier.handed-over'], receiver);
    const { code, status } = await aReceivedDossier(context, '2026-03-10T09:00:00+07:00');
    expect(status).toBe('RECEIVED');
    const handed = await dossiers.ok('handOver', { code, to: LAND_TRANSFER_ROUTE[1] }, who.desk);
    expect(handed.addressee.code).toBe('BG.VPDKDD.YENTHE');
    const waiting = await eventually(async () => {
      const [first] = (await deliveriesOf(system, id)).filter((delivery: any) => delivery.dossierCode === code).reverse();
      expect(first.attempts).toBeGreaterThanOrEqual(2);
      expect(first.lastError).not.toBeNull();
      return first;
    });
    expect(waiting).toMatchObject({ type: 'vn.motcua.dossier.received', status: 'PENDING', lastStatus: null, lastError: expect.stringMatching(/ECONNREFUSED/), deliveredAt: null });
    await receiver.start(receiver.port);
    const events = await eventually(async () => {
      const got = receiver.about(code);
      expect(got).toHaveLength(2);
      return got;
    });
    expect(events.map(line)).toEqual(['received RECEIVED 2', 'handed-over RECEIVED 2 BG.YENTHE→BG.VPDKDD.YENTHE']);
    const deliveries = (await deliveriesOf(system, id)).filter((delivery: any) => delivery.dossierCode === code);
    expect(deliveries.map((delivery: any) => delivery.status)).toEqual(['DELIVERED', 'DELIVERED']);
    expect(deliveries[1].attempts).toBeGreaterThanOrEqual(2);
  });

  it('loses nothing across a restart of onestop, and a redelivery carries the same webhook-id', async () => {
    const { receiver } = await subscribed('BG.YENTHE', ['vn.motcua.dossier.received', 'vn.motcua.dossier.handed-over']);
    receiver.refusing = true;
    const { code } = await aReceivedDossier(context, '2026-03-11T09:00:00+07:00');
    await dossiers.ok('handOver', { code, to: LAND_TRANSFER_ROUTE[1] }, who.desk);
    await eventually(async () => expect(receiver.turnedAway.length).toBeGreaterThanOrEqual(1));
    await hub.restartSubgraph('onestop', async () => {
      receiver.refusing = false;
    });
    const events = await eventually(async () => {
      const got = receiver.accepted.filter((delivery) => delivery.event.subject === code);
      expect(got).toHaveLength(2);
      return got;
    });
    expect(events.map((delivery) => line(delivery.event))).toEqual(['received RECEIVED 2', 'handed-over RECEIVED 2 BG.YENTHE→BG.VPDKDD.YENTHE']);
    expect(events[0].headers['webhook-id']).toBe(receiver.turnedAway[0]);
    expect(new Set(receiver.turnedAway)).toEqual(new Set([receiver.turnedAway[0]]));
  });

  it('sends each delivery once while three onestop replicas dispatch at the same time', async () => {
    const { receiver, id, system } = await subscribed('BG.YENTHE', ['vn.motcua.dossier.received', 'vn.motcua.dossier.handed-over']);
    receiver.refusing = true;
    const codes: string[] = [];
    for (const hour of ['09', '10', '11']) {
      const { code } = await aReceivedDossier(context, `2026-03-16T${hour}:00:00+07:00`);
      await dossiers.ok('handOver', { code, to: LAND_TRANSFER_ROUTE[1] }, who.desk);
      codes.push(code);
    }
    // Two more dispatchers over the same database, as two more replicas would run them, polling hard.
    const replicas = [1, 2].map(() =>
      startWebhookDispatcher({ orm: hub.subgraphs.onestop.orm, webhooks: { ...hub.config.webhooks, pollMs: 5 } } as SubgraphServices),
    );
    try {
      receiver.refusing = false;
      await eventually(async () => expect(codes.map((code) => receiver.about(code).length)).toEqual([2, 2, 2]));
    } finally {
      await Promise.all(replicas.map((replica) => replica.stop()));
    }
    const ids = receiver.accepted.filter((delivery) => codes.includes(delivery.event.subject)).map((delivery) => delivery.headers['webhook-id']);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    for (const code of codes) expect(receiver.about(code).map(line)).toEqual(['received RECEIVED 2', 'handed-over RECEIVED 2 BG.YENTHE→BG.VPDKDD.YENTHE']);
    const deliveries = (await deliveriesOf(system, id)).filter((delivery: any) => codes.includes(delivery.dossierCode));
    expect(deliveries.map((delivery: any) => delivery.status)).toEqual(Array(6).fill('DELIVERED'));
  });

  it('stops a webhook at its agency’s request: what was pending is given up and nothing more is queued', async () => {
    const { receiver, id, system } = await subscribed('BG.YENTHE', ['vn.motcua.dossier.received', 'vn.motcua.dossier.handed-over']);
    receiver.refusing = true;
    const { code } = await aReceivedDossier(context, '2026-03-12T09:00:00+07:00');
    await eventually(async () => expect(receiver.turnedAway.length).toBeGreaterThanOrEqual(1));
    const DEACTIVATE = `mutation ($id: ID!) { deactivateWebhook(id: $id) { id active } }`;
    // Another agency's system is told the webhook does not exist; an officer may not.
    expect((await hub.gql(DEACTIVATE, { id }, hub.token('BG.TANYEN', ['SYSTEM']))).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', what: 'Webhook', key: id });
    expect((await hub.gql(DEACTIVATE, { id }, who.desk)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(dataOf(await hub.gql(DEACTIVATE, { id }, system)).deactivateWebhook).toEqual({ id, active: false });
    await dossiers.ok('handOver', { code, to: LAND_TRANSFER_ROUTE[1] }, who.desk);
    const deliveries = (await deliveriesOf(system, id)).filter((delivery: any) => delivery.dossierCode === code);
    expect(deliveries).toEqual([expect.objectContaining({ type: 'vn.motcua.dossier.received', status: 'FAILED', lastError: 'The webhook was deactivated.', deliveredAt: null })]);
    expect(receiver.accepted).toEqual([]);
  });

  it('checks the destination again at delivery: one withdrawn from HUB_WEBHOOK_ALLOW is not called until allowed again', async () => {
    const { receiver, id, system } = await subscribed('BG.YENTHE', ['vn.motcua.dossier.received']);
    const allowed = hub.config.webhooks;
    try {
      hub.config.webhooks = { ...allowed, allow: ['192.0.2.0/24'] };
      await hub.restartSubgraph('onestop');
      const { code } = await aReceivedDossier(context, '2026-03-13T09:00:00+07:00');
      const refused = await eventually(async () => {
        const [delivery] = (await deliveriesOf(system, id)).filter((found: any) => found.dossierCode === code);
        expect(delivery.lastError).not.toBeNull();
        return delivery;
      });
      expect(refused).toMatchObject({ status: 'PENDING', lastStatus: null, lastError: '127.0.0.1 is not among the allowed destinations (HUB_WEBHOOK_ALLOW)' });
      expect(receiver.turnedAway).toEqual([]);
      expect(receiver.about(code)).toEqual([]);
      hub.config.webhooks = allowed;
      await hub.restartSubgraph('onestop');
      await eventually(async () => expect(receiver.about(code).map(line)).toEqual(['received RECEIVED 2']));
    } finally {
      if (hub.config.webhooks !== allowed) {
        hub.config.webhooks = allowed;
        await hub.restartSubgraph('onestop');
      }
    }
  });

  it('refuses, with BAD_USER_INPUT naming the field and writing nothing, a destination the province has not allowed', async () => {
    const system = hub.token('BG.YENTHE', ['SYSTEM']);
    const before = await hubFootprint(hub);
    const refused = async (url: string, events = ALL_TYPES) => {
      const response = await hub.gql(REGISTER, { input: { url, events } }, system);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      return response.errors![0].extensions!.fields;
    };
    // Loopback, but not the allowed address; the cloud metadata address; a private network.
    expect(await refused('http://127.0.0.2:8080/hooks')).toEqual({ url: expect.stringMatching(/^127\.0\.0\.2 is not among the allowed destinations/) });
    expect(await refused('http://169.254.169.254/latest/meta-data/')).toEqual({ url: expect.stringMatching(/^169\.254\.169\.254 is not among/) });
    expect(await refused('https://10.0.0.7/hooks')).toEqual({ url: expect.stringMatching(/^10\.0\.0\.7 is not among/) });
    expect(await refused('http://[::1]:8080/hooks')).toEqual({ url: expect.stringMatching(/^::1 is not among/) });
    expect(await refused('ftp://127.0.0.1/hooks')).toEqual({ url: 'must be an http:// or https:// URL' });
    expect(await refused('127.0.0.1:8080')).toEqual({ url: 'must be an http:// or https:// URL' });
    expect(await refused('http://127.0.0.1:8080/hooks', ['vn.motcua.dossier.deleted'])).toEqual({ events: expect.stringMatching(/^unknown type vn\.motcua\.dossier\.deleted;/) });
    expect(await refused('http://127.0.0.1:8080/hooks', [])).toEqual({ events: 'must not be empty' });
    expect(await hubFootprint(hub)).toEqual(before);
  });
});
