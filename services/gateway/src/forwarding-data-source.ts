import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Metrics } from '@leifeng/kit';
import type { GatewayContext } from './context';

/**
 * Forwards the caller's token (each subgraph verifies it again and enforces its own rules) and the
 * request id, and times every fetch per subgraph. willSendRequest also runs for the gateway's own
 * requests, which have no client context.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly subgraph: string,
    private readonly metrics?: Metrics,
  ) {
    super(config);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const ctx = context as Partial<GatewayContext> | undefined;
    if (ctx?.authorization) request.http?.headers.set('authorization', ctx.authorization);
    if (ctx?.requestId) request.http?.headers.set('x-request-id', ctx.requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const started = process.hrtime.bigint();
    let outcome = 'error';
    try {
      const response = await super.process(options);
      outcome = response.errors?.length ? 'graphql_error' : 'ok';
      return response;
    } finally {
      this.metrics?.subgraphFetchDuration.observe({ subgraph: this.subgraph, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}
