import { Client } from 'pg';
import { startTestSubgraph, tokenFor, gql, typedQuery, type TestSubgraph } from '@leifeng/kit/testing';
import { stationsModule } from '../src/module';
import { CREATE, stationInput } from './fixtures';

let svc: TestSubgraph;
let db: Client;
let changshaAdmin: string; // city admin of 长沙市
let furongAdmin: string; // county admin of 芙蓉区
let zhuzhouAdmin: string; // city admin of 株洲市 (wrong region)

async function counts() {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM stations)::int AS stations, (SELECT count(*) FROM outbox)::int AS events`,
  );
  return rows[0] as { stations: number; events: number };
}

beforeAll(async () => {
  svc = await startTestSubgraph(stationsModule);
  db = new Client({ connectionString: svc.db.url });
  await db.connect();
  changshaAdmin = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
  });
  furongAdmin = await tokenFor({
    roles: ['COUNTY_ADMIN'],
    regionCode: '430102',
  });
  zhuzhouAdmin = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430200',
  });
});

afterAll(async () => {
  await db.end();
  await svc.stop();
});

describe('createStation', () => {
  it('creates a station in scope and writes station.created to the outbox in the same transaction', async () => {
    const res = await gql(svc.url, CREATE, { input: stationInput({ name: '芙蓉区测试站一' }) }, { token: furongAdmin });
    expect(res.errors).toBeUndefined();
    const station = res.data!.createStation;
    expect(station).toMatchObject({
      name: '芙蓉区测试站一',
      status: 'ACTIVE',
      regionCode: '430102',
      region: { name: '芙蓉区' },
    });
    const { rows } = await db.query(`SELECT type, aggregate_id, payload FROM outbox WHERE aggregate_id = $1`, [
      station.id,
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        type: 'station.created',
        payload: expect.objectContaining({
          stationId: station.id,
          regionCode: '430102',
        }),
      }),
    ]);
  });

  it.each([
    ['anonymous', undefined, 'UNAUTHENTICATED'],
    ['admin of another city', 'zhuzhou', 'FORBIDDEN'],
    ['a volunteer', 'volunteer', 'FORBIDDEN'],
  ])('refuses %s and writes nothing', async (_label, who, code) => {
    const token =
      who === 'zhuzhou'
        ? zhuzhouAdmin
        : who === 'volunteer'
          ? await tokenFor({ roles: ['VOLUNTEER'], sub: 'v1' })
          : undefined;
    const before = await counts();
    const res = await gql(svc.url, CREATE, { input: stationInput({ name: `越权测试站${code}${who}` }) }, { token });
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('accepts an admin of an ancestor region (city covers its counties)', async () => {
    const res = await gql(
      svc.url,
      CREATE,
      { input: stationInput({ name: '长沙市级管理员登记站' }) },
      { token: changshaAdmin },
    );
    expect(res.errors).toBeUndefined();
  });

  it.each([
    ['a malformed mobile', { leader: { name: '张雷', phone: '1381234123' } }, 'INVALID_PHONE'],
    ['a malformed hotline', { hotline: '12-34' }, 'INVALID_PHONE'],
    ['a 5-digit postal code', { postalCode: '41001' }, 'INVALID_POSTAL_CODE'],
    ['an over-long name', { name: '站'.repeat(101) }, 'INVALID_LENGTH'],
    ['a blank address', { address: '   ' }, 'INVALID_LENGTH'],
    [
      'overlapping opening hours',
      {
        openingHours: [
          { weekday: 'MONDAY', opens: '08:00', closes: '12:00' },
          { weekday: 'MONDAY', opens: '11:00', closes: '13:00' },
        ],
      },
      'INVALID_OPENING_HOURS',
    ],
    [
      'closing before opening',
      {
        openingHours: [{ weekday: 'MONDAY', opens: '18:00', closes: '08:00' }],
      },
      'INVALID_OPENING_HOURS',
    ],
    ['a location outside China', { location: { longitude: 2.35, latitude: 48.85 } }, 'INVALID_LOCATION'],
    ['a future founding date', { establishedOn: '2999-01-01' }, 'INVALID_DATE'],
    ['an invalid calendar date', { establishedOn: '2023-02-30' }, 'INVALID_DATE'],
    ['an unknown region', { regionCode: '439999' }, 'REGION_NOT_FOUND'],
    ['a city-level region', { regionCode: '430100' }, 'REGION_LEVEL_NOT_ALLOWED'],
    [
      'a non-http evidence link',
      {
        evidence: [{ kind: 'LOGO', fileName: 'a.png', url: 'javascript:alert(1)' }],
      },
      'INVALID_URL',
    ],
    ['duplicate facilities', { facilities: ['UMBRELLA', 'UMBRELLA'] }, 'DUPLICATE_VALUE'],
    ['a negative headcount', { unitHeadcount: -1 }, 'INVALID_NUMBER'],
  ])('rejects %s with its code and writes nothing', async (_label, overrides, code) => {
    const before = await counts();
    const res = await gql(
      svc.url,
      CREATE,
      { input: stationInput({ name: `校验测试站-${code}`, ...overrides }) },
      { token: changshaAdmin },
    );
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.errors?.[0].message).toMatch(/[\u4e00-\u9fa5]/); // people read these: Chinese
    expect(await counts()).toEqual(before);
  });

  it('accepts landlines with extension, 400 hotlines and 24:00 closing', async () => {
    const res = await gql(
      svc.url,
      CREATE,
      {
        input: stationInput({
          name: '号码格式测试站',
          leader: { name: '李四', phone: '0731-84561234-12' },
          hotline: '400-123-4567',
          openingHours: [{ weekday: 'SUNDAY', opens: '18:00', closes: '24:00' }],
        }),
      },
      { token: changshaAdmin },
    );
    expect(res.errors).toBeUndefined();
  });

  it('rejects a duplicate name in the same region (case-insensitively) but allows it elsewhere', async () => {
    const first = await gql(
      svc.url,
      CREATE,
      { input: stationInput({ name: 'Lei Feng Corner' }) },
      { token: changshaAdmin },
    );
    expect(first.errors).toBeUndefined();
    const before = await counts();
    const dup = await gql(
      svc.url,
      CREATE,
      { input: stationInput({ name: 'lei feng corner' }) },
      { token: changshaAdmin },
    );
    expect(dup.errors?.[0].extensions?.code).toBe('DUPLICATE_STATION_NAME');
    expect(await counts()).toEqual(before);
    const elsewhere = await gql(
      svc.url,
      CREATE,
      {
        input: stationInput({ name: 'Lei Feng Corner', regionCode: '430103' }),
      },
      { token: changshaAdmin },
    );
    expect(elsewhere.errors).toBeUndefined();
  });

  it('places provincial-direct units under 省直 (439901)', async () => {
    const province = await tokenFor({
      roles: ['PROVINCE_ADMIN'],
      regionCode: '430000',
    });
    const res = await gql(
      svc.url,
      CREATE,
      {
        input: stationInput({
          name: '省直机关学雷锋志愿服务站',
          regionCode: '439901',
        }),
      },
      { token: province },
    );
    expect(res.errors).toBeUndefined();
    const region = await gql<{ region: unknown }>(
      svc.url,
      `{ region(code: "439901") { fullName parent { name level } } }`,
    );
    expect(region.data!.region).toEqual({
      fullName: '湖南省 省直 省直单位',
      parent: { name: '省直', level: 'CITY' },
    });
  });
});

describe('updateStation and closeStation', () => {
  let id: string;
  const UPDATE = typedQuery<{
    updateStation: { id: string; name: string; hotline: string; status: string; regionCode: string };
  }>(
    `mutation($id: ID!, $input: UpdateStationInput!) { updateStation(id: $id, input: $input) { id name hotline status regionCode } }`,
  );
  const CLOSE = typedQuery<{ closeStation: unknown }>(
    `mutation($id: ID!, $reason: String!) { closeStation(id: $id, reason: $reason) { id status closedReason closedAt } }`,
  );

  beforeAll(async () => {
    const res = await gql(svc.url, CREATE, { input: stationInput({ name: '可修改的站' }) }, { token: furongAdmin });
    id = res.data!.createStation.id;
  });

  it('lets the station manager edit the profile and records station.updated with the changed fields', async () => {
    const manager = await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: id,
    });
    const res = await gql(svc.url, UPDATE, { id, input: { hotline: '13900001111' } }, { token: manager });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateStation.hotline).toBe('13900001111');
    const { rows } = await db.query(`SELECT payload FROM outbox WHERE aggregate_id = $1 AND type = 'station.updated'`, [
      id,
    ]);
    expect(rows.map((r) => r.payload.changed)).toEqual([['hotline']]);
  });

  it('does not let a manager of another station, or the manager moving region or status, change anything', async () => {
    const other = await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: '00000000-0000-4000-8000-000000000000',
    });
    const manager = await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: id,
    });
    const before = await counts();
    expect(
      (await gql(svc.url, UPDATE, { id, input: { hotline: '13900002222' } }, { token: other })).errors?.[0].extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await gql(svc.url, UPDATE, { id, input: { regionCode: '430103' } }, { token: manager })).errors?.[0].extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await gql(svc.url, UPDATE, { id, input: { status: 'SUSPENDED' } }, { token: manager })).errors?.[0].extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('rejects a bad update without touching the row', async () => {
    const before = await db.query(`SELECT hotline, version FROM stations WHERE id = $1`, [id]);
    const res = await gql(svc.url, UPDATE, { id, input: { hotline: 'abc', postalCode: '1' } }, { token: furongAdmin });
    expect(res.errors?.[0].extensions?.code).toBe('INVALID_PHONE');
    expect(res.errors?.[0].extensions?.errors).toHaveLength(2);
    expect((await db.query(`SELECT hotline, version FROM stations WHERE id = $1`, [id])).rows).toEqual(before.rows);
  });

  it('reports unknown and malformed ids as STATION_NOT_FOUND', async () => {
    for (const bad of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await gql(svc.url, UPDATE, { id: bad, input: { hotline: '13900001111' } }, { token: furongAdmin });
      expect(res.errors?.[0].extensions?.code).toBe('STATION_NOT_FOUND');
    }
  });

  it('closes with a reason (admin only), records station.closed, and refuses further edits', async () => {
    const manager = await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: id,
    });
    expect(
      (await gql(svc.url, CLOSE, { id, reason: '场地拆迁' }, { token: manager })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await gql(svc.url, CLOSE, { id, reason: '拆' }, { token: furongAdmin })).errors?.[0].extensions?.code).toBe(
      'INVALID_LENGTH',
    );
    const res = await gql(svc.url, CLOSE, { id, reason: '场地拆迁' }, { token: furongAdmin });
    expect(res.data!.closeStation).toMatchObject({
      status: 'CLOSED',
      closedReason: '场地拆迁',
    });
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND type = 'station.closed'`,
      [id],
    );
    expect(rows[0].n).toBe(1);
    expect(
      (await gql(svc.url, CLOSE, { id, reason: '场地拆迁' }, { token: furongAdmin })).errors?.[0].extensions?.code,
    ).toBe('STATION_CLOSED');
    expect(
      (await gql(svc.url, UPDATE, { id, input: { hotline: '13900003333' } }, { token: furongAdmin })).errors?.[0]
        .extensions?.code,
    ).toBe('STATION_CLOSED');
    // The name is free again in the region once the old station is closed.
    expect(
      (await gql(svc.url, CREATE, { input: stationInput({ name: '可修改的站' }) }, { token: furongAdmin })).errors,
    ).toBeUndefined();
  });
});

describe('public reads', () => {
  it('shows stations to anonymous callers with the leader phone masked; managers see it whole', async () => {
    const created = await gql(svc.url, CREATE, { input: stationInput({ name: '公开信息站' }) }, { token: furongAdmin });
    const id = created.data!.createStation.id;
    const q = typedQuery<{ station: { leader: { name: string; phone: string }; openingHours: unknown[] } }>(
      `query($id: ID!) { station(id: $id) { name hotline leader { name phone } openingHours { weekday opens closes } facilities } }`,
    );
    const anon = await gql(svc.url, q, { id });
    expect(anon.data!.station.leader).toEqual({
      name: '张雷',
      phone: '138****1234',
    });
    expect(anon.data!.station.openingHours).toHaveLength(3);
    const mine = await gql(svc.url, q, { id }, { token: furongAdmin });
    expect(mine.data!.station.leader.phone).toBe('13812341234');
  });

  it('filters by region including descendants, by category and name, and pages with cursors', async () => {
    const zhuzhouAdminToken = zhuzhouAdmin;
    for (const [name, regionCode] of [
      ['荷塘区一号站', '430202'],
      ['荷塘区二号站', '430202'],
      ['芦淞区站', '430203'],
      ['芦淞区街道站', '430203001'],
    ]) {
      const res = await gql(
        svc.url,
        CREATE,
        {
          input: stationInput({ name, regionCode, category: 'SERVICE_WINDOW' }),
        },
        { token: zhuzhouAdminToken },
      );
      expect(res.errors).toBeUndefined();
    }
    const q = typedQuery<{
      stations: {
        totalCount: number;
        edges: { cursor: string; node: { name: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }>(`query($filter: StationFilter, $first: Int, $after: String) {
      stations(filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`);
    const city = await gql(svc.url, q, {
      filter: { regionCode: '430200' },
      first: 3,
    });
    expect(city.data!.stations.totalCount).toBe(4);
    expect(city.data!.stations.edges).toHaveLength(3);
    expect(city.data!.stations.pageInfo.hasNextPage).toBe(true);
    const next = await gql(svc.url, q, {
      filter: { regionCode: '430200' },
      first: 3,
      after: city.data!.stations.pageInfo.endCursor,
    });
    expect(next.data!.stations.edges).toHaveLength(1);
    expect(next.data!.stations.pageInfo.hasNextPage).toBe(false);
    // An empty page ends where it started: following its endCursor does not restart the list.
    const empty = await gql(svc.url, q, {
      filter: { regionCode: '430200' },
      first: 0,
      after: city.data!.stations.pageInfo.endCursor,
    });
    expect(empty.data!.stations.pageInfo).toEqual({
      hasNextPage: true,
      endCursor: city.data!.stations.pageInfo.endCursor,
    });
    const all = [...city.data!.stations.edges, ...next.data!.stations.edges]
      .map((e: { node: { name: string } }) => e.node.name)
      .sort();
    expect(all).toEqual(['芦淞区站', '芦淞区街道站', '荷塘区一号站', '荷塘区二号站'].sort());

    const county = await gql(svc.url, q, { filter: { regionCode: '430203' } });
    expect(county.data!.stations.totalCount).toBe(2); // the county and its township
    const search = await gql(svc.url, q, {
      filter: { search: '荷塘', categories: ['SERVICE_WINDOW'] },
    });
    expect(search.data!.stations.totalCount).toBe(2);
    const percent = await gql(svc.url, q, { filter: { search: '%' } });
    expect(percent.data!.stations.totalCount).toBe(0); // LIKE wildcards are escaped

    expect((await gql(svc.url, q, { first: 501 })).errors?.[0].extensions?.code).toBe('INVALID_PAGE_SIZE');
    expect((await gql(svc.url, q, { after: 'bm9wZQ' })).errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
    expect((await gql(svc.url, q, { filter: { regionCode: '43' } })).errors?.[0].extensions?.code).toBe(
      'INVALID_REGION_CODE',
    );
  });

  it('lists the four seeded provinces and Hunan with its 14 cities and the 省直 bucket', async () => {
    const res = await gql<{ regions: { code: string }[]; region: { children: { code: string }[] } }>(
      svc.url,
      `{ regions { code name } region(code: "430000") { children { code name level } } }`,
    );
    expect(res.data!.regions.map((r: { code: string }) => r.code)).toEqual(['140000', '330000', '370000', '430000']);
    const cities = res.data!.region.children;
    expect(cities.filter((c: { code: string }) => c.code !== '439900')).toHaveLength(14);
    expect(cities.find((c: { code: string }) => c.code === '439900')).toEqual({
      code: '439900',
      name: '省直',
      level: 'CITY',
    });
  });
});
