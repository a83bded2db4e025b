import { BadUserInputError } from './errors';

/**
 * Input as the hub keeps it: Vietnamese text composed (NFC) and trimmed, every problem of an input
 * collected so the caller can fix them all at once (BAD_USER_INPUT with `extensions.fields`).
 */

/** Collects every problem of an input, so the caller can fix them all at once. */
export class Problems {
  private readonly fields: Record<string, string> = {};

  add(field: string, message: string): void {
    this.fields[field] ??= message;
  }

  throwIfAny(extensions: Record<string, unknown> = {}): void {
    const entries = Object.entries(this.fields);
    if (entries.length === 0) return;
    throw new BadUserInputError(entries.map(([field, message]) => `${field}: ${message}`).join('; '), { fields: this.fields, ...extensions });
  }
}

/** Vietnamese text as stored: NFC (precomposed diacritics), single spaces, trimmed. */
export function text(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function requiredText(problems: Problems, field: string, value: string | null | undefined, max = 500): string {
  const cleaned = text(value ?? '');
  if (!cleaned) problems.add(field, 'must not be empty');
  else if (cleaned.length > max) problems.add(field, `must be at most ${max} characters`);
  return cleaned;
}

export function optionalText(problems: Problems, field: string, value: string | null | undefined, max = 500): string | null {
  const cleaned = text(value ?? '');
  if (cleaned.length > max) problems.add(field, `must be at most ${max} characters`);
  return cleaned || null;
}

export function cleanList(problems: Problems, field: string, values: readonly string[] | null | undefined, options: { required: boolean }): string[] {
  const cleaned = [...new Set((values ?? []).map(text))];
  if (cleaned.some((value) => !value)) problems.add(field, 'must not contain empty items');
  if (options.required && cleaned.filter(Boolean).length === 0) problems.add(field, 'must not be empty');
  if (cleaned.some((value) => value.length > 500)) problems.add(field, 'items must be at most 500 characters');
  return cleaned.filter(Boolean);
}

