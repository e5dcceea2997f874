import { createRedis, createLogger, migrateDatabase, createDataSource } from '@leifeng/kit';
import { createTestDatabase, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '@leifeng/kit/testing';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { readNotificationsConfig } from '../src/config';
import { notificationsModule } from '../src/module';
import { AliyunSmsProvider } from '../src/services/aliyun-sms-provider';
import { SmsRateLimiter } from '../src/services/sms-rate-limiter';
import { ProviderRateLimiter } from '../src/services/provider-rate';
import { SmsSender } from '../src/services/sms-sender';
import { checkTemplate, validateParams, TEMPLATES } from '../src/domain/sms-templates';
import { fakeAliyun } from './fakes';

const logger = createLogger('sms-test', 'silent');
let db: TestDatabase;
let ds: DataSource;
let redis: Redis;
let aliyun: Awaited<ReturnType<typeof fakeAliyun>>;
let clock: Date;
const LEADER = '13912345678';

beforeAll(async () => {
  db = await createTestDatabase('notif_sms');
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
    poolMax: 4,
    applicationName: 'sms-test',
  } as never);
  await ds.initialize();
  redis = createRedis(TEST_REDIS_URL, 'client');
  aliyun = await fakeAliyun('s3cret');
});
afterAll(async () => {
  await aliyun.close();
  await redis.quit();
  await ds.destroy();
  await db.drop();
});

function sender(
  limits = { perMinute: 1, perHour: 5, perDay: 10, perTemplateDay: 2 },
  timeoutMs = 2000,
  providerPerSecond = 1000,
) {
  const config = readNotificationsConfig({ NODE_ENV: 'test' });
  return new SmsSender({
    ds,
    provider: new AliyunSmsProvider({
      endpoint: aliyun.url,
      accessKeyId: 'k',
      accessKeySecret: 's3cret',
      timeoutMs,
    }),
    directory: { phonesOf: async (_kind, ids) => ids.map(() => LEADER) },
    limiter: new SmsRateLimiter(redis, `t${uniqueSuffix()}`, limits),
    providerRate: new ProviderRateLimiter(redis, `t${uniqueSuffix()}`, {
      max: providerPerSecond,
      durationMs: 1000,
    }),
    config: { ...config.sms, limits, maxAttempts: 3 },
    hashKey: 'k',
    logger,
    now: () => clock,
    receiptGraceMs: 0,
  });
}

async function message(template: string, params: Record<string, string>, urgent = false): Promise<string> {
  const t = TEMPLATES[template];
  const [row] = await ds.query(
    `INSERT INTO sms_message (event_id, recipient_kind, recipient_id, template, params, kind, urgent) VALUES (gen_random_uuid(), 'STATION_LEADER', 'x', $1, $2, $3, $4) RETURNING id`,
    [template, JSON.stringify(params), t.kind, urgent || t.urgent],
  );
  return row.id;
}
const status = async (id: string) =>
  (await ds.query(`SELECT status, attempts, phone_masked FROM sms_message WHERE id = $1`, [id]))[0];
const at = (iso: string) => new Date(iso);

describe('SMS rules with a controllable clock', () => {
  it('defers non-urgent notifications in quiet hours to 08:00 Asia/Shanghai, sends urgent ones', async () => {
    const s = sender();
    clock = at('2026-03-05T14:30:00Z'); // 22:30 in Shanghai
    const quiet = await message('REVIEW_COMPLETED', {
      station: '东风站',
      outcome: '通过',
    });
    expect(await s.process(quiet)).toEqual({
      kind: 'defer',
      until: at('2026-03-06T00:00:00Z'),
      reason: expect.any(String),
    });
    expect(await status(quiet)).toMatchObject({
      status: 'DEFERRED',
      attempts: 0,
      phone_masked: '139****5678',
    });
    const urgent = await message('RECTIFICATION_ORDERED', {
      station: '东风站',
      deadline: '2026-04-01',
    });
    expect(await s.process(urgent)).toEqual({ kind: 'done', status: 'SENT' });
    clock = at('2026-03-06T00:00:00Z');
    expect(await s.process(quiet)).toEqual({ kind: 'done', status: 'SENT' });
  });

  it('sends marketing only 08:00–21:00, honours opt-out, and applies 1 a minute per phone in Redis', async () => {
    const s = sender();
    clock = at('2026-03-05T13:30:00Z'); // 21:30
    const m1 = await message('VOLUNTEER_RECRUITMENT', {
      station: '东风站',
      activity: '周末义诊',
    });
    expect(await s.process(m1)).toMatchObject({
      kind: 'defer',
      until: at('2026-03-06T00:00:00Z'),
    });
    clock = at('2026-03-06T01:00:10Z'); // 09:00:10
    expect(await s.process(m1)).toEqual({ kind: 'done', status: 'SENT' });
    const m2 = await message('VOLUNTEER_RECRUITMENT', {
      station: '东风站',
      activity: '敬老院探访',
    });
    expect(await s.process(m2)).toMatchObject({
      kind: 'defer',
      until: at('2026-03-06T01:01:00Z'),
    });
    clock = at('2026-03-06T01:01:00Z');
    expect(await s.process(m2)).toEqual({ kind: 'done', status: 'SENT' });
    await ds.query(`INSERT INTO sms_opt_out (phone_hash) SELECT phone_hash FROM sms_message WHERE id = $1`, [m2]);
    clock = at('2026-03-06T02:00:00Z');
    const m3 = await message('VOLUNTEER_RECRUITMENT', {
      station: '东风站',
      activity: '植树',
    });
    const before = aliyun.sent.length;
    expect(await s.process(m3)).toEqual({ kind: 'done', status: 'OPTED_OUT' });
    expect(aliyun.sent.length).toBe(before);
  });

  it('caps notifications per template and phone per day (shared counter), then sends the next day', async () => {
    const s = sender();
    clock = at('2026-03-07T02:00:00Z');
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await message('TITLE_CONFERRED', { station: `站${i}`, level: '市级' }));
    expect(await s.process(ids[0])).toEqual({ kind: 'done', status: 'SENT' });
    expect(await s.process(ids[1])).toEqual({ kind: 'done', status: 'SENT' });
    expect(await s.process(ids[2])).toMatchObject({
      kind: 'defer',
      until: at('2026-03-07T16:00:00Z'),
    });
    // Midnight is also quiet time for a non-urgent notification: it goes at 08:00 the next day.
    clock = at('2026-03-07T16:00:01Z');
    expect(await s.process(ids[2])).toMatchObject({
      kind: 'defer',
      until: at('2026-03-08T00:00:00Z'),
    });
    clock = at('2026-03-08T00:00:00Z');
    expect(await s.process(ids[2])).toEqual({ kind: 'done', status: 'SENT' });
  });

  it('retries transient errors, never permanent ones, and looks the receipt up after a timeout instead of resending', async () => {
    const s = sender({ perMinute: 1, perHour: 5, perDay: 10, perTemplateDay: 50 }, 300);
    clock = at('2026-03-08T02:00:00Z');
    const t = await message('TITLE_REVOKED', {
      station: '东风站',
      level: '市级',
      reason: '未开展活动',
    });
    aliyun.failNext.push({ code: 'isp.SYSTEM_ERROR' });
    expect(await s.process(t)).toMatchObject({ kind: 'retry' });
    expect(await status(t)).toMatchObject({ status: 'RETRYING', attempts: 1 });
    expect(await s.process(t)).toEqual({ kind: 'done', status: 'SENT' });

    const p = await message('TITLE_REVOKED', {
      station: '西风站',
      level: '市级',
      reason: '未开展活动',
    });
    aliyun.failNext.push({ code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    expect(await s.process(p)).toEqual({ kind: 'done', status: 'FAILED' });
    expect(await s.process(p)).toEqual({ kind: 'done', status: 'FAILED' });

    const lost = await message('TITLE_REVOKED', {
      station: '南风站',
      level: '市级',
      reason: '未开展活动',
    });
    aliyun.failNext.push({ acceptThenHang: true, hangMs: 1000 });
    const before = aliyun.sent.length;
    expect(await s.process(lost)).toMatchObject({ kind: 'retry' });
    expect(aliyun.sent.length).toBe(before + 1);
    expect(await s.process(lost)).toEqual({
      kind: 'done',
      status: 'DELIVERED',
    });
    expect(aliyun.sent.length).toBe(before + 1);
  });

  it("records when the request left (its provider slot): a slot past midnight is the next day's send", async () => {
    const s = sender({ perMinute: 10, perHour: 50, perDay: 100, perTemplateDay: 50 }, 2000, 1);
    clock = at('2026-03-08T15:59:59.500Z'); // 23:59:59.5 in Shanghai: urgent texts only
    const first = await message('TITLE_REVOKED', { station: '东风站', level: '市级', reason: '未开展活动' }, true);
    const second = await message('TITLE_REVOKED', { station: '北风站', level: '市级', reason: '未开展活动' }, true);
    expect(await s.process(first)).toEqual({ kind: 'done', status: 'SENT' });
    expect(await s.process(second)).toEqual({ kind: 'done', status: 'SENT' }); // waited ~1 s for the only slot a second
    const sentAt = async (id: string) =>
      new Date((await ds.query(`SELECT sent_at FROM sms_message WHERE id = $1`, [id]))[0].sent_at).getTime();
    expect((await sentAt(first)) - clock.getTime()).toBeLessThan(200);
    expect((await sentAt(second)) - clock.getTime()).toBeGreaterThanOrEqual(900); // 00:00:00.5 the next day, Shanghai
  });

  it('after a crash while waiting for a slot that crossed midnight, looks the send up under the next day too (never sends it twice)', async () => {
    const s = sender({
      perMinute: 10,
      perHour: 50,
      perDay: 100,
      perTemplateDay: 50,
    });
    clock = at('2026-03-08T15:59:59.500Z');
    const id = await message('TITLE_REVOKED', { station: '南岭站', level: '市级', reason: '未开展活动' }, true);
    // SENDING was committed at 23:59:59.5; the request left at its slot, 00:00:00.7 the next day, and
    // Aliyun filed it under 20260309; then the worker died before recording it.
    await ds.query(`UPDATE sms_message SET status = 'SENDING', attempts = 1, sent_at = $2 WHERE id = $1`, [id, clock]);
    aliyun.sent.push({
      phone: LEADER,
      template: 'SMS_LF_0002',
      params: {},
      outId: id,
      bizId: 'midnight^0',
      sign: '雷锋站',
      at: new Date(),
      date: '20260309',
    });
    const sends = aliyun.sent.length;
    clock = at('2026-03-08T16:05:00Z');
    expect(await s.process(id)).toEqual({ kind: 'done', status: 'DELIVERED' });
    expect(aliyun.sent.length).toBe(sends);
  });

  it('validates templates and parameters', () => {
    expect(() => validateParams(TEMPLATES.TITLE_CONFERRED, { station: '东风站' })).toThrow(
      expect.objectContaining({ code: 'SMS_PARAM_MISSING' }),
    );
    expect(() =>
      validateParams(TEMPLATES.TITLE_CONFERRED, {
        station: 'x'.repeat(36),
        level: '市级',
      }),
    ).toThrow(expect.objectContaining({ code: 'SMS_PARAM_TOO_LONG' }));
    expect(() => checkTemplate({ ...TEMPLATES.VOLUNTEER_RECRUITMENT, text: '招募志愿者' })).toThrow(
      expect.objectContaining({ code: 'SMS_TEMPLATE_INVALID' }),
    );
    expect(() => checkTemplate({ ...TEMPLATES.TITLE_REVOKED, text: '通知。拒收请回复R' })).toThrow(
      expect.objectContaining({ code: 'SMS_TEMPLATE_INVALID' }),
    );
  });
});
