/**
 * What the gateway serves beside /graphql on the same origin (so the console needs no CORS):
 *
 * - the web console built by Vite (apps/web/dist) at `/`: hashed files under /assets/ cached for a year
 *   (`immutable`), index.html and other unhashed files `no-cache`, client routes (no file extension)
 *   answered with index.html; `/explorer` answers the GraphiQL page (explorer.html, a second Vite entry);
 * - the volunteers service's downloads (`/export/stations/:id/ledger.(csv|xlsx)`, `/certificates/…`)
 *   forwarded to its internal port with the caller's Authorization, streamed;
 * - in development only, `POST /dev/token` signing a development token with the kit's `signDevToken`
 *   for the console's sign-in page (refused with 404 when NODE_ENV=production).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { constants, createGzip, gzip as gzipCb } from 'node:zlib';
import {
  ROLES,
  sendJson,
  signDevToken,
  type AuthConfig,
  type Role,
  type RouteHandler,
  type TokenVerifier,
} from '@leifeng/kit';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);
const gzipAsync = promisify(gzipCb);
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Where the built console is unless WEB_DIST says otherwise (src/ in tests, dist/ when compiled). */
export const DEFAULT_WEB_DIST = resolve(__dirname, '../../../apps/web/dist');

function notBuilt(res: ServerResponse): void {
  res.writeHead(404, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(
    '<!doctype html><meta charset="utf-8"><title>控制台尚未构建</title><p>控制台尚未构建：请先运行 <code>npm run build -w apps/web</code>。</p>',
  );
}

/** Files larger than this are gzipped as a stream on each request instead of kept compressed in memory. */
const MAX_CACHED_BYTES = 8 * 1024 * 1024;
const gzipped = new Map<string, { mtimeMs: number; size: number; body: Promise<Buffer> }>();

/**
 * The file gzipped once (level 9, off the event loop) and kept in memory until it changes on disk: the
 * console's chunks are the same bytes for every visitor, so no request waits for their compression again.
 */
function gzippedFile(file: string, st: { mtimeMs: number; size: number }): Promise<Buffer> {
  const hit = gzipped.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.body;
  const body = readFile(file).then((raw) => gzipAsync(raw, { level: constants.Z_BEST_COMPRESSION }));
  const entry = { mtimeMs: st.mtimeMs, size: st.size, body };
  gzipped.set(file, entry);
  body.catch(() => gzipped.get(file) === entry && gzipped.delete(file));
  return body;
}

/** Compresses index.html and the files it loads in the background at start, so the first visitor does not wait either. */
export function warmWebCache(distDir: string): void {
  const root = resolve(distDir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return;
  void (async () => {
    const html = await readFile(index, 'utf8');
    const files = [index, ...[...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => join(root, m[1]))];
    for (const file of files) {
      if (!COMPRESSIBLE.has(extname(file)) || !existsSync(file)) continue;
      const st = statSync(file);
      if (st.size <= MAX_CACHED_BYTES) await gzippedFile(file, st);
    }
  })().catch(() => undefined);
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string): Promise<void> {
  const ext = extname(file);
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  };
  const st = statSync(file);
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) {
    headers['content-encoding'] = 'gzip';
    headers.vary = 'Accept-Encoding';
    if (st.size <= MAX_CACHED_BYTES) {
      const body = await gzippedFile(file, st);
      headers['content-length'] = String(body.length);
      res.writeHead(200, headers);
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
  } else {
    headers['content-length'] = String(st.size);
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  if (gzip) await pipeline(createReadStream(file), createGzip(), res);
  else await pipeline(createReadStream(file), res);
}

/** The console's files and its client-side routes. */
export function webAppRoute(distDir: string): RouteHandler {
  const root = resolve(distDir);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
    if (!existsSync(join(root, 'index.html'))) return notBuilt(res);
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return sendJson(res, 400, { error: 'bad path' });
    }
    if (pathname === '/explorer' || pathname.startsWith('/explorer/')) {
      const explorer = join(root, 'explorer.html');
      return existsSync(explorer) ? sendFile(req, res, explorer, 'no-cache') : notBuilt(res);
    }
    const file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) return sendJson(res, 404, { error: 'not found' });
    if (pathname !== '/' && existsSync(file) && statSync(file).isFile()) {
      return sendFile(req, res, file, pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
    }
    // A missing asset is a 404 (never index.html served as JavaScript); any other path is a client route.
    if (pathname.startsWith('/assets/') || extname(pathname)) return sendJson(res, 404, { error: 'not found' });
    return sendFile(req, res, join(root, 'index.html'), 'no-cache');
  };
}

async function readJson(req: IncomingMessage, maxBytes = 10_000): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * POST /dev/token {role, regionCode?, stationId?, agencyId?, sub?} → {token}: a 12-hour development token,
 * (GET answers `{available}` for the sign-in page),
 * checked with the same verifier as /graphql (so an incoherent grant is refused here, in Chinese).
 * Not routed at all in production.
 */
export function devTokenRoute(auth: AuthConfig, verifier: TokenVerifier): RouteHandler {
  return async (req, res) => {
    // The sign-in page asks whether development sign-in exists here (in production the path is not routed).
    if (req.method === 'GET') return sendJson(res, 200, { available: !!auth.secret, roles: ROLES });
    if (req.method !== 'POST')
      return sendJson(res, 405, {
        error: { code: 'METHOD_NOT_ALLOWED', message: '只支持 POST' },
      });
    if (!auth.secret)
      return sendJson(res, 404, {
        error: { code: 'NOT_FOUND', message: '未配置开发凭证密钥' },
      });
    let body: Record<string, unknown>;
    try {
      body = (await readJson(req)) as Record<string, unknown>;
      if (!body || typeof body !== 'object') throw new Error('not an object');
    } catch {
      return sendJson(res, 400, {
        error: { code: 'BAD_REQUEST', message: '请求体应为 JSON 对象' },
      });
    }
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const role = str(body.role) as Role | undefined;
    if (!role || !ROLES.includes(role)) {
      return sendJson(res, 400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: '请选择角色',
          details: { field: 'role' },
        },
      });
    }
    const claims = {
      roles: [role],
      regionCode: str(body.regionCode),
      stationId: str(body.stationId),
      agencyId: str(body.agencyId),
      sub: str(body.sub),
    };
    const token = await signDevToken(claims, auth.secret, '12h', {
      issuer: auth.issuer,
      audience: auth.audience,
    });
    try {
      const user = await verifier.verify(token);
      sendJson(res, 200, { token, user });
    } catch (err) {
      sendJson(res, 400, {
        error: { code: 'UNAUTHENTICATED', message: (err as Error).message },
      });
    }
  };
}
