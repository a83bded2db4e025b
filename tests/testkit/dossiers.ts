import { Client } from 'pg';
import type { Role } from '../../subgraphs/common/auth';
import { bundledDecisions } from '../../subgraphs/common/decision-file';
import { documentsOf } from '../../subgraphs/common/reference-data';
import { startTestHub, type GraphQLResponse, type TestHub, type TestHubOptions } from './hub';

/** The documents of a land-use right transfer (BG-DD-CN), as the catalogue names them. */
export const LAND_TRANSFER_DOCUMENTS = documentsOf('BG-DD-CN');
/** The birth, residence and health-insurance package (BG-HT-KS). */
export const BIRTH_PACKAGE_DOCUMENTS = documentsOf('BG-HT-KS');

export const APPLICANT = {
  name: 'Hoàng Thị Lụa',
  address: 'Tổ dân phố Hòa Bình, thị trấn Cầu Gồ, huyện Yên Thế',
  phone: '0912 345 678',
  email: 'hoangthilua@example.vn',
};

export const DOSSIER_FIELDS = `
  code status nationalStatusCode currentLeg receivedAt dueAt dueProvisional ledgerBook ledgerNumber receiptNumber copies delivery documents
  procedure { code } desk { code } holder { code } addressee { code }
  applicant { name address phone email }
  legs { seq agency { code } agencyName task workingDays dueAt completedAt result }
  transfers { seq kind from { code } fromName to { code } toName handedAt handedBy acceptedAt acceptedBy result legSeq note }
  outcome outcomeNote resolvedAt returnedAt returnedTo timeliness
  supplementRequestedAt supplementItems supplementDueAt supplementedAt apologizedAt apologyReason previousDueAt
  channel submittedAt refusedAt refusalReasons stoppedAt stopReason returnChannel postalTrackingNumber
`;

const MUTATIONS = {
  receive: `mutation ($input: ReceiveDossierInput!) { receiveDossier(input: $input) { ${DOSSIER_FIELDS} } }`,
  submit: `mutation ($input: SubmitDossierInput!) { submitDossier(input: $input) { ${DOSSIER_FIELDS} } }`,
  refuse: `mutation ($code: ID!, $reasons: [String!]!) { refuseDossier(code: $code, reasons: $reasons) { ${DOSSIER_FIELDS} } }`,
  stop: `mutation ($code: ID!, $reason: String!) { stopDossier(code: $code, reason: $reason) { ${DOSSIER_FIELDS} } }`,
  rate: `mutation ($code: ID!, $phone: String!, $rating: Int!, $comment: String) { rateService(code: $code, phone: $phone, rating: $rating, comment: $comment) }`,
  handOver: `mutation ($code: ID!, $to: ID!, $note: String) { handOverDossier(code: $code, to: $to, note: $note) { ${DOSSIER_FIELDS} } }`,
  accept: `mutation ($code: ID!) { acceptDossier(code: $code) { ${DOSSIER_FIELDS} } }`,
  requestSupplement: `mutation ($code: ID!, $items: [String!]!, $dueAt: DateTime) { requestSupplement(code: $code, items: $items, dueAt: $dueAt) { ${DOSSIER_FIELDS} } }`,
  supplement: `mutation ($code: ID!, $documents: [String!]!) { supplementDossier(code: $code, documents: $documents) { ${DOSSIER_FIELDS} } }`,
  apologize: `mutation ($code: ID!, $reason: String!, $newDueAt: DateTime!) { apologizeForDelay(code: $code, reason: $reason, newDueAt: $newDueAt) { ${DOSSIER_FIELDS} } }`,
  recordResult: `mutation ($code: ID!, $outcome: Outcome!, $note: String) { recordResult(code: $code, outcome: $outcome, note: $note) { ${DOSSIER_FIELDS} } }`,
  returnResult: `mutation ($code: ID!, $receivedBy: String!, $channel: ReturnChannel, $postalTrackingNumber: String) {
    returnResult(code: $code, receivedBy: $receivedBy, channel: $channel, postalTrackingNumber: $postalTrackingNumber) { ${DOSSIER_FIELDS} } }`,
  withdraw: `mutation ($code: ID!, $reason: String!) { withdrawDossier(code: $code, reason: $reason) { ${DOSSIER_FIELDS} } }`,
  guidance: `mutation ($input: GuidanceInput!) { issueGuidance(input: $input) { id number deskName procedureName missing requirements submitted issuedBy applicant { name phone } } }`,
} as const;

export type MutationName = keyof typeof MUTATIONS;

/** Officers of the agencies a Yên Thế land transfer passes through. */
export function officers(hub: TestHub) {
  const officer = (agency: string, roles: Role[], name: string) => hub.token(agency, roles, name);
  return {
    desk: officer('BG.YENTHE', ['RECEPTIONIST'], 'Nguyễn Văn An'),
    deskProcessor: officer('BG.YENTHE', ['PROCESSOR'], 'Lê Văn Cường'),
    land: officer('BG.VPDKDD.YENTHE', ['PROCESSOR'], 'Trần Thị Bình'),
    tax: officer('BG.CT.YENTHE', ['PROCESSOR'], 'Phạm Minh Đức'),
    otherDesk: officer('BG.TANYEN', ['RECEPTIONIST'], 'Đỗ Thị Hà'),
    supervisor: officer('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy'),
  };
}

export class DossierClient {
  constructor(private readonly hub: TestHub) {}

  /** Runs a dossier mutation and returns the whole response. */
  run(name: MutationName, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse> {
    return this.hub.gql(MUTATIONS[name], variables, token);
  }

  /** Runs a dossier mutation that must succeed and returns its result. */
  async ok(name: MutationName, variables: Record<string, unknown>, token: string): Promise<any> {
    const response = await this.run(name, variables, token);
    if (response.errors) throw new Error(`${name} failed: ${JSON.stringify(response.errors)}`);
    return Object.values(response.data)[0];
  }

  receiveLandTransfer(token: string, overrides: Record<string, unknown> = {}): Promise<any> {
    return this.ok('receive', { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS, ...overrides } }, token);
  }
}

/** The producers whose outboxes onestop reads (their events move dossiers). */
const OUTBOXES = ['tax', 'land', 'local', 'province'];

/** Resolves once onestop has consumed every event in every producer's outbox, as it is now. */
async function untilEventsConsumed(client: Client): Promise<void> {
  await eventually(async () => {
    const { rows } = await client.query<{ pending: string }>(
      `select count(*) as pending from (
         ${OUTBOXES.map((source) => `select '${source}' as source, max(id) as last from ${source}.outbox`).join(' union all ')}
       ) o left join onestop.feed_cursor c on c.source = o.source
       where o.last is not null and (c.position is null or c.position < o.last)`,
    );
    if (Number(rows[0].pending) > 0) throw new Error('events still in flight');
  });
}

async function withClient<T>(hub: TestHub, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: hub.database.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Waits until onestop has consumed every event the other subgraphs have written so far: what those events
 * do to dossiers has then happened. Wait for this, not for a while, before checking that something did
 * not happen (an event not applied, a dossier not moved).
 */
export function allEventsConsumed(hub: TestHub): Promise<void> {
  return withClient(hub, untilEventsConsumed);
}

/** The columns of the outboxes that say what was queued, not how far its sending has got. */
const PROGRESS_FREE: Record<string, string> = {
  notice: 'id, dossier_code, kind, channel, recipient, subject, body, created_at',
  webhook_delivery: 'id, webhook_id, message_id, type, dossier_code, payload, created_at',
};

/**
 * A checksum of the contents of every table of every subgraph: a refused mutation must leave all of them
 * as they were. The event consumer's bookkeeping (its cursors and the events it has seen) moves on its own
 * and is left out, as is how far each notice's and webhook delivery's sending has got (they themselves count).
 */
export async function hubFootprint(hub: TestHub): Promise<Record<string, string>> {
  return withClient(hub, async (client) => {
    // Taken at rest: every event in every outbox consumed, so no earlier step lands in the middle.
    await untilEventsConsumed(client);
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `select table_schema as schema, table_name as name from information_schema.tables
        where table_schema in ('onestop', 'province', 'local', 'tax', 'land') and table_type = 'BASE TABLE'
          and table_name not in ('mikro_orm_migrations', 'consumed_event', 'consumed_unit', 'feed_cursor')
        order by 1, 2`,
    );
    const sums: Record<string, string> = {};
    for (const { schema, name } of tables) {
      const source = PROGRESS_FREE[name] ? `(select ${PROGRESS_FREE[name]} from "${schema}"."${name}")` : `"${schema}"."${name}"`;
      const { rows } = await client.query(`select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as sum from ${source} t`);
      sums[`${schema}.${name}`] = rows[0].sum;
    }
    return sums;
  });
}

/** A clock the test moves: every request the hub handles happens at `clock.now`. */
export class TestClock {
  now: Date;

  constructor(start: string) {
    this.now = new Date(start);
  }

  set(local: string): void {
    this.now = new Date(local);
  }

  read = (): Date => this.now;
}

/**
 * The documents of a procedure's version published by the bundled decisions (`domain/reorganization-*.json`)
 * that is in force at `at`, or of the catalogue's first version before any.
 */
export function documentsAt(procedure: string, at: string): string[] {
  const versions = bundledDecisions()
    .flatMap((decision) => decision.procedures ?? [])
    .filter((version) => version.code === procedure && new Date(version.effectiveFrom) <= new Date(at));
  return (versions.at(-1)?.documents as string[] | undefined) ?? documentsOf(procedure);
}

/**
 * The criminal-record certificate (BG-TP-LLTP): since 1/3/2025 the provincial police's desk receives it and
 * does the work itself (the bundled decision of that date, in the tests' template).
 */
export const CRIMINAL_RECORD_INPUT = {
  procedure: 'BG-TP-LLTP',
  desk: 'BG.CA',
  applicant: APPLICANT,
  documents: documentsAt('BG-TP-LLTP', '2026-01-01T00:00:00+07:00'),
};

export interface DossierHub {
  hub: TestHub;
  dossiers: DossierClient;
  who: ReturnType<typeof officers>;
  clock: TestClock;
}

/** A stand-in for a value a `beforeAll` has yet to create: every use goes to the value itself. */
function later<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get: (_target, property) => {
      const value = Reflect.get(get(), property);
      return typeof value === 'function' ? value.bind(get()) : value;
    },
  });
}

/** For a describe block: a hub of its own whose clock starts at `start`, with its officers. */
export function useDossierHub(start: string, options: () => Omit<TestHubOptions, 'clock'> = () => ({})): DossierHub {
  const context = { clock: new TestClock(start) } as DossierHub;
  beforeAll(async () => {
    context.hub = await startTestHub({ ...options(), clock: context.clock.read });
    context.dossiers = new DossierClient(context.hub);
    context.who = officers(context.hub);
  });
  afterAll(() => context.hub?.close());
  return { hub: later(() => context.hub), dossiers: later(() => context.dossiers), who: later(() => context.who), clock: context.clock };
}

/** The agencies a Yên Thế land transfer (BG-DD-CN) goes through, leg by leg: desk, land branch, tax branch, land branch. */
export const LAND_TRANSFER_ROUTE = ['BG.YENTHE', 'BG.VPDKDD.YENTHE', 'BG.CT.YENTHE', 'BG.VPDKDD.YENTHE'] as const;

/** When a hand-over is made (giao) and accepted (nhận); a time left out is whatever the clock shows then. */
export interface HandOverTimes {
  handedAt?: string;
  acceptedAt?: string;
}

/** The officer of each leg's agency, as `officers` names them. */
const routeOfficers = (who: DossierHub['who']) => [who.desk, who.land, who.tax, who.land];

// Builders of a dossier at a given point of its life, with the same mutations officers use, so that each
// test makes its own. Each takes the hub of its describe block, the instant of receipt (the clock is set to
// it), and `times[i]`, when the dossier is handed on to leg i + 2 and accepted there; `overrides` change the
// receipt's input (another procedure on the same route, copies, delivery).

/** A land transfer received at the Yên Thế desk, which holds it (leg 1). */
export async function aReceivedDossier({ dossiers, who, clock }: DossierHub, receivedAt: string, overrides: Record<string, unknown> = {}): Promise<any> {
  clock.set(receivedAt);
  return dossiers.receiveLandTransfer(who.desk, overrides);
}

/** A land transfer carried along its route up to leg `leg` − 1, and handed over to leg `leg`'s agency, which has not accepted it yet. */
export async function aDossierInTransitTo(context: DossierHub, leg: 2 | 3 | 4, receivedAt: string, times: HandOverTimes[] = [], overrides: Record<string, unknown> = {}): Promise<any> {
  const { code } = await aDossierAtLeg(context, (leg - 1) as 1 | 2 | 3, receivedAt, times, overrides);
  const { handedAt } = times[leg - 2] ?? {};
  if (handedAt) context.clock.set(handedAt);
  return context.dossiers.ok('handOver', { code, to: LAND_TRANSFER_ROUTE[leg - 1] }, routeOfficers(context.who)[leg - 2]);
}

/** A land transfer carried along its route until leg `leg`'s agency has accepted it and holds it. */
export async function aDossierAtLeg(context: DossierHub, leg: 1 | 2 | 3 | 4, receivedAt: string, times: HandOverTimes[] = [], overrides: Record<string, unknown> = {}): Promise<any> {
  if (leg === 1) return aReceivedDossier(context, receivedAt, overrides);
  const { code } = await aDossierInTransitTo(context, leg, receivedAt, times, overrides);
  const { acceptedAt } = times[leg - 2] ?? {};
  if (acceptedAt) context.clock.set(acceptedAt);
  return context.dossiers.ok('accept', { code }, routeOfficers(context.who)[leg - 1]);
}

/**
 * A land transfer approved at its last leg and back at the desk that received it, which holds the result
 * (RESOLVED); `times[3]` times the result's hand-over to the desk.
 */
export async function aResolvedDossier(context: DossierHub, receivedAt: string, times: HandOverTimes[] = [], overrides: Record<string, unknown> = {}): Promise<any> {
  const { code } = await aDossierAtLeg(context, 4, receivedAt, times, overrides);
  const { handedAt, acceptedAt } = times[3] ?? {};
  if (handedAt) context.clock.set(handedAt);
  await context.dossiers.ok('recordResult', { code, outcome: 'APPROVED', note: 'Đã chỉnh lý Giấy chứng nhận' }, context.who.land);
  if (acceptedAt) context.clock.set(acceptedAt);
  return context.dossiers.ok('accept', { code }, context.who.desk);
}

/** The dossier's status, as a supervisor reads it. */
export async function statusOf(hub: TestHub, code: string): Promise<string> {
  const response = await hub.gql(`query ($code: ID!) { dossier(code: $code) { status } }`, { code }, hub.token('BG.SNV', ['SUPERVISOR']));
  return dataOf(response).dossier.status;
}

/** Waits until another subgraph's event has brought the dossier to `status`. */
export function untilStatus(hub: TestHub, code: string, status: string): Promise<void> {
  return eventually(async () => expect(await statusOf(hub, code)).toBe(status));
}

/** Waits until the dossier's result is recorded (by another subgraph's event): on its way to the desk or there. */
export function untilResultRecorded(hub: TestHub, code: string): Promise<void> {
  return eventually(async () => {
    const response = await hub.gql(`query ($code: ID!) { dossier(code: $code) { outcome } }`, { code }, hub.token('BG.SNV', ['SUPERVISOR']));
    expect(dataOf(response).dossier.outcome).not.toBeNull();
  });
}

/** The data of a response that must succeed (a step that builds a test's world, not the one it checks). */
export function dataOf<T = any>(response: GraphQLResponse<T>): T {
  if (response.errors) throw new Error(`The request failed: ${JSON.stringify(response.errors)}`);
  return response.data as T;
}

/** Retries `check` until it passes (events travel on their own time), then returns its result. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

export const TAX_NOTICE_FIELDS = `id number total paid paidAmount paidAt payBy issuedBy
  items { kind base rate amount } dossier { code } payments { amount receiptNumber paidAt recordedBy }`;
