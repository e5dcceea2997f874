/**
 * The gateway's same-origin extras (src/web.ts): the console's files with their cache headers and
 * client-route fallback, the explorer page, the development token endpoint (absent in production),
 * and the volunteers service's downloads forwarded with the caller's token.
 */
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createTokenVerifier, DEV_JWT_SECRET } from '@leifeng/kit';
import { startGateway, type RunningGateway } from '../src/server';

const SECRET = DEV_JWT_SECRET;
let dist: string;
let dev: RunningGateway;
let prod: RunningGateway;
let volunteers: http.Server;
const seen: { url?: string; authorization?: string }[] = [];

const origin = (g: RunningGateway) => g.url.replace(/\/graphql$/, '');

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><title>控制台</title><script type="module" src="/assets/main-abc123.js"></script>',
  );
  writeFileSync(join(dist, 'explorer.html'), '<!doctype html><title>接口调试</title>');
  writeFileSync(join(dist, 'assets', 'main-abc123.js'), 'console.log("控制台");'.repeat(50));
  // A stand-in for the volunteers service's internal download port (only the path matters here).
  volunteers = http.createServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    if (!req.headers.authorization) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          error: { code: 'UNAUTHENTICATED', message: '请先登录' },
        }),
      );
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="ledger.csv"',
    });
    res.end('姓名,时长\n雷小锋,3.5\n');
  });
  volunteers.listen(0, '127.0.0.1');
  await once(volunteers, 'listening');
  const volunteersUrl = `http://127.0.0.1:${(volunteers.address() as AddressInfo).port}/graphql`;
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: SECRET,
    WEB_DIST: dist,
    VOLUNTEERS_URL: volunteersUrl,
    STATIONS_URL: 'http://127.0.0.1:9/graphql',
    ACCREDITATION_URL: 'http://127.0.0.1:9/graphql',
    NOTIFICATIONS_URL: 'http://127.0.0.1:9/graphql',
    IDENTITY_URL: 'http://127.0.0.1:9/graphql',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'silent',
  };
  dev = await startGateway({ env: { ...env, NODE_ENV: 'test' } });
  prod = await startGateway({ env: { ...env, NODE_ENV: 'production' } });
});

afterAll(async () => {
  await dev?.stop();
  await prod?.stop();
  volunteers?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the console at /', () => {
  it('serves hashed assets for a year (immutable, gzipped when asked) and index.html revalidated', async () => {
    const asset = await fetch(`${origin(dev)}/assets/main-abc123.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await asset.text()).toContain('控制台');
    // Raw bytes through node:http (fetch would decode): gzip when the browser accepts it.
    const gz = await new Promise<{
      headers: http.IncomingHttpHeaders;
      body: Buffer;
    }>((resolve, reject) => {
      http.get(`${origin(dev)}/assets/main-abc123.js`, { headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res
          .on('data', (c: Buffer) => chunks.push(c))
          .on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
          .on('error', reject);
      });
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('控制台');

    const index = await fetch(`${origin(dev)}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<title>控制台</title>');
  });

  it('answers client routes with index.html, a missing asset with 404, and leaves /graphql and /healthz alone', async () => {
    for (const route of ['/dashboard', '/stations/0b6f4c1e-1d7a-4b8e-9d6a-1b2c3d4e5f60', '/campaign/new?x=1']) {
      const res = await fetch(origin(dev) + route);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>控制台</title>');
    }
    expect((await fetch(`${origin(dev)}/assets/missing-000.js`)).status).toBe(404);
    expect((await fetch(`${origin(dev)}/favicon.ico`)).status).toBe(404);
    expect((await fetch(`${origin(dev)}/..%2f..%2fetc%2fpasswd`)).status).not.toBe(200);
    expect((await fetch(`${origin(dev)}/healthz`)).status).toBe(200);
    const gql = await fetch(dev.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await gql.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves the explorer page at /explorer', async () => {
    const res = await fetch(`${origin(dev)}/explorer`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('接口调试');
  });
});

describe('POST /dev/token', () => {
  const post = (g: RunningGateway, body: unknown) =>
    fetch(`${origin(g)}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('signs a development token the gateway accepts, for a coherent grant', async () => {
    const res = await post(dev, { role: 'CITY_ADMIN', regionCode: '430100' });
    expect(res.status).toBe(200);
    const { token, user } = (await res.json()) as {
      token: string;
      user: unknown;
    };
    expect(user).toMatchObject({ roles: ['CITY_ADMIN'], regionCode: '430100' });
    await expect(createTokenVerifier({ secret: SECRET, algorithms: ['HS256'] }).verify(token)).resolves.toMatchObject({
      roles: ['CITY_ADMIN'],
    });
  });

  it('refuses an incoherent grant in Chinese', async () => {
    const res = await post(dev, { role: 'CITY_ADMIN', regionCode: '430102' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/登录凭证无效/);
    expect((await post(dev, { role: 'ROOT' })).status).toBe(400);
  });

  it('does not exist in production', async () => {
    const res = await post(prod, {
      role: 'PROVINCE_ADMIN',
      regionCode: '430000',
    });
    // Not routed: the console's catch-all answers (405, it serves only GET).
    expect([404, 405]).toContain(res.status);
    expect(await res.text()).not.toContain('token');
    // The sign-in page's question gets no JSON answer in production, so it hides the development tab.
    const probe = await fetch(`${origin(prod)}/dev/token`, {
      headers: { accept: 'application/json' },
    });
    expect(probe.headers.get('content-type') ?? '').not.toContain('json');
  });

  it('tells the sign-in page that development sign-in exists here', async () => {
    const res = await fetch(`${origin(dev)}/dev/token`, {
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ available: true });
  });
});

describe('downloads through the public origin', () => {
  it('forwards /export/stations/… to the volunteers service with the caller token and streams the answer', async () => {
    const path = '/export/stations/0b6f4c1e-1d7a-4b8e-9d6a-1b2c3d4e5f60/ledger.csv?sheet=records';
    const ok = await fetch(origin(dev) + path, {
      headers: { authorization: 'Bearer t0k' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="ledger.csv"');
    expect(await ok.text()).toBe('姓名,时长\n雷小锋,3.5\n');
    expect(seen.at(-1)).toEqual({ url: path, authorization: 'Bearer t0k' });
    const anonymous = await fetch(origin(dev) + path);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });
});
