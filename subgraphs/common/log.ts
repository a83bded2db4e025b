import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import PinoPretty from 'pino-pretty';
import { env, type HubEnv } from './env';

/**
 * The hub's logs: one JSON line per event (pretty in development), each naming its service and, inside a
 * request, the request's id and trace id. What a line may carry is narrow on purpose: ids, codes, agencies,
 * roles, durations, outcomes. Never a request body, variables, an applicant's name, phone, e-mail or
 * address, nor a notice's text: a province keeps its logs for years and hands them to contractors.
 */

export type { Logger } from 'pino';

/** What the log knows of the request being served; filled in as the request goes. */
export interface RequestFacts {
  requestId: string;
  traceId?: string;
  operationName?: string;
  agency?: string;
  roles?: readonly string[];
  /** `ok`, or the error codes the answer carried. */
  outcome?: string;
}

const requests = new AsyncLocalStorage<RequestFacts>();

/** The request being served, if any (background work has none). */
export function currentRequest(): RequestFacts | undefined {
  return requests.getStore();
}

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's request id is kept when it is a plain token of reasonable length; anything else is replaced. */
export function validRequestId(value: string | undefined): string | undefined {
  return value !== undefined && /^[A-Za-z0-9._:@-]{1,128}$/.test(value) ? value : undefined;
}

/** The trace id of a W3C `traceparent` header (version-traceid-parentid-flags), if it is well formed. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = traceparent && /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent.trim());
  return match && !/^0+$/.test(match[1]) ? match[1] : undefined;
}

function createRoot(config: Pick<HubEnv, 'logLevel' | 'nodeEnv'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const request = requests.getStore();
      return request ? { requestId: request.requestId, ...(request.traceId ? { traceId: request.traceId } : {}) } : {};
    },
  };
  if (destination) return pino(options, destination);
  // Synchronous writes: a line written just before the process exits is not lost.
  if (config.nodeEnv === 'development') {
    return pino(options, PinoPretty({ colorize: process.stdout.isTTY, sync: true, singleLine: true, ignore: 'service', messageFormat: '{service}: {msg}', translateTime: 'SYS:HH:MM:ss.l' }));
  }
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

let root: Logger | undefined;

/** The log of one part of the hub (`gateway`, `onestop`, `hub`…). */
export function logger(service: string): Logger {
  root ??= createRoot(env());
  return root.child({ service });
}

/**
 * Sends the lines of the loggers made from now on to `destination` as JSON, from `level` up (a test reading
 * what the hub logs); returns what undoes it.
 */
export function redirectLogs(destination: pino.DestinationStream, level: HubEnv['logLevel'] = 'info'): () => void {
  const previous = root;
  root = createRoot({ logLevel: level, nodeEnv: 'test' }, destination);
  return () => {
    root = previous;
  };
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * What a log line says of an error. A database error's message quotes the statement and its values (an
 * applicant's name, phone, address), so outside development only its codes and the names of the objects
 * involved are kept.
 */
export function errorFields(error: unknown, detailed = env().nodeEnv === 'development'): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  // GraphQL's wrapper repeats its original error's message (the SQL): describe the original.
  const wrapped = (error as { originalError?: unknown }).originalError;
  if (error.name === 'GraphQLError' && wrapped instanceof Error) return errorFields(wrapped, detailed);
  const fields = error as Error & Record<string, unknown>;
  const sqlState = [fields.sqlState, fields.code].find((code) => typeof code === 'string' && SQLSTATE.test(code));
  if (sqlState !== undefined || /Exception$/.test(error.name)) {
    const named = Object.fromEntries(
      ['constraint', 'table', 'column', 'routine'].flatMap((key) => (typeof fields[key] === 'string' ? [[key, fields[key]]] : [])),
    );
    return { type: error.name, ...(sqlState ? { sqlState } : {}), ...named, ...(detailed ? { message: error.message } : {}) };
  }
  const cause = fields.cause ?? fields.originalError;
  return {
    type: error.name,
    message: error.message,
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
    ...(detailed && error.stack ? { stack: error.stack } : {}),
    ...(cause instanceof Error ? { cause: errorFields(cause, detailed) } : {}),
  };
}

/** Apollo Server's and Apollo Gateway's own messages, as lines of `log` (an error by its fields, as above). */
export function apolloLogger(log: Logger) {
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message?: unknown) =>
    message instanceof Error ? log[level]({ error: errorFields(message) }, 'apollo') : log[level]({ detail: String(message) }, 'apollo');
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

const QUIET_PATHS = /^\/(events|events\/backlog|health|livez|readyz|metrics)$/;

/**
 * Gives every request an id (the caller's `x-request-id` when it is well formed, a new one otherwise),
 * echoes it in the response, makes it part of every line logged while the request is served, and writes
 * one access line when the answer is done.
 */
export function requestLogging(log: Logger): RequestHandler {
  return (req, res, next) => {
    const facts: RequestFacts = { requestId: validRequestId(req.header(REQUEST_ID_HEADER)) ?? randomUUID(), traceId: traceIdOf(req.header('traceparent')) };
    res.setHeader(REQUEST_ID_HEADER, facts.requestId);
    const began = process.hrtime.bigint();
    res.once('close', () => {
      // The path only: a GET's query string carries the operation and its variables.
      const path = req.originalUrl.split('?')[0];
      // The feeds are polled several times a second and health is probed: their lines are for debugging.
      const level = QUIET_PATHS.test(path) && res.statusCode < 400 ? 'debug' : 'info';
      requests.run(facts, () =>
        log[level](
          {
            method: req.method,
            path,
            status: res.statusCode,
            durationMs: Math.round(Number(process.hrtime.bigint() - began) / 1e5) / 10,
            ...(facts.operationName ? { operationName: facts.operationName } : {}),
            ...(facts.agency ? { agency: facts.agency, roles: facts.roles } : {}),
            ...(facts.outcome ? { outcome: facts.outcome } : {}),
            ...(res.writableFinished ? {} : { aborted: true }),
          },
          'request',
        ),
      );
    });
    requests.run(facts, next);
  };
}

/** Notes who asks, once the identity is known, for the access line. */
export function noteCaller(identity: { agency: string; roles: readonly string[] } | null | undefined): void {
  const facts = requests.getStore();
  if (facts && identity) Object.assign(facts, { agency: identity.agency, roles: identity.roles });
}

/** Notes the operation's name and the answer's outcome (`ok` or its error codes) for the access line. */
export function requestLogPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const facts = requests.getStore();
      if (facts && request.operationName) facts.operationName = request.operationName;
      return {
        async didResolveOperation({ operation }) {
          if (facts && !facts.operationName) facts.operationName = operation?.name?.value ?? operation?.operation;
        },
        async willSendResponse({ response }) {
          if (!facts || response.body.kind !== 'single') return;
          const codes = [...new Set((response.body.singleResult.errors ?? []).map((error) => String(error.extensions?.code ?? 'ERROR')))];
          facts.outcome = codes.length ? codes.join(',') : 'ok';
        },
      };
    },
  };
}

/**
 * A body that is not JSON, or too large, is the caller's mistake: one warning line and a 400 (413) in the
 * GraphQL error shape, not a stack trace on the console and an HTML page.
 */
export function malformedRequests(log: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string; message?: string }, _req, res, next) => {
    if (res.headersSent || typeof error?.status !== 'number' || error.status >= 500) return next(error);
    log.warn({ status: error.status, problem: error.type ?? 'bad request' }, 'malformed request refused');
    const message =
      error.type === 'entity.too.large'
        ? 'The request body is larger than the hub accepts.'
        : error.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : 'The request is malformed.';
    res.status(error.status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  };
}
