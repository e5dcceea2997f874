import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { gql, reservePort, tokenFor, waitFor } from '@leifeng/kit/testing';
import { CREATE, stationInput } from '../../../services/stations/test/fixtures';
import { createChannelWorkers } from '../../../services/notifications/src/jobs/channel-workers';
import { createNotificationsModule } from '../../../services/notifications/src/module';
import { liveSubscriptions, type Received } from '../../../services/gateway/test/ws-subscriber';
import { verify } from '../../../services/notifications/src/domain/webhook-signing';
import { fakeAliyun, fakePartner } from '../../../services/notifications/test/fakes';
import { startTestPlatform, type TestPlatform } from '../../support/platform';
import { launchChromium } from '../../web/watched-page';

/**
 * Scenario: a title revoked in accreditation reaches people through notifications, on the shared
 * platform harness: the leader's SMS (a local Aliyun), the boards, a partner's webhook (failing 3× then
 * answered once, signed) and the reviewEvents subscription through the gateway (in scope only); then
 * the station's notice board in headless Chromium.
 */
const SMS_SECRET = 'aliyun-test-secret';
let aliyun: Awaited<ReturnType<typeof fakeAliyun>>;
let partner: Awaited<ReturnType<typeof fakePartner>>;
let platform: TestPlatform;
let url: string;
let admin: string;
let stationId: string;
const clients: WsClient[] = [];

beforeAll(async () => {
  aliyun = await fakeAliyun(SMS_SECRET);
  partner = await fakePartner(3);
  const gatewayPort = await reservePort();
  const channelEnv = {
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
    SMS_PROVIDER: 'aliyun',
    SMS_ENDPOINT: aliyun.url,
    SMS_ACCESS_KEY_ID: 'test-key',
    SMS_ACCESS_KEY_SECRET: SMS_SECRET,
    // An empty quiet window: this test must not depend on the time of day it runs at.
    SMS_QUIET_START: '00:00',
    SMS_QUIET_END: '00:00',
    WEBHOOK_RETRY_SCHEDULE_MS: '0,50,50,50,50',
    WEBHOOK_JITTER: '0',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    NOTIFY_DISPATCH_POLL_MS: '50',
  };
  platform = await startTestPlatform({
    // The notifications API reads its settings when the module is built.
    modules: {
      notifications: createNotificationsModule({
        ...process.env,
        ...channelEnv,
        NODE_ENV: 'test',
      }),
    },
    envBySubgraph: { notifications: channelEnv },
    workers: ['stations', 'notifications'],
    extraWorkers: {
      // The live channel is named after the platform's prefix (the gateway listens there).
      notifications: (deps) =>
        createChannelWorkers(deps, {
          env: { ...process.env, ...channelEnv, BULLMQ_PREFIX: deps.config.bullPrefix },
        }),
    },
    gatewayPort,
  });
  url = platform.url;
  admin = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
  const created = await gql(
    url,
    CREATE,
    { input: stationInput({ name: '芙蓉区<东风>学雷锋志愿服务站' }) },
    { token: admin },
  );
  expect(created.errors).toBeUndefined();
  stationId = created.data!.createStation.id;
  // station.created reaches notifications' local station snapshot.
  await waitFor(
    async () => {
      const r = await gql<{ station: { recentEvents: { type: string }[] } | null }>(
        url,
        `query($id: ID!) { station(id: $id) { recentEvents { type } } }`,
        { id: stationId },
        { token: admin },
      );
      if (r.errors) console.log(JSON.stringify(r.errors));
      return r.data?.station?.recentEvents?.length;
    },
    15000,
    'station.created logged',
  );
}, 90000);

afterAll(async () => {
  for (const c of clients) await c.dispose();
  await platform?.stop();
  await aliyun?.close();
  await partner?.close();
});

/** Another service's event, written into stations' real outbox and relayed through BullMQ; its id. */
async function emit(type: string, aggregateType: string, aggregateId: string, payload: object): Promise<string> {
  const db = new Client({ connectionString: platform.subgraphs.stations.db.url });
  await db.connect();
  try {
    const { rows } = await db.query(
      `INSERT INTO outbox (type, source, aggregate_type, aggregate_id, payload) VALUES ($1, 'accreditation', $2, $3, $4) RETURNING id`,
      [type, aggregateType, aggregateId, JSON.stringify(payload)],
    );
    return rows[0].id;
  } finally {
    await db.end();
  }
}

/** What the `reviewEvents` subscriptions of this file deliver, as far as the test reads it. */
type ReviewEventReceived = Received<{ reviewEvents: { id: string } }>;

function subscribe(token: string, query: string): { got: ReviewEventReceived[]; errors: unknown[] } {
  const got: ReviewEventReceived[] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  clients.push(client);
  client.subscribe(
    { query },
    {
      next: (v) => got.push(v as ReviewEventReceived),
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  return { got, errors };
}

describe('title.revoked end to end', () => {
  it('sends one SMS to the leader, posts announcements, delivers the webhook once (after 3 failures) and reaches only in-scope subscribers', async () => {
    const agency = await tokenFor({ roles: ['AGENCY'], agencyId: 'hn-wmb' });
    const province = await tokenFor({
      roles: ['PROVINCE_ADMIN'],
      regionCode: '430000',
    });
    const scope = await gql(
      url,
      `mutation { setAgencyScope(agencyId: "hn-wmb", input: { regionCodes: ["430000"], eventTypes: ["title.revoked"] }) { agencyId } }`,
      {},
      { token: province },
    );
    expect(scope.errors).toBeUndefined();
    const ep = await gql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string; enabled: boolean } } }>(
      url,
      `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id enabled } } }`,
      {
        i: {
          url: `${partner.url}/hooks`,
          eventTypes: ['title.revoked'],
          regionCode: '430000',
        },
      },
      { token: agency },
    );
    expect(ep.errors).toBeUndefined();
    const secret: string = ep.data!.createWebhookEndpoint.secret;
    expect(secret).toMatch(/^whsec_/);

    const query = `subscription { reviewEvents { id type station { id name region { fullName } } } }`;
    const listening = await liveSubscriptions(url);
    const inside = subscribe(admin, query);
    const outside = subscribe(await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430200' }), query);
    // Barrier: the gateway listens for both before the event is written.
    await waitFor(async () => (await liveSubscriptions(url)) === listening + 2, 10000, 'both subscriptions listening');

    // accreditation's event, injected into a real outbox and relayed through BullMQ.
    const titleId = '11111111-2222-4333-8444-555555555555';
    const eventId = await emit('title.revoked', 'Title', titleId, {
      stationId,
      regionCode: '430102',
      titleId,
      level: 'CITY',
      reason: '连续三个月未开展活动',
      reviewId: '99999999-2222-4333-8444-555555555555',
    });

    // SMS: exactly one, to the leader's whole number, on the approved template with named params.
    await waitFor(() => aliyun.sent.length > 0, 20000, 'SMS sent');
    expect(aliyun.sent).toHaveLength(1);
    expect(aliyun.sent[0]).toMatchObject({
      phone: '13812341234',
      template: 'SMS_LF_0001',
      outId: expect.any(String),
    });
    expect(aliyun.sent[0].params).toEqual({
      station: '芙蓉区<东风>学雷锋志愿服务站',
      level: '市级',
      reason: '连续三个月未开展活动',
    });
    const sms = await waitFor(
      async () => {
        const r = await gql<{ smsMessages: { status: string }[] }>(
          url,
          `query($e: ID!) { smsMessages(filter: { eventId: $e }) { status phone template attempts } }`,
          { e: eventId },
          { token: admin },
        );
        return r.data?.smsMessages?.[0]?.status === 'SENT' ? r.data.smsMessages : undefined;
      },
      10000,
      'SMS status SENT',
    );
    expect(sms).toEqual([
      {
        status: 'SENT',
        phone: '138****1234',
        template: 'TITLE_REVOKED',
        attempts: 1,
      },
    ]);

    // Announcements: on the station's board (pinned) and on the region's.
    const board = await gql<{ station: { announcements: unknown }; region: { announcements: unknown } }>(
      url,
      `query($id: ID!) { station(id: $id) { announcements { title category pinned author sourceEventId } } region(code: "430102") { announcements { title } } }`,
      { id: stationId },
    );
    expect(board.errors).toBeUndefined();
    expect(board.data!.station.announcements).toEqual([
      {
        title: '市级“雷锋号”称号撤销公告',
        category: 'TITLE_NEWS',
        pinned: true,
        author: 'system',
        sourceEventId: eventId,
      },
    ]);
    expect(board.data!.region.announcements).toEqual([
      { title: '关于撤销芙蓉区<东风>学雷锋志愿服务站市级“雷锋号”称号的公告' },
    ]);

    // Webhook: 3 failures then one success, same webhook-id each time, signature valid.
    await waitFor(() => partner.received.some((r) => r.status === 200), 20000, 'webhook success');
    // Barrier: the delivery is recorded SUCCEEDED, a final state the deliverer never posts again.
    await waitFor(
      async () => {
        const r = await gql<{ webhookDeliveries: { status: string }[] }>(
          url,
          `query($e: ID!) { webhookDeliveries(endpointId: $e) { status } }`,
          { e: ep.data!.createWebhookEndpoint.endpoint.id },
          { token: agency },
        );
        return r.data?.webhookDeliveries?.[0]?.status === 'SUCCEEDED';
      },
      10000,
      'delivery recorded SUCCEEDED',
    );
    expect(partner.received.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    const ids = new Set(partner.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const ok = partner.received[3];
    expect(
      verify(
        secret,
        {
          id: String(ok.headers['webhook-id']),
          timestamp: String(ok.headers['webhook-timestamp']),
          signature: String(ok.headers['webhook-signature']),
        },
        ok.body,
      ),
    ).toBe(true);
    expect(
      verify(
        secret,
        {
          id: String(ok.headers['webhook-id']),
          timestamp: String(ok.headers['webhook-timestamp']),
          signature: String(ok.headers['webhook-signature']),
        },
        ok.body.replace('title', 'tit1e'),
      ),
    ).toBe(false);
    const body = JSON.parse(ok.body);
    expect(body).toMatchObject({
      type: 'title.revoked',
      data: { eventId, stationId, regionCode: '430102', level: 'CITY' },
    });
    expect(ok.body).not.toMatch(/1381234/);
    const deliveries = await gql<{ webhookDeliveries: unknown }>(
      url,
      `query($e: ID!) { webhookDeliveries(endpointId: $e) { status attemptCount attempts { attempt statusCode } } }`,
      { e: ep.data!.createWebhookEndpoint.endpoint.id },
      { token: agency },
    );
    expect(deliveries.data!.webhookDeliveries).toEqual([
      {
        status: 'SUCCEEDED',
        attemptCount: 4,
        attempts: [1, 2, 3, 4].map((n) => ({
          attempt: n,
          statusCode: n < 4 ? 500 : 200,
        })),
      },
    ]);

    // Live: the Changsha admin gets the event with federated station fields; Zhuzhou's gets nothing.
    await waitFor(() => inside.got.length > 0, 10000, 'subscription event');
    expect(inside.errors).toEqual([]);
    expect(inside.got[0]).toEqual({
      data: {
        reviewEvents: {
          id: eventId,
          type: 'title.revoked',
          station: {
            id: stationId,
            name: '芙蓉区<东风>学雷锋志愿服务站',
            region: { fullName: '湖南省 长沙市 芙蓉区' },
          },
        },
      },
    });
    // Sentinel instead of a wait: a later live event in Zhuzhou's scope. Live events are published in log
    // order and each subscriber's stream is in order, so once it arrives nothing earlier can still come.
    const runId = '77777777-2222-4333-8444-555555555555';
    const sentinel = await emit('review.run.progressed', 'ReviewRun', runId, { runId, regionCode: '430200' });
    await waitFor(() => outside.got.length > 0, 10000, 'sentinel event');
    expect(outside.got.filter((g) => g.data?.reviewEvents?.id !== sentinel)).toEqual([]);
    expect(outside.got.map((g) => g.data?.reviewEvents?.id)).toEqual([sentinel]);

    // Catch-up: a reconnecting client with `after` gets nothing missed after the latest, and the event after an earlier one.
    const first = await gql<{ events: { edges: { node: { id: string } }[] } }>(
      url,
      `{ events(filter: { types: ["station.created"] }) { edges { node { id } } } }`,
      {},
      { token: admin },
    );
    const catchUp = subscribe(
      admin,
      `subscription { reviewEvents(after: "${first.data!.events.edges[0].node.id}") { id type } }`,
    );
    await waitFor(() => catchUp.got.length > 0, 10000, 'catch-up event');
    expect(catchUp.got[0]).toEqual({
      data: { reviewEvents: { id: eventId, type: 'title.revoked' } },
    });

    // The job retrying changes nothing: still one SMS.
    expect(aliyun.sent).toHaveLength(1);
  });

  it('renders the station notice board in headless Chromium with the announcement created through the graph', async () => {
    const manager = await tokenFor({ roles: ['STATION_MANAGER'], stationId });
    const created = await gql(
      url,
      `mutation($i: CreateAnnouncementInput!) { createAnnouncement(input: $i) { id title } }`,
      {
        i: {
          stationId,
          title: '三月学雷锋便民服务<b>招募</b>',
          body: '3月5日上午在文艺路广场开展义务理发、家电维修，欢迎报名！<script>alert(1)</script>',
          category: 'ACTIVITY_RECRUITMENT',
        },
      },
      { token: manager },
    );
    expect(created.errors).toBeUndefined();

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({
        viewport: { width: 390, height: 844 },
      });
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const res = await page.goto(`${platform.subgraphs.notifications.api.url}/board/stations/${stationId}`);
      expect(res?.status()).toBe(200);
      const text = await page.locator('body').innerText();
      expect(text).toContain('芙蓉区<东风>学雷锋志愿服务站');
      expect(text).toContain('三月学雷锋便民服务<b>招募</b>');
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('0731-84561234');
      expect(text).toContain('便民维修');
      expect(text).toContain('周一 08:30–12:00，14:00–17:30');
      expect(await page.locator('.qr svg').count()).toBe(1);
      expect(dialogs).toEqual([]);
      const dir = mkdtempSync(join(tmpdir(), 'board-'));
      await page.screenshot({
        path: join(dir, 'station-board.png'),
        fullPage: true,
      });
      await page.goto(`${platform.subgraphs.notifications.api.url}/board/stations/${stationId}?display=1`);
      expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('60');
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: join(dir, 'station-display.png') });
      console.log(`notice board screenshots in ${dir}`);
    } finally {
      await browser.close();
    }
  });
});
