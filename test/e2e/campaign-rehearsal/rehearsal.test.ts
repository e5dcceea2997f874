import { gql, reservePort, tokenFor, typedQuery, waitFor, type TypedQuery } from '@leifeng/kit/testing';
import type { Client as WsClient } from 'graphql-ws';
import { startTestPlatform, type TestPlatform } from '../../support/platform';
import { subscribeAll } from '../../../services/gateway/test/ws-subscriber';
import { createChannelWorkers } from '../../../services/notifications/src/jobs/channel-workers';
import { createNotificationsModule } from '../../../services/notifications/src/module';
import { SinkSmsProvider } from '../../../services/notifications/src/services/sms-sink';
import { verify } from '../../../services/notifications/src/domain/webhook-signing';
import { fakeReceiver } from '../../../services/notifications/test/fakes';
import { CREATE, stationInput } from '../../../services/stations/test/fixtures';
import { startReviewWorker } from '../../../services/accreditation/src/jobs/review-worker';
import { form } from '../../../services/accreditation/test/support/platform';

/**
 * A campaign rehearsed on the sandbox clock, through the gateway only (issue 13 §5): a Hunan 2012
 * province cycle → applications → county and city endorsements → 公示 → naming; the clock advanced a
 * year → a provincial application of the CITY title; a station closes and the scheduled re-review fires
 * when the clock passes REVIEW_CRON → the station is delisted, the event shows on its page → appeal →
 * reinstatement. After the delisting the test observes what reaches people: the partner's webhook (a real
 * HTTP receiver, signature checked), the SMS to the leader (the development sink), the notice on the
 * region's public board page and the `reviewEvents` subscription (graphql-ws through the gateway).
 */
let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof fakeReceiver>>;
const clients: WsClient[] = [];
/** Lines the development SMS sink logs (masked number, rendered text) instead of sending. */
const sms: { to: string; text: string }[] = [];
const sinkLogger = {
  info: (o: { to: string; text: string }) => sms.push(o),
  warn() {},
  error() {},
  debug() {},
  child: () => sinkLogger,
};
let review: Awaited<ReturnType<typeof startReviewWorker>>;
const t: Record<string, string> = {};
const st: Record<string, string> = {};
const mgr: Record<string, string> = {};

async function call<T>(token: string | undefined, query: TypedQuery<T>, variables: Record<string, unknown> = {}) {
  return gql(platform.url, query, variables, { token });
}
async function ok<T>(token: string | undefined, query: TypedQuery<T>, variables: Record<string, unknown> = {}) {
  const res = await call(token, query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  if (res.data === undefined) throw new Error(`no data for ${query}`);
  return res.data;
}
const advanceTo = async (shanghai: string) =>
  (
    await ok<{ advanceSandboxClock: { now: string } }>(
      t.province,
      `mutation($to: DateTime!) { advanceSandboxClock(input: { to: $to }) { now } }`,
      {
        to: `${shanghai}+08:00`,
      },
    )
  ).advanceSandboxClock.now;
const SUBMIT = typedQuery<{ submitApplication: { id: string; status: string; stages: string[] } }>(
  `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status stages } }`,
);
const ENDORSE = typedQuery<{ endorseApplication: { status: string } }>(
  `mutation($id: ID!) { endorseApplication(id: $id, input: { decision: RECOMMEND, comment: "同意推荐" }) { status } }`,
);
const CREATE_CYCLE = typedQuery<{ createCycle: { id: string } }>(
  `mutation($input: CreateCycleInput!) { createCycle(input: $input) { id } }`,
);
const cycleInput = (year: number) => ({
  issuingRegionCode: '430000',
  year,
  standardSetId: 'rehearsal-acceptance@1',
  ruleProfileId: 'hunan-2012@1',
  levels: ['CITY', 'PROVINCE'],
  quotaTemplate: 'hunan-2012-provincial',
});

beforeAll(async () => {
  receiver = await fakeReceiver();
  const gatewayPort = await reservePort();
  // Notifications' sending side, as its worker process runs it: SMS through the sink, webhooks to loopback.
  const channelEnv = {
    ...process.env,
    SANDBOX: 'true',
    SANDBOX_CLOCK_REFRESH_MS: '100',
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
    SMS_QUIET_START: '00:00',
    SMS_QUIET_END: '00:00', // no quiet window: the re-review fires at 03:00 sandbox time
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_JITTER: '0',
    NOTIFY_DISPATCH_POLL_MS: '50',
  };
  platform = await startTestPlatform({
    env: { SANDBOX: 'true', SANDBOX_CLOCK_REFRESH_MS: '100' },
    // The notifications API reads its settings when the module is built: the receiver is on loopback.
    modules: {
      notifications: createNotificationsModule({
        ...channelEnv,
        NODE_ENV: 'test',
      }),
    },
    workers: ['stations', 'volunteers', 'accreditation', 'notifications'],
    extraWorkers: {
      // The live channel is named after the platform's prefix (the gateway listens there).
      notifications: (deps) =>
        createChannelWorkers(deps, {
          env: { ...channelEnv, BULLMQ_PREFIX: deps.config.bullPrefix },
          provider: new SinkSmsProvider(sinkLogger as never),
        }),
    },
    gatewayPort,
  });
  const acc = platform.subgraphs.accreditation;
  review = await startReviewWorker(acc.worker!.deps, {
    env: { ...process.env, ...acc.env, GATEWAY_URL: platform.url },
  });
  t.province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
  t.city = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
  t.county = await tokenFor({ roles: ['COUNTY_ADMIN'], regionCode: '430102' });
}, 180000);

afterAll(async () => {
  for (const c of clients) await c.dispose();
  await review?.close();
  await platform?.stop();
  await receiver?.close();
});

it('rehearses a campaign over two years in minutes', async () => {
  const year =
    Number(
      (await ok<{ sandboxClock: { now: string } }>(t.province, `{ sandboxClock { now } }`)).sandboxClock.now.slice(
        0,
        4,
      ),
    ) + 1;
  // A standard judged by inspection only: nothing fails unless the station stops running.
  await ok(t.province, `mutation($input: StandardSetInput!) { createStandardSet(input: $input) { id } }`, {
    input: {
      code: 'rehearsal-acceptance',
      version: 1,
      name: '演练验收标准',
      issuer: '演练',
      year,
      levels: ['CITY', 'PROVINCE'],
      criteria: [{ code: 'VENUE', name: '有场地', kind: 'INSPECTION' }],
    },
  });
  for (const key of ['A', 'B']) {
    st[key] = (
      await ok(t.city, CREATE, {
        input: stationInput({ name: `芙蓉区演练站${key}` }),
      })
    ).createStation.id;
    mgr[key] = await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: st[key],
      sub: `manager-${key}`,
    });
  }
  const cycle = (await ok(t.province, CREATE_CYCLE, { input: cycleInput(year) })).createCycle.id;

  // 申报 in July (the profile's template), county → city.
  await advanceTo(`${year}-07-05T10:00:00`);
  const apps: Record<string, string> = {};
  for (const key of ['A', 'B']) {
    const input = {
      cycleId: cycle,
      stationId: st[key],
      level: 'CITY',
      form: form(key),
    };
    // The station reaches accreditation's replica through the outbox: retry until it has.
    apps[key] = await waitFor(
      async () => {
        const res = await call(mgr[key], SUBMIT, { input });
        if (res.errors?.[0]?.extensions?.code === 'STATION_NOT_REGISTERED') return undefined;
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        return res.data!.submitApplication.id;
      },
      20000,
      `application ${key}`,
    );
  }
  for (const key of ['A', 'B']) await ok(t.county, ENDORSE, { id: apps[key] });
  for (const key of ['A', 'B'])
    expect((await ok(t.city, ENDORSE, { id: apps[key] })).endorseApplication.status).toBe('CANDIDATE');

  // 公示 in the review month, naming on 1 November.
  await advanceTo(`${year}-10-11T10:00:00`);
  const notice = (
    await ok<{ publishNotice: { id: string; startsOn: string } }>(
      t.city,
      `mutation($c: ID!) { publishNotice(input: { cycleId: $c, regionCode: "430100" }) { id startsOn endsOn calendarWarning } }`,
      { c: cycle },
    )
  ).publishNotice;
  expect(notice.startsOn).toBe(`${year}-10-11`);
  await advanceTo(`${year}-11-01T10:00:00`);
  const named = (
    await ok<{ nameCandidates: { id: string; level: string; conferredOn: string; station: { id: string } }[] }>(
      t.city,
      `mutation($n: ID!) { nameCandidates(noticeId: $n) { id level conferredOn station { id } } }`,
      {
        n: notice.id,
      },
    )
  ).nameCandidates;
  expect(named.map((x: { conferredOn: unknown; level: string }) => [x.level, x.conferredOn])).toEqual([
    ['CITY', `${year}-11-01`],
    ['CITY', `${year}-11-01`],
  ]);
  const titleOf = Object.fromEntries(named.map((x: { id: unknown; station: { id: string } }) => [x.station.id, x.id]));
  // Business stamps carry the sandbox time, not the database's: signatures in July, the naming on 1 November.
  const stamps = await ok<{
    application: { endorsements: { stage: string; signedAt: string }[] };
    notice: { namedAt: string };
  }>(
    t.city,
    `query($a: ID!, $n: ID!) { application(id: $a) { endorsements { stage signedAt } } notice(id: $n) { namedAt } }`,
    { a: apps.B, n: notice.id },
  );
  expect(
    stamps.application.endorsements.map((e: { signedAt: string; stage: string }) => [e.stage, e.signedAt.slice(0, 7)]),
  ).toEqual([
    ['UNIT', `${year}-07`],
    ['COUNTY', `${year}-07`],
    ['CITY', `${year}-07`],
  ]);
  const namedAfter = new Date(stamps.notice.namedAt).getTime() - new Date(`${year}-11-01T10:00:00+08:00`).getTime();
  expect(namedAfter >= 0 && namedAfter < 10 * 60_000).toBe(true);

  // A year later: A applies for PROVINCE with its CITY title (held one year on the naming date).
  const next = (await ok(t.province, CREATE_CYCLE, { input: cycleInput(year + 1) })).createCycle.id;
  await advanceTo(`${year + 1}-07-03T10:00:00`);
  const prov = (
    await ok(mgr.A, SUBMIT, {
      input: {
        cycleId: next,
        stationId: st.A,
        level: 'PROVINCE',
        form: form('A'),
      },
    })
  ).submitApplication;
  expect(prov).toMatchObject({
    status: 'SUBMITTED',
    stages: ['COUNTY', 'CITY', 'PROVINCE'],
  });

  // A partner agency scoped to Hunan takes title.revoked by webhook; the city office follows reviewEvents live,
  // from B's title.conferred on (catch-up by `after`: nothing is missed whenever the subscription starts).
  const agency = await tokenFor({
    roles: ['AGENCY'],
    agencyId: 'rehearsal-partner',
  });
  await ok(
    t.province,
    `mutation { setAgencyScope(agencyId: "rehearsal-partner", input: { regionCodes: ["430000"], eventTypes: ["title.revoked"] }) { agencyId } }`,
  );
  const endpoint = (
    await ok<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
      agency,
      `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id } } }`,
      {
        i: {
          url: `${receiver.url}/hooks`,
          eventTypes: ['title.revoked'],
          regionCode: '430000',
        },
      },
    )
  ).createWebhookEndpoint;
  const conferred = await waitFor(
    async () => {
      const r = await ok<{ station: { recentEvents: { id: string; type: string }[] } }>(
        t.city,
        `query($id: ID!) { station(id: $id) { recentEvents(first: 20) { id type } } }`,
        { id: st.B },
      );
      return r.station.recentEvents.find((e) => e.type === 'title.conferred')?.id;
    },
    20000,
    "B's title.conferred logged",
  );
  const live = subscribeAll<{ reviewEvents: { id: string; type: string; station: { id: string; name: string } } }>(
    platform.url,
    t.city,
    `subscription($after: ID) { reviewEvents(after: $after) { id type station { id name } } }`,
    { after: conferred },
    clients,
  );

  // B closes; the scheduled re-review fires when the sandbox clock passes 15 October 03:00.
  await ok(t.city, `mutation($id: ID!) { closeStation(id: $id, reason: "演练：站点撤销") { status } }`, { id: st.B });
  await advanceTo(`${year + 1}-10-15T03:00:30`);
  const TITLES = typedQuery<{
    station: { titles: { id: string; status: string; revokedOn: string | null }[]; recentEvents: { type: string }[] };
  }>(`query($id: ID!) { station(id: $id) { titles { id status revokedOn } recentEvents(first: 20) { type } } }`);
  const delisted = await waitFor(
    async () => {
      const s = (await ok(t.city, TITLES, { id: st.B })).station;
      return s.titles.find((x: { id: unknown; status: string }) => x.id === titleOf[st.B] && x.status === 'REVOKED') &&
        s.recentEvents.some((e: { type: string }) => e.type === 'title.revoked')
        ? s
        : undefined;
    },
    30000,
    'B delisted and the event logged',
  );
  expect(delisted.titles.find((x: { id: string }) => x.id === titleOf[st.B])?.revokedOn).toBe(`${year + 1}-10-15`);
  const revokedBy = (
    await ok<{ station: { titles: { id: string; revokedReview: { createdAt: string } }[] } }>(
      t.city,
      `query($id: ID!) { station(id: $id) { titles { id revokedReview { createdAt } } } }`,
      { id: st.B },
    )
  ).station.titles.find((x: { id: string }) => x.id === titleOf[st.B]);
  expect(revokedBy?.revokedReview.createdAt.slice(0, 10)).toBe(`${year + 1}-10-14`); // 03:00 Shanghai = 19:00 UTC the day before
  expect(
    (await ok(t.city, TITLES, { id: st.A })).station.titles.find((x: { id: string }) => x.id === titleOf[st.A])?.status,
  ).toBe('ACTIVE');

  // What reaches people after the delisting, each awaited on its own condition.
  const webhook = await waitFor(
    () => receiver.received.find((r) => r.status === 200 && JSON.parse(r.body).data?.stationId === st.B),
    30000,
    'webhook delivered',
  );
  const h = webhook.headers;
  expect(
    verify(
      endpoint.secret,
      {
        id: String(h['webhook-id']),
        timestamp: String(h['webhook-timestamp']),
        signature: String(h['webhook-signature']),
      },
      webhook.body,
    ),
  ).toBe(true);
  expect(JSON.parse(webhook.body)).toMatchObject({
    type: 'title.revoked',
    data: { stationId: st.B, titleId: titleOf[st.B], level: 'CITY' },
  });
  expect(webhook.body).not.toMatch(/13812341234/);
  const text = await waitFor(
    () => sms.find((m) => m.text.includes('芙蓉区演练站B') && m.text.includes('撤销')),
    30000,
    'SMS in the sink',
  );
  expect(text.to).toBe('138****1234');
  expect(text.text).not.toMatch(/CLOSED|SUSPENDED|ACTIVE/); // the reason in Chinese labels
  const boardUrl = `${platform.subgraphs.notifications.url.replace(/\/graphql$/, '')}/board/regions/430102`;
  const page = await waitFor(
    async () => {
      const res = await fetch(boardUrl);
      const html = await res.text();
      return res.status === 200 && html.includes('关于撤销芙蓉区演练站B市级“雷锋号”称号的公告') ? html : undefined;
    },
    30000,
    'notice on the public board page',
  );
  expect(page).toContain('芙蓉区演练站B');
  const event = await waitFor(
    () => live.got.find((m) => m.data?.reviewEvents?.type === 'title.revoked'),
    30000,
    `reviewEvents title.revoked (errors: ${JSON.stringify(live.errors)}, got: ${live.got.length})`,
  );
  expect(live.errors).toEqual([]);
  expect(event.data?.reviewEvents.station).toEqual({
    id: st.B,
    name: '芙蓉区演练站B',
  });

  // Appeal and reinstatement by the issuing level.
  await ok(mgr.B, `mutation($t: ID!) { appealRevocation(titleId: $t, reason: "站点已恢复运行，请复查") { status } }`, {
    t: titleOf[st.B],
  });
  const back = (
    await ok<{ decideAppeal: { status: string; reinstatedOn: string; history: { action: string }[] } }>(
      t.city,
      `mutation($t: ID!) { decideAppeal(titleId: $t, reinstate: true, comment: "复查合格，恢复称号") { status reinstatedOn history } }`,
      { t: titleOf[st.B] },
    )
  ).decideAppeal;
  expect(back).toMatchObject({
    status: 'ACTIVE',
    reinstatedOn: `${year + 1}-10-15`,
  });
  expect(back.history.map((h: { action: string }) => h.action)).toEqual([
    'CONFERRED',
    'REVOKED',
    'APPEALED',
    'REINSTATED',
  ]);
}, 240000);
