import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { HubError } from './errors';
import { currentRequest, errorFields, type Logger } from './log';

/**
 * What reaches a client of the hub: the coded answers it can act on, as they are, and for anything else a
 * plain message with a reference the operator finds in the log beside the detail. An unexpected error's own
 * text may quote SQL with an applicant's data, the database's address or a subgraph's URL and raw answer.
 */

/** Codes whose messages are written for the caller. */
const CALLER_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Codes that mean the request itself is wrong: the answer is HTTP 400 when no data came with them. */
export const REQUEST_ERROR_CODES = new Set(['BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE']);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
const UNAVAILABLE_TEXT =
  /service unavailable|connection terminated|timeout exceeded when trying to connect|timeout acquiring a connection|connection (is )?closed|pool is (draining|destroyed)|fetch failed|the database system is (starting up|shutting down)|ECONNREFUSED/i;

/** Whether `error` (or what caused it) is a database or a peer that cannot be reached. */
export function isUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    const fields = current as { code?: unknown; sqlState?: unknown; name?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
    const state = [fields.sqlState, fields.code].find((code) => typeof code === 'string');
    if (typeof state === 'string' && (NETWORK_CODES.has(state) || /^(08|57P0[1-3]|53300)/.test(state))) return true;
    if (fields.name === 'ConnectionException') return true;
    if (typeof fields.message === 'string' && UNAVAILABLE_TEXT.test(fields.message)) return true;
    current = fields.originalError ?? fields.cause;
  }
  return false;
}

/** Syntax errors found by the limits (token count, depth) carry no code of their own. */
const isSyntaxError = (formatted: GraphQLFormattedError) => /^Syntax Error: /.test(formatted.message);

export const unexpectedMessage = (reference: string) =>
  `Something went wrong on the hub's side; the operator can find what with the reference ${reference}.`;
export const unavailableMessage = (reference: string) =>
  `A service this request needs is unavailable right now; try again in a moment (reference ${reference}).`;

/** Apollo's `formatError` for the gateway and the subgraphs. */
export function maskErrors(log: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = error instanceof GraphQLError ? error.originalError : undefined;
    // A value a scalar refused is the caller's bad input, whatever phase of the request noticed it.
    if (original instanceof HubError && original.extensions.code === 'BAD_USER_INPUT') {
      return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
    }
    const code = String(formatted.extensions?.code ?? '');
    if (CALLER_CODES.has(code)) return formatted;
    if (!code || code === 'INTERNAL_SERVER_ERROR') {
      if (isSyntaxError(formatted)) return { ...formatted, extensions: { ...formatted.extensions, code: 'GRAPHQL_PARSE_FAILED' } };
    }
    const reference = currentRequest()?.requestId ?? randomUUID();
    const where = formatted.path ? { path: formatted.path } : {};
    if (code === 'SERVICE_UNAVAILABLE' || isUnavailable(error)) {
      log.warn({ reference, error: errorFields(error) }, 'a service the request needs is unavailable');
      return { message: unavailableMessage(reference), ...where, extensions: { code: 'SERVICE_UNAVAILABLE', reference } };
    }
    log.error({ reference, error: errorFields(error) }, 'unexpected error');
    return { message: unexpectedMessage(reference), ...where, extensions: { code: 'INTERNAL_SERVER_ERROR', reference } };
  };
}
