import jwt from 'jsonwebtoken';
import { serviceAuthorization } from '../../subgraphs/common/tokens';
import { documentsOf } from '../../subgraphs/common/reference-data';
import { postGraphQL, startTestHub, type TestHub } from '../testkit/hub';

const AGENCY_ACROSS_SUBGRAPHS = `
  query Agency($code: ID!) {
    agency(code: $code) { name tier parent { name } serviceArea { name } inbox { totalCount } }
  }`;

describe('the federated hub through its gateway', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.close());

  it('answers one query from four subgraphs: directory, land branch area, unit names and inbox', async () => {
    const token = hub.token('BG.VPDKDD.YENTHE', ['PROCESSOR'], 'Trần Thị Bình');
    const response = await hub.gql(AGENCY_ACROSS_SUBGRAPHS, { code: 'BG.VPDKDD.YENTHE' }, token);
    expect(response.errors).toBeUndefined();
    expect(response.data.agency).toEqual({
      name: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế',
      tier: 'CENTRAL_VERTICAL',
      parent: { name: 'Văn phòng Đăng ký đất đai tỉnh Bắc Giang' },
      serviceArea: [{ name: 'huyện Yên Thế' }],
      inbox: { totalCount: 0 },
    });
  });

  it('gives a tax branch its area from the tax subgraph, and an agency without one an empty area', async () => {
    const response = await hub.gql(`{
      tax: agency(code: "BG.CT.TPBG") { serviceArea { code name committee { name } } }
      department: agency(code: "BG.STP") { serviceArea { code } }
    }`);
    expect(response.data).toEqual({
      tax: { serviceArea: [{ code: 'BG.TPBG', name: 'thành phố Bắc Giang', committee: { name: 'UBND thành phố Bắc Giang' } }] },
      department: { serviceArea: [] },
    });
  });

  it('lets anonymous callers read the agency directory and the procedure catalogue', async () => {
    const response = await hub.gql(`{
      agencies(tier: DISTRICT) { code name }
      procedures(field: "Đất đai") { code processingDays route { seq agencySelector workingDays agency { code } } }
      procedure(code: "BG-HT-KS") { route { agencySelector agency { name } } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.agencies).toHaveLength(10);
    expect(response.data.agencies).toContainEqual({ code: 'BG.YENTHE', name: 'UBND huyện Yên Thế' });
    expect(response.data.procedures.map((p: { code: string }) => p.code)).toEqual(['BG-DD-CN', 'BG-DD-LD']);
    expect(response.data.procedure.route.map((leg: { agency: { name: string } | null }) => leg.agency?.name ?? null)).toEqual([
      null,
      'Công an tỉnh Bắc Giang',
      'Bảo hiểm xã hội tỉnh Bắc Giang',
    ]);
  });

  it('filters agencies by sector and lists a district’s communes', async () => {
    const response = await hub.gql(`{
      agencies(sector: LAND) { code }
      administrativeUnits(parent: "BG.YENTHE") { code name level parent { name } }
    }`);
    expect(response.data.agencies).toHaveLength(11);
    expect(response.data.administrativeUnits).toEqual([
      { code: 'BG.YENTHE.BOHA', name: 'thị trấn Bố Hạ', level: 'COMMUNE', parent: { name: 'huyện Yên Thế' } },
      { code: 'BG.YENTHE.CAUGO', name: 'thị trấn Cầu Gồ', level: 'COMMUNE', parent: { name: 'huyện Yên Thế' } },
    ]);
  });

  it('keeps an agency’s inbox from anonymous callers (UNAUTHENTICATED) and from other agencies (FORBIDDEN)', async () => {
    const anonymous = await hub.gql(`{ agency(code: "BG.YENTHE") { inbox { totalCount } } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const other = await hub.gql(`{ agency(code: "BG.YENTHE") { inbox { totalCount } } }`, {}, hub.token('BG.TANYEN', ['RECEPTIONIST']));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const supervisor = await hub.gql(`{ agency(code: "BG.YENTHE") { inbox { totalCount } } }`, {}, hub.token('BG.SNV', ['SUPERVISOR']));
    expect(supervisor.data).toEqual({ agency: { inbox: { totalCount: 0 } } });
  });

  it.each([
    ['forged with another secret', () => jwt.sign({ sub: 'x', name: 'X', agency: 'BG.UBND', roles: ['SUPERVISOR'] }, 'guessed-secret-of-an-attacker')],
    ['expired', () => jwt.sign({ sub: 'x', name: 'X', agency: 'BG.UBND', roles: ['SUPERVISOR'], exp: Math.floor(Date.now() / 1000) - 1 }, hub.config.jwtSecret)],
  ])('refuses a token %s with UNAUTHENTICATED and no data, even for public queries', async (_case, token) => {
    const response = await hub.gql(`{ agencies { code } }`, {}, token());
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data ?? null).toBeNull();
  });

  it('has subgraphs that verify the caller’s token themselves, so going around the gateway gains nothing', async () => {
    const forged = jwt.sign({ sub: 'x', name: 'X', agency: 'BG.SNV', roles: ['SUPERVISOR'] }, 'guessed-secret-of-an-attacker', { expiresIn: '1h' });
    for (const subgraph of Object.values(hub.subgraphs)) {
      const withForgery = await postGraphQL(subgraph.url, `{ _service { sdl } }`, {}, { authorization: `Bearer ${forged}` });
      expect(withForgery.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(withForgery.data ?? null).toBeNull();
    }
    // Without a token a subgraph answers what the gateway answers anyone: the public directory, and no inbox.
    const province = hub.subgraphs.province.url;
    expect((await postGraphQL(province, `{ agency(code: "BG.UBND") { name } }`)).data).toEqual({ agency: { name: 'UBND tỉnh Bắc Giang' } });
    const inbox = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { inbox { totalCount } } } }`;
    const representations = [{ __typename: 'Agency', code: 'BG.YENTHE' }];
    const anonymous = await postGraphQL(hub.subgraphs.onestop.url, inbox, { representations });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // The officer's own token works there as at the gateway, and only as far as it reaches at the gateway.
    const other = await postGraphQL(hub.subgraphs.onestop.url, inbox, { representations }, { authorization: `Bearer ${hub.token('BG.TANYEN', ['RECEPTIONIST'])}` });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = await postGraphQL(hub.subgraphs.onestop.url, inbox, { representations }, { authorization: `Bearer ${hub.token('BG.YENTHE', ['RECEPTIONIST'])}` });
    expect(own.data).toEqual({ _entities: [{ inbox: { totalCount: 0 } }] });
  });

  it('has event feeds that only the hub’s own components read, whatever an agency’s token claims', async () => {
    const feed = hub.subgraphs.tax.url.replace(/\/graphql$/, '/events');
    expect((await fetch(feed)).status).toBe(401);
    // An agency's system is no component; a token claiming to be the hub names an agency the directory does not know.
    const agencySystem = await fetch(feed, { headers: { authorization: `Bearer ${hub.token('BG.CT.YENTHE', ['SYSTEM'])}` } });
    expect(agencySystem.status).toBe(403);
    const claimingHub = await fetch(feed, { headers: { authorization: `Bearer ${hub.token('HUB', ['SYSTEM'])}` } });
    expect(claimingHub.status).toBe(401);
    const component = await fetch(feed, { headers: await serviceAuthorization({ sub: 'hub:test', name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] }, hub.config.identitySecret) });
    expect(component.status).toBe(200);
    expect(await component.json()).toEqual({ events: expect.any(Array) });
  });

  it('reports its health and that of every subgraph', async () => {
    const response = await fetch(`${hub.gateway.origin}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      subgraphs: { onestop: 'ok', province: 'ok', local: 'ok', tax: 'ok', land: 'ok' },
    });
  });

  it('serves its explorer and the explorer’s scripts itself, with nothing fetched from elsewhere', async () => {
    const page = await (await fetch(`${hub.gateway.origin}/explorer`)).text();
    const sources = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources.length).toBeGreaterThanOrEqual(5);
    for (const source of sources) {
      expect(source.startsWith('/explorer/')).toBe(true);
      expect((await fetch(`${hub.gateway.origin}${source}`)).status).toBe(200);
    }
  });

  it('refuses a token naming an agency the directory does not know, at the gateway and at a subgraph asked directly', async () => {
    const stranger = hub.token('BG.KHONGCO', ['SUPERVISOR']);
    const atGateway = await hub.gql(`{ dossiers(first: 1) { totalCount } }`, {}, stranger);
    expect(atGateway.status).toBe(401);
    expect(atGateway.errors?.[0]).toMatchObject({ message: expect.stringMatching(/BG\.KHONGCO/), extensions: { code: 'UNAUTHENTICATED' } });
    const atSubgraph = await postGraphQL(hub.subgraphs.onestop.url, `{ dossiers(first: 1) { totalCount } }`, {}, { authorization: `Bearer ${stranger}` });
    expect(atSubgraph.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(atSubgraph.data ?? null).toBeNull();
  });

  it('hands out no development token unless configured', async () => {
    expect((await fetch(`${hub.gateway.origin}/dashboard/dev-token`, { method: 'POST' })).status).toBe(404);
  });

  it('refuses a query nested deeper than the configured limit with GRAPHQL_VALIDATION_FAILED', async () => {
    const deep = `{ agency(code: "BG.YENTHE.CAUGO") { ${'parent { '.repeat(14)}code${' }'.repeat(14)} } }`;
    const response = await hub.gql(deep);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0].message).toMatch(/depth limit of 12 exceeded/i);
    expect(response.data ?? null).toBeNull();
  });
});

describe('callers without a token', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ publicRateLimit: 3, gateway: { trustProxy: 'loopback', devSignIn: 'loopback' } });
  });
  afterAll(() => hub?.close());

  const TRACK = `{ trackDossier(code: "BG.YENTHE-260309-0001", phone: "0912345678") { code status } }`;
  const anonymous = (headers: Record<string, string> = {}) =>
    fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: TRACK }) });

  it('get so many answers a minute per address, then TOO_MANY_REQUESTS with when to try again', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await (await anonymous()).json()).toEqual({ data: { trackDossier: null } });
    }
    const refused = await anonymous();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await refused.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: retryAfter });
    // A token that does not verify buys nothing.
    expect((await hub.gql(TRACK, {}, 'forged.token.value')).status).toBe(429);
  });

  it('do not hold up officers, nor the subgraphs asking the graph for them', async () => {
    const desk = hub.token('BG.YENTHE', ['RECEPTIONIST'], 'Nguyễn Văn An');
    expect((await hub.gql(TRACK, {}, desk)).data).toEqual({ trackDossier: null });
    const received = await hub.gql(
      `mutation ($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code desk { name } } }`,
      { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: { name: 'Hoàng Thị Lụa', phone: '0912345678' }, documents: documentsOf('BG-DD-CN') } },
      desk,
    );
    expect(received.errors).toBeUndefined();
    expect(received.data.receiveDossier.desk).toEqual({ name: 'UBND huyện Yên Thế' });
  });

  it('are counted by the address a trusted proxy in front of the gateway reports', async () => {
    // HUB_TRUST_PROXY=loopback here: each citizen behind the proxy counts alone.
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await anonymous({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    }
    expect((await anonymous({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await anonymous({ 'x-forwarded-for': '198.51.100.20' })).status).toBe(200);
  });
});

describe('the development sign-in', () => {
  const devToken = (origin: string, headers: Record<string, string> = {}) => fetch(`${origin}/dashboard/dev-token`, { method: 'POST', headers });
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ publicRateLimit: 2, gateway: { devSignIn: 'loopback' } });
  });
  afterAll(() => hub?.close());

  it('hands a token to a caller on this machine only, never to one a proxy forwards', async () => {
    const local = await devToken(hub.gateway.origin);
    expect(local.status).toBe(200);
    const { token } = (await local.json()) as { token: string };
    expect((await hub.gql(`{ dossiers(first: 1) { totalCount } }`, {}, token)).errors).toBeUndefined();
    expect((await devToken(hub.gateway.origin, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(404);
    expect((await devToken(hub.gateway.origin, { forwarded: 'for=203.0.113.7' })).status).toBe(404);
  });

  it('trusts no proxy unless configured: rotating X-Forwarded-For buys no more answers', async () => {
    const TRACK = `{ trackDossier(code: "BG.YENTHE-260309-0001", phone: "0912345678") { code status } }`;
    const statuses: number[] = [];
    for (const address of ['203.0.113.7', '203.0.113.8', '203.0.113.9']) {
      const response = await fetch(hub.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ query: TRACK }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
