import jwt from 'jsonwebtoken';
import { identitySchema, type Role } from '../subgraphs/common/auth';

/** Tokens of the hub's own issuer, HS256 with HUB_JWT_SECRET: `npm run token`, the dashboard's trial sign-in, the tests. */

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
