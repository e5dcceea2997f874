import { StatementCounter, tokenFor, typedQuery, type GqlResponse, type TypedQuery } from '@leifeng/kit/testing';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { CREATE, stationInput } from '../../stations/test/fixtures';
import { cacheKey, ResponseStore } from '../src/public-response-cache';

/** A GraphQL answer read straight off the gateway. */
type GqlBody<T = unknown> = Omit<GqlResponse<T>, 'status'>;

describe('ResponseStore', () => {
  it('forgets answers after the TTL', () => {
    let now = 1000;
    const store = new ResponseStore({
      ttlMs: 5000,
      maxBytes: 1000,
      now: () => now,
    });
    store.set('k', { data: { a: 1 } }, 10);
    now += 4999;
    expect(store.get('k')).toEqual({ data: { a: 1 } });
    now += 1;
    expect(store.get('k')).toBeUndefined();
    expect(store.usedBytes).toBe(0);
  });

  it('evicts the least recently used answers beyond the memory budget and skips answers larger than it', () => {
    const store = new ResponseStore({ ttlMs: 60_000, maxBytes: 100 });
    store.set('a', { data: { n: 'a' } }, 40);
    store.set('b', { data: { n: 'b' } }, 40);
    store.get('a'); // a is now more recent than b
    store.set('c', { data: { n: 'c' } }, 40);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
    expect(store.get('c')).toBeDefined();
    expect(store.usedBytes).toBe(80);
    store.set('huge', { data: {} }, 101);
    expect(store.get('huge')).toBeUndefined();
    expect(store.size).toBe(2);
    // A fresh answer too big to keep also drops the older one under its key (never served past it).
    store.set('a', { data: { n: 'a2' } }, 101);
    expect(store.get('a')).toBeUndefined();
    expect(store.usedBytes).toBe(40);
  });

  it('keys by operation name, variables and text', () => {
    const q = 'query Q($id: ID!) { station(id: $id) { name } }';
    expect(cacheKey(q, 'Q', { id: '1' })).not.toBe(cacheKey(q, 'Q', { id: '2' }));
    expect(cacheKey(q, 'Q', { id: '1' })).not.toBe(cacheKey(q, null, { id: '1' }));
    expect(cacheKey(q, 'Q', undefined)).toBe(cacheKey(q, 'Q', {}));
  });
});

describe('public response cache at the gateway', () => {
  let platform: TestPlatform;
  const statements = new StatementCounter();
  let admin: string;
  let stationId: string;
  const NAME = typedQuery<{ station: { id: string; name: string } | null }>(
    `query StationName($id: ID!) { station(id: $id) { id name } }`,
  );

  async function post<T>(
    query: TypedQuery<T>,
    variables: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlBody<T>;
    return { body, cache: res.headers.get('x-response-cache') };
  }
  const stationReads = () => statements.statements.filter((s) => /FROM "?stations"?/i.test(s)).length;

  beforeAll(async () => {
    platform = await startTestPlatform({
      queryLoggers: { stations: statements },
      gatewayEnv: { PUBLIC_RESPONSE_CACHE_TTL_MS: '60000' },
    });
    admin = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
    const res = await fetch(platform.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin}`,
      },
      body: JSON.stringify({
        query: CREATE,
        variables: { input: stationInput({ name: '缓存测试站' }) },
      }),
    });
    stationId = ((await res.json()) as GqlBody<{ createStation: { id: string } }>).data!.createStation.id;
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers a repeated anonymous query from the cache without asking the subgraph, until the client asks for a fresh answer', async () => {
    const first = await post(NAME, { id: stationId });
    expect(first).toEqual({
      body: { data: { station: { id: stationId, name: '缓存测试站' } } },
      cache: 'miss',
    });

    const rename = await fetch(platform.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin}`,
      },
      body: JSON.stringify({
        query: 'mutation($id: ID!) { updateStation(id: $id, input: { name: "缓存测试站（改名）" }) { name } }',
        variables: { id: stationId },
      }),
    });
    expect(((await rename.json()) as GqlBody<{ updateStation: { name: string } }>).data!.updateStation.name).toBe(
      '缓存测试站（改名）',
    );

    const before = stationReads();
    const second = await post(NAME, { id: stationId });
    expect(second).toEqual({ body: first.body, cache: 'hit' }); // stale by design, for at most the TTL
    expect(stationReads()).toBe(before);

    const fresh = await post(NAME, { id: stationId }, { 'cache-control': 'no-cache' });
    expect(fresh.body.data?.station?.name).toBe('缓存测试站（改名）');
    expect(stationReads()).toBeGreaterThan(before);
    expect((await post(NAME, { id: stationId })).body.data?.station?.name).toBe('缓存测试站（改名）');
    // The other ways a client asks for a fresh answer skip the cache as well.
    for (const headers of [
      { 'cache-control': 'no-store' },
      { 'cache-control': 'max-age=0' },
      { pragma: 'no-cache' },
    ] as Record<string, string>[]) {
      const reads = stationReads();
      expect((await post(NAME, { id: stationId }, headers)).cache).toBe('miss');
      expect(stationReads()).toBeGreaterThan(reads);
    }
    expect((await post(NAME, { id: stationId }, { 'cache-control': 'max-age=60' })).cache).toBe('hit');
  });

  it('answers a document with no operation to pick with 400 OPERATION_RESOLUTION_FAILURE (was a 500 from the gateway executor), caching nothing', async () => {
    const res = await fetch(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query A { __typename } query B { __typename }',
      }),
    });
    const body = (await res.json()) as GqlBody;
    expect(res.status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: '请求包含多个操作时须用 operationName 指定执行哪一个',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    });
    expect(res.headers.get('x-response-cache')).toBeNull();
    const named = await fetch(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query A { __typename }',
        operationName: 'C',
      }),
    });
    expect(named.status).toBe(400);
    expect(((await named.json()) as GqlBody).errors?.[0]).toMatchObject({
      message: '请求中没有名为 C 的操作',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    });
  });

  it('never serves or stores answers for callers with a token', async () => {
    const anonymous = await post(NAME, { id: stationId });
    expect(anonymous.cache).toBe('hit');
    const before = stationReads();
    const res = await post(NAME, { id: stationId }, { authorization: `Bearer ${admin}` });
    expect(res.cache).toBeNull();
    expect(res.body.data?.station?.id).toBe(stationId);
    expect(stationReads()).toBeGreaterThan(before);
  });

  it('does not keep answers with errors, or other operations than queries', async () => {
    // recentEvents needs a token: the anonymous answer carries an error and must be asked again each time.
    const q = `query($id: ID!) { station(id: $id) { id recentEvents { type } } }`;
    const a = await post(q, { id: stationId });
    expect(a.body.errors?.length).toBeGreaterThan(0);
    expect(a.cache).toBeNull();
    const before = stationReads();
    const b = await post(q, { id: stationId });
    expect(b.cache).toBeNull();
    expect(stationReads()).toBeGreaterThan(before);

    const m = await post('mutation($id: ID!) { updateStation(id: $id, input: { name: "匿名改名" }) { name } }', {
      id: stationId,
    });
    expect(m.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(m.cache).toBeNull();
  });

  it('keeps separate answers per variables', async () => {
    const other = await post(NAME, {
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(other.body.data?.station).toBeNull();
    expect(other.cache).toBe('miss');
    expect((await post(NAME, { id: stationId })).body.data?.station?.id).toBe(stationId);
  });
});
