import { GraphQLError } from 'graphql';
import { isUnavailable, maskErrors } from '../../subgraphs/common/error-mask';
import { BadUserInputError, ConflictError } from '../../subgraphs/common/errors';
import { errorFields, logger, redirectLogs, traceIdOf, validRequestId } from '../../subgraphs/common/log';

/** A database error as MikroORM raises it: the statement and its values in the message. */
function databaseError(): Error {
  return Object.assign(new Error(`insert into "onestop"."applicant" ("name", "phone") values ('Hoàng Thị Lụa', '0912345678') - value too long`), {
    name: 'DriverException',
    code: '22001',
    sqlState: '22001',
    table: 'applicant',
    routine: 'varchar',
  });
}

describe('request ids and trace ids', () => {
  it.each([
    ['a UUID', '0b6c7c3e-2f41-4b8e-9d1a-3f5c2e7a9b10', true],
    ['a load balancer’s id', 'lb-01:1733100000.123@edge', true],
    ['spaces and punctuation', 'drop table; --', false],
    ['an empty header', '', false],
    ['an id of 129 characters', 'a'.repeat(129), false],
  ])('keeps the caller’s id only when it is a plain token: %s', (_case, id, kept) => {
    expect(validRequestId(id)).toBe(kept ? id : undefined);
  });

  it('reads the trace id of a W3C traceparent, and nothing from a malformed or all-zero one', () => {
    expect(traceIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceIdOf('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceIdOf('not a traceparent')).toBeUndefined();
    expect(traceIdOf(undefined)).toBeUndefined();
  });
});

describe('what a log line says of an error', () => {
  it('keeps a database error’s codes and the objects it names, not the statement or its values, outside development', () => {
    expect(errorFields(databaseError(), false)).toEqual({ type: 'DriverException', sqlState: '22001', table: 'applicant', routine: 'varchar' });
    expect(errorFields(new GraphQLError('wrapped', { originalError: databaseError() }), false)).not.toHaveProperty('message');
  });

  it('keeps the whole message and stack in development', () => {
    expect(errorFields(databaseError(), true)).toMatchObject({ message: expect.stringContaining('Hoàng Thị Lụa') });
    expect(errorFields(new TypeError('x is undefined'), true)).toMatchObject({ type: 'TypeError', message: 'x is undefined', stack: expect.any(String) });
  });
});

describe('what a client is told of an error', () => {
  const lines: Array<Record<string, any>> = [];
  let restore: () => void;
  let mask: ReturnType<typeof maskErrors>;
  beforeAll(() => {
    restore = redirectLogs({ write: (line: string) => void lines.push(JSON.parse(line)) });
    mask = maskErrors(logger('test'));
  });
  afterAll(() => restore());

  it('passes coded refusals as they are', () => {
    const refusal = new ConflictError('The dossier is RETURNED.', { status: 'RETURNED', allowed: [] });
    expect(mask({ message: refusal.message, extensions: refusal.extensions }, refusal)).toEqual({ message: refusal.message, extensions: refusal.extensions });
  });

  it('turns a value a scalar refused into BAD_USER_INPUT', () => {
    const refused = new GraphQLError('Variable "$at" got invalid value', { originalError: new BadUserInputError('not a date') });
    expect(mask({ message: refused.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, refused).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('masks an unexpected error behind a reference, and logs the detail under it', () => {
    const error = new GraphQLError(databaseError().message, { originalError: databaseError(), path: ['receiveDossier'] });
    const masked = mask({ message: error.message, path: ['receiveDossier'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(masked).toEqual({ message: expect.stringMatching(/^Something went wrong on the hub's side/), path: ['receiveDossier'], extensions: { code: 'INTERNAL_SERVER_ERROR', reference: expect.any(String) } });
    expect(JSON.stringify(masked)).not.toMatch(/insert|Hoàng|0912/);
    expect(lines.at(-1)).toMatchObject({ level: 'error', msg: 'unexpected error', reference: masked.extensions!.reference, error: { sqlState: '22001' } });
  });

  it('says SERVICE_UNAVAILABLE when the database or a peer cannot be reached, naming neither', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const masked = mask({ message: refused.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new GraphQLError(refused.message, { originalError: refused }));
    expect(masked.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reference: expect.any(String) });
    expect(masked.message).not.toMatch(/127\.0\.0\.1|5432|ECONNREFUSED/);
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })],
    ['PostgreSQL shutting down (57P01)', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['a connection exception (08006)', Object.assign(new Error('x'), { sqlState: '08006' })],
    ['a subgraph out of reach', new Error('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) })],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
  ])('takes %s for an unavailable service', (_case, error) => {
    expect(isUnavailable(error)).toBe(true);
  });

  it('does not take a programming error or a constraint for one', () => {
    expect(isUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isUnavailable(databaseError())).toBe(false);
  });
});
