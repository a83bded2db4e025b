import fc from 'fast-check';
import {
  astFromValue,
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { agencyRecords, procedureRecords } from '../../subgraphs/common/reference-data';
import type { TestHub } from './hub';

/**
 * Inputs for every argument of every operation, built from the schema the gateway serves (introspected,
 * so an operation added tomorrow is covered without a change here): mostly well-formed values the hub
 * knows (agency and procedure codes, dossiers of the test), mixed with hostile ones (control characters,
 * SQL, huge text and numbers, impossible instants).
 */

export async function introspect(hub: TestHub, token: string): Promise<GraphQLSchema> {
  const response = await hub.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, token);
  if (!response.data) throw new Error(`Introspection failed: ${JSON.stringify(response.errors)}`);
  return buildClientSchema(response.data);
}

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'BG.SNV\u0000',
  'Nguyễn\u0000Văn',
  '\u0000\u0000\u0000',
  'a\u0007b',
  'dòng\u000bdọc',
  '\u001b[31mđỏ',
  "'; drop table onestop.dossier; --",
  "' or '1'='1",
  '%_%',
  '\\',
  '${process.env.HOME}',
  '<script>alert(1)</script>',
  '\u202eđảo chiều',
  '\ud800',
  '🏯🏯',
  'Nguyễn Văn A'.repeat(400),
  'x'.repeat(70_000),
  'NaN',
  '1e309',
  '-0',
  'null',
  '__proto__',
  'constructor',
];

const CONTROL = /[\u0000-\u001f]/;

export const HOSTILE_INSTANTS = [
  '2026-03-02T09:00:00+24:00',
  '2026-03-02T09:00:00+99:99',
  '0100-01-01T00:00:00Z',
  '2200-01-01T00:00:00+07:00',
  '9999-12-31T23:59:59Z',
  '2026-02-30T09:00:00+07:00',
  '2026-03-02 09:00',
  'hôm nay',
  '',
];

export const HOSTILE_INTS = [-1, 0, 1, -2147483648, 2147483647, 2 ** 53, 1e20, 1.5];

/** Values of the hub's world a generated input may name, so that calls reach past "not found". */
export interface KnownValues {
  ids: string[];
  strings: string[];
  /** Values for an argument or input field of that name (`code`, `desk`, `procedure`…), tried first. */
  byName: Record<string, string[]>;
}

export function knownValues(extra: { ids?: string[]; strings?: string[]; byName?: Record<string, string[]> } = {}): KnownValues {
  const agencies = agencyRecords().map((agency) => agency.code);
  const procedures = procedureRecords().map((procedure) => procedure.code);
  const route = ['BG.YENTHE', 'BG.VPDKDD.YENTHE', 'BG.CT.YENTHE', 'BG.SNV', 'BG.TANYEN'];
  const communes = ['BG.YENTHE.CAUGO', 'BG.YENTHE.BOHA', 'BG.TANYEN.NHANAM'];
  return {
    ids: [...new Set([...agencies.slice(0, 40), ...procedures, ...communes, ...(extra.ids ?? [])])],
    strings: ['Hoàng Thị Lụa', '0912 345 678', 'Đất đai', 'Giấy tờ', 'CS 123456', '2026', 'BG.SNV', ...(extra.strings ?? [])],
    byName: {
      desk: route,
      agency: route,
      to: route,
      from: route,
      successor: route,
      parent: route,
      holder: route,
      procedure: procedures,
      commune: communes,
      applicantCommune: communes,
      parcelCommune: communes,
      field: ['Đất đai', 'Hộ tịch', 'Tư pháp'],
      ...extra.byName,
    },
  };
}

/**
 * `hostile`: every kind of value, plausible or not; otherwise only values a careful caller might send (the
 * hub's codes, ordinary text, instants around the test's day), which reach deeper into the services.
 */
function scalarArbitrary(name: string, known: KnownValues, hostile: boolean, key?: string): fc.Arbitrary<unknown> {
  const named = key && (name === 'ID' || name === 'String') ? known.byName[key] : undefined;
  const plain = named ? fc.oneof({ arbitrary: fc.constantFrom(...named), weight: 4 }, { arbitrary: scalarPlain(name, known), weight: 1 }) : scalarPlain(name, known);
  return hostile ? fc.oneof({ arbitrary: plain, weight: 1 }, { arbitrary: scalarHostile(name, known), weight: 1 }) : plain;
}

function scalarPlain(name: string, known: KnownValues): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return fc.constantFrom(...known.ids);
    case 'String':
      return fc.oneof({ arbitrary: fc.constantFrom(...known.strings), weight: 4 }, { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 });
    case 'Int':
      return fc.integer({ min: 0, max: 60 });
    case 'Float':
      return fc.double({ min: 0, max: 1000, noNaN: true });
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return fc.integer({ min: -400, max: 400 }).map((hours) => new Date(Date.parse('2026-03-02T09:00:00+07:00') + hours * 3_600_000).toISOString());
    case 'Date':
      return fc.integer({ min: -60, max: 400 }).map((days) => new Date(Date.parse('2026-03-02T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10));
    case 'Money':
      return fc.bigInt({ min: 0n, max: 10n ** 10n }).map(String);
    default:
      return fc.constantFrom(...known.strings);
  }
}

function scalarHostile(name: string, known: KnownValues): fc.Arbitrary<unknown> {
  // Control characters, the commonest way text breaks a database, as often as every other hostile text.
  const hostile = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.filter((text) => !CONTROL.test(text))), fc.constantFrom(...HOSTILE_STRINGS.filter((text) => CONTROL.test(text))));
  switch (name) {
    case 'ID':
      return fc.oneof({ arbitrary: fc.constantFrom(...known.ids), weight: 6 }, { arbitrary: hostile, weight: 2 }, { arbitrary: fc.string({ maxLength: 30 }), weight: 1 });
    case 'String':
      return fc.oneof({ arbitrary: fc.constantFrom(...known.strings), weight: 4 }, { arbitrary: hostile, weight: 3 }, { arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }), weight: 2 });
    case 'Int':
      return fc.oneof({ arbitrary: fc.integer({ min: -5, max: 400 }), weight: 4 }, { arbitrary: fc.integer({ min: -2147483648, max: 2147483647 }), weight: 2 }, { arbitrary: fc.constantFrom(...HOSTILE_INTS), weight: 1 });
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308));
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return fc.oneof(
        { arbitrary: fc.integer({ min: -400, max: 400 }).map((hours) => new Date(Date.parse('2026-03-02T09:00:00+07:00') + hours * 3_600_000).toISOString()), weight: 4 },
        { arbitrary: fc.constantFrom(...HOSTILE_INSTANTS), weight: 2 },
      );
    case 'Date':
      return fc.oneof(
        { arbitrary: fc.integer({ min: -60, max: 400 }).map((days) => new Date(Date.parse('2026-03-02T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10)), weight: 4 },
        { arbitrary: fc.constantFrom('0100-01-01', '2200-01-01', '2026-02-30', '2026-3-2', ''), weight: 2 },
      );
    case 'Money':
      return fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String), fc.constantFrom('-1', '1.5', '99999999999999999999999', '1e9', '', '0'));
    default:
      // A scalar the kit does not know (federation's own, such as _Any): text.
      return fc.oneof(fc.constantFrom(...known.strings), hostile);
  }
}

/** An arbitrary of GraphQL values of `type`, as a client would send them in variables. */
export function valueArbitrary(type: GraphQLInputType, known: KnownValues, hostile: boolean, depth = 0, key?: string): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueArbitrary(type.ofType, known, hostile, depth, key);
  if (isListType(type)) return fc.array(valueArbitrary(type.ofType, known, hostile, depth + 1, key), { maxLength: depth > 1 ? 1 : 4 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name));
  if (isScalarType(type)) return scalarArbitrary(type.name, known, hostile, key);
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const shape: Record<string, fc.Arbitrary<unknown>> = {};
    const required: string[] = [];
    for (const field of fields) {
      shape[field.name] = depth > 3 && !isNonNullType(field.type) ? fc.constant(null) : valueArbitrary(field.type, known, hostile, depth + 1, field.name);
      if (isNonNullType(field.type)) required.push(field.name);
    }
    return fc.record(shape, { requiredKeys: required });
  }
  throw new Error(`No arbitrary for ${String(type)}`);
}

/** A field's arguments: the required always, the optional sometimes; half the time all plausible, half the time some hostile. */
export function argumentsArbitrary(args: readonly GraphQLArgument[], known: KnownValues): fc.Arbitrary<Record<string, unknown>> {
  const requiredKeys = args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name);
  const of = (hostile: boolean) => fc.record(Object.fromEntries(args.map((arg) => [arg.name, valueArbitrary(arg.type, known, hostile, 0, arg.name)])), { requiredKeys });
  return fc.oneof(of(false), of(true));
}

/** The field's leaf subfields without arguments (and `__typename`): enough to run its resolvers and serialise its scalars. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return '{ __typename }';
  const leaves = Object.values(type.getFields())
    .filter((sub) => sub.args.length === 0 && isLeafType(getNamedType(sub.type)))
    .map((sub) => sub.name);
  return `{ __typename ${leaves.join(' ')} }`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface RootOperation {
  kind: 'query' | 'mutation';
  name: string;
  /** The operation's text, every argument a variable. */
  document: string;
  args: fc.Arbitrary<Record<string, unknown>>;
  /** The operation's text with these arguments written in it as literals; null when GraphQL cannot write one (an Int beyond 32 bits). */
  inline(args: Record<string, unknown>): string | null;
}

/** Every root field of the schema, as an operation with variables and the arbitrary of those variables. */
export function rootOperations(schema: GraphQLSchema, known: KnownValues): RootOperation[] {
  const roots: Array<['query' | 'mutation', GraphQLObjectType | null | undefined]> = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  return roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {})
      .filter((field) => !field.name.startsWith('_'))
      .map((field) => {
        const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
        const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
        const document = `${kind}${variables ? ` (${variables})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection(field)} }`;
        const inline = (values: Record<string, unknown>) => {
          try {
            const literals = field.args
              .filter((arg) => values[arg.name] !== undefined)
              .map((arg) => {
                const ast = astFromValue(values[arg.name], arg.type);
                if (!ast) throw new Error(`no literal for ${arg.name}`);
                return `${arg.name}: ${print(ast)}`;
              });
            const text = `${kind} { ${field.name}${literals.length ? `(${literals.join(', ')})` : ''} ${selection(field)} }`;
            // A lone surrogate cannot be written in a GraphQL document at all: a syntax error, not input (it goes as a variable).
            return LONE_SURROGATE.test(text) ? null : text;
          } catch {
            return null;
          }
        };
        return { kind, name: field.name, document, args: argumentsArbitrary(field.args, known), inline };
      }),
  );
}

const PLAIN: Record<string, unknown> = { ID: 'BG.YENTHE', String: 'Hoàng Thị Lụa', Int: 2026, Float: 1, Boolean: true, DateTime: '2026-03-02T09:00:00+07:00', Date: '2026-03-02', Money: '1000' };

/** One well-formed value of `type` (required input fields only): what an ordinary caller sends. */
export function plainValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return plainValue(type.ofType);
  if (isListType(type)) return [plainValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isScalarType(type)) return PLAIN[type.name] ?? 'x';
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((field) => isNonNullType(field.type)).map((field) => [field.name, plainValue(field.type)]));
  }
  throw new Error(`No value for ${String(type)}`);
}

/** Arguments whose well-formed value is narrower than their type's. */
const PLAIN_BY_NAME: Record<string, unknown> = { workingDays: 5, first: 5, rating: 5, copies: 1, year: 2026 };

/** Well-formed arguments of a root field, by name. */
export function plainArguments(schema: GraphQLSchema, kind: 'query' | 'mutation', name: string): Record<string, unknown> {
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  const field = root!.getFields()[name];
  return Object.fromEntries(field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => [arg.name, PLAIN_BY_NAME[arg.name] ?? plainValue(arg.type)]));
}
