import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';
import { createRedis, startSubgraphWorker, type RunningProcess } from '@leifeng/kit';
import {
  gql,
  startTestSubgraph,
  tokenFor,
  uniqueSuffix,
  waitFor,
  reservePort,
  TEST_REDIS_URL,
  type TestSubgraph,
} from '@leifeng/kit/testing';
import { stationsModule } from '../../stations/src/module';
import { CREATE, stationInput } from '../../stations/test/fixtures';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { handleEvent } from '../src/handle-event';
import { createChannelWorkers } from '../src/jobs/channel-workers';
import { createNotificationsModule } from '../src/module';
import { smsQueueDrained } from './queues';
import { fakeAliyun, mostInWindow } from './fakes';

/**
 * A bulk notice to every station leader under 芙蓉区 (a few hundred recipients), read through the
 * gateway with a SERVICE token, sent in addBulk batches against the local Aliyun server within the
 * per-phone and provider limits; then the scheduled receipt poll moves SENT to DELIVERED / FAILED.
 */
const SECRET = 'bulk-secret';
const N = 240;
const BATCH = 100;
// Under what one in-process worker manages here (~60/s), so the provider limit is what paces the sends.
const PER_SECOND = 40;
// Least allowance for arrival jitter at the provider (timers, loopback HTTP); more when this process's
// event loop was measured to stall longer (CI runs other suites on the same two cores).
const JITTER_MS = 150;
let aliyun: Awaited<ReturnType<typeof fakeAliyun>>;
let stations: TestSubgraph;
let notifications: TestSubgraph;
let worker: RunningProcess;
let gateway: RunningGateway;
let db: Client;
let bullPrefix: string;

beforeAll(async () => {
  aliyun = await fakeAliyun(SECRET);
  bullPrefix = `t${uniqueSuffix()}`;
  const gatewayPort = await reservePort();
  const env = {
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
    SMS_PROVIDER: 'aliyun',
    SMS_ENDPOINT: aliyun.url,
    SMS_ACCESS_KEY_ID: 'k',
    SMS_ACCESS_KEY_SECRET: SECRET,
    SMS_QUIET_START: '00:00',
    SMS_QUIET_END: '00:00',
    SMS_LIMIT_PER_TEMPLATE_DAY: '2',
    SMS_PROVIDER_PER_SECOND: String(PER_SECOND),
    SMS_RECEIPT_POLL_CRON: '*/2 * * * * *',
    NOTIFY_DISPATCH_BATCH: String(BATCH),
    NOTIFY_DISPATCH_POLL_MS: '50',
  };
  stations = await startTestSubgraph(stationsModule, { bullPrefix });
  notifications = await startTestSubgraph(
    createNotificationsModule({
      ...process.env,
      ...env,
      BULLMQ_PREFIX: bullPrefix,
      NODE_ENV: 'test',
    }),
    { bullPrefix, env },
  );
  gateway = await startGateway({
    env: {
      ...stations.env,
      PORT: String(gatewayPort),
      STATIONS_URL: stations.url,
      NOTIFICATIONS_URL: notifications.url,
    },
  });
  const admin = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
  const inputs = [
    ...Array.from({ length: N }, (_, i) =>
      stationInput({
        name: `芙蓉区第${i + 1}学雷锋志愿服务站`,
        leader: { name: '张雷', phone: `139${String(i).padStart(8, '0')}` },
      }),
    ),
    // Three stations share one leader: the per-phone limit (2 a day for this template here) holds the third back.
    ...[1, 2, 3].map((i) =>
      stationInput({
        name: `芙蓉区共用负责人${i}号学雷锋志愿服务站`,
        leader: { name: '李锋', phone: '13700000000' },
      }),
    ),
    // Outside the region: not reached.
    stationInput({
      name: '荷塘区学雷锋志愿服务站',
      regionCode: '430202',
      address: '株洲市荷塘区新华路 1 号',
      postalCode: '412000',
      leader: { name: '王平', phone: '13600000000' },
    }),
  ];
  for (let i = 0; i < inputs.length; i += 12) {
    const rs = await Promise.all(
      inputs.slice(i, i + 12).map((input) => gql(gateway.url, CREATE, { input }, { token: admin })),
    );
    for (const r of rs) expect(r.errors).toBeUndefined();
  }
  const wenv = { ...notifications.env, PORT: '0' };
  worker = await startSubgraphWorker(createNotificationsModule(wenv), {
    env: wenv,
    handleEvent,
    extraWorkers: (deps) => createChannelWorkers(deps, { env: wenv }),
  });
  db = new Client({ connectionString: notifications.db.url });
  await db.connect();
}, 180000);

afterAll(async () => {
  await db?.end();
  await gateway?.stop();
  await worker?.stop();
  await Promise.all([stations?.stop(), notifications?.stop()]);
  await aliyun?.close();
});

describe('bulk SMS to a region', () => {
  it('reaches every station leader under the region once, in batches, within the limits; receipts are polled on schedule', async () => {
    aliyun.undeliverable.add('13900000007');
    const admin = await tokenFor({
      roles: ['CITY_ADMIN'],
      regionCode: '430100',
    });
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const grants = watchProviderGrants(`${bullPrefix}:smsprovider:rate`);
    const created = await gql<{ sendBulkSms: { id: string; status: string } }>(
      gateway.url,
      `mutation($i: BulkSmsInput!) { sendBulkSms(input: $i) { id status } }`,
      {
        i: {
          regionCode: '430102',
          audience: 'STATION_LEADERS',
          template: 'REGION_NOTICE',
          params: { region: '芙蓉区', title: '三月学雷锋志愿服务月活动安排' },
        },
      },
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.sendBulkSms.status).toBe('PLANNED');
    const id = created.data!.sendBulkSms.id;

    await waitFor(() => aliyun.sent.length >= N + 2, 90000, 'bulk sent');
    loopDelay.disable();
    // Nothing more is sent: no SMS job left to run (the shared number's third text is delayed to tomorrow).
    await smsQueueDrained(bullPrefix, ['waiting', 'prioritized', 'active']);
    const granted = await grants.stop();
    // One text per recipient; the shared number got two (its daily limit for this template), none outside the region.
    expect(aliyun.sent).toHaveLength(N + 2);
    const phones = aliyun.sent.map((s) => s.phone);
    expect(new Set(phones.filter((p) => p.startsWith('139'))).size).toBe(N);
    expect(phones.filter((p) => p === '13700000000')).toHaveLength(2);
    expect(phones).not.toContain('13600000000');
    expect(aliyun.sent[0]).toMatchObject({
      template: 'SMS_LF_0005',
      params: { region: '芙蓉区', title: '三月学雷锋志愿服务月活动安排' },
    });

    // Batches: rows were queued by addBulk in groups of at most BATCH (one dispatch transaction each).
    const { rows: batches } = await db.query(
      `SELECT count(*)::int AS n FROM sms_message WHERE bulk_id = $1 GROUP BY dispatched_at ORDER BY 1 DESC`,
      [id],
    );
    expect(batches.reduce((a: number, b: { n: number }) => a + b.n, 0)).toBe(N + 3);
    expect(batches.length).toBeGreaterThanOrEqual(Math.ceil((N + 3) / BATCH));
    expect(batches[0].n).toBeLessThanOrEqual(BATCH);
    // Provider limit: PER_SECOND in any sliding second across workers, granted on Redis' clock: every
    // send took a slot, and no second of slots holds more (exact: the log's own times).
    expect(granted).toHaveLength(N + 2);
    expect(mostInWindow(granted, 1000)).toBeLessThanOrEqual(PER_SECOND);
    const span = aliyun.sent.at(-1)!.at.getTime() - aliyun.sent[0].at.getTime();
    expect(span).toBeGreaterThanOrEqual((Math.ceil((N + 2) / PER_SECOND) - 1) * 1000 - 50);
    // At the provider a request arrives at its slot plus this busy process's lateness (timers, loopback
    // HTTP; a stalled event loop fires the timers of every slot it missed at once), so no window of a
    // second less that lateness holds more than PER_SECOND there; BullMQ's fixed windows put up to
    // 2 × PER_SECOND into one at a window edge.
    const lateness = Math.max(JITTER_MS, loopDelay.max / 1e6 + JITTER_MS);
    if (lateness > 2 * JITTER_MS)
      console.warn(
        `bulk SMS: event loop stalled ${Math.round(loopDelay.max / 1e6)} ms; arrivals checked over ${Math.round(1000 - lateness)} ms`,
      );
    expect(
      mostInWindow(
        aliyun.sent.map((s) => s.at.getTime()),
        Math.max(100, 1000 - lateness),
      ),
    ).toBeLessThanOrEqual(PER_SECOND);
    // Redis holds ids only.
    const { rows: noPhones } = await db.query(
      `SELECT count(*)::int AS n FROM sms_message WHERE bulk_id = $1 AND phone_masked NOT LIKE '%****%'`,
      [id],
    );
    expect(noPhones[0].n).toBe(0);

    // The receipt poll (job scheduler, cron every 2 s here) records delivered and failed messages.
    const final = await waitFor(
      async () => {
        const r = await gql<{
          bulkSms: { status: string; recipientCount: number | null; statusCounts: Record<string, number> };
        }>(
          gateway.url,
          `query($id: ID!) { bulkSms(id: $id) { status recipientCount statusCounts } }`,
          { id },
          { token: admin },
        );
        const c = r.data?.bulkSms?.statusCounts ?? {};
        return c.DELIVERED === N + 1 && c.FAILED === 1 ? r.data!.bulkSms : undefined;
      },
      60000,
      'receipts polled',
    );
    expect(final).toEqual({
      status: 'EXPANDED',
      recipientCount: N + 3,
      statusCounts: { DELIVERED: N + 1, FAILED: 1, DEFERRED: 1 },
    });
    const failed = await gql<{ smsMessages: unknown }>(
      gateway.url,
      `{ smsMessages(filter: { statuses: [FAILED] }) { phone lastError } }`,
      {},
      { token: admin },
    );
    expect(failed.data!.smsMessages).toEqual([{ phone: '139****0007', lastError: 'RECEIPT: MOBILE_NOT_ON_SERVICE' }]);
  }, 180000);
});

/**
 * Collects the provider limiter's grants (Redis sliding log: member → slot time µs) until stopped. A
 * grant stays in the log for a window (~1 s) after its slot, so reading every 200 ms misses none.
 */
function watchProviderGrants(key: string) {
  const redis = createRedis(TEST_REDIS_URL, 'client');
  const seen = new Map<string, number>();
  const read = async () => {
    const flat = await redis.zrange(key, 0, -1, 'WITHSCORES');
    for (let i = 0; i < flat.length; i += 2) seen.set(flat[i], Number(flat[i + 1]) / 1000);
  };
  const timer = setInterval(() => void read(), 200);
  return {
    async stop(): Promise<number[]> {
      clearInterval(timer);
      await read();
      await redis.quit();
      return [...seen.values()].sort((a, b) => a - b);
    },
  };
}
