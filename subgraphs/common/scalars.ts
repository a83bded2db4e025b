import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { BadUserInputError } from './errors';

/**
 * The contract's two time scalars. Vietnam keeps UTC+07:00 all year (no daylight saving since 1975), so a
 * local time is the instant shifted by a fixed seven hours.
 */

export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-02-13T16:30:00+07:00`: the instant as Vietnamese clocks show it. */
export function formatDateTime(instant: Date): string {
  return `${new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** `2026-02-13`: the local calendar date of an instant. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

function isCalendarDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/**
 * The years the hub accepts in a date or an instant (local time): what its working-time code computes. Years
 * with no loaded schedule fall back on the Labor Code's holidays, whose lunar dates (Tết, Giỗ Tổ) the lunar
 * calendar library computes only within a window; a dossier, a decision or a deadline outside 1900–2099 is
 * a typing error, not a case the hub must serve.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2099;
const YEARS = `${FIRST_YEAR}–${LAST_YEAR}`;

/** UTC offsets in use in the world run from −12:00 to +14:00, in whole, half or three-quarter hours. */
function offsetProblem(offset: string): string | null {
  if (offset === 'Z') return null;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  const signed = (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  if (![0, 30, 45].includes(minutes) || signed < -12 * 60 || signed > 14 * 60) {
    return `its offset ${offset} is not a UTC offset (from -12:00 to +14:00, in whole, half or three-quarter hours)`;
  }
  return null;
}

/** An ISO 8601 instant with an explicit offset, local year within the hub's window; anything else is BAD_USER_INPUT. */
export function parseDateTime(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!match || !isCalendarDate(match[1], match[2], match[3]) || Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6] ?? 0) > 59) {
    throw new BadUserInputError(`DateTime must be ISO 8601 with an offset, such as 2026-02-13T16:30:00+07:00; got ${JSON.stringify(value)}.`, { problem: 'format' });
  }
  const offset = offsetProblem(match[7]);
  if (offset) throw new BadUserInputError(`DateTime ${JSON.stringify(value)}: ${offset}.`, { problem: 'offset' });
  const instant = new Date(value as string);
  const year = Number(localDate(instant).slice(0, 4));
  if (Number.isNaN(instant.getTime()) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new BadUserInputError(`DateTime ${JSON.stringify(value)} is outside the years the hub accepts (${YEARS}, Vietnamese time).`, { problem: 'range' });
  }
  return instant;
}

/** A local calendar date `YYYY-MM-DD` within the hub's years; anything else is BAD_USER_INPUT. */
export function parseLocalDate(value: unknown): string {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match || !isCalendarDate(match[1], match[2], match[3])) {
    throw new BadUserInputError(`Date must be YYYY-MM-DD; got ${JSON.stringify(value)}.`, { problem: 'format' });
  }
  if (Number(match[1]) < FIRST_YEAR || Number(match[1]) > LAST_YEAR) {
    throw new BadUserInputError(`Date ${JSON.stringify(value)} is outside the years the hub accepts (${YEARS}).`, { problem: 'range' });
  }
  return value as string;
}

function literal(ast: ValueNode): unknown {
  return ast.kind === Kind.STRING ? ast.value : undefined;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with offset. Output in +07:00 (Asia/Ho_Chi_Minh).',
  serialize: (value) => formatDateTime(value instanceof Date ? value : new Date(value as string)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literal(ast)),
});

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A local calendar date, YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? localDate(value) : parseLocalDate(value)),
  parseValue: parseLocalDate,
  parseLiteral: (ast) => parseLocalDate(literal(ast)),
});

const MONEY = /^(0|[1-9]\d{0,17})$/;

/** Whole đồng as a string of digits (amounts exceed 32 bits; money is never a float). */
export function parseMoney(value: unknown): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !MONEY.test(text)) {
    throw new BadUserInputError(`Money must be a whole, non-negative number of đồng written as digits, such as "1500000000"; got ${JSON.stringify(value)}.`);
  }
  return text;
}

export const MoneyScalar = new GraphQLScalarType<string, string>({
  name: 'Money',
  description: 'Whole đồng (VND), as a string of digits.',
  serialize: (value) => parseMoney(typeof value === 'bigint' ? value.toString() : value),
  parseValue: parseMoney,
  parseLiteral: (ast) => parseMoney(ast.kind === Kind.STRING || ast.kind === Kind.INT ? ast.value : undefined),
});
