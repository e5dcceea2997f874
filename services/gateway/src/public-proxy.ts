import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type RouteHandler } from '@leifeng/kit';

const FORWARDED_REQUEST_HEADERS = ['authorization', 'accept', 'accept-language', 'if-none-match', 'x-request-id'];
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'cache-control',
  'etag',
  'last-modified',
  'x-content-type-options',
  'content-security-policy',
];

/**
 * Serves a subgraph's public HTTP pages (GET/HEAD only) at the gateway's origin, so the platform has one
 * public address in development and docker-compose (k8s routes these paths to the service in its Ingress).
 * Kept here rather than a proxy library: two methods, a header allow-list, and a streamed body.
 */
export function publicProxy(targetBase: string): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, {
        error: { code: 'METHOD_NOT_ALLOWED', message: '只支持 GET' },
      });
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    let upstream: Response;
    try {
      upstream = await fetch(new URL(req.url ?? '/', targetBase), {
        method: req.method,
        headers,
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      return sendJson(res, 502, {
        error: {
          code: 'UPSTREAM_UNAVAILABLE',
          message: '服务暂时不可用，请稍后再试',
        },
      });
    }
    const out: Record<string, string> = {};
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) out[name] = value;
    }
    res.writeHead(upstream.status, out);
    if (!upstream.body || req.method === 'HEAD') return void res.end();
    Readable.fromWeb(upstream.body as never).pipe(res);
  };
}

/** A subgraph's origin from its GraphQL URL (http://volunteers:4002/graphql → http://volunteers:4002). */
export const originOf = (graphqlUrl: string) => new URL(graphqlUrl).origin;
