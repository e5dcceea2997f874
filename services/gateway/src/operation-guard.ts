import type { ApolloServerPlugin } from '@apollo/server';
import { nonPublicRootFields } from '@leifeng/kit';
import { GraphQLError, validate, type ValidationRule } from 'graphql';

/**
 * A document Apollo cannot pick an operation from (several operations and no or an unknown
 * `operationName`) is the client's mistake: 400 with a stable code. graphql-js reports it as a
 * result error, but @apollo/gateway's executor throws it, which Apollo Server answers with 500.
 */
export function operationResolutionPlugin<Ctx extends object>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `请求中没有名为 ${request.operationName} 的操作`
            : '请求包含多个操作时须用 operationName 指定执行哪一个';
          throw new GraphQLError(message, {
            extensions: {
              code: 'OPERATION_RESOLUTION_FAILURE',
              http: { status: 400 },
            },
          });
        },
      };
    },
  };
}

/**
 * Authentication before anything else: a mutation from an anonymous caller whose root fields are not
 * all public (`@tag(name: "public")` in the supergraph, see the kit's public-mutations.ts) is refused
 * with UNAUTHENTICATED / 401 here, before planning — so no subgraph parses its arguments, validates
 * them or looks an id up, and the answer never depends on what exists. Only the public schema's own
 * validation (unknown fields, wrong literal types) precedes this, and that reveals nothing stored.
 * Subgraphs refuse the same callers again in their resolvers (the kit wraps them) for direct calls.
 */
export function anonymousMutationPlugin<Ctx extends { user?: unknown }>(
  publicFields: ReadonlySet<string>,
  /**
   * Checks of argument values that must come after authentication (the kit's date parser on literals):
   * run here, once the caller may send the mutation, so an anonymous bad value still answers 401.
   */
  afterAuthRules: readonly ValidationRule[] = [],
): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, schema }) {
          if (operation && !contextValue.user && nonPublicRootFields(operation, document, publicFields).length > 0) {
            throw new GraphQLError('请先登录', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
          if (!afterAuthRules.length) return;
          const [first, ...more] = validate(schema, document, afterAuthRules);
          if (!first) return;
          // Apollo answers one error from this hook: the first, listing every bad field like ValidationErrors does.
          const all = [first, ...more];
          throw new GraphQLError(all.map((e) => e.message).join('；'), {
            nodes: first.nodes,
            extensions: {
              ...first.extensions,
              ...(more.length
                ? {
                    errors: all.map((e) => ({
                      message: e.message,
                      ...e.extensions,
                    })),
                  }
                : {}),
              http: { status: 400 },
            },
          });
        },
      };
    },
  };
}
