import { Queue } from 'bullmq';
import { parse } from 'graphql';
import { createRedis, startSubgraphApi, type RunningProcess, type SubgraphModule } from '../src';
import { createTestDatabase, testEnv, tokenFor, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '../src/testing';

const opsModule: SubgraphModule = {
  name: 'notifications',
  defaultPort: 0,
  typeDefs: parse(`type Query { ping: String }`),
  resolvers: { Query: { ping: () => 'pong' } },
  entities: [],
  migrations: [],
  context: (base) => base,
  queueDashboard: true,
};

let db: TestDatabase;
let api: RunningProcess;
let queue: Queue;
const prefix = `t${uniqueSuffix()}`;
const producer = createRedis(TEST_REDIS_URL, 'producer');

beforeAll(async () => {
  db = await createTestDatabase('dashboard');
  queue = new Queue('sms-send', { connection: producer, prefix });
  await queue.add('send', { messageId: 'm1' }, { jobId: 'm1' });
  api = await startSubgraphApi(opsModule, { env: testEnv(db.url, prefix) });
});

afterAll(async () => {
  await api.stop();
  await queue.obliterate({ force: true });
  await queue.close();
  producer.disconnect();
  await db.drop();
});

const dashboard = (path = '', init: RequestInit = {}) =>
  fetch(`${api.url}/admin/queues${path}`, { redirect: 'manual', ...init });

it('refuses anonymous callers and anyone but a province admin', async () => {
  expect((await dashboard()).status).toBe(401);
  const city = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
  const res = await dashboard('', {
    headers: { authorization: `Bearer ${city}` },
  });
  expect(res.status).toBe(403);
  expect(await res.text()).toMatch(/省级管理员/);
});

it('shows every queue under the prefix to a province admin', async () => {
  const province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
  const page = await dashboard('', {
    headers: { authorization: `Bearer ${province}` },
  });
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/<html/i);
  const api = await dashboard('/api/queues', {
    headers: { authorization: `Bearer ${province}` },
  });
  const body = (await api.json()) as {
    queues: { name: string; counts: Record<string, number> }[];
  };
  expect(body.queues.map((q) => q.name)).toContain('sms-send');
  expect(body.queues.find((q) => q.name === 'sms-send')?.counts.waiting).toBe(1);
});

it('exchanges ?token= for an HttpOnly cookie scoped to the dashboard', async () => {
  const province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
  const login = await dashboard(`?token=${province}`);
  expect(login.status).toBe(303);
  const cookie = login.headers.get('set-cookie')!;
  expect(cookie).toMatch(/HttpOnly; SameSite=Strict; Path=\/admin\/queues/);
  const withCookie = await dashboard('/api/queues', {
    headers: { cookie: cookie.split(';')[0] },
  });
  expect(withCookie.status).toBe(200);
});
