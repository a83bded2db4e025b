import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, Directive, Field, ID, ObjectType, type NonEmptyArray } from 'type-graphql';
import { DateTimeScalar } from './scalars';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

/** Resolvers of the subgraph's entities, called by the gateway with `{ __typename, <key fields> }`. */
export type ReferenceResolvers = Record<string, { __resolveReference(reference: any, context: any): unknown }>;

/** An entity of another subgraph, as this one holds it: its key, `code`, the one key every hub entity has. */
export abstract class CodeKey {
  code: string;

  constructor(code: string) {
    this.code = code;
  }
}

type CodeKeyClass<T extends CodeKey> = new (code: string) => T;

function keyedByCode(typeName: string, key: string) {
  return <T extends CodeKey>(target: CodeKeyClass<T>): void => {
    Field(() => ID)(target.prototype, 'code');
    ObjectType(typeName)(target);
    Directive(key)(target);
  };
}

/**
 * `typeName`, owned by another subgraph, as a subgraph that only points at it sees it: the key and nothing
 * else (`resolvable: false`). The gateway fetches every other field from the owner.
 * `@KeyOnlyStub('Agency') export class AgencyRef extends CodeKey {}`
 */
export const KeyOnlyStub = (typeName: string) => keyedByCode(typeName, '@key(fields: "code", resolvable: false)');

/**
 * `typeName`, owned by another subgraph, to which this subgraph adds fields with its resolvers; the gateway
 * asks for it by its key (`keyReference`).
 * `@EntityExtension('Dossier') export class TaxDossier extends CodeKey {}`
 */
export const EntityExtension = (typeName: string) => keyedByCode(typeName, '@key(fields: "code")');

/** An extension's reference resolver: the extended entity is its key; this subgraph's fields resolve from it. */
export const keyReference = <T extends CodeKey>(type: CodeKeyClass<T>) => ({
  __resolveReference: (reference: { code: string }) => new type(reference.code),
});

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /**
   * Types not reachable from a resolver: stubs and extensions of entities owned by other subgraphs. They print
   * first, in the order their classes were declared (imported), whatever the order here.
   */
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
}

const ROOT_DESCRIPTIONS: Record<string, string> = {
  Query: 'What the hub answers: the directory and catalogue (public), dossiers for the agencies that have a part in them, tracking for citizens.',
  Mutation: 'What the hub does: a dossier’s life from reception to return, the agencies’ own work on it, and the registers.',
};

/**
 * Builds a subgraph schema the type-graphql way (classes and decorators), prints it with its federation
 * directives, and wraps it with Apollo's buildSubgraphSchema so it answers `_service` and `_entities`.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    skipCheck: true,
  });
  // The root types are type-graphql's own; every subgraph describes them alike, so the composition agrees.
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (root) root.description = ROOT_DESCRIPTIONS[root.name];
  }
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}
