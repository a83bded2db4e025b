import { hasControlCharacter } from '../../common/control-characters';
import { BadUserInputError } from '../../common/errors';
import { parseDateTime } from '../../common/scalars';

/** Pages of dossiers: a cursor is the last row's position in the list's order, opaque to callers. */

export const MAX_PAGE_SIZE = 100;

export interface Position {
  at: Date;
  code: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.code])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [at, code] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    // A cursor is the caller's input like any other: its instant within the hub's years, its code plain text.
    if (typeof at === 'string' && typeof code === 'string' && code.length <= 100 && !hasControlCharacter(code)) return { at: parseDateTime(at), code };
  } catch {
    // not ours
  }
  throw new BadUserInputError('`after` is not a cursor this hub issued.', { fields: { after: 'unknown cursor' } });
}

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}.`, { fields: { first: 'out of range' } });
  }
  return size;
}
