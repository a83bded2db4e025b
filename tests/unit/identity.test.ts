import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import jwt from 'jsonwebtoken';
import { issueToken } from '../../gateway/auth';
import type { Identity } from '../../subgraphs/common/auth';
import { HubError } from '../../subgraphs/common/errors';
import { isHubComponent, serviceAuthorization, TokenVerifier, type TokenSettings } from '../../subgraphs/common/tokens';

const JWT_SECRET = 'jwt-secret-for-the-unit-test';
const IDENTITY_SECRET = 'identity-secret-for-the-unit-test';
const officer: Identity = { sub: 'yt-01', name: 'Nguyễn Văn An', agency: 'BG.YENTHE', roles: ['RECEPTIONIST'] };
const settings: TokenSettings = { jwtSecret: JWT_SECRET, identitySecret: IDENTITY_SECRET, maxLifetimeSeconds: 12 * 3600 };
const now = () => Math.floor(Date.now() / 1000);

async function codeOf(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    return error instanceof HubError ? (error.extensions.code as string) : `not a HubError: ${error}`;
  }
  return undefined;
}

describe('a caller’s token of the hub’s own issuer (npm run token)', () => {
  const verifier = new TokenVerifier(settings);

  it('gives the identity of a valid token, Vietnamese name included', async () => {
    const token = issueToken({ ...officer, expiresIn: '1h' }, JWT_SECRET);
    expect(await verifier.identityOf(`Bearer ${token}`)).toEqual(officer);
  });

  it('treats a request without a token as anonymous', async () => {
    expect(await verifier.identityOf(undefined)).toBeNull();
  });

  it.each([
    ['forged with another secret', () => `Bearer ${issueToken(officer, 'not-the-gateway-secret-at-all')}`],
    ['expired', () => `Bearer ${jwt.sign({ ...officer, exp: now() - 60 }, JWT_SECRET)}`],
    ['without an expiry', () => `Bearer ${jwt.sign(officer, JWT_SECRET)}`],
    ['living longer than 12 hours', () => `Bearer ${jwt.sign(officer, JWT_SECRET, { expiresIn: '13h' })}`],
    ['not a bearer token', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['missing the agency claim', () => `Bearer ${jwt.sign({ sub: 'x', name: 'X', roles: ['PROCESSOR'] }, JWT_SECRET, { expiresIn: '1h' })}`],
    ['claiming an unknown role', () => `Bearer ${jwt.sign({ ...officer, roles: ['ADMIN'] }, JWT_SECRET, { expiresIn: '1h' })}`],
    ['signed with "none"', () => `Bearer ${jwt.sign(officer, '', { algorithm: 'none', expiresIn: '1h' })}`],
    ['not a token at all', () => 'Bearer not.a.token'],
  ])('is refused with UNAUTHENTICATED when %s', async (_case, header) => {
    expect(await codeOf(() => verifier.identityOf(header()))).toBe('UNAUTHENTICATED');
  });

  it('is not taken for one of the hub’s components, whatever agency it claims', async () => {
    const identity = await verifier.verify(issueToken({ name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'], expiresIn: '1h' }, JWT_SECRET));
    expect(isHubComponent(identity)).toBe(false);
  });
});

describe('the tokens of the hub’s own components', () => {
  const verifier = new TokenVerifier(settings);
  const component: Identity = { sub: 'hub:onestop', name: 'Một Cửa Hub', agency: 'HUB', roles: ['SYSTEM'] };

  it('are short-lived, verified with HUB_IDENTITY_SECRET, and known as the hub’s own', async () => {
    const { authorization } = await serviceAuthorization(component, IDENTITY_SECRET);
    const claims = jwt.decode(authorization.replace('Bearer ', '')) as jwt.JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(60);
    const identity = await verifier.identityOf(authorization);
    expect(identity).toEqual(component);
    expect(isHubComponent(identity)).toBe(true);
  });

  it('are refused when signed with another secret', async () => {
    const { authorization } = await serviceAuthorization({ ...component, sub: 'hub:impostor' }, 'some-other-identity-secret');
    expect(await codeOf(() => verifier.identityOf(authorization))).toBe('UNAUTHENTICATED');
  });

  it('carry on a caller’s own token when a component asks on the caller’s behalf', async () => {
    const token = issueToken({ ...officer, expiresIn: '1h' }, JWT_SECRET);
    const caller = await verifier.verify(token);
    expect(await serviceAuthorization(caller, IDENTITY_SECRET)).toEqual({ authorization: `Bearer ${token}` });
  });
});

describe('a caller’s token of the province’s OpenID Connect issuer', () => {
  const ISSUER = 'https://sso.bacgiang.gov.vn.test/realms/motcua';
  const AUDIENCE = 'mot-cua-hub';
  let server: Server;
  let keys: JWK[] = [];
  let verifier: TokenVerifier;

  const keyPair = async (alg: 'RS256' | 'ES256' | 'EdDSA', kid: string) => {
    const pair = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : {});
    return { alg, kid, privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' } };
  };
  const sign = (key: { alg: string; kid: string; privateKey: KeyLike }, claims: Record<string, unknown> = {}, issuer = ISSUER, audience = AUDIENCE) =>
    new SignJWT({ name: officer.name, agency: officer.agency, roles: officer.roles, ...claims })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setSubject(officer.sub)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key.privateKey);

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
    verifier = new TokenVerifier({ ...settings, oidc: { issuer: ISSUER, audience: AUDIENCE, jwksUrl, jwksCooldownMs: 0 } });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(['RS256', 'ES256', 'EdDSA'] as const)('gives the identity of a valid %s token, with the claims of the contract', async (alg) => {
    const key = await keyPair(alg, `key-${alg}`);
    keys = [key.jwk];
    expect(await verifier.verify(await sign(key))).toEqual(officer);
  });

  it('follows a key rotation without a restart: the new key is fetched when a token names it', async () => {
    const before = await keyPair('RS256', 'before');
    keys = [before.jwk];
    expect(await verifier.verify(await sign(before))).toEqual(officer);
    const after = await keyPair('ES256', 'after');
    keys = [after.jwk];
    expect(await verifier.verify(await sign(after, { name: 'Trần Thị Bình' }))).toEqual({ ...officer, name: 'Trần Thị Bình' });
  });

  it.each([
    ['from another issuer', async (key: Awaited<ReturnType<typeof keyPair>>) => sign(key, {}, 'https://evil.example.test')],
    ['for another audience', async (key: Awaited<ReturnType<typeof keyPair>>) => sign(key, {}, ISSUER, 'another-app')],
    ['signed by a key the issuer does not publish', async () => sign(await keyPair('RS256', 'rogue'))],
    ['without the hub’s claims', async (key: Awaited<ReturnType<typeof keyPair>>) => sign(key, { agency: undefined, roles: ['ADMIN'] })],
  ])('is refused with UNAUTHENTICATED when %s', async (_case, make) => {
    const key = await keyPair('RS256', 'published');
    keys = [key.jwk];
    const token = await make(key);
    expect(await codeOf(() => verifier.verify(token))).toBe('UNAUTHENTICATED');
  });
});
