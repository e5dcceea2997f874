import { Client } from 'pg';
import { gql, tokenFor, typedQuery, uniqueSuffix, waitFor, type TestSubgraph } from '@leifeng/kit/testing';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { startGateway } from '../src/server';
import { CREATE, stationInput } from '../../stations/test/fixtures';

let platform: TestPlatform;
let stations: TestSubgraph;
let notifications: TestSubgraph;
let url: string;
let changshaAdmin: string;

beforeAll(async () => {
  // Stations' relay publishes to the queue notifications consumes (one Redis prefix).
  platform = await startTestPlatform({
    workers: ['stations', 'notifications'],
    gatewayEnv: { GRAPHQL_MAX_DEPTH: '8', GRAPHQL_MAX_ALIASES: '5' },
  });
  ({ stations, notifications } = platform.subgraphs);
  url = platform.url;
  changshaAdmin = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
  });
});

afterAll(async () => {
  await platform?.stop();
});

describe('one graph over the subgraphs', () => {
  it('creates a station through the gateway and reads it with a field from another subgraph (event log)', async () => {
    const requestId = `req-${uniqueSuffix()}`;
    const created = await gql(
      url,
      CREATE,
      { input: stationInput({ name: '网关联邦测试站' }) },
      { token: changshaAdmin, headers: { 'x-request-id': requestId } },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createStation.id;

    // The request id travelled gateway → stations → outbox.
    const db = new Client({ connectionString: stations.db.url });
    await db.connect();
    const { rows } = await db.query(`SELECT request_id FROM outbox WHERE aggregate_id = $1`, [id]);
    await db.end();
    expect(rows).toEqual([{ request_id: requestId }]);

    // The event travels outbox → relay → BullMQ → notifications' event log; the query plan joins both subgraphs.
    const q = typedQuery<{ station: { name: string; recentEvents: unknown[] | null } | null }>(
      `query($id: ID!) { station(id: $id) { name region { fullName } recentEvents { type source occurredAt } } }`,
    );
    const res = await waitFor(
      async () => {
        const r = await gql(url, q, { id }, { token: changshaAdmin });
        return r.data?.station?.recentEvents?.length ? r : undefined;
      },
      15000,
      'station.created in the event log',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.station).toMatchObject({
      name: '网关联邦测试站',
      region: { fullName: '湖南省 长沙市 芙蓉区' },
      recentEvents: [{ type: 'station.created', source: 'stations' }],
    });

    // Another subgraph enforces its own rules on the same token: a different city's admin is refused there.
    const zhuzhou = await tokenFor({
      roles: ['CITY_ADMIN'],
      regionCode: '430200',
    });
    const denied = await gql(url, q, { id }, { token: zhuzhou });
    expect(denied.data?.station?.name).toBe('网关联邦测试站'); // public part still served
    expect(denied.errors?.[0]).toMatchObject({
      path: ['station', 'recentEvents'],
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('pages stations with a federated field at a bounded cost', async () => {
    const q = typedQuery<{ stations: { edges: unknown[] } }>(
      `{ stations(first: 50) { edges { node { id name recentEvents(first: 1) { type } } } } }`,
    );
    const res = await gql(url, q, {}, { token: changshaAdmin });
    expect(res.errors).toBeUndefined();
    expect(res.data?.stations.edges.length).toBeGreaterThan(0);
  });
});

describe('auth at the gateway and in the subgraphs', () => {
  it.each([
    ['anonymous', undefined, 'UNAUTHENTICATED'],
    ['wrong region', { roles: ['CITY_ADMIN' as const], regionCode: '430200' }, 'FORBIDDEN'],
    ['right region', { roles: ['COUNTY_ADMIN' as const], regionCode: '430102' }, undefined],
  ])('createStation as %s', async (label, claims, code) => {
    const token = claims ? await tokenFor(claims) : undefined;
    const res = await gql(url, CREATE, { input: stationInput({ name: `授权矩阵-${label}` }) }, { token });
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    if (!code) expect(res.data!.createStation.name).toBe(`授权矩阵-${label}`);
  });

  it('refuses a forged token at the gateway with 401 before any subgraph is asked', async () => {
    const [header, payload, signature] = (await tokenFor({ roles: ['PROVINCE_ADMIN'], regionCode: '430000' })).split(
      '.',
    );
    // Flip the first signature character (the last one may only carry padding bits).
    const forged = [header, payload, (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)].join('.');
    const res = await gql(url, `{ regions { code } }`, {}, { token: forged });
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('limits and protections', () => {
  it('rejects a query deeper than the limit with QUERY_TOO_DEEP', async () => {
    const res = await gql(
      url,
      `{ region(code: "430102") { parent { parent { children { children { parent { parent { parent { name } } } } } } } } }`,
    );
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(res.errors?.[0].message).toMatch(/嵌套层数/);
  });

  it('rejects too many aliases with TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: region(code: "430000") { name }`).join(' ');
    const res = await gql(url, `{ ${aliases} }`);
    expect(res.errors?.[0].extensions?.code).toBe('TOO_MANY_ALIASES');
  });

  it('rejects an oversized document with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await gql(url, `{ regions { code } } # ${'x'.repeat(200_000)}`);
    expect(res.status).toBe(413);
    expect(res.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('blocks simple cross-site GET requests (CSRF prevention)', async () => {
    const res = await fetch(`${url}?query=${encodeURIComponent('{ regions { code } }')}`);
    expect(res.status).toBe(400);
  });

  it('serves a real dashboard-sized query within the default limits', async () => {
    const res = await gql(
      url,
      `query Dashboard($region: ID!) {
      region(code: $region) { code name fullName children { code name level } }
      stations(filter: { regionCode: $region }, first: 100) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id name category status hotline establishedOn region { code name parent { name } }
          leader { name phone } openingHours { weekday opens closes } serviceItems { name } facilities recentEvents(first: 1) { type occurredAt } } }
      } }`,
      { region: '430100' },
      { token: changshaAdmin },
    );
    expect(res.errors).toBeUndefined();
  });
});

describe('observability', () => {
  const scrape = async (base: string) => (await fetch(`${base.replace(/\/graphql$/, '')}/metrics`)).text();
  /** The value of the series `name` whose labels include `labels` (label order does not matter). */
  const sample = (text: string, name: string, labels: Record<string, string>): number | undefined => {
    for (const line of text.split('\n')) {
      const m = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
      if (!m || m[1] !== name) continue;
      const got = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
      if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
    }
    return undefined;
  };

  it('exposes Prometheus series for HTTP, GraphQL operations, subgraph fetches, pools, queues, jobs and the outbox', async () => {
    // A mutation (→ outbox → relay → consumer job) and a named query.
    expect(
      (await gql(url, CREATE, { input: stationInput({ name: '指标测试站' }) }, { token: changshaAdmin })).errors,
    ).toBeUndefined();
    await gql(url, `query StationsForMetrics { stations(first: 5) { totalCount } }`);
    const gw = await scrape(url);
    expect(
      sample(gw, 'graphql_operation_duration_seconds_count', {
        process: 'gateway',
        operation: 'StationsForMetrics',
        type: 'query',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(gw, 'gateway_subgraph_fetch_duration_seconds_count', {
        process: 'gateway',
        subgraph: 'stations',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(gw, 'http_request_duration_seconds_count', {
        process: 'gateway',
        method: 'POST',
        route: '/graphql',
        status: '200',
      }),
    ).toBeGreaterThan(0);

    const api = await scrape(stations.api.url);
    expect(
      sample(api, 'db_pool_connections', {
        process: 'stations-api',
        state: 'total',
      }),
    ).toBeGreaterThan(0);
    // The gateway names subgraph operations <operation>__<subgraph>__<n>, so the client's name shows here too.
    expect(
      sample(api, 'graphql_operation_duration_seconds_count', {
        process: 'stations-api',
        operation: 'StationsForMetrics__stations__0',
      }),
    ).toBeGreaterThan(0);

    const consumer = await waitFor(
      async () => {
        const text = await scrape(notifications.worker!.url);
        return (
          (sample(text, 'bullmq_jobs_processed_total', {
            process: 'notifications-worker',
            queue: 'events-notifications',
            outcome: 'completed',
          }) ?? 0) > 0 && text
        );
      },
      15000,
      'the consumer to finish a job',
    );
    expect(
      sample(consumer, 'bullmq_job_duration_seconds_count', {
        process: 'notifications-worker',
        queue: 'events-notifications',
        outcome: 'completed',
      }),
    ).toBeGreaterThan(0);

    // The consumer's finished job may be an earlier test's event: wait for the relay to drain this one too.
    const relay = await waitFor(
      async () => {
        const text = await scrape(stations.worker!.url);
        return (
          sample(text, 'outbox_backlog_events', {
            process: 'stations-worker',
          }) === 0 && text
        );
      },
      15000,
      'the relay to drain the outbox',
    );
    expect(sample(relay, 'outbox_backlog_events', { process: 'stations-worker' })).toBe(0);
    expect(
      sample(relay, 'outbox_oldest_unsent_age_seconds', {
        process: 'stations-worker',
      }),
    ).toBe(0);
    expect(
      sample(relay, 'bullmq_queue_jobs', {
        process: 'stations-worker',
        queue: 'events-notifications',
        state: 'completed',
      }),
    ).toBeGreaterThan(0);
  });
});

describe('production mode', () => {
  let prod: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    // Production verifies tokens only through JWKS: a shared secret beside it is refused at start.
    const { JWT_SECRET: _sharedSecret, ...withoutSecret } = stations.env;
    prod = await startGateway({
      env: {
        ...withoutSecret,
        NODE_ENV: 'production',
        PORT: '0',
        STATIONS_URL: stations.url,
        VOLUNTEERS_URL: platform.subgraphs.volunteers.url,
        ACCREDITATION_URL: platform.subgraphs.accreditation.url,
        NOTIFICATIONS_URL: notifications.url,
        IDENTITY_URL: platform.subgraphs.identity.url,
      },
    });
  });
  afterAll(() => prod?.stop());

  it('refuses introspection and gives no field suggestions', async () => {
    const intro = await gql(prod.url, `{ __schema { types { name } } }`);
    expect(intro.data).toBeUndefined();
    expect(intro.errors?.[0].message).toMatch(/introspection/i);
    const typo = await gql(prod.url, `{ stationz { id } }`);
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
    const dev = await gql(url, `{ stationz { id } }`);
    expect(dev.errors?.[0].message).toMatch(/Did you mean/);
  });
});

describe('cost limit wiring', () => {
  it('refuses a query over the configured cost with 400 QUERY_TOO_COMPLEX, a size given as a variable counting like one inline', async () => {
    const admin = await tokenFor({
      roles: ['PROVINCE_ADMIN'],
      regionCode: '430000',
    });
    const inline = `{ stations(first: 500) { edges { node { announcements(first: 100) { station { id } } } } } }`;
    const viaVars = `query($n: Int) { stations(first: 500) { edges { node { announcements(first: $n) { station { id } } } } } }`;
    for (const [query, variables] of [
      [inline, {}],
      [viaVars, { n: 100 }],
    ] as const) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${admin}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as {
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      expect([res.status, body.errors?.[0].extensions?.code]).toEqual([400, 'QUERY_TOO_COMPLEX']);
      expect(body.errors?.[0].message).toMatch(/查询复杂度超过上限 20000/);
    }
  });

  it('accepts the documented page of 500 reviews with their facts and station names (issue 11, 12b)', async () => {
    const admin = await tokenFor({
      roles: ['PROVINCE_ADMIN'],
      regionCode: '430000',
    });
    const q = `{ reviewRun(id: "00000000-0000-4000-8000-000000000000") { reviews(first: 500) { totalCount edges { cursor node { outcome reasons facts station { name } } } pageInfo { hasNextPage endCursor } } } }`;
    const res = await gql(url, q, {}, { token: admin });
    expect(res.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('QUERY_TOO_COMPLEX');
    expect(res.status).toBe(200);
  });
});
