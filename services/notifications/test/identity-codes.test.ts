import { randomUUID } from 'node:crypto';
import {
  createDataSource,
  createLogger,
  createRedis,
  DEV_SMS_CODE_SEAL_KEY,
  migrateDatabase,
  sealSmsCode,
  SMS_CODE_EVENT,
  type DomainEvent,
} from '@leifeng/kit';
import { createTestDatabase, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '@leifeng/kit/testing';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { readNotificationsConfig } from '../src/config';
import { handleEvent } from '../src/handle-event';
import { notificationsModule } from '../src/module';
import { ProviderRateLimiter } from '../src/services/provider-rate';
import { SmsRateLimiter } from '../src/services/sms-rate-limiter';
import { SealedAwareDirectory } from '../src/services/sealed-recipients';
import { SinkSmsProvider } from '../src/services/sms-sink';
import { SmsSender } from '../src/services/sms-sender';

/** Identity's sign-in codes: a sealed event in, one text out through the sink, nothing plain at rest. */
const logger = createLogger('identity-codes-test', 'silent');
const key = Buffer.from(DEV_SMS_CODE_SEAL_KEY, 'base64');
let db: TestDatabase;
let ds: DataSource;
let redis: Redis;
let clock: Date;
const sinkLines: { to: string; text: string }[] = [];
const sinkLogger = {
  info: (o: { to: string; text: string }) => sinkLines.push(o),
  warn() {},
  error() {},
  debug() {},
  child() {
    return sinkLogger;
  },
};

beforeAll(async () => {
  db = await createTestDatabase('notif_idcodes');
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
    applicationName: 'idcodes-test',
  } as never);
  await ds.initialize();
  redis = createRedis(TEST_REDIS_URL, 'client');
});
afterAll(async () => {
  await redis.quit();
  await ds.destroy();
  await db.drop();
});

function sender() {
  const config = readNotificationsConfig({ NODE_ENV: 'test' });
  const prefix = `t${uniqueSuffix()}`;
  return new SmsSender({
    ds,
    provider: new SinkSmsProvider(sinkLogger as never),
    // Only SEALED recipients are asked for here: the graph directory must not be reached.
    directory: new SealedAwareDirectory(
      ds,
      {
        phonesOf: async () => {
          throw new Error('graph directory asked');
        },
      },
      key,
    ),
    limiter: new SmsRateLimiter(redis, prefix, config.sms.limits),
    providerRate: new ProviderRateLimiter(redis, prefix, {
      max: 1000,
      durationMs: 1000,
    }),
    config: config.sms,
    hashKey: 'k',
    sealKey: key,
    logger,
    now: () => clock,
    receiptGraceMs: 0,
  });
}

async function codeEvent(
  phone: string,
  code: string,
  expiresAt: Date,
  template = 'VERIFICATION_CODE',
  params: Record<string, string> = { code },
): Promise<string> {
  const challengeId = randomUUID();
  const event: DomainEvent = {
    id: randomUUID(),
    type: SMS_CODE_EVENT,
    source: 'identity',
    aggregateType: 'SignInChallenge',
    aggregateId: challengeId,
    payload: {
      challengeId,
      template,
      sealed: sealSmsCode({ phone, template, params, expiresAt: expiresAt.toISOString() }, key),
    },
    occurredAt: clock.toISOString(),
  };
  await ds.transaction((m) => handleEvent(event, m, logger));
  const [row] = await ds.query(`SELECT id FROM sms_message WHERE event_id = $1`, [event.id]);
  return row.id;
}

describe('sign-in codes from identity', () => {
  it('sends a code at once even in quiet hours, readable from the development sink, with nothing plain at rest', async () => {
    clock = new Date('2026-03-05T15:00:00Z'); // 23:00 in Shanghai
    const id = await codeEvent('13700001111', '482913', new Date(clock.getTime() + 300_000));
    expect(await sender().process(id)).toEqual({
      kind: 'done',
      status: 'SENT',
    });
    expect(sinkLines.at(-1)).toMatchObject({
      to: '137****1111',
      text: expect.stringContaining('482913'),
    });

    const [row] = await ds.query(
      `SELECT m.*::text AS t, m.kind, m.urgent, m.phone_masked FROM sms_message m WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      kind: 'VERIFICATION',
      urgent: true,
      phone_masked: '137****1111',
    });
    expect(row.t).not.toContain('13700001111');
    expect(row.t).not.toContain('482913');
    const log: { t: string }[] = await ds.query(`SELECT event_log::text AS t FROM event_log`);
    expect(log.length).toBeGreaterThan(0);
    for (const l of log) expect(l.t).not.toMatch(/sealed|13700001111|482913/);
    // Identity's codes never become webhook deliveries.
    expect((await ds.query(`SELECT count(*)::int AS n FROM webhook_delivery`))[0].n).toBe(0);
  });

  it('drops a code that expired before it could be sent, and never defers a rate-limited one', async () => {
    clock = new Date('2026-03-06T02:00:00Z');
    const late = await codeEvent('13700002222', '111111', new Date(clock.getTime() - 1000));
    const before = sinkLines.length;
    expect(await sender().process(late)).toEqual({
      kind: 'done',
      status: 'FAILED',
    });
    expect(sinkLines.length).toBe(before);

    const s = sender();
    const first = await codeEvent('13700003333', '222222', new Date(clock.getTime() + 300_000));
    const second = await codeEvent('13700003333', '333333', new Date(clock.getTime() + 300_000));
    expect(await s.process(first)).toEqual({ kind: 'done', status: 'SENT' });
    // Per-phone limit for verification texts (1 a minute): failed at once, not sent later.
    expect(await s.process(second)).toEqual({ kind: 'done', status: 'FAILED' });
  });

  it('sends the password-changed notice (ASVS 2.2.3) at once, even in quiet hours', async () => {
    clock = new Date('2026-03-07T15:30:00Z'); // 23:30 in Shanghai
    const id = await codeEvent('13700004444', '', new Date(clock.getTime() + 86_400_000), 'PASSWORD_CHANGED', {
      time: '2026-03-07 23:30',
    });
    expect(await sender().process(id)).toEqual({
      kind: 'done',
      status: 'SENT',
    });
    expect(sinkLines.at(-1)).toMatchObject({
      to: '137****4444',
      text: expect.stringContaining('登录密码已于2026-03-07 23:30设置或修改'),
    });
    const [row] = await ds.query(`SELECT kind, urgent, template FROM sms_message WHERE id = $1`, [id]);
    expect(row).toEqual({
      kind: 'NOTIFICATION',
      urgent: true,
      template: 'PASSWORD_CHANGED',
    });
  });
});
