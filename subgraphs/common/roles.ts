import type { Identity, Role } from './auth';
import { ForbiddenError, UnauthenticatedError } from './errors';

/** The caller; UNAUTHENTICATED when nobody signed in. */
export function requireActor(actor: Identity | null): Identity {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

export const hasRole = (actor: Identity, roles: readonly Role[]): boolean => actor.roles.some((role) => roles.includes(role));

/**
 * The caller, when it holds one of `roles` and, with `options.agency`, works for that agency: UNAUTHENTICATED
 * when nobody signed in, FORBIDDEN with `refusal` (who may, and what) otherwise.
 */
export function requireRole(actor: Identity | null, roles: readonly Role[], refusal: string, options: { agency?: string } = {}): Identity {
  const caller = requireActor(actor);
  if (!hasRole(caller, roles) || (options.agency !== undefined && caller.agency !== options.agency)) throw new ForbiddenError(refusal);
  return caller;
}
