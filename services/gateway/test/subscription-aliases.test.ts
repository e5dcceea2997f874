/**
 * reviewEvents payloads are resolved as a query and handed to the subscription's execution already
 * resolved, keyed by response key: aliases, fragments and one field asked twice with different
 * arguments must come out as the subscriber asked, live and on catch-up (`after`). Real subgraphs.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Client as WsClient } from 'graphql-ws';
import { createRedis, liveEventsChannel, type LiveMessage } from '@leifeng/kit';
import { gql, TEST_REDIS_URL, tokenFor, waitFor } from '@leifeng/kit/testing';
import type { Redis } from 'ioredis';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { CREATE, stationInput } from '../../stations/test/fixtures';
import { subscribeAll } from './ws-subscriber';

/** Every kind of alias at once; `regionCode` and `id` are response keys that are also other fields' names. */
const ALIASED = `subscription Aliased($few: Int, $after: ID) {
  reviewEvents(after: $after) {
    eventId: id
    id
    kind: type
    regionCode: source
    station {
      sid: id
      n: name
      leader { p: phone }
      newest: recentEvents(first: 1) { id }
      latest: recentEvents(first: $few) { id kind: type }
    }
    ...More
    ... on LoggedEvent { t: type }
  }
}
fragment More on LoggedEvent {
  region: regionCode
  station { name }
}`;
const PLAIN = `subscription Plain($after: ID) { reviewEvents(after: $after) { id type regionCode station { id name } } }`;

let platform: TestPlatform;
let events: Client;
let redis: Redis;
let token: string;
let stationId: string;
let e1: LiveMessage, e2: LiveMessage, e3: LiveMessage;
const clients: WsClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  events = new Client({
    connectionString: platform.subgraphs.notifications.db.url,
  });
  await events.connect();
  redis = createRedis(TEST_REDIS_URL, 'client');
  token = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
    sub: 'city-alias',
  });
  const created = await gql(platform.url, CREATE, { input: stationInput({ name: '别名订阅测试站' }) }, { token });
  expect(created.errors).toBeUndefined();
  stationId = created.data!.createStation.id;
  // All events are in the log before any is resolved, so every payload sees the same recentEvents.
  e1 = await logEvent('review.completed');
  e2 = await logEvent('title.revoked');
  e3 = await logEvent('inspection.recorded');
}, 90000);

afterAll(async () => {
  for (const c of clients) await c.dispose();
  redis?.disconnect();
  await events?.end();
  await platform?.stop();
});

/** Every message the subscription gets (results with data or errors) and its terminal errors. */
const subscribe = (query: string, variables: Record<string, unknown>) =>
  subscribeAll(platform.url, token, query, variables, clients);

async function logEvent(type: string): Promise<LiveMessage> {
  const id = randomUUID();
  const { rows } = await events.query(
    `INSERT INTO event_log (event_id, type, source, aggregate_type, aggregate_id, station_id, region_code, payload, occurred_at)
     VALUES ($1, $2, 'accreditation', 'Title', $3, $4, '430102', '{}', now()) RETURNING seq`,
    [id, type, randomUUID(), stationId],
  );
  return {
    id,
    seq: String(rows[0].seq),
    type,
    stationId,
    regionCode: '430102',
  };
}
const publish = (m: LiveMessage) => redis.publish(liveEventsChannel(platform.bullPrefix), JSON.stringify(m));

const aliased = (e: LiveMessage) => ({
  data: {
    reviewEvents: {
      eventId: e.id,
      id: e.id,
      kind: e.type,
      regionCode: 'accreditation',
      station: {
        sid: stationId,
        n: '别名订阅测试站',
        name: '别名订阅测试站',
        leader: { p: '13812341234' },
        newest: [{ id: e3.id }],
        latest: [e3, e2].map((x) => ({ id: x.id, kind: x.type })),
      },
      region: '430102',
      t: e.type,
    },
  },
});
const plain = (e: LiveMessage) => ({
  data: {
    reviewEvents: {
      id: e.id,
      type: e.type,
      regionCode: '430102',
      station: { id: stationId, name: '别名订阅测试站' },
    },
  },
});

it('live: reads aliased, fragment and repeated-field values by response key; plain selections unchanged', async () => {
  // e1 until both listen (each gets an event at most once), then e3; e2 is never published.
  const liveAliased = subscribe(ALIASED, { few: 2 });
  const livePlain = subscribe(PLAIN, {});
  await waitFor(
    async () => {
      await publish(e1);
      return liveAliased.got.length > 0 && livePlain.got.length > 0;
    },
    20000,
    'both live subscriptions listening',
  );
  await publish(e3);
  await waitFor(() => liveAliased.got.length >= 2 && livePlain.got.length >= 2, 20000, 'e3 at both live subscribers');
  expect(liveAliased.got).toEqual([aliased(e1), aliased(e3)]);
  expect(livePlain.got).toEqual([plain(e1), plain(e3)]);
  expect([liveAliased.errors, livePlain.errors]).toEqual([[], []]);
}, 60000);

it('catch-up (after): events read through reviewEventsAfter come out by response key too', async () => {
  const catchUpAliased = subscribe(ALIASED, { few: 2, after: e1.id });
  const catchUpPlain = subscribe(PLAIN, { after: e1.id });
  await waitFor(() => catchUpAliased.got.length >= 2 && catchUpPlain.got.length >= 2, 20000, 'e2 and e3 caught up');
  expect(catchUpAliased.got).toEqual([aliased(e2), aliased(e3)]);
  expect(catchUpPlain.got).toEqual([plain(e2), plain(e3)]);
  expect([catchUpAliased.errors, catchUpPlain.errors]).toEqual([[], []]);
}, 60000);

it('one field asked in two places (reviewEvents { id } reviewEvents { type }) gets both selections', async () => {
  const twice = subscribe(`subscription { reviewEvents { id } reviewEvents { type station { name } } }`, {});
  await waitFor(
    async () => {
      await publish(e1);
      return twice.got.length > 0;
    },
    20000,
    'split subscription listening',
  );
  expect(twice.got[0]).toEqual({
    data: {
      reviewEvents: {
        id: e1.id,
        type: e1.type,
        station: { name: '别名订阅测试站' },
      },
    },
  });
  expect(twice.errors).toEqual([]);
}, 60000);

it('a subscriber that leaves stops listening at once, even when no event ever matches its filter', async () => {
  const open = async () =>
    Number(
      /^gateway_live_subscriptions(?:{[^}]*})? (\d+)/m.exec(
        await (await fetch(platform.url.replace(/\/graphql$/, '/metrics'))).text(),
      )?.[1],
    );
  const before = await open();
  const quiet = subscribeAll(
    platform.url,
    token,
    `subscription($f: ReviewEventFilter) { reviewEvents(filter: $f) { id } }`,
    { f: { stationId: randomUUID() } },
    [],
  );
  await waitFor(async () => (await open()) === before + 1, 20000, 'quiet subscription listening');
  await quiet.client.dispose();
  await waitFor(async () => (await open()) === before, 5000, 'listener gone after the client left');
  expect(quiet.got).toEqual([]);
}, 60000);
