/** docker-compose.yml: the whole platform on one machine, wired per the process contract. */
import { GATEWAY, SUBGRAPHS, WORKER_PORT, allowedEnv, entryPoint, requiredEnv } from './contract';
import { appServices, loadCompose } from './compose';

const compose = loadCompose();
const apps = appServices(compose);
const names = SUBGRAPHS.map((s) => s.name);

describe('docker-compose.yml', () => {
  it('uses the Compose spec (no version key) and defines exactly the platform services', () => {
    expect(compose).not.toHaveProperty('version');
    const expected = ['postgres', 'redis', GATEWAY.name, ...names.flatMap((n) => [n, `${n}-worker`, `${n}-migrate`])];
    expect(Object.keys(compose.services).sort()).toEqual(expected.sort());
    expect(apps.map((a) => a.key).sort()).toEqual(expected.filter((k) => k !== 'postgres' && k !== 'redis').sort());
  });

  it('builds every app service from the root Dockerfile with its SERVICE and never pulls it', () => {
    for (const { key, service, def } of apps) {
      expect([key, def.build?.context, def.build?.dockerfile ?? 'Dockerfile', def.build?.args]).toEqual([
        key,
        '.',
        'Dockerfile',
        { SERVICE: service },
      ]);
      expect([key, def.image]).toEqual([key, `leifeng/${service}:latest`]);
      expect([key, def.pull_policy]).toEqual([key, 'build']);
    }
  });

  it('runs the contract entry point of each process', () => {
    for (const { key, service, role, def } of apps)
      expect([key, def.command]).toEqual([key, ['node', entryPoint(service, role)]]);
  });

  it('passes only contract env names, with every required one, on the contract ports', () => {
    for (const { key, service, role, def } of apps) {
      const env = def.environment ?? {};
      expect([key, Object.keys(env).filter((n) => !allowedEnv(role, service).has(n))]).toEqual([key, []]);
      expect([key, requiredEnv(role).filter((n) => !(n in env))]).toEqual([key, []]);
      const port = {
        api: SUBGRAPHS.find((s) => s.name === service)?.port,
        worker: WORKER_PORT,
        gateway: GATEWAY.port,
        migrate: undefined,
      }[role];
      expect([key, env.PORT]).toEqual([key, port === undefined ? undefined : String(port)]);
      if (role !== 'gateway')
        expect([key, env.DATABASE_URL]).toEqual([key, `postgres://postgres:postgres@postgres:5432/leifeng_${service}`]);
      expect([key, env.NODE_ENV, env.REDIS_URL]).toEqual([key, 'production', 'redis://redis:6379']);
    }
  });

  // Issue 14: as in production, no shared HMAC secret anywhere; tokens are verified through identity's JWKS.
  it("verifies every token through identity's JWKS and holds no shared secret", () => {
    for (const { key, def } of apps) {
      const env = def.environment ?? {};
      expect([key, 'JWT_SECRET' in env]).toEqual([key, false]);
      expect([key, env.JWT_ALGORITHMS?.split(',').some((a) => a.startsWith('HS'))]).toEqual([key, false]);
      expect([key, env.JWT_JWKS_URL]).toEqual([key, 'http://identity:4005/.well-known/jwks.json']);
    }
    expect(JSON.stringify(compose)).not.toMatch(/JWT_SECRET|HS256/);
  });

  it('gives each service that reads the graph its own client, registered by identity-migrate', () => {
    const fallback = (v: string) => /^\$\{[A-Z_]+:-(.+)\}$/.exec(v)?.[1] ?? '';
    const registered = new Map(
      String(compose.services['identity-migrate'].environment?.SERVICE_CLIENTS ?? '')
        .split(',')
        .map((pair) => {
          const i = pair.indexOf('=');
          return [pair.slice(0, i), pair.slice(i + 1)] as const;
        }),
    );
    const clients = new Set<string>();
    for (const { key, service, def } of apps) {
      const env = def.environment ?? {};
      if (!env.GATEWAY_URL || service === 'identity') {
        expect([key, env.SERVICE_CLIENT_ID, env.SERVICE_CLIENT_SECRET]).toEqual([key, undefined, undefined]);
        continue;
      }
      expect([key, env.SERVICE_CLIENT_ID, env.SERVICE_TOKEN_URL]).toEqual([
        key,
        service,
        'http://identity:4005/oauth/token',
      ]);
      expect([key, registered.get(service)]).toEqual([key, env.SERVICE_CLIENT_SECRET]);
      expect(fallback(env.SERVICE_CLIENT_SECRET ?? '').length).toBeGreaterThanOrEqual(32);
      clients.add(service);
    }
    expect([...clients].sort()).toEqual([...registered.keys()].sort());
    expect(new Set([...registered.values()]).size).toBe(registered.size);
  });

  it('orders start-up: postgres -> migrate -> API and worker -> gateway', () => {
    for (const n of names) {
      expect(compose.services[`${n}-migrate`].depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
      });
      expect(compose.services[`${n}-migrate`].restart).toBe('no');
      for (const key of [n, `${n}-worker`]) {
        const deps = compose.services[key].depends_on ?? {};
        expect([key, deps[`${n}-migrate`]]).toEqual([key, { condition: 'service_completed_successfully' }]);
        expect([key, deps.redis]).toEqual([key, { condition: 'service_healthy' }]);
      }
    }
    const gatewayDeps = compose.services[GATEWAY.name].depends_on ?? {};
    for (const n of names) expect(gatewayDeps[n]).toEqual({ condition: 'service_healthy' });
  });

  it('health-checks every long-running process on /healthz and every service_healthy dependency', () => {
    for (const { key, role, def } of apps) {
      if (role === 'migrate') expect(def.healthcheck).toEqual({ disable: true });
      else expect([key, def.healthcheck?.test?.join(' ')]).toEqual([key, expect.stringContaining('/healthz')]);
    }
    for (const [key, def] of Object.entries(compose.services)) {
      for (const [dep, { condition }] of Object.entries(def.depends_on ?? {})) {
        if (condition === 'service_healthy')
          expect([key, dep, compose.services[dep]?.healthcheck?.test?.length]).toEqual([key, dep, expect.any(Number)]);
        expect(['service_healthy', 'service_completed_successfully']).toContain(condition);
      }
    }
  });

  it('runs redis durably and without eviction (BullMQ loses jobs otherwise)', () => {
    const redis = compose.services.redis;
    expect(redis.image).toMatch(/^redis:7/);
    expect(redis.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(redis.command?.join(' ')).toMatch(/--maxmemory-policy noeviction/);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('runs postgres 16 with a readiness check and named volumes for both stores', () => {
    const pg = compose.services.postgres;
    expect(pg.image).toBe('postgres:16');
    expect(pg.environment?.POSTGRES_PASSWORD).toBe('postgres');
    expect(pg.healthcheck?.test?.join(' ')).toMatch(/pg_isready/);
    for (const key of ['postgres', 'redis']) {
      const volume = compose.services[key].volumes?.[0]?.split(':')[0];
      expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    }
  });

  it('publishes the gateway, the notice boards, Postgres and Redis (loopback only, for the dev/test fallback) and nothing else', () => {
    const published = Object.entries(compose.services).filter(([, def]) => def.ports?.length);
    expect(published.map(([key, def]) => [key, def.ports])).toEqual([
      ['postgres', ['127.0.0.1:${POSTGRES_HOST_PORT:-5432}:5432']],
      ['redis', ['127.0.0.1:${REDIS_HOST_PORT:-6379}:6379']],
      ['notifications', ['4004:4004']],
      [GATEWAY.name, [`${GATEWAY.port}:${GATEWAY.port}`]],
    ]);
    const env = compose.services[GATEWAY.name].environment ?? {};
    for (const s of SUBGRAPHS) expect(env[`${s.name.toUpperCase()}_URL`]).toBe(`http://${s.name}:${s.port}/graphql`);
  });
});
