import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { issueToken } from '../../gateway/auth';
import type { Role } from '../../subgraphs/common/auth';
import { documentsOf } from '../../subgraphs/common/reference-data';
import { CHILD_SECRETS, startChildHub, type ChildHub } from '../testkit/child-hub';
import { eventually } from '../testkit/dossiers';
import { startTcpProxy, type TcpProxy } from '../testkit/tcp-proxy';

/**
 * `NODE_ENV=production npm start`, secrets and DATABASE_URL set, tried as an attacker and a careless caller
 * would. The database is reached through a relay the test can cut, for the outage.
 */

const APPLICANT = {
  name: 'Quách Thị Ngọc Diệp',
  phone: '0987 654 321',
  email: 'quachngocdiep@example.vn',
  address: 'Số 17 ngõ Hoa Sữa, thôn Đồng Khuôn, xã Tam Tiến',
};
const RECEIVE = `mutation Receive($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code applicant { name phone } } }`;
const TRACK = `query Track($code: ID!, $phone: String!) { trackDossier(code: $code, phone: $phone) { status } }`;

const token = (agency: string, roles: Role[], name = 'Cán bộ kiểm thử') => issueToken({ agency, roles, name }, CHILD_SECRETS.HUB_JWT_SECRET);

/** Answers a minute for callers without a token, from one address; the file's own anonymous requests stay below it. */
const PUBLIC_LIMIT = 60;

let hub: ChildHub;
let proxy: TcpProxy;

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function gql(query: string, variables: Record<string, unknown> = {}, bearer?: string, headers: Record<string, string> = {}) {
  const answer = await post({ query, variables }, { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers });
  return { ...answer, body: JSON.parse(answer.text) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> } };
}

beforeAll(async () => {
  const server = new URL(process.env.DATABASE_URL!);
  proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
  hub = await startChildHub({ HUB_LOG_LEVEL: 'info', HUB_PUBLIC_RATE_LIMIT: String(PUBLIC_LIMIT) }, (url) => {
    const relayed = new URL(url);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(proxy.port);
    return relayed.toString();
  });
}, 90_000);

afterAll(async () => {
  await hub?.dispose();
  await proxy?.close();
});

const desk = () => token('BG.YENTHE', ['RECEPTIONIST'], 'Nguyễn Văn An');
const supervisor = () => token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy');

describe('in production, npm start', () => {
  it('prints no token', () => {
    expect(hub.output.join('\n')).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(hub.entries().find((entry) => entry.msg === 'hub ready')).toMatchObject({ level: 'info', service: 'hub' });
  });
});

describe('in production, the schema', () => {
  const INTROSPECTION = `{ __schema { queryType { name } } }`;

  it('is introspected by signed-in callers only', async () => {
    const anonymous = await gql(INTROSPECTION);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data ?? null).toBeNull();
    expect((await gql(`{ __type(name: "Dossier") { name } }`)).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // __typename is no introspection.
    expect((await gql(`{ __typename }`)).body).toEqual({ data: { __typename: 'Query' } });
    const officer = await gql(INTROSPECTION, {}, desk());
    expect(officer.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('gives anonymous callers no "Did you mean" hints, and officers the hints', async () => {
    const anonymous = await gql(`{ agencie { code } procedurs { code } }`);
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
    expect(anonymous.text).not.toMatch(/Did you mean|agencies|procedures/);
    const officer = await gql(`{ agencie { code } }`, {}, desk());
    expect(officer.body.errors?.[0].message).toMatch(/Did you mean "agency"|Did you mean "agencies"/);
  });

  it('serves the explorer page', async () => {
    const page = await fetch(`${hub.origin}/explorer`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  });
});

describe('in production, requests the hub cannot run', () => {
  it.each([
    ['a syntax error', { query: '{ agencies { code ' }, 'GRAPHQL_PARSE_FAILED'],
    ['a query deeper than the limit', { query: `{ agencies { ${'parent { '.repeat(14)}code${' }'.repeat(14)} } }` }, 'GRAPHQL_VALIDATION_FAILED'],
    ['a query of more tokens than the limit', { query: `{ ${Array.from({ length: 700 }, (_, i) => `a${i}: __typename`).join(' ')} }` }, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown operationName', { query: 'query A { __typename }', operationName: 'B' }, 'OPERATION_RESOLUTION_FAILURE'],
  ])('answer HTTP 400 for %s', async (_case, body, code) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe(code);
  });

  it('answer a body that is not JSON with 400 and log one line for it, no stack trace', async () => {
    const before = hub.output.length;
    const answer = await post('{"query": "{ agencies { code } }", oops', { 'x-request-id': 'malformed-1' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    await eventually(async () => expect(hub.entries().some((entry) => entry.requestId === 'malformed-1' && entry.msg === 'request')).toBe(true));
    const lines = hub.output.slice(before).filter((line) => line.includes('malformed-1'));
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['malformed request refused', 'request']);
    expect(hub.output.slice(before).join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('in production, tokens', () => {
  const sign = (claims: Record<string, unknown>, options: jwt.SignOptions = {}) =>
    jwt.sign({ sub: 'x', name: 'Nguyễn Văn An', agency: 'BG.YENTHE', roles: ['RECEPTIONIST'], ...claims }, CHILD_SECRETS.HUB_JWT_SECRET, { algorithm: 'HS256', ...options });
  const ask = (bearer: string) => gql(`{ dossiers(first: 1) { totalCount } }`, {}, bearer);

  it('are refused without an expiry', async () => {
    const answer = await ask(sign({}));
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/expiry/), extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('are refused when they live longer than twelve hours, and taken at twelve', async () => {
    expect((await ask(sign({}, { expiresIn: 12 * 3600 + 60 }))).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const now = Math.floor(Date.now() / 1000);
    expect((await ask(sign({ exp: now + 3600 }, { noTimestamp: true }))).body.errors).toBeUndefined();
    expect((await ask(sign({ exp: now + 13 * 3600 }, { noTimestamp: true }))).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await ask(sign({}, { expiresIn: 12 * 3600 }))).body.errors).toBeUndefined();
  });

  it('are refused when they name an agency the directory does not know', async () => {
    const answer = await ask(token('BG.KHONGCO', ['SUPERVISOR']));
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/BG\.KHONGCO/), extensions: { code: 'UNAUTHENTICATED' } });
    // A closed agency is still in the directory: its officers' tokens are the agency's to revoke.
    expect((await ask(supervisor())).body.errors).toBeUndefined();
  });

  it('gives nobody a development token', async () => {
    expect((await fetch(`${hub.origin}/dashboard/dev-token`, { method: 'POST' })).status).toBe(404);
  });
});

describe('in production, an unexpected error', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = new Client({ connectionString: hub.database.url });
    await admin.connect();
  });
  afterAll(() => admin.end());

  it('reaches the caller as a plain message with a reference the log has the detail under', async () => {
    const received = await gql(RECEIVE, { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: documentsOf('BG-DD-CN') } }, desk());
    expect(received.body.errors).toBeUndefined();
    // A table gone from under the subgraph: its error quotes the statement.
    await admin.query('alter table onestop.dossier rename to dossier_away');
    try {
      const answer = await gql(`query List { dossiers(first: 5) { edges { node { code applicant { name phone } } } } }`, {}, supervisor(), { 'x-request-id': 'unexpected-1' });
      const [error] = answer.body.errors!;
      expect(error).toEqual({
        message: "Something went wrong on the hub's side; the operator can find what with the reference unexpected-1.",
        path: ['dossiers'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', reference: 'unexpected-1' },
      });
      expect(answer.text).not.toMatch(/select|dossier_away|onestop\.|127\.0\.0\.1|localhost|http:/i);
      await eventually(async () =>
        expect(hub.entries().find((entry) => entry.requestId === 'unexpected-1' && entry.msg === 'unexpected error')).toMatchObject({
          level: 'error',
          service: 'onestop',
          reference: 'unexpected-1',
          error: { sqlState: '42P01' },
        }),
      );
    } finally {
      await admin.query('alter table onestop.dossier_away rename to dossier');
    }
  });

  it('of the database being down is SERVICE_UNAVAILABLE, naming no address, and the hub recovers', async () => {
    await proxy.cut();
    try {
      const answer = await gql(`query List { dossiers(first: 5) { totalCount } }`, {}, supervisor());
      expect(answer.status).toBe(503);
      expect(answer.body.errors?.[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reference: expect.any(String) });
      expect(answer.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:\d{4,5}\b|postgres/i);
    } finally {
      await proxy.restore();
    }
    await eventually(async () => expect((await gql(`query List { dossiers(first: 5) { totalCount } }`, {}, supervisor())).body.errors).toBeUndefined());
  });
});

describe('in production, the log', () => {
  const CITIZEN = {
    name: 'Lạc Thị Thanh Huyền',
    phone: '0345 112 233',
    email: 'lacthanhhuyen@example.vn',
    address: 'Số 3 đường Hoàng Hoa Thám, phường Trần Phú',
  };
  const secrets = [CITIZEN.name, CITIZEN.phone, CITIZEN.phone.replace(/\s/g, ''), CITIZEN.email, CITIZEN.address, 'Hoàng Hoa Thám', 'lacthanhhuyen'];

  it('carries the request id: the caller’s, echoed, in the lines of the gateway and of the subgraphs it asked', async () => {
    const received = await gql(RECEIVE, { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: CITIZEN, documents: documentsOf('BG-DD-CN') } }, desk(), {
      'x-request-id': 'hygiene-receive-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(received.body.errors).toBeUndefined();
    expect(received.headers.get('x-request-id')).toBe('hygiene-receive-1');
    await eventually(async () => {
      const lines = hub.entries().filter((entry) => entry.requestId === 'hygiene-receive-1' && entry.msg === 'request');
      expect(lines.map((line) => line.service).sort()).toEqual(expect.arrayContaining(['gateway', 'onestop']));
      expect(lines.find((line) => line.service === 'gateway')).toMatchObject({
        level: 'info',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        operationName: 'Receive',
        agency: 'BG.YENTHE',
        roles: ['RECEPTIONIST'],
        status: 200,
        outcome: 'ok',
        durationMs: expect.any(Number),
        time: expect.any(String),
      });
    });
    const made = await gql(`{ __typename }`, {}, undefined, { 'x-request-id': 'not a valid id; drop table' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // The applicant's own requests, right and wrong: tracking by phone, a GET with the phone in its URL,
    // refused input, a body that is not JSON.
    const code = received.body.data.receiveDossier.code;
    expect((await gql(TRACK, { code, phone: CITIZEN.phone }, undefined, { 'x-request-id': 'hygiene-track-1' })).body.errors).toBeUndefined();
    const viaGet = await fetch(`${hub.url}?query=${encodeURIComponent(`{ trackDossier(code: "${code}", phone: "${CITIZEN.phone}") { status } }`)}`, {
      headers: { 'x-request-id': 'hygiene-get-1', 'apollo-require-preflight': 'true' },
    });
    expect(viaGet.status).toBe(200);
    const refused = await gql(RECEIVE, { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: { ...CITIZEN, phone: `${CITIZEN.name}` }, documents: [] } }, desk(), {
      'x-request-id': 'hygiene-refused-1',
    });
    expect(refused.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await post(`{"query": "mutation { x }", "variables": {"name": "${CITIZEN.name}", "phone": "${CITIZEN.phone}"`, { 'x-request-id': 'hygiene-malformed-1' })).status).toBe(400);
    await eventually(async () => {
      const done = new Set(hub.entries().filter((entry) => entry.msg === 'request').map((entry) => entry.requestId));
      for (const id of ['hygiene-track-1', 'hygiene-get-1', 'hygiene-refused-1', 'hygiene-malformed-1']) expect(done).toContain(id);
    });
  });

  it('holds none of the applicant data of the requests made, at any level', () => {
    const everything = hub.output.join('\n');
    for (const secret of [...secrets, APPLICANT.name, APPLICANT.phone, APPLICANT.phone.replace(/\s/g, ''), APPLICANT.email, APPLICANT.address]) {
      expect(everything).not.toContain(secret);
    }
    // Every line is JSON, none a stack trace.
    expect(hub.output.filter((line) => line.trim() !== '' && !line.startsWith('{'))).toEqual([]);
  });
});

describe('in production, callers without a token', () => {
  it('cannot escape the limit by rotating X-Forwarded-For: no proxy is trusted unless configured', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= PUBLIC_LIMIT && !statuses.includes(429); i++) {
      statuses.push((await post({ query: '{ __typename }' }, { 'x-forwarded-for': `203.0.113.${i % 250}` })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(PUBLIC_LIMIT + 1);
  });
});
