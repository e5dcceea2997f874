import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Metrics } from '@leifeng/kit';
import type { GraphQLError } from 'graphql';
import { subgraphHttpError } from './client-errors';
import type { GatewayContext } from './context';

interface InFlight {
  sharers: number;
  /** The answer, and its JSON when someone shared it (each sharer parses its own copy). */
  done: Promise<{ response: GatewayGraphQLResponse; json?: string }>;
}

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
    // Always set by the gateway (never the client's own header): identity's sign-in limits per address.
    if (ctx?.clientIp) request.http?.headers.set('x-client-ip', ctx.clientIp);
  }

  /** A subgraph's non-2xx answer: its own coded error, never its URL or raw body (client-errors.ts). */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
  ): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => undefined);
    return subgraphHttpError(this.subgraph, response.status, body);
  }

  /** In-flight subgraph fetches of queries, by subgraph + caller's token + request (see `process`). */
  private readonly inflight = new Map<string, InFlight>();

  /**
   * Identical subgraph fetches of a query (same subgraph, same caller token, same query and variables)
   * that are in flight at the same time share one request: a dashboard many people open at once costs
   * the subgraph one execution. Mutations and the gateway's own requests are never shared. The gateway
   * merges into the answers it gets, so when the answer was shared each sharer gets its own copy
   * (taken before anyone can touch it); the first caller keeps the original.
   */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is not exported by @apollo/gateway's index).
    if (
      options.kind !== ('incoming operation' as typeof options.kind) ||
      !('incomingRequestContext' in options) ||
      options.incomingRequestContext.operation?.operation !== 'query'
    ) {
      return this.timedProcess(options);
    }
    const ctx = options.context as Partial<GatewayContext> | undefined;
    const key = JSON.stringify([ctx?.authorization ?? '', options.request.query, options.request.variables ?? null]);
    const existing = this.inflight.get(key);
    if (existing) {
      existing.sharers++;
      return existing.done.then(({ json }) => JSON.parse(json!) as GatewayGraphQLResponse);
    }
    const entry: InFlight = {
      sharers: 0,
      done: this.timedProcess(options).then(
        (response) => {
          this.inflight.delete(key);
          return {
            response,
            json: entry.sharers ? JSON.stringify(response) : undefined,
          };
        },
        (err) => {
          this.inflight.delete(key);
          throw err;
        },
      ),
    };
    this.inflight.set(key, entry);
    return entry.done.then(({ response }) => response);
  }

  private async timedProcess(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const started = process.hrtime.bigint();
    let outcome = 'error';
    try {
      const response = await super.process(options);
      outcome = response.errors?.length ? 'graphql_error' : 'ok';
      return response;
    } finally {
      this.metrics?.subgraphFetchDuration.observe(
        { subgraph: this.subgraph, outcome },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  }
}
