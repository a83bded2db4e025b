import { serviceAuthorization } from '../../subgraphs/common/tokens';
import { APPLICANT, LAND_TRANSFER_DOCUMENTS, hubFootprint, useDossierHub } from '../testkit/dossiers';
import { postGraphQL, type GraphQLResponse } from '../testkit/hub';

/**
 * Bad input is BAD_USER_INPUT, never a server error: impossible instants, control characters in any text,
 * forged cursors and feed positions are refused where they come in, and nothing is written.
 */

const NUL = '\u0000';

function expectRefused(response: GraphQLResponse, status = 400): void {
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  expect(response.status).toBe(status);
  expect(JSON.stringify(response)).not.toMatch(/insert into|select |violates|invalid byte sequence|at .*\.ts:\d+/i);
}

describe('bad input', () => {
  const context = useDossierHub('2026-03-02T09:00:00+07:00');
  const { hub, dossiers, who } = context;

  describe('instants and dates', () => {
    const deadline = `query ($from: DateTime!) { deadline(from: $from, workingDays: 5) { dueAt provisional } }`;

    it.each([
      ['an offset of 24 hours', '2026-03-02T09:00:00+24:00', 'offset'],
      ['an offset that is no clock time', '2026-03-02T09:00:00+99:99', 'offset'],
      ['an offset beyond +14:00', '2026-03-02T09:00:00+14:30', 'offset'],
      ['an offset of odd minutes', '2026-03-02T09:00:00+07:17', 'offset'],
      ['a year the lunar calendar cannot compute', '2200-01-01T09:00:00+07:00', 'range'],
      ['year 100', '0100-01-01T09:00:00+07:00', 'range'],
      ['the last instant before 1900, Vietnamese time', '1899-12-31T16:59:59Z', 'range'],
    ])('%s is refused in a variable', async (_what, from, problem) => {
      const response = await hub.gql(deadline, { from });
      expectRefused(response);
      expect(response.errors![0].message).toContain(from);
      expect(response.errors![0].extensions?.problem ?? problem).toBe(problem);
    });

    it('is refused in a literal too, and the window’s edges are accepted', async () => {
      expectRefused(await hub.gql(`{ deadline(from: "2026-03-02T09:00:00+24:00", workingDays: 5) { dueAt } }`));
      expectRefused(await hub.gql(`{ deadline(from: "2200-03-02T09:00:00+07:00", workingDays: 5) { dueAt } }`));
      const late = await hub.gql(deadline, { from: '2099-12-30T09:00:00+07:00' });
      expect(late.errors).toBeUndefined();
      expect(late.data.deadline.provisional).toBe(true);
      const early = await hub.gql(deadline, { from: '1900-01-01T00:00:00+07:00' });
      expect(early.errors).toBeUndefined();
    });

    it('a Date out of the years the hub accepts is refused', async () => {
      const response = await hub.gql(
        `query ($from: Date!, $to: Date!) { performance(from: $from, to: $to) { agency { code } } }`,
        { from: '0100-01-01', to: '2026-01-31' },
        who.supervisor,
      );
      expectRefused(response);
      expect(response.errors![0].message).toContain('0100-01-01');
    });

    it('a dossier received with an impossible offset is refused and nothing is written', async () => {
      const before = await hubFootprint(hub);
      const response = await dossiers.run(
        'receive',
        { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS, receivedAt: '2026-03-02T08:00:00+24:00' } },
        who.desk,
      );
      expectRefused(response);
      expect(await hubFootprint(hub)).toEqual(before);
    });
  });

  describe('control characters', () => {
    it.each([
      ['agency(code:)', `query ($code: ID!) { agency(code: $code) { code } }`, { code: `BG.SNV${NUL}` }, '$code'],
      ['trackDossier', `query ($code: ID!, $phone: String!) { trackDossier(code: $code, phone: $phone) { status } }`, { code: 'BG.YENTHE-260302-0001', phone: `0912${NUL}` }, '$phone'],
      ['parcels(commune:)', `query ($commune: ID!) { parcels(commune: $commune) { number } }`, { commune: `${NUL}` }, '$commune'],
      ['procedures(field:)', `query ($field: String) { procedures(field: $field) { code } }`, { field: `Đất đai\u001b[31m` }, '$field'],
    ])('a NUL or escape in %s is refused before anything runs', async (_what, query, variables, path) => {
      const response = await hub.gql(query, variables, who.supervisor);
      expectRefused(response);
      expect(response.errors![0].message).toContain(path);
    });

    it('a NUL in a string literal is refused, naming the argument', async () => {
      const response = await hub.gql(`{ agency(code: "BG.SNV\\u0000") { code } }`);
      expectRefused(response);
      expect(response.errors![0].message).toContain('agency(code:)');
    });

    it('a NUL deep in an input (applicant’s address, idempotency key) writes nothing', async () => {
      const before = await hubFootprint(hub);
      for (const input of [
        { applicant: { ...APPLICANT, address: `Thôn Đồng${NUL}` } },
        { idempotencyKey: `key${NUL}` },
        { documents: [...LAND_TRANSFER_DOCUMENTS.slice(1), `${LAND_TRANSFER_DOCUMENTS[0]}\u0007`] },
      ]) {
        const response = await dossiers.run('receive', { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS, ...input } }, who.desk);
        expectRefused(response);
      }
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('tabs and line breaks in a note are text, not control characters', async () => {
      const { code } = await dossiers.receiveLandTransfer(who.desk);
      const handed = await dossiers.run('handOver', { code, to: 'BG.VPDKDD.YENTHE', note: 'Dòng một\nDòng hai\tcột' }, who.desk);
      expect(handed.errors).toBeUndefined();
    });

    it('a subgraph refuses them on its own too, whoever calls it', async () => {
      const response = await postGraphQL(hub.subgraphs.land.url, `query ($commune: ID!) { parcels(commune: $commune) { number } }`, { commune: `X${NUL}` }, {
        authorization: `Bearer ${who.supervisor}`,
      });
      expectRefused(response, 200);
    });
  });

  describe('printed forms', () => {
    it.each([
      ['a malformed escape in the code', '/forms/receipt/%25zz.pdf'],
      ['a NUL in the code', '/forms/receipt/BG.YENTHE-260302-0001%00.pdf'],
      ['a NUL in a guidance slip’s id', '/forms/guidance/%00.pdf'],
      ['a year the hub does not know', '/forms/ledger.pdf?desk=BG.YENTHE&field=%C4%90%E1%BA%A5t%20%C4%91ai&year=1800'],
      ['a year beyond 32 bits', '/forms/ledger.xlsx?desk=BG.YENTHE&field=x&year=99999999999'],
      ['a NUL in the field', '/forms/ledger.pdf?desk=BG.YENTHE&field=%00&year=2026'],
    ])('%s is 400 BAD_USER_INPUT', async (_what, path) => {
      const response = await fetch(`${hub.gateway.origin}${path}`, { headers: { authorization: `Bearer ${who.supervisor}` } });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe('BAD_USER_INPUT');
    });
  });

  describe('cursors and the message feed', () => {
    const list = `query ($after: String) { dossiers(first: 2, after: $after) { edges { node { code } } } }`;
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it.each([
      ['an out-of-range date', cursor(['+275760-09-13T00:00:00.000Z', 'BG.YENTHE-260302-0001'])],
      ['year 100', cursor(['0100-01-01T00:00:00.000Z', 'BG.YENTHE-260302-0001'])],
      ['a NUL in its code', cursor(['2026-03-02T02:00:00.000Z', `BG.YENTHE${NUL}`])],
      ['a number for a code', cursor(['2026-03-02T02:00:00.000Z', 7])],
    ])('a cursor with %s is BAD_USER_INPUT', async (_what, after) => {
      expectRefused(await hub.gql(list, { after }, who.supervisor), 200);
    });

    it('a cursor with an out-of-range date is refused by the inbox too', async () => {
      const response = await hub.gql(
        `query ($after: String) { agency(code: "BG.YENTHE") { inbox(first: 2, after: $after) { totalCount } } }`,
        { after: cursor(['+275760-09-13T00:00:00.000Z', 'X']) },
        who.desk,
      );
      expectRefused(response, 200);
    });

    const feed = async (after: string) =>
      fetch(`${hub.subgraphs.tax.url.replace(/\/graphql$/, '/events')}?after=${encodeURIComponent(after)}`, {
        headers: await serviceAuthorization({ sub: 'hub:test', name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] }, hub.config.identitySecret),
      });

    it.each(['9223372036854775808', '99999999999999999999999', '-1', '1.5', 'abc', '1\u0000'])('GET /events?after=%j is 400 BAD_USER_INPUT', async (after) => {
      const response = await feed(after);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe('BAD_USER_INPUT');
    });

    it('the largest id the feed can hold is a position like any other', async () => {
      const response = await feed('9223372036854775807');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ events: [] });
    });
  });
});
