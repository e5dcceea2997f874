import {
  createDataSource,
  createLogger,
  migrateDatabase,
  systemClock,
  ValidationErrors,
  type DomainError,
} from '@leifeng/kit';
import { AgencyScopeService } from '../src/services/agency-scope-service';
import { createTestDatabase, type TestDatabase } from '@leifeng/kit/testing';
import type { DataSource } from 'typeorm';
import { readNotificationsConfig } from '../src/config';
import { notificationsModule } from '../src/module';
import { WebhookDeliverer } from '../src/services/webhook-deliverer';
import { WebhookEndpointService } from '../src/services/webhook-endpoint-service';
import { sealSecret } from '../src/domain/webhook-secret';
import { nextDelay } from '../src/domain/webhook-schedule';
import { isPrivateAddress } from '../src/services/webhook-ssrf';
import { fakePartner } from './fakes';

const logger = createLogger('wh-test', 'silent');
let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('notif_wh');
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
    poolMax: 2,
    applicationName: 'wh-test',
  } as never);
  await ds.initialize();
});
afterAll(async () => {
  await ds.destroy();
  await db.drop();
});

describe('webhook delivery guard and schedule', () => {
  it('refuses an endpoint resolving to loopback at delivery time unless private networks are allowed', async () => {
    const partner = await fakePartner(0);
    const config0 = readNotificationsConfig({
      NODE_ENV: 'test',
      WEBHOOK_RETRY_SCHEDULE_MS: '0,10',
      WEBHOOK_JITTER: '0',
    });
    try {
      await ds.query(
        `INSERT INTO event_log (event_id, type, source, aggregate_type, aggregate_id, payload, occurred_at) VALUES ('00000000-0000-4000-8000-000000000001', 'title.revoked', 'accreditation', 'Title', 't', '{}', now())`,
      );
      const epId = '00000000-0000-4000-8000-0000000000e1';
      const [ep] = await ds.query(
        `INSERT INTO webhook_endpoint (id, agency_id, url, event_types, secret) VALUES ($3, 'a', $1, '{title.revoked}', $2) RETURNING id`,
        [
          `${partner.url.replace('127.0.0.1', 'localhost')}/h`,
          sealSecret(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, config0.secretKey, epId),
          epId,
        ],
      );
      const [d] = await ds.query(
        `INSERT INTO webhook_delivery (endpoint_id, event_id, event_type) VALUES ($1, '00000000-0000-4000-8000-000000000001', 'title.revoked') RETURNING id`,
        [ep.id],
      );
      const config = config0;
      const strict = new WebhookDeliverer(ds, config.webhook, logger, () => new Date(), config.secretKey);
      expect(await strict.process(d.id)).toMatchObject({ kind: 'retry' });
      expect(partner.received).toHaveLength(0);
      const [attempt] = await ds.query(`SELECT error, status_code FROM webhook_attempt WHERE delivery_id = $1`, [d.id]);
      expect(attempt).toEqual({
        error: 'PRIVATE_ADDRESS_REFUSED',
        status_code: null,
      });
      const dev = new WebhookDeliverer(
        ds,
        { ...config.webhook, allowPrivateNetworks: true },
        logger,
        () => new Date(),
        config.secretKey,
      );
      expect(await dev.process(d.id)).toEqual({
        kind: 'done',
        status: 'SUCCEEDED',
      });
      expect(partner.received).toHaveLength(1);
    } finally {
      await partner.close();
    }
  });

  it('classifies addresses and follows the schedule with jitter, throttling and Retry-After bounds', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '100.64.0.1',
    ])
      expect(isPrivateAddress(a)).toBe(true);
    for (const a of ['114.114.114.114', '2400:3200::1']) expect(isPrivateAddress(a)).toBe(false);
    const scheduleMs = [0, 5000, 300000];
    expect(
      nextDelay({
        scheduleMs,
        attempt: 1,
        jitter: 0.2,
        random: () => 1,
        throttled: false,
        throttleMinMs: 60000,
      }),
    ).toBe(6000);
    expect(
      nextDelay({
        scheduleMs,
        attempt: 1,
        jitter: 0.2,
        random: () => 0,
        throttled: false,
        throttleMinMs: 60000,
      }),
    ).toBe(4000);
    expect(
      nextDelay({
        scheduleMs,
        attempt: 1,
        jitter: 0,
        throttled: true,
        throttleMinMs: 60000,
      }),
    ).toBe(60000);
    expect(
      nextDelay({
        scheduleMs,
        attempt: 2,
        jitter: 0,
        throttled: false,
        throttleMinMs: 60000,
        retryAfterMs: 3_600_000,
      }),
    ).toBe(600000);
    expect(
      nextDelay({
        scheduleMs,
        attempt: 2,
        jitter: 0,
        throttled: false,
        throttleMinMs: 60000,
        retryAfterMs: 1000,
      }),
    ).toBe(300000);
    expect(
      nextDelay({
        scheduleMs,
        attempt: 3,
        jitter: 0,
        throttled: false,
        throttleMinMs: 60000,
      }),
    ).toBeNull();
  });
});

describe('loopback receivers by environment (WEBHOOK_ALLOW_PRIVATE_NETWORKS)', () => {
  const prodEnv = {
    NODE_ENV: 'production',
    JWT_SECRET: 'x'.repeat(40),
    PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    PII_HASH_KEY: Buffer.alloc(32, 8).toString('base64'),
    PHONE_HASH_KEY: 'p'.repeat(40),
    SMS_CODE_SEAL_KEY: Buffer.alloc(32, 9).toString('base64'),
    PUBLIC_BASE_URL: 'https://board.example.cn',
    GATEWAY_URL: 'http://gateway:4000/graphql',
    SMS_PROVIDER: 'sink',
  };
  const accepts = (config: ReturnType<typeof readNotificationsConfig>, isProduction: boolean, url: string) => {
    const errors = new ValidationErrors();
    new WebhookEndpointService(
      ds,
      config.webhook,
      isProduction,
      () => new Date(),
      config.secretKey,
      new AgencyScopeService(ds, systemClock),
    ).validateUrl(url, errors);
    try {
      errors.throwIfAny();
      return [];
    } catch (err) {
      return [...new Set(((err as DomainError).details.errors as { code: string }[]).map((e) => e.code))];
    }
  };

  it('accepts a receiver on 127.0.0.1 under npm run dev (development) by default', () => {
    const dev = readNotificationsConfig({ NODE_ENV: 'development' });
    expect(dev.webhook.allowPrivateNetworks).toBe(true);
    expect(accepts(dev, false, 'http://127.0.0.1:9999/hook')).toEqual([]);
    expect(accepts(dev, false, 'http://localhost:9999/hook')).toEqual([]);
    // The flag still switches it off in development.
    const strictDev = readNotificationsConfig({
      NODE_ENV: 'development',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false',
    });
    expect(accepts(strictDev, false, 'https://127.0.0.1:9999/hook')).toEqual(['WEBHOOK_PRIVATE_ADDRESS']);
  });

  it('keeps refusing loopback and private receivers in production, and refuses the flag there', () => {
    const prod = readNotificationsConfig(prodEnv);
    expect(prod.webhook.allowPrivateNetworks).toBe(false);
    expect(accepts(prod, true, 'https://127.0.0.1:9999/hook')).toEqual(['WEBHOOK_PRIVATE_ADDRESS']);
    expect(accepts(prod, true, 'https://10.0.0.8/hook')).toEqual(['WEBHOOK_PRIVATE_ADDRESS']);
    expect(accepts(prod, true, 'http://203.0.113.9/hook')).toEqual(['INVALID_WEBHOOK_URL']);
    expect(() =>
      readNotificationsConfig({
        ...prodEnv,
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      }),
    ).toThrow(/WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
  });
});
