import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Metrics } from './metrics';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface GraphQLRoute<Ctx extends BaseContext> {
  path: string;
  server: ApolloServer<Ctx>;
  context: (req: IncomingMessage) => Promise<Ctx>;
}

export interface HttpAppOptions<Ctx extends BaseContext> {
  routes?: Record<string, RouteHandler>;
  /** Routes matched by path prefix, e.g. '/board/'. */
  prefixRoutes?: Record<string, RouteHandler>;
  graphql?: GraphQLRoute<Ctx>;
  maxBodyBytes?: number;
  /** Adds GET /metrics and times every request by route (never by raw path: bounded cardinality). */
  metrics?: Metrics;
}

export class PayloadTooLargeError extends Error {}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new PayloadTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new PayloadTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function graphqlError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/** Serves Apollo Server over node:http (Apollo Server 5 has no built-in HTTP framework). */
async function handleGraphQL<Ctx extends BaseContext>(
  route: GraphQLRoute<Ctx>,
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let raw: string;
  try {
    raw = await readBody(req, maxBytes);
  } catch (err) {
    if (err instanceof PayloadTooLargeError)
      return graphqlError(res, 413, 'PAYLOAD_TOO_LARGE', `请求体超过 ${maxBytes} 字节上限`);
    throw err;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = raw;
  if (raw && (headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(raw);
    } catch {
      return graphqlError(res, 400, 'BAD_REQUEST', '请求体不是合法的 JSON');
    }
  }
  const result = await route.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: url.search,
      body,
    },
    context: () => route.context(req),
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

export function createHttpServer<Ctx extends BaseContext>(opts: HttpAppOptions<Ctx>): http.Server {
  const maxBytes = opts.maxBodyBytes ?? 1_000_000;
  const metricsRoute: RouteHandler | undefined = opts.metrics
    ? async (_req, res) => {
        const body = await opts.metrics!.registry.metrics();
        res.writeHead(200, {
          'content-type': opts.metrics!.registry.contentType,
        });
        res.end(body);
      }
    : undefined;
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = process.hrtime.bigint();
    let route = 'other';
    if (opts.metrics) {
      res.on('finish', () =>
        opts.metrics!.httpDuration.observe(
          {
            method: req.method ?? 'GET',
            route,
            status: String(res.statusCode),
          },
          Number(process.hrtime.bigint() - started) / 1e9,
        ),
      );
    }
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (opts.graphql && path === opts.graphql.path) {
        route = path;
        return await handleGraphQL(opts.graphql, req, res, maxBytes);
      }
      if (path === '/metrics' && metricsRoute) {
        route = path;
        return await metricsRoute(req, res);
      }
      const exact = opts.routes?.[path];
      if (exact) {
        route = path;
        return await exact(req, res);
      }
      for (const [prefix, handler] of Object.entries(opts.prefixRoutes ?? {})) {
        if (path.startsWith(prefix)) {
          route = `${prefix}*`;
          return await handler(req, res);
        }
      }
      sendJson(res, 404, { error: 'not found' });
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy(err as Error);
    }
  };
  // handle answers every failure itself (500), so its promise never rejects.
  const server = http.createServer((req, res) => void handle(req, res));
  // Keep-alive longer than typical load balancer idle timeouts, so they close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

export async function listen(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Stops accepting, lets in-flight requests finish, drops idle keep-alive sockets at once and any
 * connection still busy after the grace period.
 */
export async function closeServer(server: http.Server, graceMs = 5000): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idleSweep);
    clearTimeout(force);
  }
}
