import { defineConfig } from '@graphql-hive/gateway';

/**
 * The hub's committed supergraph served by Hive Gateway (MIT) instead of Apollo Gateway (Elastic License 2.0).
 * Nothing of the hub's own is needed: the subgraphs' addresses come from the same variables the hub's gateway
 * reads, and the caller's token is passed on as it came — each subgraph verifies it itself.
 */
const subgraphUrl = (name: string, port: number) => process.env[`HUB_URL_${name.toUpperCase()}`] || `http://127.0.0.1:${port}/graphql`;

export const gatewayConfig = defineConfig({
  supergraph: process.env.HUB_SUPERGRAPH_FILE || '../../schema/supergraph.graphql',
  host: process.env.HUB_HOST || '127.0.0.1',
  port: Number(process.env.HUB_PORT_GATEWAY || 4000),
  transportEntries: {
    onestop: { location: subgraphUrl('onestop', 4001) },
    province: { location: subgraphUrl('province', 4002) },
    local: { location: subgraphUrl('local', 4003) },
    tax: { location: subgraphUrl('tax', 4004) },
    land: { location: subgraphUrl('land', 4005) },
  },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return authorization ? { authorization } : {};
    },
  },
  // The same limits as the hub's gateway (GraphQL Armor, built in).
  maxDepth: Number(process.env.HUB_MAX_QUERY_DEPTH || 12),
  maxTokens: 5000,
  blockFieldSuggestions: process.env.NODE_ENV === 'production',
  graphiql: process.env.NODE_ENV !== 'production',
});
