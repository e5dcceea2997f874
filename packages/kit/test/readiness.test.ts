import net from 'node:net';
import { parse } from 'graphql';
import {
  closeServer,
  createHealth,
  createHttpServer,
  listen,
  startSubgraphApi,
  type RunningProcess,
  type SubgraphModule,
} from '../src';
import { createTestDatabase, testEnv, uniqueSuffix, waitFor, type TestDatabase } from '../src/testing';

/** A TCP proxy in front of Postgres: closing it is "the database went down" for the service only. */
class PgProxy {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  private port = 0;

  async start(): Promise<number> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(5432, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    // The first start picks a free port; restarts reuse it so the service's URL stays valid.
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  async kill(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

const minimalModule: SubgraphModule = {
  name: 'stations',
  defaultPort: 0,
  typeDefs: parse(`type Query { ping: String }`),
  resolvers: { Query: { ping: () => 'pong' } },
  entities: [],
  migrations: [],
  context: (base) => base,
};

let db: TestDatabase;
let api: RunningProcess;
let proxy: PgProxy;

beforeAll(async () => {
  db = await createTestDatabase('readiness');
  proxy = new PgProxy();
  const port = await proxy.start();
  const url = new URL(db.url);
  url.port = String(port);
  api = await startSubgraphApi(minimalModule, {
    env: testEnv(url.toString(), `t${uniqueSuffix()}`),
  });
});

afterAll(async () => {
  await api?.stop();
  await proxy.kill().catch(() => undefined);
  await db.drop();
});

const get = async (path: string) => {
  const res = await fetch(`${api.url}${path}`);
  return {
    status: res.status,
    body: (await res.json()) as {
      status: string;
      checks: Record<string, string>;
    },
  };
};

it('is ready while Postgres and Redis answer', async () => {
  expect(await get('/readyz')).toEqual({
    status: 200,
    body: { status: 'ready', checks: { postgres: 'ok', redis: 'ok' } },
  });
});

it('fails readiness (not liveness) while Postgres is down, without crashing, and recovers', async () => {
  await proxy.kill();
  const down = await get('/readyz');
  expect(down.status).toBe(503);
  // Status only: no driver message, host or port of the database reaches an anonymous caller.
  expect(down.body).toEqual({
    status: 'not-ready',
    checks: { postgres: 'unavailable', redis: 'ok' },
  });
  expect((await get('/healthz')).status).toBe(200);

  await proxy.start();
  // Barrier: ready again (polled, no fixed wait).
  const status = await waitFor(
    async () => {
      const s = (await get('/readyz')).status;
      return s === 200 && s;
    },
    5000,
    'ready again',
  );
  expect(status).toBe(200);
});

it('answers the public with status only and writes the failure itself to the log', async () => {
  const logged: unknown[][] = [];
  const secret = 'connect ECONNREFUSED 10.20.30.40:5432 (user leifeng_app)';
  const health = createHealth(
    {
      postgres: async () => {
        throw new Error(secret);
      },
      redis: async () => 'PONG',
    },
    { logger: { warn: (...args: unknown[]) => logged.push(args) } as never },
  );
  const server = createHttpServer({ routes: health.routes });
  const port = await listen(server, 0, '127.0.0.1');
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(JSON.parse(text)).toEqual({
      status: 'not-ready',
      checks: { postgres: 'unavailable', redis: 'ok' },
    });
    expect(text).not.toMatch(/ECONNREFUSED|10\.20\.30\.40|5432|leifeng_app/);
    expect(logged).toEqual([[{ check: 'postgres', err: secret }, 'readiness check failed']]);
  } finally {
    await closeServer(server);
  }
});
