import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { createDataSource, createLogger, createRedis, migrateDatabase } from '@leifeng/kit';
import { createTestDatabase, TEST_REDIS_URL, uniqueSuffix, waitFor, type TestDatabase } from '@leifeng/kit/testing';
import { readNotificationsConfig } from '../src/config';
import { smsJobProcessor } from '../src/jobs/channel-workers';
import { notificationsModule } from '../src/module';
import { AliyunSmsProvider } from '../src/services/aliyun-sms-provider';
import { ProviderRateLimiter } from '../src/services/provider-rate';
import { SmsRateLimiter } from '../src/services/sms-rate-limiter';
import { SmsSender } from '../src/services/sms-sender';
import { fakeAliyun, mostInWindow } from './fakes';

/**
 * The provider-wide send rate: at most N sends in ANY interval of the duration (a sliding second, as
 * the provider counts), across every worker process, on Redis' clock. Asserted on the Redis times the
 * slots were granted for; arrivals at the local provider get a jitter allowance (timers and HTTP on a
 * loaded machine), which a fixed-window limiter still fails by far (1.4–1.5 × N).
 */
const logger = createLogger('provider-rate-test', 'silent');
const conns: Redis[] = [];
const JITTER_MS = 100;
const redisTimeUs = async (r: Redis) => {
  const [s, us] = await r.time();
  return Number(s) * 1e6 + Number(us);
};

afterAll(async () => {
  await Promise.all(conns.map((c) => c.quit()));
});

function connection(role: 'client' | 'worker' | 'producer' = 'client'): Redis {
  const c = createRedis(TEST_REDIS_URL, role);
  conns.push(c);
  return c;
}

describe('ProviderRateLimiter (Redis sliding log)', () => {
  it('never grants more than N in any sliding window across several connections, and keeps ≥ 0.95 × N', async () => {
    const N = 20;
    const D = 1000;
    const prefix = `t${uniqueSuffix()}`;
    // Four "worker processes" (own connection and limiter object), twelve concurrent jobs each.
    const limiters = Array.from(
      { length: 4 },
      () =>
        new ProviderRateLimiter(connection(), prefix, {
          max: N,
          durationMs: D,
        }),
    );
    const grants: number[] = [];
    let refused = 0;
    const WANT = 4 * N;
    const before = await redisTimeUs(conns[0]);
    await Promise.all(
      limiters.flatMap((limiter) =>
        Array.from({ length: 12 }, async () => {
          // As SmsSender does: check (nothing taken), then take the slot and wait for it.
          while (grants.length < WANT) {
            const free = await limiter.check();
            if (!free.ok) {
              refused++;
              // Not synchronization: a caller honouring the limiter's "come back in retryInMs", as SmsSender's
              // job does (the wait is the behaviour under test: the grants it leads to are asserted).
              await sleep(free.retryInMs);
              continue;
            }
            const slot = await limiter.reserve();
            grants.push(slot.atUs);
            await slot.ready();
          }
        }),
      ),
    );
    const after = await redisTimeUs(conns[0]);
    grants.sort((a, b) => a - b);
    expect(grants.length).toBeGreaterThanOrEqual(WANT);
    // Granted on Redis' clock, within the run.
    expect(grants[0]).toBeGreaterThanOrEqual(before);
    expect(grants.at(-1)!).toBeLessThanOrEqual(after);
    // The guarantee: no half-open interval of D ms holds more than N grants (it does reach N).
    expect(mostInWindow(grants, D * 1000)).toBe(N);
    for (let i = 0; i + N < grants.length; i++) expect(grants[i + N] - grants[i]).toBeGreaterThanOrEqual(D * 1000);
    // Throughput over three whole windows from the first grant (reservations absorb the jobs' own lag).
    const inThree = grants.filter((g) => g < grants[0] + 3 * D * 1000).length;
    expect(inThree).toBeGreaterThanOrEqual(Math.ceil(0.95 * 3 * N));
    // 48 acquirers, at most ~2 × 20 slots within a window from now: some were told to come back.
    expect(refused).toBeGreaterThan(0);
    // The log is bounded (one window of grants plus at most one reservation per caller) and expires.
    const [card, pttl] = await Promise.all([conns[0].zcard(limiters[0].key), conns[0].pttl(limiters[0].key)]);
    expect(card).toBeLessThanOrEqual(N + 48);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(4 * 1020 + 1000);
  }, 30000);

  it('says "not now" beyond one window without taking a slot; a slot taken anyway still keeps the spacing', async () => {
    const r = connection();
    const limiter = new ProviderRateLimiter(r, `t${uniqueSuffix()}`, {
      max: 2,
      durationMs: 1000,
      marginMs: 20,
    });
    const now = await redisTimeUs(r);
    expect(await limiter.check()).toEqual({ ok: true });
    const s = [];
    for (let i = 0; i < 4; i++) s.push(await limiter.reserve());
    expect(s[0].atUs).toBeGreaterThanOrEqual(now);
    expect(s[0].waitMs).toBe(0);
    // The third and fourth go one window (1000 + 20 ms) after the first and second.
    expect(s[2].atUs - s[0].atUs).toBe(1_020_000);
    expect(s[3].atUs - s[1].atUs).toBe(1_020_000);
    expect(s[3].waitMs).toBeGreaterThan(500);
    // The next would be two windows away: not now, come back when it is one window away.
    const no = await limiter.check();
    expect(no).toEqual({ ok: false, retryInMs: expect.any(Number) });
    if (no.ok) throw new Error('unreachable');
    expect(no.retryInMs).toBeGreaterThan(500);
    expect(no.retryInMs).toBeLessThanOrEqual(1020);
    expect(await r.zcard(limiter.key)).toBe(4);
    // A caller that checked before the others took their slots gets the next one, further out.
    const late = await limiter.reserve();
    expect(late.atUs - s[2].atUs).toBe(1_020_000);
    expect(await r.zcard(limiter.key)).toBe(5);
    const pttl = await r.pttl(limiter.key);
    expect(pttl).toBeGreaterThan(2000);
    expect(pttl).toBeLessThanOrEqual(4 * 1020 + 1000);
  });

  it('after the clock steps back (grants far in the future), grants again at once instead of stalling for the step', async () => {
    const r = connection();
    const limiter = new ProviderRateLimiter(r, `t${uniqueSuffix()}`, {
      max: 2,
      durationMs: 1000,
      marginMs: 20,
    });
    const now = await redisTimeUs(r);
    // What a Redis that is now 10 minutes behind the one that granted these holds.
    await r.zadd(limiter.key, now + 600_000_000, 'a', now + 600_100_000, 'b');
    await r.pexpire(limiter.key, 700_000);
    expect(await limiter.check()).toEqual({ ok: true });
    const slot = await limiter.reserve();
    expect(slot.waitMs).toBeLessThan(100);
    expect(await r.zrange(limiter.key, 0, -1)).toHaveLength(1);
    // Grants within a normal queue's reach are kept: spacing still holds for them.
    const second = await limiter.reserve();
    const third = await limiter.reserve();
    expect(third.atUs - slot.atUs).toBe(1_020_000);
    expect(second.waitMs).toBeLessThan(100);
  });
});

describe('the notify-sms job under the provider rate', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let aliyun: Awaited<ReturnType<typeof fakeAliyun>>;

  beforeAll(async () => {
    db = await createTestDatabase('notif_rate');
    await migrateDatabase({
      url: db.url,
      entities: notificationsModule.entities,
      migrations: notificationsModule.migrations,
      logger,
    });
    ds = createDataSource({
      url: db.url,
      entities: notificationsModule.entities,
      migrations: notificationsModule.migrations,
      logger,
      poolMax: 6,
      applicationName: 'rate-test',
    } as never);
    await ds.initialize();
    aliyun = await fakeAliyun('rate-secret');
    // The process's first request pays the HTTP client's start-up (~100 ms here), a one-off delay
    // outside the limiter: pay it before measuring (unsigned, so the fake records no send).
    await fetch(aliyun.url, { method: 'POST', body: '' });
  });
  afterAll(async () => {
    await aliyun?.close();
    await ds?.destroy();
    await db?.drop();
  });

  it('sends every message once at 2 a second with 4 concurrent jobs and one attempt each (throttled jobs go back, not fail)', async () => {
    const PER_SECOND = 2;
    const M = 8;
    const prefix = `t${uniqueSuffix()}`;
    const redis = connection();
    const config = readNotificationsConfig({ NODE_ENV: 'test' });
    const sms = { ...config.sms, quietStart: '00:00', quietEnd: '00:00' };
    const sender = new SmsSender({
      ds,
      provider: new AliyunSmsProvider({
        endpoint: aliyun.url,
        accessKeyId: 'k',
        accessKeySecret: 'rate-secret',
        timeoutMs: 5000,
      }),
      directory: {
        phonesOf: async (_kind, ids) => ids.map((id) => `1390000${id.padStart(4, '0')}`),
      },
      limiter: new SmsRateLimiter(redis, prefix, sms.limits),
      providerRate: new ProviderRateLimiter(redis, prefix, {
        max: PER_SECOND,
        durationMs: 1000,
      }),
      config: sms,
      hashKey: 'k',
      logger,
      now: () => new Date(),
    });
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO sms_message (event_id, recipient_kind, recipient_id, template, params, kind, urgent)
       SELECT gen_random_uuid(), 'STATION_LEADER', i::text, 'TITLE_CONFERRED', '{"station":"东风站","level":"市级"}'::jsonb, 'NOTIFICATION', false
         FROM generate_series(1, $1) i RETURNING id`,
      [M],
    );
    const name = 'notify-sms-rate';
    const queue = new Queue(name, {
      connection: connection('producer'),
      prefix,
    });
    const failed: string[] = [];
    const worker = new Worker(name, smsJobProcessor(sender, queue), {
      connection: connection('worker'),
      prefix,
      concurrency: 4,
    });
    worker.on('failed', (job, err) => failed.push(`${job?.id}: ${err.message}`));
    try {
      await queue.addBulk(
        rows.map((r) => ({
          name: 'send',
          data: { messageId: r.id },
          opts: { jobId: `sms-${r.id}`, attempts: 1 },
        })),
      );
      await waitFor(
        async () => ((await queue.getJobCounts('completed')).completed === M ? true : undefined),
        20000,
        'all jobs completed',
      );
      // Nothing else arrives: no job left waiting, delayed or running.
      await waitFor(
        async () => {
          const c = await queue.getJobCounts('active', 'wait', 'delayed', 'prioritized');
          return c.active + c.wait + c.delayed + c.prioritized === 0;
        },
        5000,
        'queue idle',
      );
    } finally {
      await worker.close();
      await queue.close();
    }
    expect(failed).toEqual([]);
    const outIds = aliyun.sent.map((s) => s.outId);
    expect(outIds.sort()).toEqual(rows.map((r) => r.id).sort());
    expect(await ds.query(`SELECT status, attempts, count(*)::int AS n FROM sms_message GROUP BY 1, 2`)).toEqual([
      { status: 'SENT', attempts: 1, n: M },
    ]);
    const arrivals = aliyun.sent.map((s) => s.at.getTime()).sort((a, b) => a - b);
    expect(mostInWindow(arrivals, 1000 - JITTER_MS)).toBeLessThanOrEqual(PER_SECOND);
  }, 40000);
});
