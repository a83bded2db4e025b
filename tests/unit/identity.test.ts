import jwt from 'jsonwebtoken';
import { identityFromAuthorization, issueToken } from '../../gateway/auth';
import { IDENTITY_HEADER, SIGNATURE_HEADER, signIdentity, verifyIdentity, type Identity } from '../../subgraphs/common/auth';
import { HubError } from '../../subgraphs/common/errors';

const SECRET = 'identity-secret-for-the-unit-test';
const officer: Identity = { sub: 'yt-01', name: 'Nguyễn Văn An', agency: 'BG.YENTHE', roles: ['RECEPTIONIST'] };
const now = new Date('2026-02-13T09:00:00+07:00');

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof HubError ? (error.extensions.code as string) : `not a HubError: ${error}`;
  }
  return undefined;
}

describe('the identity the gateway forwards to subgraphs', () => {
  const headers = signIdentity(officer, SECRET, now);
  const read = (h: Record<string, string>, at = now, secret = SECRET) =>
    verifyIdentity({ identity: h[IDENTITY_HEADER], signature: h[SIGNATURE_HEADER] }, secret, 300, at);

  it('arrives intact, Vietnamese name included', () => {
    expect(read(headers)).toEqual(officer);
  });

  it('carries an anonymous caller as null', () => {
    expect(read(signIdentity(null, SECRET, now))).toBeNull();
  });

  it('is refused when the payload was tampered with', () => {
    const forged = Buffer.from(
      JSON.stringify({ iat: Math.floor(now.getTime() / 1000), identity: { ...officer, roles: ['SUPERVISOR'] } }),
    ).toString('base64url');
    expect(codeOf(() => read({ ...headers, [IDENTITY_HEADER]: forged }))).toBe('UNAUTHENTICATED');
  });

  it('is refused when signed with another secret', () => {
    expect(codeOf(() => read(headers, now, 'some-other-secret-altogether'))).toBe('UNAUTHENTICATED');
  });

  it('is refused without a signature or without the identity', () => {
    expect(codeOf(() => read({ [IDENTITY_HEADER]: headers[IDENTITY_HEADER] }))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => read({ [SIGNATURE_HEADER]: headers[SIGNATURE_HEADER] }))).toBe('UNAUTHENTICATED');
  });

  it('is refused when replayed after its lifetime', () => {
    expect(codeOf(() => read(headers, new Date(now.getTime() + 301_000)))).toBe('UNAUTHENTICATED');
    expect(read(headers, new Date(now.getTime() + 299_000))).toEqual(officer);
  });
});

describe('the caller’s token at the gateway', () => {
  const JWT_SECRET = 'jwt-secret-for-the-unit-test';

  it('gives the identity of a valid token', () => {
    const token = issueToken({ ...officer, expiresIn: '1h' }, JWT_SECRET);
    expect(identityFromAuthorization(`Bearer ${token}`, JWT_SECRET)).toEqual(officer);
  });

  it('treats a request without a token as anonymous', () => {
    expect(identityFromAuthorization(undefined, JWT_SECRET)).toBeNull();
  });

  it.each([
    ['forged with another secret', () => `Bearer ${issueToken(officer, 'not-the-gateway-secret-at-all')}`],
    ['expired', () => `Bearer ${jwt.sign({ ...officer, exp: Math.floor(Date.now() / 1000) - 60 }, JWT_SECRET)}`],
    ['not a bearer token', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['missing the agency claim', () => `Bearer ${jwt.sign({ sub: 'x', name: 'X', roles: ['PROCESSOR'] }, JWT_SECRET)}`],
    ['claiming an unknown role', () => `Bearer ${jwt.sign({ ...officer, roles: ['ADMIN'] }, JWT_SECRET)}`],
    ['signed with "none"', () => `Bearer ${jwt.sign(officer, '', { algorithm: 'none' })}`],
    ['without an expiry', () => `Bearer ${jwt.sign(officer, JWT_SECRET)}`],
    ['living longer than twelve hours', () => `Bearer ${jwt.sign(officer, JWT_SECRET, { expiresIn: 12 * 3600 + 1 })}`],
    ['without iat, expiring more than twelve hours from now', () => `Bearer ${jwt.sign({ ...officer, exp: Math.floor(Date.now() / 1000) + 13 * 3600 }, JWT_SECRET, { noTimestamp: true })}`],
  ])('is refused with UNAUTHENTICATED when %s', (_case, header) => {
    expect(codeOf(() => identityFromAuthorization(header(), JWT_SECRET))).toBe('UNAUTHENTICATED');
  });
});

describe('the longest a token may live', () => {
  const JWT_SECRET = 'jwt-secret-for-the-unit-test';
  const header = (seconds: number) => `Bearer ${jwt.sign(officer, JWT_SECRET, { expiresIn: seconds })}`;

  it('is twelve hours by default, to the second', () => {
    expect(identityFromAuthorization(header(12 * 3600), JWT_SECRET)).toEqual(officer);
    expect(codeOf(() => identityFromAuthorization(header(12 * 3600 + 1), JWT_SECRET))).toBe('UNAUTHENTICATED');
  });

  it('is what the configuration says', () => {
    expect(codeOf(() => identityFromAuthorization(header(3601), JWT_SECRET, new Date(), 3600))).toBe('UNAUTHENTICATED');
    expect(identityFromAuthorization(header(3600), JWT_SECRET, new Date(), 3600)).toEqual(officer);
  });
});
