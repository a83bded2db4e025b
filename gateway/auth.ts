import jwt from 'jsonwebtoken';
import { identitySchema, type Identity, type Role } from '../subgraphs/common/auth';
import { UnauthenticatedError } from '../subgraphs/common/errors';

/** Twelve hours: an officer's working day, and no token outlives it. */
export const DEFAULT_MAX_LIFETIME_SECONDS = 12 * 3600;

/**
 * Callers send `Authorization: Bearer <JWT>`. In development the gateway accepts HS256 tokens signed with
 * HUB_JWT_SECRET. No header: an anonymous caller, who may use only the public operations. A token must
 * expire, and live no longer than `maxLifetimeSeconds` from its issue (or from now, without `iat`): a
 * leaked token is then worth a working day at most.
 */
export function identityFromAuthorization(
  header: string | undefined,
  secret: string,
  now: Date = new Date(),
  maxLifetimeSeconds = DEFAULT_MAX_LIFETIME_SECONDS,
): Identity | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new UnauthenticatedError('The Authorization header must be “Bearer <token>”.');
  let claims: unknown;
  try {
    claims = jwt.verify(match[1], secret, { algorithms: ['HS256'], clockTimestamp: Math.floor(now.getTime() / 1000) });
  } catch (error) {
    const reason = error instanceof jwt.TokenExpiredError ? 'has expired' : 'is not valid';
    throw new UnauthenticatedError(`The token ${reason}; ask for a new one.`);
  }
  const { exp, iat } = claims as { exp?: unknown; iat?: unknown };
  if (typeof exp !== 'number') throw new UnauthenticatedError('The token has no expiry (exp); ask for one that expires.');
  const issued = typeof iat === 'number' ? iat : Math.floor(now.getTime() / 1000);
  if (exp - issued > maxLifetimeSeconds) {
    throw new UnauthenticatedError(`The token lives longer than the hub allows (${maxLifetimeSeconds / 3600} h); ask for a shorter one.`);
  }
  const parsed = identitySchema.safeParse(claims);
  if (!parsed.success) {
    throw new UnauthenticatedError('The token lacks the claims the hub needs: sub, name, agency and roles.');
  }
  const { sub, name, agency, roles } = parsed.data;
  return { sub, name, agency, roles };
}

export interface TokenRequest {
  sub?: string;
  name: string;
  agency: string;
  roles: Role[];
  /** Lifetime, e.g. "8h" or a number of seconds. */
  expiresIn?: string | number;
}

export function issueToken(request: TokenRequest, secret: string): string {
  const identity = identitySchema.parse({
    sub: request.sub ?? `${request.agency}:${request.name}`,
    name: request.name,
    agency: request.agency,
    roles: request.roles,
  });
  return jwt.sign(identity, secret, {
    algorithm: 'HS256',
    expiresIn: (request.expiresIn ?? '8h') as jwt.SignOptions['expiresIn'],
  });
}
