import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { DateTimeScalar } from './scalars';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

/** Resolvers of the subgraph's entities, called by the gateway with `{ __typename, <key fields> }`. */
export type ReferenceResolvers = Record<string, { __resolveReference(reference: any, context: any): unknown }>;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** Types not reachable from a resolver: entity stubs owned by other subgraphs. */
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
}

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
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}
