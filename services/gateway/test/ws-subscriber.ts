import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GqlResponse, TypedQuery } from '@leifeng/kit/testing';

/** One graphql-ws message: a result with data or errors. */
export type Received<T = unknown> = Omit<GqlResponse<T>, 'status'>;

/**
 * Subscribes over graphql-ws to the gateway at `httpUrl` with `token`, collecting every message
 * (results with data or errors) and terminal errors; the client goes into `clients` for disposal.
 */
export function subscribeAll<T = unknown>(
  httpUrl: string,
  token: string,
  query: TypedQuery<T>,
  variables: Record<string, unknown>,
  clients: Client[],
): { got: Received<T>[]; errors: unknown[]; client: Client } {
  const got: Received<T>[] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: httpUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  clients.push(client);
  client.subscribe(
    { query, variables },
    {
      next: (v) => got.push(v as Received<T>),
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  return { got, errors, client };
}

/**
 * The gateway's count of open reviewEvents listeners (its `gateway_live_subscriptions` gauge). A
 * subscription counts once the gateway listens for it, so waiting for the count is the barrier that
 * an event published next reaches it (graphql-ws has no per-subscription ack).
 */
export async function liveSubscriptions(httpUrl: string): Promise<number> {
  const text = await (await fetch(httpUrl.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/^gateway_live_subscriptions(?:{[^}]*})? (\d+)/m.exec(text)?.[1] ?? 0);
}
