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

  /** In-flight subgraph fetches of queries, by subgraph + caller's token + request (see `process`). */
  private readonly inflight = new Map<string, Promise<GatewayGraphQLResponse>>();

  /**
   * Identical subgraph fetches of a query (same subgraph, same caller token, same query and variables)
   * that are in flight at the same time share one request: a dashboard many people open at once costs
   * the subgraph one execution. Mutations and the gateway's own requests are never shared; each caller
   * gets its own copy of the answer because the gateway merges into it.
   */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is not exported by @apollo/gateway's index).
    if (options.kind !== ('incoming operation' as typeof options.kind) || !('incomingRequestContext' in options) || options.incomingRequestContext.operation?.operation !== 'query') {
      return this.timedProcess(options);
    }
    const ctx = options.context as Partial<GatewayContext> | undefined;
    const key = JSON.stringify([ctx?.authorization ?? '', options.request.query, options.request.variables ?? null]);
    const shared = this.inflight.get(key);
    if (shared) return shared.then((r) => structuredClone(r));
    const fetching = this.timedProcess(options).finally(() => this.inflight.delete(key));
    this.inflight.set(key, fetching);
    return fetching.then((r) => structuredClone(r));
  }

  private async timedProcess(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
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
