import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Client } from 'pg';
import { createRedis } from '@leifeng/kit';
import { gql, TEST_REDIS_URL, tokenFor, waitFor, reservePort, typedQuery } from '@leifeng/kit/testing';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { CREATE, stationInput } from '../../stations/test/fixtures';
import { withCheckDigit } from '../../volunteers/src/domain/resident-id';
import { SMS_QUEUE, BULK_QUEUE } from '../src/jobs/dispatcher';
import { createChannelWorkers } from '../src/jobs/channel-workers';
import { fakeAliyun } from './fakes';
import { smsQueueDrained } from './queues';

/**
 * A bulk notice to every volunteer of 芙蓉区 (300 people registered through volunteers' mutations on
 * three stations), through the whole platform: stations → volunteers' replica, the recipient list from
 * `Station.members`, phones from `volunteerContacts(ids)` read in the notifications worker at send time
 * — one gateway request per dispatch batch, not one per message — and sent to the local Aliyun server
 * within the provider rate and the per-phone limits. Redis never sees a phone number.
 */
const SECRET = 'bulk-volunteers-secret';
const N = 300;
const BATCH = 100;
const PER_SECOND = 100;
const CONTACTS_OP = 'NotifyVolunteerContacts';

let aliyun: Awaited<ReturnType<typeof fakeAliyun>>;
let platform: TestPlatform;
let notifDb: Client;
let volunteersDb: Client;
let redis: Redis;

const phoneOf = (i: number) => `138${String(i).padStart(8, '0')}`;
const OUTSIDE = [1, 2, 3, 4, 5].map((i) => `1370000000${i}`);
const WITHDRAWN = '13600000001';
/** 17 digits of a 芙蓉区 resident born on the i-th day after 1980-01-01 (sequence 001: male) + check. */
function idNumber(i: number): string {
  const d = new Date(Date.UTC(1980, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return withCheckDigit(`430102${d}001`);
}

/** How many `volunteerContacts` operations volunteers has served (its /metrics, as planned by the gateway). */
async function contactRequests(): Promise<number> {
  const text = await (await fetch(`${platform.subgraphs.volunteers.api.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('graphql_operation_duration_seconds_count{') && l.includes(`operation="${CONTACTS_OP}`))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

/** Every key under the platform's Redis prefix with its whole content, as text. */
async function redisDump(prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let content: unknown = null;
      if (type === 'string') content = await redis.get(key);
      else if (type === 'hash') content = await redis.hgetall(key);
      else if (type === 'list') content = await redis.lrange(key, 0, -1);
      else if (type === 'set') content = await redis.smembers(key);
      else if (type === 'zset') content = await redis.zrange(key, 0, -1, 'WITHSCORES');
      else if (type === 'stream') content = await redis.xrange(key, '-', '+');
      out.set(key, JSON.stringify(content));
    }
  } while (cursor !== '0');
  return out;
}

async function bulkCounts(id: string, token: string) {
  const r = await gql<{
    bulkSms: { status: string; recipientCount: number | null; statusCounts: Record<string, number> };
  }>(platform.url, `query($id: ID!) { bulkSms(id: $id) { status recipientCount statusCounts } }`, { id }, { token });
  expect(r.errors).toBeUndefined();
  return r.data!.bulkSms;
}

beforeAll(async () => {
  aliyun = await fakeAliyun(SECRET);
  const gatewayPort = await reservePort();
  const channelEnv = {
    NODE_ENV: 'test',
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
    SMS_PROVIDER: 'aliyun',
    SMS_ENDPOINT: aliyun.url,
    SMS_ACCESS_KEY_ID: 'k',
    SMS_ACCESS_KEY_SECRET: SECRET,
    SMS_QUIET_START: '00:00',
    SMS_QUIET_END: '00:00',
    // Per template and number a day: the second notice of the day to the same people waits.
    SMS_LIMIT_PER_TEMPLATE_DAY: '1',
    SMS_PROVIDER_PER_SECOND: String(PER_SECOND),
    // No receipt poll during the test (it would read phones too and blur the request count).
    SMS_RECEIPT_POLL_CRON: '0 0 1 1 *',
    // Numbers read at send time stay in the worker's memory this long (2 min: the whole test).
    SMS_CONTACT_CACHE_MS: '120000',
    NOTIFY_DISPATCH_BATCH: String(BATCH),
    NOTIFY_DISPATCH_POLL_MS: '50',
  };
  platform = await startTestPlatform({
    workers: ['stations', 'volunteers', 'notifications'],
    extraWorkers: {
      notifications: (deps) => createChannelWorkers(deps, { env: channelEnv }),
    },
    gatewayEnv: { PORT: String(gatewayPort) },
  });
  notifDb = new Client({
    connectionString: platform.subgraphs.notifications.db.url,
  });
  volunteersDb = new Client({
    connectionString: platform.subgraphs.volunteers.db.url,
  });
  await Promise.all([notifDb.connect(), volunteersDb.connect()]);
  redis = createRedis(TEST_REDIS_URL, 'client');
}, 120000);

afterAll(async () => {
  await redis?.quit();
  await Promise.all([notifDb?.end(), volunteersDb?.end()]);
  await platform?.stop();
  await aliyun?.close();
});

describe('bulk SMS to the volunteers of a region', () => {
  it('reaches each current volunteer of the region once, with one contacts request per dispatch batch, within the limits, ids only in Redis', async () => {
    const province = await tokenFor({
      roles: ['PROVINCE_ADMIN'],
      regionCode: '430000',
      sub: 'province-admin',
    });
    const stationIds: string[] = [];
    for (const input of [
      stationInput({ name: '芙蓉区文艺路学雷锋志愿服务站' }),
      stationInput({ name: '芙蓉区五一路学雷锋志愿服务站' }),
      stationInput({ name: '芙蓉区韭菜园学雷锋志愿服务站' }),
      stationInput({
        name: '荷塘区学雷锋志愿服务站',
        regionCode: '430202',
        address: '株洲市荷塘区新华路 1 号',
        postalCode: '412000',
      }),
    ]) {
      const r = await gql(platform.url, CREATE, { input }, { token: province });
      expect(r.errors).toBeUndefined();
      stationIds.push(r.data!.createStation.id);
    }
    const [a, b, c, outside] = stationIds;
    // station.created → stations relay → the volunteers worker's replica (registration needs it).
    await waitFor(
      async () =>
        (
          await volunteersDb.query(`SELECT count(*)::int AS n FROM station_ref WHERE id = ANY($1::uuid[])`, [
            stationIds,
          ])
        ).rows[0].n === 4,
      20000,
      'stations in the volunteers replica',
    );

    // Registered through volunteers' own mutation (its subgraph endpoint; phones are encrypted there).
    const REGISTER = typedQuery<{ registerVolunteer: { id: string } }>(
      `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
    );
    const register = async (i: number, phone: string, stationId: string) => {
      const r = await gql(
        platform.subgraphs.volunteers.url,
        REGISTER,
        {
          input: {
            name: `志愿者${i}`,
            phone,
            idNumber: idNumber(i),
            politicalStatus: 'OTHER',
            stationId,
            role: 'VOLUNTEER',
          },
        },
        { token: province },
      );
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!.registerVolunteer.id;
    };
    const people = [
      ...Array.from({ length: N }, (_, i) => ({
        i,
        phone: phoneOf(i),
        station: [a, b, c][i % 3],
      })),
      ...OUTSIDE.map((phone, k) => ({ i: N + k, phone, station: outside })),
      { i: N + 10, phone: WITHDRAWN, station: a },
    ];
    const ids: string[] = [];
    for (let k = 0; k < people.length; k += 16) {
      ids.push(...(await Promise.all(people.slice(k, k + 16).map((p) => register(p.i, p.phone, p.station)))));
    }
    // Volunteer 0 (station a) also joins station b: two memberships in the region, one message.
    const joined = await gql(
      platform.url,
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      { i: { volunteerId: ids[0], stationId: b, role: 'VOLUNTEER' } },
      { token: province },
    );
    expect(joined.errors).toBeUndefined();
    // The withdrawn volunteer: memberships ended, contacts null.
    const withdrawn = await gql(
      platform.url,
      `mutation($id: ID!) { setVolunteerStatus(id: $id, status: WITHDRAWN, reason: "本人申请退出") { status } }`,
      { id: ids.at(-1) },
      { token: province },
    );
    expect(withdrawn.errors).toBeUndefined();
    const { rows: phonesAtRest } = await volunteersDb.query(
      `SELECT count(*)::int AS n FROM volunteers WHERE phone_enc LIKE '138%' OR phone_enc LIKE '137%' OR phone_enc LIKE '136%'`,
    );
    expect(phonesAtRest[0].n).toBe(0);

    const contactsBefore = await contactRequests();
    const admin = await tokenFor({
      roles: ['CITY_ADMIN'],
      regionCode: '430100',
      sub: 'changsha-admin',
    });
    const SEND = typedQuery<{ sendBulkSms: { id: string; status: string } }>(
      `mutation($i: BulkSmsInput!) { sendBulkSms(input: $i) { id status } }`,
    );
    const created = await gql(
      platform.url,
      SEND,
      {
        i: {
          regionCode: '430102',
          audience: 'VOLUNTEERS',
          template: 'REGION_NOTICE',
          params: { region: '芙蓉区', title: '三月学雷锋志愿服务月活动安排' },
        },
      },
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    const bulkId = created.data!.sendBulkSms.id;

    await waitFor(() => aliyun.sent.length >= N, 90000, 'bulk sent to volunteers');
    const done = await waitFor(
      async () => {
        const s = await bulkCounts(bulkId, admin);
        return s.statusCounts.SENT === N ? s : undefined;
      },
      20000,
      'all messages SENT',
    );
    await smsQueueDrained(platform.bullPrefix); // nothing more arrives
    expect(done).toEqual({
      status: 'EXPANDED',
      recipientCount: N,
      statusCounts: { SENT: N },
    });

    // Each current volunteer of the region exactly once; nobody outside it, not the withdrawn one.
    const phones = aliyun.sent.map((s) => s.phone);
    expect(phones).toHaveLength(N);
    expect(new Set(phones)).toEqual(new Set(Array.from({ length: N }, (_, i) => phoneOf(i))));
    expect(phones.filter((p) => p === phoneOf(0))).toHaveLength(1);
    for (const p of [...OUTSIDE, WITHDRAWN]) expect(phones).not.toContain(p);
    expect(aliyun.sent[0]).toMatchObject({
      template: 'SMS_LF_0005',
      params: { region: '芙蓉区', title: '三月学雷锋志愿服务月活动安排' },
    });

    // Batched jobs: addBulk groups of at most BATCH ids (one dispatch transaction, one dispatched_at each).
    const { rows: batches } = await notifDb.query(
      `SELECT count(*)::int AS n FROM sms_message WHERE bulk_id = $1 GROUP BY dispatched_at ORDER BY 1 DESC`,
      [bulkId],
    );
    expect(batches.reduce((s: number, r: { n: number }) => s + r.n, 0)).toBe(N);
    expect(batches.length).toBeGreaterThanOrEqual(N / BATCH);
    expect(batches[0].n).toBeLessThanOrEqual(BATCH);

    // Phone lookups: one volunteerContacts request per dispatch batch (before: one per message, i.e. N).
    const contactsFirst = (await contactRequests()) - contactsBefore;
    expect(contactsFirst).toBeGreaterThanOrEqual(1);
    expect(contactsFirst).toBeLessThanOrEqual(batches.length);

    // Provider limit: PER_SECOND a second across workers, so N sends take at least (N / PER_SECOND - 1) s.
    const span = aliyun.sent.at(-1)!.at.getTime() - aliyun.sent[0].at.getTime();
    expect(span).toBeGreaterThanOrEqual((Math.ceil(N / PER_SECOND) - 1) * 1000 - 50);

    // Per-phone limit (1 a day for this template here): a second notice the same day is held back for everyone.
    const again = await gql(
      platform.url,
      SEND,
      {
        i: {
          regionCode: '430102',
          audience: 'VOLUNTEERS',
          template: 'REGION_NOTICE',
          params: { region: '芙蓉区', title: '志愿服务站开放时间调整' },
        },
      },
      { token: admin },
    );
    expect(again.errors).toBeUndefined();
    const secondId = again.data!.sendBulkSms.id;
    const held = await waitFor(
      async () => {
        const s = await bulkCounts(secondId, admin);
        return s.statusCounts.DEFERRED === N ? s : undefined;
      },
      60000,
      'second notice deferred',
    );
    expect(held).toEqual({
      status: 'EXPANDED',
      recipientCount: N,
      statusCounts: { DEFERRED: N },
    });
    expect(aliyun.sent).toHaveLength(N);
    const { rows: until } = await notifDb.query(
      `SELECT count(*)::int AS n FROM sms_message WHERE bulk_id = $1 AND deferred_until > now()`,
      [secondId],
    );
    expect(until[0].n).toBe(N);
    // Its numbers were read minutes ago for the first notice: still in the worker's memory, no new request.
    expect((await contactRequests()) - contactsBefore - contactsFirst).toBe(0);

    // Only masked numbers at rest in notifications.
    const { rows: unmasked } = await notifDb.query(
      `SELECT count(*)::int AS n FROM sms_message WHERE phone_masked IS NULL OR phone_masked NOT LIKE '___****____'`,
    );
    expect(unmasked[0].n).toBe(0);

    // Redis: the queues' jobs carry ids only, and no number is anywhere under the platform's prefix.
    const prefix = platform.bullPrefix;
    const reader = createRedis(TEST_REDIS_URL, 'producer');
    const smsQueue = new Queue(SMS_QUEUE, { connection: reader, prefix });
    const bulkQueue = new Queue(BULK_QUEUE, { connection: reader, prefix });
    try {
      const jobs = await smsQueue.getJobs(['completed', 'delayed', 'waiting', 'active', 'failed', 'prioritized']);
      expect(jobs).toHaveLength(2 * N);
      for (const job of jobs) expect(Object.keys(job.data)).toEqual(['messageId']);
      const bulkJobs = await bulkQueue.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
      expect(bulkJobs.map((j) => j.data).sort((x, y) => x.bulkId.localeCompare(y.bulkId))).toEqual(
        [{ bulkId }, { bulkId: secondId }].sort((x, y) => x.bulkId.localeCompare(y.bulkId)),
      );
    } finally {
      await Promise.all([smsQueue.close(), bulkQueue.close()]);
      await reader.quit();
    }
    const dump = await redisDump(prefix);
    const notifyKeys = [...dump.keys()].filter((k) => k.startsWith(`${prefix}:notify-`));
    expect(notifyKeys.length).toBeGreaterThan(2 * N);
    const everything = [...dump.entries()].map(([k, v]) => `${k} ${v}`).join('\n');
    const registered = [...Array.from({ length: N }, (_, i) => phoneOf(i)), ...OUTSIDE, WITHDRAWN];
    expect(registered.filter((p) => everything.includes(p))).toEqual([]);
    const notifyText = notifyKeys.map((k) => `${k} ${dump.get(k)}`).join('\n');
    // A phone stands alone between JSON/key punctuation; digit runs inside ids (uuid hex) are not phones.
    expect(notifyText.match(/(?<![\w-])1[3-9]\d{9}(?![\w-])/g) ?? []).toEqual([]);
  }, 240000);
});
