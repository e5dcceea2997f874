import { gql, startTestSubgraph, tokenFor, typedQuery, type TestSubgraph } from '@leifeng/kit/testing';
import { Client } from 'pg';
import { createNotificationsModule } from '../src/module';

/**
 * Every mutation: anonymous → UNAUTHENTICATED, wrong role/region/agency → FORBIDDEN, bad input →
 * its own code; and in every case no table (outbox included) changes.
 */
let svc: TestSubgraph;
let db: Client;
const STATION = '5a1e0000-0000-4000-8000-000000000001';
const OTHER_STATION = '5a1e0000-0000-4000-8000-000000000002';
const EVENT = 'e0000000-0000-4000-8000-000000000001';
const TABLES = [
  'announcement',
  'webhook_endpoint',
  'webhook_delivery',
  'outbox',
  'sms_opt_out',
  'sms_bulk',
  'sms_message',
];
let tokens: Record<string, string | undefined>;
let announcementId: string;
let endpointId: string;
let disabledEndpointId: string;

async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`,
    );
    out[t] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}

/** Runs the operation and expects one error with the code, and no change anywhere. */
async function rejects(code: string, query: string, variables: Record<string, unknown>, token?: string) {
  const before = await snapshot();
  const r = await gql(svc.url, query, variables, { token });
  expect({
    code: r.errors?.[0]?.extensions?.code,
    data: r.data ? Object.values(r.data)[0] : null,
  }).toEqual({ code, data: null });
  expect(r.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  expect(await snapshot()).toEqual(before);
}

beforeAll(async () => {
  svc = await startTestSubgraph(createNotificationsModule({ ...process.env, NODE_ENV: 'test' }), {
    env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' },
  });
  db = new Client({ connectionString: svc.db.url });
  await db.connect();
  await db.query(
    `INSERT INTO station_ref (station_id, name, region_code, status) VALUES ($1, '东风站', '430102', 'ACTIVE'), ($2, '西风站', '430202', 'ACTIVE')`,
    [STATION, OTHER_STATION],
  );
  await db.query(
    `INSERT INTO event_log (event_id, type, source, aggregate_type, aggregate_id, payload, occurred_at, region_code) VALUES ($1, 'title.revoked', 'accreditation', 'Title', 't', '{}', now(), '430202')`,
    [EVENT],
  );
  tokens = {
    anonymous: undefined,
    volunteer: await tokenFor({ roles: ['VOLUNTEER'] }),
    manager: await tokenFor({ roles: ['STATION_MANAGER'], stationId: STATION }),
    otherManager: await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: OTHER_STATION,
    }),
    changsha: await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' }),
    zhuzhou: await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430200' }),
    agency: await tokenFor({ roles: ['AGENCY'], agencyId: 'hn-wmb' }),
    otherAgency: await tokenFor({ roles: ['AGENCY'], agencyId: 'hn-mz' }),
    service: await tokenFor({ roles: ['SERVICE'] }),
  };
  const a = await gql<{ createAnnouncement: { id: string } }>(
    svc.url,
    `mutation { createAnnouncement(input: { stationId: "${STATION}", title: "便民服务", body: "周六上午义诊", category: NOTICE }) { id } }`,
    {},
    { token: tokens.manager },
  );
  expect(a.errors).toBeUndefined();
  announcementId = a.data!.createAnnouncement.id;
  // The agency's scope (regions, event types), set by the province: webhooks must lie within it.
  const province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
  const scope = await gql(
    svc.url,
    `mutation { setAgencyScope(agencyId: "hn-wmb", input: { regionCodes: ["430100"], eventTypes: ["*"] }) { agencyId } }`,
    {},
    { token: province },
  );
  expect(scope.errors).toBeUndefined();
  const e = await gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
    svc.url,
    `mutation { createWebhookEndpoint(input: { url: "https://partner.example.cn/hooks", eventTypes: ["title.revoked"], regionCode: "430100" }) { endpoint { id } } }`,
    {},
    { token: tokens.agency },
  );
  expect(e.errors).toBeUndefined();
  endpointId = e.data!.createWebhookEndpoint.endpoint.id;
  const d = await gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
    svc.url,
    `mutation { createWebhookEndpoint(input: { url: "https://partner.example.cn/off", eventTypes: ["*"], regionCode: "430100" }) { endpoint { id } } }`,
    {},
    { token: tokens.agency },
  );
  disabledEndpointId = d.data!.createWebhookEndpoint.endpoint.id;
  expect(
    (
      await gql(
        svc.url,
        `mutation { disableWebhookEndpoint(id: "${disabledEndpointId}") { enabled } }`,
        {},
        { token: tokens.agency },
      )
    ).data,
  ).toEqual({ disableWebhookEndpoint: { enabled: false } });
}, 60000);

afterAll(async () => {
  await db?.end();
  await svc?.stop();
});

const CREATE_ANN = `mutation($i: CreateAnnouncementInput!) { createAnnouncement(input: $i) { id } }`;
const ann = (over: Record<string, unknown> = {}) => ({
  i: {
    stationId: STATION,
    title: '三月学雷锋',
    body: '欢迎报名',
    category: 'ACTIVITY_RECRUITMENT',
    ...over,
  },
});

describe('announcements', () => {
  it('createAnnouncement rejects anonymous, out-of-scope and invalid requests', async () => {
    await rejects('UNAUTHENTICATED', CREATE_ANN, ann(), tokens.anonymous);
    await rejects('FORBIDDEN', CREATE_ANN, ann(), tokens.volunteer);
    await rejects('FORBIDDEN', CREATE_ANN, ann(), tokens.otherManager);
    await rejects('FORBIDDEN', CREATE_ANN, ann(), tokens.zhuzhou);
    await rejects('FORBIDDEN', CREATE_ANN, ann(), tokens.agency);
    await rejects('FORBIDDEN', CREATE_ANN, ann({ stationId: null, regionCode: '430100' }), tokens.zhuzhou);
    await rejects('FORBIDDEN', CREATE_ANN, ann({ stationId: null, regionCode: '430100' }), tokens.manager);
    await rejects('INVALID_TITLE', CREATE_ANN, ann({ title: '通' }), tokens.manager);
    await rejects('INVALID_TITLE', CREATE_ANN, ann({ title: '长'.repeat(61) }), tokens.manager);
    await rejects('INVALID_BODY', CREATE_ANN, ann({ body: '  ' }), tokens.manager);
    await rejects('INVALID_BODY', CREATE_ANN, ann({ body: '字'.repeat(2001) }), tokens.manager);
    await rejects(
      'INVALID_PUBLISH_WINDOW',
      CREATE_ANN,
      ann({
        publishFrom: '2026-03-05T00:00:00Z',
        publishUntil: '2026-03-04T00:00:00Z',
      }),
      tokens.manager,
    );
    await rejects('INVALID_BOARD', CREATE_ANN, ann({ regionCode: '430100' }), tokens.changsha);
    await rejects('INVALID_BOARD', CREATE_ANN, ann({ stationId: null }), tokens.changsha);
    await rejects('INVALID_REGION_CODE', CREATE_ANN, ann({ stationId: null, regionCode: '43x' }), tokens.changsha);
    await rejects('INVALID_STATION_ID', CREATE_ANN, ann({ stationId: 'not-a-uuid' }), tokens.changsha);
    await rejects('NOT_FOUND', CREATE_ANN, ann({ stationId: '5a1e0000-0000-4000-8000-0000000000ff' }), tokens.changsha);
  });

  it('withdrawAnnouncement rejects anonymous, out-of-scope, unknown and repeated withdrawals', async () => {
    const W = `mutation($id: ID!) { withdrawAnnouncement(id: $id) { id withdrawnAt } }`;
    await rejects('UNAUTHENTICATED', W, { id: announcementId }, tokens.anonymous);
    await rejects('FORBIDDEN', W, { id: announcementId }, tokens.otherManager);
    await rejects('FORBIDDEN', W, { id: announcementId }, tokens.zhuzhou);
    await rejects('FORBIDDEN', W, { id: announcementId }, tokens.agency);
    await rejects('NOT_FOUND', W, { id: 'nope' }, tokens.manager);
    await rejects('NOT_FOUND', W, { id: '5a1e0000-0000-4000-8000-0000000000ff' }, tokens.manager);
    const ok = await gql(svc.url, W, { id: announcementId }, { token: tokens.changsha });
    expect(ok.errors).toBeUndefined();
    await rejects('ANNOUNCEMENT_WITHDRAWN', W, { id: announcementId }, tokens.manager);
  });
});

const CREATE_EP = typedQuery<{ createWebhookEndpoint: { secret: string } }>(
  `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret } }`,
);
const ep = (over: Record<string, unknown> = {}) => ({
  i: {
    url: 'https://partner.example.cn/hooks',
    eventTypes: ['title.revoked'],
    regionCode: '430100',
    ...over,
  },
});

describe('webhook subscriptions', () => {
  it('createWebhookEndpoint rejects non-agencies and invalid URLs, event types, region filters and secrets', async () => {
    await rejects('UNAUTHENTICATED', CREATE_EP, ep(), tokens.anonymous);
    await rejects('FORBIDDEN', CREATE_EP, ep(), tokens.changsha);
    await rejects('FORBIDDEN', CREATE_EP, ep(), tokens.service);
    await rejects('FORBIDDEN', CREATE_EP, ep(), tokens.manager);
    await rejects('INVALID_WEBHOOK_URL', CREATE_EP, ep({ url: 'not a url' }), tokens.agency);
    await rejects('INVALID_WEBHOOK_URL', CREATE_EP, ep({ url: 'http://partner.example.cn/hooks' }), tokens.agency);
    await rejects('INVALID_WEBHOOK_URL', CREATE_EP, ep({ url: 'ftp://partner.example.cn/hooks' }), tokens.agency);
    await rejects(
      'INVALID_WEBHOOK_URL',
      CREATE_EP,
      ep({ url: 'https://user:pw@partner.example.cn/hooks' }),
      tokens.agency,
    );
    await rejects(
      'INVALID_WEBHOOK_URL',
      CREATE_EP,
      ep({ url: `https://partner.example.cn/${'a'.repeat(2000)}` }),
      tokens.agency,
    );
    for (const url of [
      'https://localhost/h',
      'https://127.0.0.1/h',
      'https://10.1.2.3/h',
      'https://[::1]/h',
      'https://169.254.169.254/latest',
    ]) {
      await rejects('WEBHOOK_PRIVATE_ADDRESS', CREATE_EP, ep({ url }), tokens.agency);
    }
    await rejects('INVALID_EVENT_TYPES', CREATE_EP, ep({ eventTypes: [] }), tokens.agency);
    await rejects('INVALID_EVENT_TYPES', CREATE_EP, ep({ eventTypes: ['Title Revoked'] }), tokens.agency);
    await rejects(
      'INVALID_EVENT_TYPES',
      CREATE_EP,
      ep({
        eventTypes: Array.from(
          { length: 51 },
          (_, i) => `title.${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
        ),
      }),
      tokens.agency,
    );
    await rejects('INVALID_REGION_CODE', CREATE_EP, ep({ regionCode: '43' }), tokens.agency);
    await rejects('INVALID_REGION_CODE', CREATE_EP, ep({ regionCode: 'changsha' }), tokens.agency);
    await rejects(
      'INVALID_WEBHOOK_SECRET',
      CREATE_EP,
      ep({ secret: `whsec_${Buffer.alloc(23, 7).toString('base64')}` }),
      tokens.agency,
    );
    await rejects(
      'INVALID_WEBHOOK_SECRET',
      CREATE_EP,
      ep({ secret: `whsec_${Buffer.alloc(65, 7).toString('base64')}` }),
      tokens.agency,
    );
    await rejects(
      'INVALID_WEBHOOK_SECRET',
      CREATE_EP,
      ep({ secret: Buffer.alloc(32, 7).toString('base64') }),
      tokens.agency,
    );
    await rejects('INVALID_WEBHOOK_SECRET', CREATE_EP, ep({ secret: 'whsec_%%%' }), tokens.agency);
    // The bounds themselves are accepted (and the secret is not stored in plaintext).
    for (const n of [24, 64]) {
      const secret = `whsec_${Buffer.alloc(n, n).toString('base64')}`;
      const r = await gql(svc.url, CREATE_EP, ep({ secret }), {
        token: tokens.agency,
      });
      expect(r.data?.createWebhookEndpoint.secret).toBe(secret);
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM webhook_endpoint WHERE secret LIKE '%' || $1 || '%'`,
        [secret.slice(6, 30)],
      );
      expect(rows[0].n).toBe(0);
    }
  });

  it('updateWebhookEndpoint, rotateWebhookSecret, enable/disable, replay and deliveries reject other agencies and bad input', async () => {
    const U = `mutation($id: ID!, $i: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $i) { id } }`;
    await rejects('UNAUTHENTICATED', U, { id: endpointId, i: { url: 'https://a.example.cn/h' } }, tokens.anonymous);
    await rejects('FORBIDDEN', U, { id: endpointId, i: { url: 'https://a.example.cn/h' } }, tokens.changsha);
    await rejects('FORBIDDEN', U, { id: endpointId, i: { url: 'https://a.example.cn/h' } }, tokens.otherAgency);
    await rejects(
      'NOT_FOUND',
      U,
      {
        id: '5a1e0000-0000-4000-8000-0000000000ff',
        i: { url: 'https://a.example.cn/h' },
      },
      tokens.agency,
    );
    await rejects('INVALID_WEBHOOK_URL', U, { id: endpointId, i: { url: 'javascript:alert(1)' } }, tokens.agency);
    await rejects('INVALID_WEBHOOK_URL', U, { id: endpointId, i: { url: null } }, tokens.agency);
    await rejects(
      'WEBHOOK_PRIVATE_ADDRESS',
      U,
      { id: endpointId, i: { url: 'https://192.168.1.10/h' } },
      tokens.agency,
    );
    await rejects('INVALID_EVENT_TYPES', U, { id: endpointId, i: { eventTypes: ['title'] } }, tokens.agency);
    await rejects('INVALID_EVENT_TYPES', U, { id: endpointId, i: { eventTypes: null } }, tokens.agency);
    await rejects('INVALID_REGION_CODE', U, { id: endpointId, i: { regionCode: '4301001' } }, tokens.agency);

    const R = `mutation($id: ID!, $s: String) { rotateWebhookSecret(id: $id, secret: $s) { secret } }`;
    await rejects('UNAUTHENTICATED', R, { id: endpointId }, tokens.anonymous);
    await rejects('FORBIDDEN', R, { id: endpointId }, tokens.volunteer);
    await rejects('FORBIDDEN', R, { id: endpointId }, tokens.otherAgency);
    await rejects('NOT_FOUND', R, { id: 'x' }, tokens.agency);
    await rejects('INVALID_WEBHOOK_SECRET', R, { id: endpointId, s: 'whsec_c2hvcnQ=' }, tokens.agency);

    for (const [m, already] of [
      ['enableWebhookEndpoint', 'WEBHOOK_ALREADY_ENABLED'],
      ['disableWebhookEndpoint', 'WEBHOOK_ALREADY_DISABLED'],
    ] as const) {
      const q = `mutation($id: ID!) { ${m}(id: $id) { id } }`;
      const target = m === 'enableWebhookEndpoint' ? endpointId : disabledEndpointId;
      await rejects('UNAUTHENTICATED', q, { id: target }, tokens.anonymous);
      await rejects('FORBIDDEN', q, { id: target }, tokens.zhuzhou);
      await rejects(
        'FORBIDDEN',
        q,
        { id: target === endpointId ? disabledEndpointId : endpointId },
        tokens.otherAgency,
      );
      await rejects(already, q, { id: target }, tokens.agency);
    }

    const P = `mutation($e: ID!, $ev: ID!) { replayWebhookEvent(endpointId: $e, eventId: $ev) { id } }`;
    await rejects('UNAUTHENTICATED', P, { e: endpointId, ev: EVENT }, tokens.anonymous);
    await rejects('FORBIDDEN', P, { e: endpointId, ev: EVENT }, tokens.service);
    await rejects('FORBIDDEN', P, { e: endpointId, ev: EVENT }, tokens.otherAgency);
    await rejects('WEBHOOK_DISABLED', P, { e: disabledEndpointId, ev: EVENT }, tokens.agency);
    await rejects('NOT_FOUND', P, { e: endpointId, ev: 'e0000000-0000-4000-8000-0000000000ff' }, tokens.agency);
    // The event is in Zhuzhou; the endpoint only covers Changsha.
    await rejects('WEBHOOK_EVENT_NOT_SUBSCRIBED', P, { e: endpointId, ev: EVENT }, tokens.agency);

    const D = `query($e: ID!, $f: Int) { webhookDeliveries(endpointId: $e, first: $f) { id } }`;
    await rejects('FORBIDDEN', D, { e: endpointId }, tokens.otherAgency);
    await rejects('UNAUTHENTICATED', D, { e: endpointId }, tokens.anonymous);
    await rejects('INVALID_PAGE_SIZE', D, { e: endpointId, f: 0 }, tokens.agency);
  });
});

describe('SMS', () => {
  it('recordSmsOptOut is for services only and checks the number', async () => {
    const O = `mutation($p: String!) { recordSmsOptOut(phone: $p) }`;
    await rejects('UNAUTHENTICATED', O, { p: '13912345678' }, tokens.anonymous);
    await rejects('FORBIDDEN', O, { p: '13912345678' }, tokens.changsha);
    await rejects('FORBIDDEN', O, { p: '13912345678' }, tokens.agency);
    await rejects('INVALID_PHONE', O, { p: '1391234567' }, tokens.service);
    await rejects('INVALID_PHONE', O, { p: '23912345678' }, tokens.service);
  });

  it('sendBulkSms is for admins of the region, with a bulk template and valid parameters', async () => {
    const B = `mutation($i: BulkSmsInput!) { sendBulkSms(input: $i) { id } }`;
    const input = (over: Record<string, unknown> = {}) => ({
      i: {
        regionCode: '430100',
        audience: 'VOLUNTEERS',
        template: 'REGION_NOTICE',
        params: { region: '长沙市', title: '三月学雷锋活动安排' },
        ...over,
      },
    });
    await rejects('UNAUTHENTICATED', B, input(), tokens.anonymous);
    await rejects('FORBIDDEN', B, input(), tokens.manager);
    await rejects('FORBIDDEN', B, input(), tokens.agency);
    await rejects('FORBIDDEN', B, input(), tokens.service);
    await rejects('FORBIDDEN', B, input(), tokens.zhuzhou);
    await rejects('FORBIDDEN', B, input({ regionCode: '430000' }), tokens.changsha);
    await rejects('INVALID_REGION_CODE', B, input({ regionCode: '4301' }), tokens.changsha);
    await rejects('SMS_TEMPLATE_NOT_BULK', B, input({ template: 'TITLE_REVOKED' }), tokens.changsha);
    await rejects('SMS_TEMPLATE_NOT_BULK', B, input({ template: 'NO_SUCH' }), tokens.changsha);
    await rejects('SMS_PARAM_MISSING', B, input({ params: { region: '长沙市' } }), tokens.changsha);
    await rejects('SMS_PARAM_MISSING', B, input({ params: 'text' }), tokens.changsha);
    await rejects(
      'SMS_PARAM_TOO_LONG',
      B,
      input({ params: { region: '长沙市', title: '长'.repeat(36) } }),
      tokens.changsha,
    );
    await rejects(
      'SMS_PARAM_INVALID',
      B,
      input({ params: { region: '长沙市', title: '详见 https://x.cn' } }),
      tokens.changsha,
    );
    await rejects(
      'SMS_PARAM_UNKNOWN',
      B,
      input({
        params: { region: '长沙市', title: '活动', phone: '13912345678' },
      }),
      tokens.changsha,
    );
    const ok = await gql(svc.url, B, input(), { token: tokens.changsha });
    expect(ok.errors).toBeUndefined();
  });
});
