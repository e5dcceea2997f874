import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

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
          const message = request.operationName ? `请求中没有名为 ${request.operationName} 的操作` : '请求包含多个操作时须用 operationName 指定执行哪一个';
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
        },
      };
    },
  };
}
