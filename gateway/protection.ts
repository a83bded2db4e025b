import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { REQUEST_ERROR_CODES } from '../subgraphs/common/error-mask';
import { UnauthenticatedError } from '../subgraphs/common/errors';
import type { GatewayContext } from './index';

/** Whether the operation asks for the schema itself (`__schema`, `__type`); `__typename` is ordinary. */
function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD]: (node) => {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * In production the schema is for signed-in callers (officers in the explorer, agency systems): an
 * anonymous caller gets neither introspection nor the "Did you mean …" hints that spell the schema out
 * one guess at a time. `everyone` (development) shows both to all.
 */
export function schemaVisibility(mode: 'everyone' | 'authenticated' | 'off'): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (mode === 'authenticated' && !contextValue.identity && asksForSchema(document)) {
            throw new UnauthenticatedError('The schema is shown to signed-in callers only: send Authorization: Bearer <token>.');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (mode === 'everyone' || contextValue?.identity || response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error as { message: string }).message = error.message.replace(/\s*Did you mean [^?]*\?/g, '');
          }
        },
      };
    },
  };
}

/**
 * HTTP statuses that say what happened: a request the hub cannot run (syntax, limits, an unknown
 * operationName) is 400, an answer with no data because a database or subgraph is down is 503.
 */
export function honestStatus(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            const message = request.operationName ? `Unknown operation named "${request.operationName}".` : 'Name the operation to run: the document has several.';
            throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length || (data && Object.values(data).some((value) => value !== null))) return;
          const codes = errors.map((error) => String(error.extensions?.code ?? ''));
          if (codes.every((code) => REQUEST_ERROR_CODES.has(code))) response.http.status = 400;
          else if (codes.includes('SERVICE_UNAVAILABLE')) response.http.status = 503;
        },
      };
    },
  };
}
