/**
 * Why the rules refuse a command, as data: the code clients branch on (`extensions.code`), a message for
 * people, and what else explains it. The change pipeline turns a refusal into the coded GraphQL error.
 */
export interface Refusal {
  readonly refused: 'FORBIDDEN' | 'CONFLICT' | 'BAD_USER_INPUT';
  readonly message: string;
  readonly extensions: Readonly<Record<string, unknown>>;
}

export const refuse = (refused: Refusal['refused'], message: string, extensions: Record<string, unknown> = {}): Refusal => ({
  refused,
  message,
  extensions,
});

/** A refusal of one input field: BAD_USER_INPUT naming the field, as the input checks name them. */
export const badField = (field: string, problem: string, message: string, extensions: Record<string, unknown> = {}): Refusal =>
  refuse('BAD_USER_INPUT', message, { fields: { [field]: problem }, ...extensions });

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && 'refused' in value && 'message' in value;
