import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import { BadUserInputError } from './errors';

/**
 * No text the hub is given holds a control character. A NUL (U+0000) cannot be stored by PostgreSQL at all,
 * and the other C0 and C1 controls (U+0001–U+001F, U+007F–U+009F) are never part of a name, an address, a
 * code or a note: they come from a broken form or an attacker. Tab, line feed and carriage return are the
 * exception, since notes and reasons may hold several lines (the hub folds them into spaces where it must).
 * Checked once, for every string of a request (its literals and its variables, however deep), before any
 * resolver runs: every argument, input field and ID of every operation is covered, today's and tomorrow's.
 */

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}

function describe(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Where in the variables a string holds a control character (`$input.applicant.name`), and which one. */
function inVariables(value: unknown, path: string): { path: string; character: string } | null {
  if (typeof value === 'string') {
    const found = CONTROL.exec(value);
    return found ? { path, character: found[0] } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = inVariables(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = inVariables(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Where in the operation's text a string literal holds a control character (`agency(code:)`), and which one. */
function inLiterals(document: DocumentNode): { path: string; character: string } | null {
  let found: { path: string; character: string } | null = null;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      const character = CONTROL.exec(node.value)?.[0];
      if (!character || found) return;
      const names = ([...ancestors, parent] as ReadonlyArray<ASTNode | ReadonlyArray<ASTNode> | undefined>).flatMap((ancestor) => {
        if (!ancestor || Array.isArray(ancestor) || !('kind' in ancestor)) return [];
        const named = ancestor as ASTNode;
        if (named.kind === Kind.FIELD) return [named.name.value];
        if (named.kind === Kind.ARGUMENT) return [`(${named.name.value}:)`];
        if (named.kind === Kind.OBJECT_FIELD) return [`.${named.name.value}`];
        return [];
      });
      found = { path: names.join('').replace(/\)\(/g, ', ').replace(/\)\./g, ').') || 'a string', character };
    },
  });
  return found;
}

/**
 * What `inLiterals` found in each document: Apollo Server keeps one parsed document per distinct query text,
 * so a query sent many times is walked once.
 */
const literalsChecked = new WeakMap<DocumentNode, { path: string; character: string } | null>();

/** The first string of a request that holds a control character, or null. */
export function controlCharacterIn(document: DocumentNode, variables: Record<string, unknown> | undefined): { path: string; character: string } | null {
  let literal = literalsChecked.get(document);
  if (literal === undefined) {
    literal = inLiterals(document);
    literalsChecked.set(document, literal);
  }
  if (literal) return literal;
  for (const [name, value] of Object.entries(variables ?? {})) {
    const found = inVariables(value, `$${name}`);
    if (found) return found;
  }
  return null;
}

/**
 * The Apollo Server plugin that refuses such a request with BAD_USER_INPUT naming where, before anything runs.
 * The gateway answers it with HTTP 400; a subgraph with 200, as it answers every refusal, since the gateway
 * relays a subgraph's non-2xx answer as a bare status without its code.
 */
export function refuseControlCharacters<TContext extends object>(httpStatus: 200 | 400): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const found = controlCharacterIn(document, request.variables);
          if (!found) return;
          throw new BadUserInputError(
            `${found.path} holds a control character (${describe(found.character)}); text must not contain control characters other than tab and line breaks.`,
            { fields: { [found.path.replace(/^\$/, '')]: 'holds a control character' }, http: { status: httpStatus } },
          );
        },
      };
    },
  };
}
