import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Subscribes over graphql-ws to the gateway at `httpUrl` with `token`, collecting every message
 * (results with data or errors) and terminal errors; the client goes into `clients` for disposal.
 */
export function subscribeAll(httpUrl: string, token: string, query: string, variables: Record<string, unknown>, clients: Client[]): { got: any[]; errors: unknown[]; client: Client } {
  const got: any[] = [];
  const errors: unknown[] = [];
  const client = createClient({ url: httpUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  client.subscribe({ query, variables }, { next: (v) => got.push(v), error: (e) => errors.push(e), complete: () => undefined });
  return { got, errors, client };
}
