import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { createRedis, eventQueueName, JobReconciler, startSubgraphWorker } from '@leifeng/kit';
import {
  startPrivateRedis,
  startTestSubgraph,
  waitFor,
  type PrivateRedis,
  type TestSubgraph,
} from '@leifeng/kit/testing';
import { readNotificationsConfig } from '../src/config';
import { handleEvent } from '../src/handle-event';
import { createChannelWorkers } from '../src/jobs/channel-workers';
import { RECEIPT_QUEUE, SMS_QUEUE, WEBHOOK_QUEUE } from '../src/jobs/dispatcher';
import { createNotificationsModule } from '../src/module';
import { sealSecret } from '../src/domain/webhook-secret';
import { newSecret } from '../src/domain/webhook-signing';
import { fakeAliyun } from './fakes';
import { queuesIdle } from './queues';

/**
 * Redis restarts empty in the middle of everything: a bulk SMS being sent, webhook deliveries being
 * made (some of them in flight), and relayed outbox events waiting for their consumer. Postgres still
 * says what was queued; the reconcilers put it back under the same job ids and every text and every
 * webhook reaches its receiver exactly once, within RECONCILE_INTERVAL_MS + RECONCILE_GRACE_MS of Redis
 * answering again plus the sending time.
 */
const SECRET = 'recover-secret';
const N_SMS = 300;
const PER_SECOND = 60;
const E1 = 80; // events processed before the loss: their webhooks are being delivered
const E2 = 80; // events relayed (outbox rows sent) but not yet consumed when Redis loses them
const HELD_AFTER = 30; // the receiver answers the first deliveries at once and holds the rest
const INTERVAL_MS = 300;
const GRACE_MS = 1500;

let redis: PrivateRedis;
let aliyun: Awaited<ReturnType<typeof fakeAliyun>>;
let notifications: TestSubgraph;
let worker: Awaited<ReturnType<typeof startSubgraphWorker>> | undefined;
let channels: Array<{ close(): Promise<void> }> = [];
let db: Client;
let receiver: http.Server;
let receiverUrl: string;
const received: { msgId: string; at: number }[] = [];
let releaseHeld: () => void = () => undefined;
const held = new Promise<void>((r) => (releaseHeld = r));
const phones = new Map<string, string>();

beforeAll(async () => {
  redis = await startPrivateRedis();
  aliyun = await fakeAliyun(SECRET);
  receiver = http.createServer(
    (req, res) =>
      void (async () => {
        for await (const _ of req) void _;
        received.push({
          msgId: String(req.headers['webhook-id']),
          at: performance.now(),
        });
        if (received.length > HELD_AFTER) await held;
        res.writeHead(200).end('ok');
      })(),
  );
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const env = {
    REDIS_URL: redis.url,
    SMS_PROVIDER: 'aliyun',
    SMS_ENDPOINT: aliyun.url,
    SMS_ACCESS_KEY_ID: 'k',
    SMS_ACCESS_KEY_SECRET: SECRET,
    SMS_QUIET_START: '00:00',
    SMS_QUIET_END: '00:00',
    SMS_PROVIDER_PER_SECOND: String(PER_SECOND),
    SMS_RECEIPT_POLL_CRON: '0 0 1 1 *',
    NOTIFY_DISPATCH_POLL_MS: '50',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    RECONCILE_INTERVAL_MS: String(INTERVAL_MS),
    RECONCILE_GRACE_MS: String(GRACE_MS),
  };
  notifications = await startTestSubgraph(createNotificationsModule({ ...process.env, ...env, NODE_ENV: 'test' }), {
    env,
  });
  db = new Client({ connectionString: notifications.db.url });
  await db.connect();
  const recipients = Array.from({ length: N_SMS }, (_, i) => ({
    kind: 'STATION_LEADER' as const,
    id: randomUUID(),
    phone: `139${String(i).padStart(8, '0')}`,
  }));
  for (const r of recipients) phones.set(r.id, r.phone);
  const wenv = { ...notifications.env, PORT: '0' };
  worker = await startSubgraphWorker(createNotificationsModule(wenv), {
    env: wenv,
    handleEvent,
    extraWorkers: async (deps) =>
      (channels = await createChannelWorkers(deps, {
        env: wenv,
        // Who the bulk reaches and their numbers (the graph's part, not under test here).
        recipients: {
          list: async () => recipients.map(({ kind, id }) => ({ kind, id })),
        },
        directory: {
          phonesOf: async (_kind, ids) => ids.map((id) => phones.get(id) ?? null),
        },
      })),
  });
  // The partner's endpoint, subscribed to the probe events.
  const id = randomUUID();
  const key = readNotificationsConfig(wenv).secretKey;
  await db.query(
    `INSERT INTO webhook_endpoint (id, agency_id, url, event_types, secret) VALUES ($1, 'agency-1', $2, '{recovery.probe}', $3)`,
    [id, receiverUrl, sealSecret(newSecret(), key, id)],
  );
  // Agencies see only their scope (set by an admin): this one covers 长沙市 and the probe events.
  await db.query(
    `INSERT INTO agency_scope (agency_id, region_codes, region_prefixes, event_types, set_by, set_by_region, set_at)
     VALUES ('agency-1', '{430100}', '{4301}', '{recovery.probe}', 'test', '430100', now())`,
  );
}, 120000);

afterAll(async () => {
  releaseHeld();
  await worker?.stop();
  await db?.end();
  await notifications?.stop();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  await aliyun?.close();
  await redis?.stop();
});

const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].n);
const insertEvents = (from: number, n: number) =>
  db.query(
    `INSERT INTO outbox (type, source, aggregate_type, aggregate_id, payload)
     SELECT 'recovery.probe', 'stations', 'Probe', g::text, jsonb_build_object('n', g, 'regionCode', '430102') FROM generate_series($1::int, $2::int) g`,
    [from, from + n - 1],
  );

it('after Redis lost everything mid-send, every SMS, webhook and event is delivered exactly once', async () => {
  // Webhooks in progress: E1 events consumed, HELD_AFTER deliveries answered, the rest held or queued.
  await insertEvents(1, E1);
  await waitFor(
    async () => (await count(`SELECT count(*) AS n FROM event_log`)) === E1,
    20000,
    'first events consumed',
  );
  await waitFor(() => received.length > HELD_AFTER, 20000, 'webhook deliveries held by the receiver');

  // An outbox relay whose events are not consumed yet (a busy consumer): rows marked sent, jobs waiting.
  await worker!.eventWorker!.pause(true);
  await insertEvents(E1 + 1, E2);
  await waitFor(
    async () => (await count(`SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL`)) === 0,
    20000,
    'events relayed',
  );

  // A bulk SMS being sent.
  await db.query(
    `INSERT INTO sms_bulk (region_code, audience, template, params, requested_by) VALUES ('430102', 'STATION_LEADERS', 'REGION_NOTICE', $1, 'test')`,
    [
      JSON.stringify({
        region: '芙蓉区',
        title: '三月学雷锋志愿服务月活动安排',
      }),
    ],
  );
  await waitFor(() => aliyun.sent.length >= N_SMS / 4, 30000, 'a quarter of the bulk sent');

  // Redis restarts empty (killed, started again without persistence).
  await redis.restartEmpty();
  const lostAt = performance.now();
  const sentBefore = aliyun.sent.length;
  expect(sentBefore).toBeLessThan(N_SMS);
  // (pausing lets a job already fetched finish: at most a few of E2 were consumed)
  expect(await count(`SELECT count(*) AS n FROM event_log`)).toBeLessThan(E1 + E2 - 10);
  await worker!.eventWorker!.resume();
  // The held deliveries were in flight when Redis lost their jobs: they finish once the channels' reconciler
  // has seen the loss (barrier: its marker says "pending"), within its grace, before it puts work back.
  const reconciler = channels.find((c): c is JobReconciler => c instanceof JobReconciler)!;
  const probe = createRedis(redis.url, 'client');
  try {
    await waitFor(
      async () => (await probe.get(reconciler.markerKey)) === 'pending',
      10000,
      'loss seen by the reconciler',
    );
  } finally {
    await probe.quit();
  }
  releaseHeld();

  await waitFor(
    async () => (await count(`SELECT count(*) AS n FROM sms_message WHERE status = 'SENT'`)) === N_SMS,
    60000,
    'every text sent',
  );
  await waitFor(
    async () => (await count(`SELECT count(*) AS n FROM webhook_delivery WHERE status = 'SUCCEEDED'`)) === E1 + E2,
    60000,
    'every webhook delivered',
  );
  const doneMs = performance.now() - lostAt;
  // The stated bound (docs/operating.md): re-enqueued within RECONCILE_INTERVAL_MS + RECONCILE_GRACE_MS of
  // Redis answering again, everything delivered within 60 s (here ~4 s to re-enqueue, ~15 s in all: the
  // workers send more slowly for a while after their connections were cut).
  expect(doneMs).toBeLessThan(60000);

  // Another forced pass finds nothing missing, and nothing arrives twice.
  expect(Object.values(await reconciler.recover()).reduce((a, b) => a + b, 0)).toBe(0);
  expect(await worker!.reconciler.recover()).toEqual({ outbox: 0 });
  // Barrier: no text, webhook or event job left to run, so no duplicate can still arrive.
  await queuesIdle(
    redis.url,
    notifications.env.BULLMQ_PREFIX!,
    [SMS_QUEUE, WEBHOOK_QUEUE, eventQueueName('notifications')],
    ['waiting', 'prioritized', 'active'],
  );
  expect(aliyun.sent).toHaveLength(N_SMS);
  expect(new Set(aliyun.sent.map((s) => s.outId)).size).toBe(N_SMS);
  expect(received).toHaveLength(E1 + E2);
  expect(new Set(received.map((r) => r.msgId)).size).toBe(E1 + E2);
  expect(await count(`SELECT count(*) AS n FROM event_log`)).toBe(E1 + E2);
  expect(await count(`SELECT count(*) AS n FROM webhook_attempt`)).toBe(E1 + E2);
  expect(await count(`SELECT count(*) AS n FROM sms_message`)).toBe(N_SMS);

  // The receipt poll's job scheduler, Redis data too, exists again.
  const receipts = new Queue(RECEIPT_QUEUE, {
    connection: { url: redis.url },
    prefix: notifications.env.BULLMQ_PREFIX,
  });
  expect((await receipts.getJobSchedulers()).map((s) => s.key)).toEqual(['sms-receipts']);
  await receipts.close();
}, 150000);
