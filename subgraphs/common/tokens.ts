import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { identitySchema, type Identity } from './auth';
import { UnauthenticatedError } from './errors';

/**
 * Bearer tokens: the one way an identity travels in the hub. A caller's token comes from the province's
 * OpenID Connect issuer (RS256, ES256 or EdDSA, keys from its JWKS, rotated at will) or, in development and
 * for systems the province enrols by hand, from `npm run token` (HS256 with HUB_JWT_SECRET). The gateway
 * passes the caller's own token on to the subgraphs, and every subgraph verifies it exactly as the gateway
 * does: no envelope of the hub's own, so any federation gateway that forwards the Authorization header can
 * serve the supergraph, and a request captured between gateway and subgraph is worth what its token is worth
 * at the gateway, no more. The hub's own components (a subgraph reading another's feed or asking the graph
 * for the directory) carry short-lived tokens of the hub's service issuer, signed with HUB_IDENTITY_SECRET.
 */

export const SERVICE_ISSUER = 'urn:mot-cua-hub:service';
/** A service token lives a minute; each component makes a new one well before the last expires. */
const SERVICE_TOKEN_SECONDS = 60;
const OIDC_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** How soon after one fetch of the key set an unknown key may fetch it again (default 30 s). */
  jwksCooldownMs?: number;
}

export interface TokenSettings {
  /** HS256 tokens of the hub's own issuer (`npm run token`). */
  jwtSecret: string;
  /** The hub's components' own short-lived tokens. */
  identitySecret: string;
  /** The province's OpenID Connect issuer, when it has one. */
  oidc?: OidcSettings;
  /** A caller's token may live at most this long (from `iat`, or from now when it has none). */
  maxLifetimeSeconds: number;
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** The token an identity arrived with, so that a subgraph asking the graph on a caller's behalf shows it on. */
const bearers = new WeakMap<Identity, string>();

export function bearerOf(identity: Identity): string | undefined {
  return bearers.get(identity);
}

/** Identities of the hub's own components, proven by a token of the service issuer. */
const components = new WeakSet<Identity>();

/** Whether `identity` is one of the hub's own components (not an agency's system, whatever it claims). */
export function isHubComponent(identity: Identity | null): boolean {
  return identity !== null && components.has(identity);
}

export class TokenVerifier {
  private readonly jwks?: JWTVerifyGetKey;
  /** Verified tokens until they expire: the same officer's system sends the same token many times a second. */
  private readonly verified = new Map<string, { identity: Identity; expiresAt: number }>();

  constructor(private readonly settings: TokenSettings) {
    if (settings.oidc) {
      // jose fetches the key set once, again when a token names a key it does not know (a rotation), and at
      // most every 30 seconds for unknown keys.
      this.jwks = createRemoteJWKSet(new URL(settings.oidc.jwksUrl), { cooldownDuration: settings.oidc.jwksCooldownMs ?? 30_000, cacheMaxAge: 600_000 });
    }
  }

  /** The identity an `Authorization` header carries; null without one (an anonymous caller). */
  async identityOf(header: string | undefined): Promise<Identity | null> {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new UnauthenticatedError('The Authorization header must be “Bearer <token>”.');
    return this.verify(match[1]);
  }

  async verify(token: string, now: Date = new Date()): Promise<Identity> {
    const seconds = Math.floor(now.getTime() / 1000);
    const known = this.verified.get(token);
    if (known && known.expiresAt > seconds) return known.identity;
    const claims = await this.verifySignature(token, now);
    if (typeof claims.exp !== 'number') throw new UnauthenticatedError('The token has no expiry (exp); ask for a new one.');
    const lifetime = claims.exp - (typeof claims.iat === 'number' ? claims.iat : seconds);
    const maxLifetime = claims.iss === SERVICE_ISSUER ? SERVICE_TOKEN_SECONDS : this.settings.maxLifetimeSeconds;
    if (lifetime > maxLifetime) {
      throw new UnauthenticatedError(`The token lives longer than the ${maxLifetime} seconds the hub accepts; ask for a new one.`);
    }
    const parsed = identitySchema.safeParse(claims);
    if (!parsed.success) throw new UnauthenticatedError('The token lacks the claims the hub needs: sub, name, agency and roles.');
    const { sub, name, agency, roles } = parsed.data;
    const identity: Identity = { sub, name, agency, roles };
    bearers.set(identity, token);
    if (claims.iss === SERVICE_ISSUER) components.add(identity);
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token, { identity, expiresAt: claims.exp });
    return identity;
  }

  private async verifySignature(token: string, now: Date): Promise<JWTPayload> {
    let algorithm: string | undefined;
    let issuer: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
      issuer = decodeJwt(token).iss;
    } catch {
      throw new UnauthenticatedError('The token is not valid; ask for a new one.');
    }
    const options = { currentDate: now, requiredClaims: ['exp'] };
    try {
      if (issuer === SERVICE_ISSUER) {
        return (await jwtVerify(token, key(this.settings.identitySecret), { ...options, issuer: SERVICE_ISSUER, algorithms: ['HS256'] })).payload;
      }
      if (algorithm === 'HS256') {
        return (await jwtVerify(token, key(this.settings.jwtSecret), { ...options, algorithms: ['HS256'] })).payload;
      }
      if (this.jwks && this.settings.oidc) {
        const { issuer: oidcIssuer, audience } = this.settings.oidc;
        return (await jwtVerify(token, this.jwks, { ...options, issuer: oidcIssuer, audience, algorithms: OIDC_ALGORITHMS })).payload;
      }
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('The token has expired; ask for a new one.');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') {
        throw new UnauthenticatedError('The token has no expiry (exp); ask for a new one.');
      }
      throw new UnauthenticatedError('The token is not valid; ask for a new one.');
    }
    throw new UnauthenticatedError('The token is not valid; ask for a new one.');
  }
}

/** The hub's own components' tokens, kept until shortly before they expire. */
const serviceTokens = new Map<string, { token: Promise<string>; renewAt: number }>();

/** `Authorization` for a request a component of the hub makes as `identity`, signed with HUB_IDENTITY_SECRET. */
export async function serviceAuthorization(identity: Identity, secret: string, now: Date = new Date()): Promise<Record<string, string>> {
  const shown = bearers.get(identity);
  if (shown) return { authorization: `Bearer ${shown}` };
  const cacheKey = `${secret}\n${JSON.stringify(identity)}`;
  const seconds = Math.floor(now.getTime() / 1000);
  let entry = serviceTokens.get(cacheKey);
  if (!entry || entry.renewAt <= seconds) {
    const token = new SignJWT({ name: identity.name, agency: identity.agency, roles: identity.roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(identity.sub)
      .setIssuer(SERVICE_ISSUER)
      .setIssuedAt(seconds)
      .setExpirationTime(seconds + SERVICE_TOKEN_SECONDS)
      .sign(key(secret));
    entry = { token, renewAt: seconds + SERVICE_TOKEN_SECONDS / 2 };
    serviceTokens.set(cacheKey, entry);
    token.catch(() => serviceTokens.delete(cacheKey));
  }
  return { authorization: `Bearer ${await entry.token}` };
}
