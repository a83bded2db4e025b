import { GraphQLError } from 'graphql';

/**
 * The hub's few error codes. Clients branch on `extensions.code`; the message is for people.
 */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'SERVICE_UNAVAILABLE';

export class HubError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class UnauthenticatedError extends HubError {
  constructor(message = 'Sign in first: send Authorization: Bearer <token>.') {
    super(message, 'UNAUTHENTICATED', { http: { status: 401 } });
  }
}

export class ForbiddenError extends HubError {
  constructor(message: string) {
    super(message, 'FORBIDDEN');
  }
}

export class NotFoundError extends HubError {
  constructor(what: string, key: string) {
    super(`${what} ${key} does not exist.`, 'NOT_FOUND', { what, key });
  }
}

export class BadUserInputError extends HubError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, 'BAD_USER_INPUT', extensions);
  }
}

export class ConflictError extends HubError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, 'CONFLICT', extensions);
  }
}

/**
 * Two changes to one record at once, and this one saved second: a CONFLICT for a caller (reload and try
 * again), and for the hub's own consumers a lost race to retry, never a refusal to keep.
 */
export class LostRaceError extends ConflictError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { ...extensions, retry: true });
  }
}

/** The database or a service the request needs cannot be reached; the caller may try again shortly. */
export class ServiceUnavailableError extends HubError {
  constructor(message: string) {
    super(message, 'SERVICE_UNAVAILABLE', { http: { status: 503 } });
  }
}
