/**
 * Live reviewEvents payloads are resolved once per group of equivalent subscribers (same selection,
 * same scope claims, and the same person when the selection reads per-person fields), and each
 * subscriber still gets exactly what its own token allows. Real subgraphs; the notifications
 * subgraph sits behind a counting proxy, so we see every `event(id)` fetch the gateway makes.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Client as WsClient } from 'graphql-ws';
import { createRedis, DEV_JWT_SECRET, liveEventsChannel, signDevToken, type LiveMessage } from '@leifeng/kit';
import { gql, TEST_REDIS_URL, tokenFor, waitFor } from '@leifeng/kit/testing';
import type { Redis } from 'ioredis';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { CREATE, stationInput } from '../../stations/test/fixtures';
import { volunteerInput } from '../../volunteers/test/helpers';
import { subscribeAll, type Received } from './ws-subscriber';

interface Fetch {
  sub: string;
  query: string;
  variables: Record<string, unknown>;
}

/** Forwards to the notifications subgraph and records each GraphQL request with the caller's `sub`. */
async function countingProxy(target: () => string): Promise<{
  url: string;
  fetches: Fetch[];
  failFor: Set<string>;
  close(): Promise<void>;
}> {
  const fetches: Fetch[] = [];
  /** Event ids whose `event` fetch answers with an error, as a failing subgraph would. */
  const failFor = new Set<string>();
  const server: Server = createServer(
    (req, res) =>
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const body = Buffer.concat(chunks).toString('utf8');
        const auth = String(req.headers.authorization ?? '');
        const parsed = JSON.parse(body) as {
          query: string;
          variables?: Record<string, unknown>;
        };
        const sub = auth
          ? (JSON.parse(Buffer.from(auth.split('.')[1], 'base64url').toString()) as { sub: string }).sub
          : '';
        fetches.push({
          sub,
          query: parsed.query,
          variables: parsed.variables ?? {},
        });
        if (failFor.has(String(parsed.variables?.__eventId))) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              data: { event: null },
              errors: [
                {
                  message: '事件日志暂不可用',
                  path: ['event'],
                  extensions: { code: 'EVENT_LOG_UNAVAILABLE' },
                },
              ],
            }),
          );
          return;
        }
        const headers: Record<string, string> = {
          'content-type': 'application/json',
        };
        for (const h of ['authorization', 'x-request-id', 'apollo-require-preflight'])
          if (req.headers[h]) headers[h] = String(req.headers[h]);
        const upstream = await fetch(target(), {
          method: 'POST',
          headers,
          body,
        });
        res.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'application/json',
        });
        res.end(await upstream.text());
      })(),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    fetches,
    failFor,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let platform: TestPlatform;
let proxy: Awaited<ReturnType<typeof countingProxy>>;
let events: Client;
let redis: Redis;
let stationId: string;
const clients: WsClient[] = [];

beforeAll(async () => {
  const gatewayEnv: Record<string, string> = {};
  let notificationsUrl = '';
  proxy = await countingProxy(() => notificationsUrl);
  // The stations relay publishes station.created to the volunteers worker's replica; the live event
  // itself is written to notifications' event log and published below, as the notifications worker would.
  platform = await startTestPlatform({
    workers: ['stations', 'volunteers'],
    gatewayEnv,
    beforeGateway: async (subgraphs) => {
      notificationsUrl = subgraphs.notifications.url;
      gatewayEnv.NOTIFICATIONS_URL = proxy.url;
    },
  });
  events = new Client({
    connectionString: platform.subgraphs.notifications.db.url,
  });
  await events.connect();
  redis = createRedis(TEST_REDIS_URL, 'client');
  // The agency subscribers' scope (kept by notifications): 长沙市, every event type.
  await events.query(
    `INSERT INTO agency_scope (agency_id, region_codes, region_prefixes, event_types, set_by, set_by_region, set_at) VALUES ('hn-wmb', '{430100}', '{4301}', '{*}', 'test-province', '430000', now())`,
  );
  // Another agency limited to one other county and one event type.
  await events.query(
    `INSERT INTO agency_scope (agency_id, region_codes, region_prefixes, event_types, set_by, set_by_region, set_at) VALUES ('yl-mz', '{430103}', '{430103}', '{inspection.recorded}', 'test-province', '430000', now())`,
  );

  const admin = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
    sub: 'city-setup',
  });
  const created = await gql(
    platform.url,
    CREATE,
    { input: stationInput({ name: '共享订阅测试站' }) },
    { token: admin },
  );
  expect(created.errors).toBeUndefined();
  stationId = created.data!.createStation.id;
  const replica = new Client({
    connectionString: platform.subgraphs.volunteers.db.url,
  });
  await replica.connect();
  try {
    await waitFor(
      async () => (await replica.query(`SELECT 1 FROM station_ref WHERE id = $1`, [stationId])).rowCount,
      15000,
      'station in the volunteers replica',
    );
  } finally {
    await replica.end();
  }
  // 王志愿 registers himself (his account is linked to sub p-wang) and joins the station.
  const self = await gql(
    platform.url,
    `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
    {
      input: volunteerInput({
        name: '王志愿',
        phone: '13911112222',
        stationId,
      }),
    },
    { token: await tokenFor({ roles: ['VOLUNTEER'], sub: 'p-wang' }) },
  );
  expect(self.errors).toBeUndefined();
}, 90000);

afterAll(async () => {
  for (const c of clients) await c.dispose();
  redis?.disconnect();
  await events?.end();
  await platform?.stop();
  await proxy?.close();
});

/** What the tests read of a reviewEvents message (the selections differ; `members` only where selected). */
interface ReviewEventData {
  reviewEvents: { id: string; station: { members: { volunteer: { phone: string } }[] } };
}

const subscribe = (token: string, selection: string) =>
  subscribeAll<ReviewEventData>(platform.url, token, `subscription { reviewEvents ${selection} }`, {}, clients);

/** Logs an event in notifications' event log; `publish` sends its live message like the notifications worker. */
async function logEvent(type: string, stationOf: string | null, regionCode: string): Promise<LiveMessage> {
  const id = randomUUID();
  const { rows } = await events.query(
    `INSERT INTO event_log (event_id, type, source, aggregate_type, aggregate_id, station_id, region_code, payload, occurred_at)
     VALUES ($1, $2, 'accreditation', 'Title', $3, $4, $5, $6, now()) RETURNING seq`,
    [
      id,
      type,
      randomUUID(),
      stationOf,
      regionCode,
      JSON.stringify({
        stationId: stationOf,
        regionCode,
        reason: '连续三个月未开展活动',
      }),
    ],
  );
  return {
    id,
    seq: String(rows[0].seq),
    type,
    stationId: stationOf,
    regionCode,
  };
}
const publish = (m: LiveMessage) => redis.publish(liveEventsChannel(platform.bullPrefix), JSON.stringify(m));
const ids = (s: { got: Received<ReviewEventData>[] }) => s.got.map((g) => g.data?.reviewEvents?.id);

it('resolves each event once per (selection, visibility) group, and every subscriber gets what its own token allows', async () => {
  const S1 = '{ id type station { id name leader { phone } } }';
  const S2 = '{ id regionCode payload }';
  const S3 = '{ id occurredAt station { members { volunteer { name phone } } } }';
  const token = (sub: string, claims: Omit<Parameters<typeof tokenFor>[0], 'sub'>) => tokenFor({ ...claims, sub });
  const city = async (sub: string) => token(sub, { roles: ['CITY_ADMIN'], regionCode: '430100' });
  const agency = async (sub: string) => token(sub, { roles: ['AGENCY'], agencyId: 'hn-wmb' });
  const manager = async (sub: string) => token(sub, { roles: ['STATION_MANAGER'], stationId });

  const groups: Record<string, { got: Received<ReviewEventData>[]; errors: unknown[] }[]> = {
    'S1 city admins': [
      subscribe(await city('city-1'), S1),
      subscribe(await city('city-2'), S1),
      subscribe(await city('city-3'), S1),
      subscribe(await city('city-4'), S1),
    ],
    'S1 agency': [
      subscribe(await agency('agency-1'), S1),
      subscribe(await agency('agency-2'), S1),
      subscribe(await agency('agency-3'), S1),
    ],
    'S2 city admins': [subscribe(await city('city-5'), S2), subscribe(await city('city-6'), S2)],
    // The same manager claims twice: one of them is the volunteer 王志愿 himself (sub p-wang).
    'S1 managers': [subscribe(await manager('p-wang'), S1), subscribe(await manager('mgr-li'), S1)],
    'S3 manager p-wang': [subscribe(await manager('p-wang'), S3)],
    'S3 manager mgr-li': [subscribe(await manager('mgr-li'), S3)],
    // Same claims and selection as the city admins, but its token expires within a minute: it runs alone.
    'S1 expiring': [
      subscribe(
        await signDevToken(
          { roles: ['CITY_ADMIN'], regionCode: '430100', sub: 'expiring-city' },
          DEV_JWT_SECRET,
          '59s',
        ),
        S1,
      ),
    ],
  };
  const outside = subscribe(
    await token('county-430103', {
      roles: ['COUNTY_ADMIN'],
      regionCode: '430103',
    }),
    S1,
  );
  // Agencies out of the event's scope: one scoped elsewhere, one without any scope (sees nothing).
  const outsideAgency = subscribe(await token('agency-yl', { roles: ['AGENCY'], agencyId: 'yl-mz' }), S1);
  const unscopedAgency = subscribe(await token('agency-none', { roles: ['AGENCY'], agencyId: 'no-scope' }), S1);
  const inScope = Object.values(groups).flat();

  // Every subscription is listening once it has had its warm-up event (a subscriber gets an id at most once).
  const warm = await logEvent('review.completed', stationId, '430102');
  const warmOutside = await logEvent('inspection.recorded', null, '430103');
  await waitFor(
    async () => {
      await publish(warm);
      await publish(warmOutside);
      return (
        inScope.every((s) => ids(s).includes(warm.id)) &&
        ids(outside).includes(warmOutside.id) &&
        ids(outsideAgency).includes(warmOutside.id)
      );
    },
    20000,
    'every subscription listening',
  );

  const revoked = await logEvent('title.revoked', stationId, '430102');
  await publish(revoked);
  await waitFor(
    () => inScope.every((s) => ids(s).includes(revoked.id)),
    20000,
    'the event at every subscriber in scope',
  );
  // The other county's admin: the next event in its county arrives, the revocation never did.
  const fence = await logEvent('inspection.recorded', null, '430103');
  await publish(fence);
  await waitFor(() => ids(outside).includes(fence.id), 10000, 'the fence event outside');
  expect(ids(outside)).toEqual([warmOutside.id, fence.id]);
  await waitFor(() => ids(outsideAgency).includes(fence.id), 10000, 'the fence event at the other agency');
  expect(ids(outsideAgency)).toEqual([warmOutside.id, fence.id]);
  expect([unscopedAgency.got, unscopedAgency.errors]).toEqual([[], []]);

  // One notifications `event` fetch per group, made with one of the group's own tokens (the fetch
  // carries the selection's notifications part: `type` for S1, `payload` for S2, `occurredAt` for S3).
  const eventFetches = proxy.fetches.filter((f) => f.variables.__eventId === revoked.id);
  const groupOf = (f: Fetch) => {
    if (f.query.includes('occurredAt')) return `S3 manager ${f.sub}`;
    const selection = f.query.includes('payload') ? 'S2' : 'S1';
    const who = f.sub.startsWith('city-')
      ? 'city admins'
      : f.sub.startsWith('agency-')
        ? 'agency'
        : f.sub === 'expiring-city'
          ? 'expiring'
          : 'managers';
    return `${selection} ${who}`;
  };
  expect(eventFetches.map(groupOf).sort()).toEqual(Object.keys(groups).sort());

  const payloadOf = (s: { got: Received<ReviewEventData>[] }) =>
    s.got.find((g) => g.data?.reviewEvents?.id === revoked.id);
  for (const s of inScope) expect([s.errors, s.got.filter((g) => g.errors)]).toEqual([[], []]);
  const station = { id: stationId, name: '共享订阅测试站' };
  for (const s of [...groups['S1 city admins'], ...groups['S1 expiring']])
    expect(payloadOf(s)).toEqual({
      data: {
        reviewEvents: {
          id: revoked.id,
          type: 'title.revoked',
          station: { ...station, leader: { phone: '13812341234' } },
        },
      },
    });
  for (const s of groups['S1 managers'])
    expect(payloadOf(s)).toEqual({
      data: {
        reviewEvents: {
          id: revoked.id,
          type: 'title.revoked',
          station: { ...station, leader: { phone: '13812341234' } },
        },
      },
    });
  // Agencies do not manage the station: the leader's phone stays masked for them.
  for (const s of groups['S1 agency'])
    expect(payloadOf(s)).toEqual({
      data: {
        reviewEvents: {
          id: revoked.id,
          type: 'title.revoked',
          station: { ...station, leader: { phone: '138****1234' } },
        },
      },
    });
  for (const s of groups['S2 city admins']) {
    expect(payloadOf(s)).toEqual({
      data: {
        reviewEvents: {
          id: revoked.id,
          regionCode: '430102',
          payload: {
            stationId,
            regionCode: '430102',
            reason: '连续三个月未开展活动',
          },
        },
      },
    });
  }
  // A volunteer's phone is clear only to himself: the two managers with equal claims were not shared.
  const members = (s: { got: Received<ReviewEventData>[] }) =>
    payloadOf(s)!.data!.reviewEvents.station.members.map((m) => m.volunteer);
  expect(members(groups['S3 manager p-wang'][0])).toEqual([{ name: '王志愿', phone: '13911112222' }]);
  const masked = members(groups['S3 manager mgr-li'][0]);
  expect(masked).toEqual([{ name: '王志愿', phone: expect.stringMatching(/\*/) }]);
  expect(masked[0].phone).not.toBe('13911112222');

  // A shared run that fails fails alike for every sharer, with the subgraph's error as before.
  const broken = await logEvent('title.revoked', stationId, '430102');
  proxy.failFor.add(broken.id);
  await publish(broken);
  const cityAdmins = groups['S1 city admins'];
  const failureOf = (s: { got: Received[] }) => s.got.find((g) => g.errors);
  const failed = await waitFor(
    () => cityAdmins.every(failureOf) && cityAdmins.map(failureOf),
    20000,
    'the failure at every city admin',
  );
  for (const f of failed)
    expect(f).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          message: '事件日志暂不可用',
          extensions: expect.objectContaining({
            code: 'EVENT_LOG_UNAVAILABLE',
          }),
        }),
      ],
    });
  expect(
    proxy.fetches.filter(
      (f) => f.variables.__eventId === broken.id && f.sub.startsWith('city-') && f.query.includes(' type'),
    ),
  ).toHaveLength(1);
}, 90000);
