import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { UnauthenticatedError } from './errors';

/**
 * Who is calling. The gateway turns a caller's JWT into an Identity and forwards it to the subgraphs in a
 * header signed with a secret only it and the subgraphs know; a subgraph trusts nothing else.
 */

export const ROLES = ['RECEPTIONIST', 'PROCESSOR', 'SUPERVISOR', 'SYSTEM'] as const;
export type Role = (typeof ROLES)[number];

export const identitySchema = z.object({
  /** Officer or system id. */
  sub: z.string().min(1),
  /** Printed on slips as người giao / người nhận. */
  name: z.string().min(1),
  /** Code of the caller's agency. */
  agency: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
});
export type Identity = z.infer<typeof identitySchema>;

export const IDENTITY_HEADER = 'x-hub-identity';
export const SIGNATURE_HEADER = 'x-hub-signature';

const envelopeSchema = z.object({ iat: z.number().int(), identity: identitySchema.nullable() });

function hmac(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** Headers that carry `identity` (null: an anonymous caller the gateway let through) to a subgraph. */
export function signIdentity(identity: Identity | null, secret: string, now: Date = new Date()): Record<string, string> {
  const payload = Buffer.from(JSON.stringify({ iat: Math.floor(now.getTime() / 1000), identity })).toString('base64url');
  return { [IDENTITY_HEADER]: payload, [SIGNATURE_HEADER]: hmac(payload, secret).toString('base64url') };
}

/**
 * The identity a subgraph request carries. Throws UnauthenticatedError when the headers are missing, the
 * signature does not match, or the envelope is older than `maxAgeSeconds` (a replayed request).
 */
export function verifyIdentity(
  headers: { identity?: string; signature?: string },
  secret: string,
  maxAgeSeconds: number,
  now: Date = new Date(),
): Identity | null {
  const { identity: payload, signature } = headers;
  if (!payload || !signature) {
    throw new UnauthenticatedError('This service answers only requests forwarded by the hub gateway.');
  }
  const expected = hmac(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthenticatedError('The forwarded identity is not signed by the hub gateway.');
  }
  let envelope: z.infer<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw new UnauthenticatedError('The forwarded identity is malformed.');
  }
  const age = now.getTime() / 1000 - envelope.iat;
  if (age > maxAgeSeconds || age < -maxAgeSeconds) {
    throw new UnauthenticatedError('The forwarded identity has expired.');
  }
  return envelope.identity;
}
