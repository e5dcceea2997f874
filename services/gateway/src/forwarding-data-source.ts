import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context';

/**
 * Forwards the caller's token (each subgraph verifies it again and enforces its own rules) and the
 * request id. willSendRequest also runs for the gateway's own requests, which have no client context.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const ctx = context as Partial<GatewayContext> | undefined;
    if (ctx?.authorization) request.http?.headers.set('authorization', ctx.authorization);
    if (ctx?.requestId) request.http?.headers.set('x-request-id', ctx.requestId);
  }
}
