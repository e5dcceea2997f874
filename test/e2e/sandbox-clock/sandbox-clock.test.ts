import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRedis, readServiceConfig, sandboxClockKey } from '@leifeng/kit';
import { gql, tokenFor, typedQuery, waitFor, type TypedQuery } from '@leifeng/kit/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { startTestPlatform, type TestPlatform } from '../../support/platform';
import { CREATE, stationInput } from '../../../services/stations/test/fixtures';
import { readVolunteersConfig } from '../../../services/volunteers/src/config';
import { EXPIRY_QUEUE, startExpiryJob } from '../../../services/volunteers/src/jobs/expiry-job';
import { startReviewWorker } from '../../../services/accreditation/src/jobs/review-worker';

/**
 * The sandbox clock (issue 13 §5): a SANDBOX deployment whose province admin reads and advances the
 * platform clock through the gateway; every service's business time follows it (stations' closedAt),
 * a separate process reads the same offset, the yearly re-review (accreditation) and the nightly
 * time-bank expiry (volunteers) fire when the sandbox clock passes them, and the offset survives Redis
 * losing it (Postgres copy).
 */
let platform: TestPlatform;
let db: Client;
let review: Awaited<ReturnType<typeof startReviewWorker>>;
const t: Record<string, string> = {};
const CLOCK = typedQuery<{ sandboxClock: { enabled: boolean; now: string; offsetMs: string; changes: unknown[] } }>(
  `{ sandboxClock { enabled now offsetMs changes { from to advancedBy } } }`,
);
const ADVANCE = typedQuery<{ advanceSandboxClock: { enabled: boolean; now: string; offsetMs: string } }>(
  `mutation($input: AdvanceSandboxClockInput!) { advanceSandboxClock(input: $input) { enabled now offsetMs } }`,
);
const call = <T>(token: string | undefined, query: TypedQuery<T>, variables: Record<string, unknown> = {}) =>
  gql(platform.url, query, variables, { token });
const ok = async <T>(token: string | undefined, query: TypedQuery<T>, variables: Record<string, unknown> = {}) => {
  const res = await call(token, query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  if (res.data === undefined) throw new Error(`no data for ${query}`);
  return res.data;
};

beforeAll(async () => {
  platform = await startTestPlatform({
    env: { SANDBOX: 'true', SANDBOX_CLOCK_REFRESH_MS: '100' },
    workers: ['stations', 'volunteers', 'accreditation'],
    // The volunteers worker process runs the nightly expiry job (src/worker.ts).
    extraWorkers: {
      volunteers: (deps) => startExpiryJob(deps, readVolunteersConfig({ ...process.env })),
    },
  });
  const acc = platform.subgraphs.accreditation;
  review = await startReviewWorker(acc.worker!.deps, {
    env: { ...process.env, ...acc.env, GATEWAY_URL: platform.url },
  });
  db = new Client({ connectionString: acc.db.url });
  await db.connect();
  t.province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
  t.city = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
}, 180000);

afterAll(async () => {
  await review?.close();
  await db?.end();
  await platform?.stop();
});

it('refuses SANDBOX=true together with NODE_ENV=production', () => {
  expect(() =>
    readServiceConfig('accreditation', 0, {
      NODE_ENV: 'production',
      SANDBOX: 'true',
      JWT_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://a@b/c',
      REDIS_URL: 'redis://r:6379',
    }),
  ).toThrow(/SANDBOX=true cannot be combined with NODE_ENV=production/);
  expect(readServiceConfig('accreditation', 0, { NODE_ENV: 'test', SANDBOX: 'true' }).sandbox).toBe(true);
  expect(readServiceConfig('accreditation', 0, { NODE_ENV: 'test' }).sandbox).toBe(false);
});

it('a province admin reads and advances the clock; others cannot; never backwards', async () => {
  const before = (await ok(t.province, CLOCK)).sandboxClock;
  expect(before).toMatchObject({ enabled: true, offsetMs: '0', changes: [] });
  expect(Math.abs(Date.parse(before.now) - Date.now())).toBeLessThan(60000);
  for (const [token, input, code] of [
    [t.city, { days: 1 }, 'FORBIDDEN'],
    [undefined, { days: 1 }, 'UNAUTHENTICATED'],
    [t.province, { to: '2020-01-01T00:00:00Z' }, 'CLOCK_BACKWARDS'],
    [t.province, { days: 1, to: '2040-01-01T00:00:00Z' }, 'INVALID_INPUT'],
  ] as const) {
    const res = await call(token, ADVANCE, { input });
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
  }
  expect(Number((await db.query(`SELECT count(*) AS n FROM sandbox_clock_change`)).rows[0].n)).toBe(0);
});

it('every service follows it; the yearly re-review and the nightly expiry fire when it passes them', async () => {
  const {
    rows: [{ n: runsBefore }],
  } = await db.query(`SELECT count(*)::int AS n FROM review_run WHERE trigger = 'SCHEDULE'`);
  expect(runsBefore).toBe(0);
  const year = new Date().getUTCFullYear() + 1;
  // 15 October 03:00 Asia/Shanghai is the re-review's cron (REVIEW_CRON); 02:30 every night the expiry's.
  const to = `${year}-10-15T03:00:30+08:00`;
  const advanced = (await ok(t.province, ADVANCE, { input: { to } })).advanceSandboxClock;
  expect(Date.parse(advanced.now)).toBeGreaterThanOrEqual(Date.parse(to));

  // Another service's business time: stations stamps closedAt with the sandbox time.
  const station = (
    await ok(t.city, CREATE, {
      input: stationInput({ name: '芙蓉区演练时钟测试站' }),
    })
  ).createStation.id;
  const closed = (
    await ok<{ closeStation: { id: string; status: string; closedAt: string } }>(
      t.city,
      `mutation($id: ID!) { closeStation(id: $id, reason: "演练：站点撤销") { id status closedAt } }`,
      { id: station },
    )
  ).closeStation;
  expect(closed.closedAt.slice(0, 4)).toBe(String(year));

  // A separate process reads the same shared clock through the kit.
  const script = `const k=require(${JSON.stringify(join(__dirname, '../../../packages/kit/dist'))});const r=k.createRedis(${JSON.stringify(platform.subgraphs.accreditation.env.REDIS_URL)},'client');
    k.startSandboxClockSync(r,${JSON.stringify(platform.bullPrefix)},k.createLogger('probe','silent')).then(s=>{console.log(k.systemClock.now().toISOString());s.stop();r.quit();});`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script]);
  expect(stdout.trim().slice(0, 4)).toBe(String(year));

  // The scheduled re-review of that year ran on the sandbox date; the volunteers' expiry job ran too.
  await waitFor(
    async () =>
      (await db.query(`SELECT 1 FROM review_run WHERE run_key = $1 AND status = 'COMPLETED'`, [`scheduled-${year}`]))
        .rows.length === 1,
    20000,
    'scheduled re-review',
  );
  expect(
    (await db.query(`SELECT as_of::text AS "asOf", trigger FROM review_run WHERE run_key = $1`, [`scheduled-${year}`]))
      .rows[0],
  ).toEqual({ asOf: `${year}-10-15`, trigger: 'SCHEDULE' });
  const conn = createRedis(platform.subgraphs.volunteers.env.REDIS_URL, 'client');
  const expiry = new Queue(EXPIRY_QUEUE, {
    connection: conn,
    prefix: platform.bullPrefix,
  });
  try {
    await waitFor(
      async () => (await expiry.getJobs(['completed'])).some((j) => j.id?.startsWith('sandbox-expire-')),
      20000,
      'sandbox expiry job',
    );
  } finally {
    await expiry.close();
    await conn.quit().catch(() => undefined);
  }
});

it('keeps the offset in Postgres and puts it back when Redis lost it', async () => {
  const before = (await ok(t.province, CLOCK)).sandboxClock;
  expect(before.changes).toHaveLength(1);
  const redis = createRedis(platform.subgraphs.accreditation.env.REDIS_URL, 'client');
  try {
    await redis.del(sandboxClockKey(platform.bullPrefix)); // only this test's prefix
    expect(await redis.get(sandboxClockKey(platform.bullPrefix))).toBeNull();
    const after = (await ok(t.province, CLOCK)).sandboxClock;
    expect(after.offsetMs).toBe(before.offsetMs);
    expect(await redis.get(sandboxClockKey(platform.bullPrefix))).toBe(before.offsetMs);
  } finally {
    await redis.quit();
  }
});
