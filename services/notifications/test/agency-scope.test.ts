/**
 * Partner agencies are scoped (issue 11, point 3): an admin whose region covers it sets an agency's
 * regions and event types; the event log, reviewEventsAfter, webhook endpoints and webhook
 * deliveries are limited to that scope; an agency without one sees nothing.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, createLogger, type DomainEvent } from '@leifeng/kit';
import { gql, startTestSubgraph, tokenFor, typedQuery, type TestSubgraph } from '@leifeng/kit/testing';
import type { DataSource } from 'typeorm';
import { handleEvent } from '../src/handle-event';
import { createNotificationsModule, notificationsModule } from '../src/module';

let svc: TestSubgraph;
let db: Client;
let ds: DataSource;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const SET = typedQuery<{ setAgencyScope: { setAt: string } & Record<string, unknown> }>(
  `mutation($a: ID!, $i: AgencyScopeInput!) { setAgencyScope(agencyId: $a, input: $i) { agencyId regionCodes eventTypes setBy setByRegion setAt } }`,
);
const EVENTS = typedQuery<{ events: { edges: { node: { id: string } }[] } }>(
  `query($f: EventFilter) { events(filter: $f, first: 50) { edges { node { id type regionCode } } } }`,
);
const CREATE = typedQuery<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
  `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id eventTypes regionCode } } }`,
);

const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

async function logged(type: string, regionCode: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO event_log (event_id, type, source, aggregate_type, aggregate_id, region_code, payload, occurred_at) VALUES ($1, $2, 'accreditation', 'Title', 't-1', $3, $4, now())`,
    [id, type, regionCode, JSON.stringify({ regionCode })],
  );
  return id;
}

beforeAll(async () => {
  svc = await startTestSubgraph(
    createNotificationsModule({
      ...process.env,
      NODE_ENV: 'test',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    }),
    { env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } },
  );
  db = new Client({ connectionString: svc.db.url });
  await db.connect();
  ds = createDataSource({
    url: svc.db.url,
    entities: notificationsModule.entities,
    migrations: [],
    logger: createLogger('scope-test', 'silent'),
    poolMax: 2,
    applicationName: 'scope-test',
  } as never);
  await ds.initialize();
  tokens.agency = await tokenFor({
    sub: 'a-1',
    roles: ['AGENCY'],
    agencyId: 'cs-wmb',
  });
  tokens.unscoped = await tokenFor({
    sub: 'a-2',
    roles: ['AGENCY'],
    agencyId: 'hn-mz',
  });
  tokens.city = await tokenFor({
    sub: 'admin-cs',
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
  });
  tokens.otherCity = await tokenFor({
    sub: 'admin-zz',
    roles: ['CITY_ADMIN'],
    regionCode: '430200',
  });
  tokens.county = await tokenFor({
    sub: 'admin-fr',
    roles: ['COUNTY_ADMIN'],
    regionCode: '430102',
  });
  tokens.province = await tokenFor({
    sub: 'admin-hn',
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
  ids.inScope = await logged('title.revoked', '430102'); // 芙蓉区, under 长沙市
  ids.otherType = await logged('review.completed', '430102');
  ids.otherCity = await logged('title.revoked', '430202'); // 株洲
  ids.inspection = await logged('inspection.recorded', '430103');
}, 60000);

afterAll(async () => {
  await ds?.destroy();
  await db?.end();
  await svc?.stop();
});

describe('setting an agency scope', () => {
  it('needs a caller first, then an admin', async () => {
    const anon = await gql(svc.url, SET, {
      a: 'cs-wmb',
      i: { regionCodes: ['430100'], eventTypes: ['*'] },
    });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const self = await gql(
      svc.url,
      SET,
      { a: 'cs-wmb', i: { regionCodes: ['430100'], eventTypes: ['*'] } },
      { token: tokens.agency },
    );
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count('agency_scope')).toBe(0);
  });

  it('refuses a scope wider than the admin region and writes nothing', async () => {
    const wider = await gql(
      svc.url,
      SET,
      {
        a: 'cs-wmb',
        i: { regionCodes: ['430100', '430200'], eventTypes: ['title.revoked'] },
      },
      { token: tokens.city },
    );
    expect(wider.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(wider.errors?.[0].extensions?.regionCodes).toEqual(['430200']);
    const province = await gql(
      svc.url,
      SET,
      { a: 'cs-wmb', i: { regionCodes: ['430000'], eventTypes: ['*'] } },
      { token: tokens.city },
    );
    expect(province.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await gql(
      svc.url,
      SET,
      { a: 'cs-wmb', i: { regionCodes: ['43x'], eventTypes: ['nope'] } },
      { token: tokens.city },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('INVALID_REGION_CODE');
    expect([await count('agency_scope'), await count('agency_scope_change')]).toEqual([0, 0]);
  });

  it('sets a scope within the admin region, kept with who and when', async () => {
    const r = await gql(
      svc.url,
      SET,
      {
        a: 'cs-wmb',
        i: {
          regionCodes: ['430102', '430100'],
          eventTypes: ['title.revoked', 'inspection.recorded'],
        },
      },
      { token: tokens.city },
    );
    expect(r.errors).toBeUndefined();
    // 430102 lies under 430100: the scope keeps the covering region only.
    expect(r.data!.setAgencyScope).toMatchObject({
      agencyId: 'cs-wmb',
      regionCodes: ['430100'],
      eventTypes: ['inspection.recorded', 'title.revoked'],
      setBy: 'admin-cs',
      setByRegion: '430100',
    });
    expect(new Date(r.data!.setAgencyScope.setAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const own = await gql<{ agencyScope: unknown }>(
      svc.url,
      `{ agencyScope { regionCodes eventTypes } }`,
      {},
      { token: tokens.agency },
    );
    expect(own.data!.agencyScope).toEqual({
      regionCodes: ['430100'],
      eventTypes: ['inspection.recorded', 'title.revoked'],
    });
  });

  it('refuses a narrower admin replacing a scope that reaches beyond their own region', async () => {
    const county = await gql(
      svc.url,
      SET,
      { a: 'cs-wmb', i: { regionCodes: ['430102'], eventTypes: ['*'] } },
      { token: tokens.county },
    );
    expect(county.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await gql(
      svc.url,
      SET,
      { a: 'cs-wmb', i: { regionCodes: ['430200'], eventTypes: ['*'] } },
      { token: tokens.otherCity },
    );
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const peek = await gql(
      svc.url,
      `{ agencyScope(agencyId: "cs-wmb") { regionCodes } }`,
      {},
      { token: tokens.otherCity },
    );
    expect(peek.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { rows } = await db.query(`SELECT region_codes, set_by FROM agency_scope WHERE agency_id = 'cs-wmb'`);
    expect(rows).toEqual([{ region_codes: ['430100'], set_by: 'admin-cs' }]);
    expect(await count('agency_scope_change')).toBe(1);
  });
});

describe('what a scoped agency sees', () => {
  it('an agency without a scope sees no event', async () => {
    const list = await gql(svc.url, EVENTS, {}, { token: tokens.unscoped });
    expect(list.data!.events.edges).toEqual([]);
    const one = await gql<{ event: unknown }>(
      svc.url,
      `query($id: ID!) { event(id: $id) { id } }`,
      { id: ids.inScope },
      { token: tokens.unscoped },
    );
    expect(one.data!.event).toBeNull();
    const after = await gql<{ reviewEventsAfter: unknown }>(
      svc.url,
      `query($id: ID!) { reviewEventsAfter(after: $id) { id } }`,
      { id: ids.inScope },
      { token: tokens.unscoped },
    );
    expect(after.data!.reviewEventsAfter).toEqual([]);
  });

  it('the event log shows in-scope events only, whatever the filter asks', async () => {
    const all = await gql(svc.url, EVENTS, {}, { token: tokens.agency });
    expect(all.data!.events.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(
      [ids.inScope, ids.inspection].sort(),
    );
    const outside = await gql(svc.url, EVENTS, { f: { regionCode: '430200' } }, { token: tokens.agency });
    expect(outside.data!.events.edges).toEqual([]);
    const wrongType = await gql(svc.url, EVENTS, { f: { types: ['review.completed'] } }, { token: tokens.agency });
    expect(wrongType.data!.events.edges).toEqual([]);
    for (const id of [ids.otherType, ids.otherCity]) {
      const one = await gql<{ event: unknown }>(
        svc.url,
        `query($id: ID!) { event(id: $id) { id } }`,
        { id },
        { token: tokens.agency },
      );
      expect(one.data!.event).toBeNull();
    }
    const one = await gql<{ event: unknown }>(
      svc.url,
      `query($id: ID!) { event(id: $id) { id } }`,
      { id: ids.inScope },
      { token: tokens.agency },
    );
    expect(one.data!.event).toEqual({ id: ids.inScope });
  });

  it('reviewEventsAfter catches up within the scope only', async () => {
    const first = (await db.query(`SELECT event_id FROM event_log ORDER BY seq LIMIT 1`)).rows[0].event_id;
    const r = await gql<{ reviewEventsAfter: { id: string }[] }>(
      svc.url,
      `query($id: ID!) { reviewEventsAfter(after: $id, filter: { types: ["title.revoked", "review.completed", "inspection.recorded"] }) { id } }`,
      { id: first },
      { token: tokens.agency },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.reviewEventsAfter.map((e: { id: string }) => e.id)).toEqual(
      [ids.inspection].filter((id) => id !== first),
    );
  });

  it('inspectors still read the whole log', async () => {
    const inspector = await tokenFor({ roles: ['INSPECTOR'] });
    const all = await gql(svc.url, EVENTS, {}, { token: inspector });
    expect(all.data!.events.edges).toHaveLength(4);
  });
});

describe('webhook endpoints of a scoped agency', () => {
  const input = (extra: Record<string, unknown>) => ({
    url: 'http://127.0.0.1:9/hook',
    eventTypes: ['title.revoked'],
    regionCode: '430102',
    ...extra,
  });

  it('an agency without a scope may not register one', async () => {
    const r = await gql(svc.url, CREATE, { i: input({}) }, { token: tokens.unscoped });
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count('webhook_endpoint')).toBe(0);
  });

  it.each([
    ['every event type', { eventTypes: ['*'] }, 'eventTypes'],
    ['a type outside the scope', { eventTypes: ['title.revoked', 'review.completed'] }, 'eventTypes'],
    ['no region', { regionCode: null }, 'regionCode'],
    ['a region outside the scope', { regionCode: '430202' }, 'regionCode'],
    ['a region wider than the scope', { regionCode: '430000' }, 'regionCode'],
  ])('refuses %s', async (_label, extra, field) => {
    const r = await gql(svc.url, CREATE, { i: input(extra) }, { token: tokens.agency });
    expect(r.errors?.[0].extensions?.code).toBe('OUTSIDE_AGENCY_SCOPE');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(await count('webhook_endpoint')).toBe(0);
  });

  it('accepts an endpoint within the scope, refuses widening it, and delivers only in-scope events', async () => {
    const r = await gql(
      svc.url,
      CREATE,
      {
        i: input({
          regionCode: '430100',
          eventTypes: ['title.revoked', 'inspection.recorded'],
        }),
      },
      { token: tokens.agency },
    );
    expect(r.errors).toBeUndefined();
    const id = r.data!.createWebhookEndpoint.endpoint.id;
    const widen = await gql(
      svc.url,
      `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { regionCode: null, eventTypes: ["*"] }) { id } }`,
      { id },
      { token: tokens.agency },
    );
    expect(widen.errors?.[0].extensions?.code).toBe('OUTSIDE_AGENCY_SCOPE');
    expect((await db.query(`SELECT region_code, event_types FROM webhook_endpoint WHERE id = $1`, [id])).rows).toEqual([
      {
        region_code: '430100',
        event_types: ['title.revoked', 'inspection.recorded'],
      },
    ]);

    // The province narrows the agency to one county: the endpoint made before gets nothing outside it.
    const narrowed = await gql(
      svc.url,
      SET,
      {
        a: 'cs-wmb',
        i: { regionCodes: ['430102'], eventTypes: ['title.revoked'] },
      },
      { token: tokens.province },
    );
    expect(narrowed.errors).toBeUndefined();
    const event = (type: string, regionCode: string): DomainEvent =>
      ({
        id: randomUUID(),
        type,
        source: 'accreditation',
        aggregateType: 'Title',
        aggregateId: 't-2',
        payload: { regionCode },
        occurredAt: new Date().toISOString(),
      }) as DomainEvent;
    const inScope = event('title.revoked', '430102');
    const outRegion = event('title.revoked', '430103');
    const outType = event('inspection.recorded', '430102');
    for (const e of [inScope, outRegion, outType])
      await ds.transaction((m) => handleEvent(e, m, createLogger('scope-test', 'silent')));
    const { rows } = await db.query(`SELECT event_id FROM webhook_delivery WHERE endpoint_id = $1`, [id]);
    expect(rows.map((x) => x.event_id)).toEqual([inScope.id]);

    const replay = await gql(
      svc.url,
      `mutation($e: ID!, $ev: ID!) { replayWebhookEvent(endpointId: $e, eventId: $ev) { id } }`,
      { e: id, ev: outRegion.id },
      { token: tokens.agency },
    );
    expect(replay.errors?.[0].extensions?.code).toBe('WEBHOOK_EVENT_NOT_SUBSCRIBED');
  });
});
