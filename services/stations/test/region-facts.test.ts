/**
 * Issue 15 in the stations subgraph: communities from the GB/T 2260 / NBS village-level data, the
 * communities a station serves, coverage (urban and rural apart, with the uncovered list), officer-
 * entered population figures (typed, CSV and XLSX), and the monthly station series.
 * Fixture: 长沙县 长龙街道 (430121005) has 3 urban communities (001 龙井, 002 龙湘, 003 长界) and
 * 3 rural ones (201 长龙村, 202 茶塘村, 203 湘峰村).
 */
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { startTestSubgraph, tokenFor, gql, typedQuery, type TestSubgraph } from '@leifeng/kit/testing';
import { stationsModule } from '../src/module';
import { readCommunitySeed } from '../src/db/migrations/1763800000011-SeedCommunities';
import { CREATE, stationInput } from './fixtures';
import { DEV_PII_ENCRYPTION_KEY, DEV_PII_HASH_KEY } from '@leifeng/kit';
import { LeaderPhoneCipher } from '../src/domain/leader-phone';

// Leader phones are stored sealed (dev keys, as the service uses outside production).
const sealedPhone = new LeaderPhoneCipher({
  encryptionKey: Buffer.from(DEV_PII_ENCRYPTION_KEY, 'base64'),
  hashKey: Buffer.from(DEV_PII_HASH_KEY, 'base64'),
}).seal('13800000001');

let svc: TestSubgraph;
let db: Client;
let changshaAdmin: string;
let zhuzhouAdmin: string;
const T = '430121005';

interface Coverage {
  communities: number;
  covered: number;
  uncovered: number;
  rate: number | null;
}
const COVERAGE = typedQuery<{
  region: {
    communityCount: { urban: number; rural: number; total: number };
    communityCoverage: {
      urban: Coverage;
      rural: Coverage;
      total: Coverage;
      uncoveredCommunities: { nodes: { code: string }[] } & Record<string, unknown>;
    };
  };
}>(`query Cov($code: ID!, $first: Int, $after: String, $kind: CommunityKind) {
  region(code: $code) {
    communityCount { urban rural total }
    communityCoverage {
      urban { communities covered uncovered rate } rural { communities covered uncovered rate } total { communities covered uncovered rate }
      uncoveredCommunities(first: $first, after: $after, kind: $kind) { nodes { code name kind township { code name } } pageInfo { hasNextPage endCursor } }
    }
  }
}`);
const UPDATE = typedQuery<{ updateStation: { id: string; regionCode: string; communities: unknown } }>(
  `mutation U($id: ID!, $input: UpdateStationInput!) { updateStation(id: $id, input: $input) { id regionCode communities { code kind } } }`,
);
const SET_POP = typedQuery<{ setRegionPopulations: unknown }>(
  `mutation P($input: [RegionPopulationInput!]!) { setRegionPopulations(input: $input) { code population populationYear populationSource } }`,
);
const IMPORT_POP = typedQuery<{
  importRegionPopulations: { code: string; population: number | null; populationYear: number | null }[];
}>(
  `mutation I($file: PopulationFileInput!) { importRegionPopulations(file: $file) { code population populationYear populationSource } }`,
);

async function create(name: string, communityCodes: string[], regionCode = T) {
  const res = await gql<{ createStation: { id: string; communities: { code: string; kind: string }[] } }>(
    svc.url,
    `mutation C($input: CreateStationInput!) { createStation(input: $input) { id communities { code name kind } } }`,
    { input: stationInput({ name, regionCode, communityCodes }) },
    { token: changshaAdmin },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createStation;
}

async function snapshot() {
  const { rows } =
    await db.query(`SELECT (SELECT count(*) FROM stations)::int AS stations, (SELECT count(*) FROM station_communities)::int AS served,
    (SELECT count(*) FROM outbox)::int AS events, (SELECT count(*) FROM regions WHERE population IS NOT NULL)::int AS populations`);
  return rows[0];
}

beforeAll(async () => {
  svc = await startTestSubgraph(stationsModule);
  db = new Client({ connectionString: svc.db.url });
  await db.connect();
  changshaAdmin = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
  });
  zhuzhouAdmin = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430200',
  });
});

afterAll(async () => {
  await db?.end();
  await svc?.stop();
});

describe('communities', () => {
  it('loads the village-level data and counts urban and rural communities on every level', async () => {
    const { rows } = await db.query(`SELECT code, name, kind FROM communities WHERE township_code = $1 ORDER BY code`, [
      T,
    ]);
    expect(rows.map((r) => `${r.code} ${r.kind}`)).toEqual([
      '430121005001 URBAN',
      '430121005002 URBAN',
      '430121005003 URBAN',
      '430121005201 RURAL',
      '430121005202 RURAL',
      '430121005203 RURAL',
    ]);
    // Counts against the committed file, counted here by hand.
    const seed = readCommunitySeed().rows;
    const count = (prefix: string, kind: string) =>
      seed.filter(([c, , k]) => c.startsWith(prefix) && k === kind).length;
    for (const [code, prefix] of [
      [T, T],
      ['430121', '430121'],
      ['430100', '4301'],
      ['430000', '43'],
    ]) {
      const res = await gql<{ region: { communityCount: unknown } }>(
        svc.url,
        `query($c: ID!) { region(code: $c) { communityCount { urban rural total } } }`,
        {
          c: code,
        },
      );
      expect(res.data!.region.communityCount).toEqual({
        urban: count(prefix, 'URBAN'),
        rural: count(prefix, 'RURAL'),
        total: count(prefix, 'URBAN') + count(prefix, 'RURAL'),
      });
    }
    expect(count('43', 'URBAN') + count('43', 'RURAL')).toBe(29534);
    const { rows: all } = await db.query(`SELECT count(*)::int AS n FROM communities`);
    expect(all[0].n).toBe(139050);
  });

  it.each([
    ['a community of another township', ['430121004001'], 'COMMUNITY_OUTSIDE_REGION'],
    ['an unknown code', ['430121005999'], 'COMMUNITY_NOT_FOUND'],
    ['a malformed code', ['43012100500'], 'INVALID_COMMUNITY_CODE'],
    ['a duplicate', ['430121005001', '430121005001'], 'DUPLICATE_VALUE'],
  ])('refuses a station serving %s and writes nothing', async (_label, codes, code) => {
    const before = await snapshot();
    const res = await gql(
      svc.url,
      CREATE,
      {
        input: stationInput({
          name: `拒绝社区站${code}`,
          regionCode: T,
          communityCodes: codes,
        }),
      },
      { token: changshaAdmin },
    );
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(await snapshot()).toEqual(before);
  });
});

describe('coverage of 长龙街道, computed by hand', () => {
  let a: string;
  beforeAll(async () => {
    a = (await create('长龙街道甲站', ['430121005001', '430121005201'])).id;
    await create('长龙街道乙站', ['430121005001', '430121005002']);
    const c = (await create('长龙街道丙站', ['430121005003'])).id;
    const d = (await create('长龙街道丁站', ['430121005202'])).id;
    expect(
      (await gql(svc.url, UPDATE, { id: c, input: { status: 'SUSPENDED' } }, { token: changshaAdmin })).errors,
    ).toBeUndefined();
    expect(
      (
        await gql(
          svc.url,
          `mutation { closeStation(id: "${d}", reason: "撤并关闭") { id } }`,
          {},
          { token: changshaAdmin },
        )
      ).errors,
    ).toBeUndefined();
  });

  it('counts communities served by at least one ACTIVE station (suspended and closed stations do not count)', async () => {
    // Urban: 001 (甲, 乙) and 002 (乙) of 3 → 2/3; 003 only by the suspended 丙. Rural: 201 (甲) of 3; 202 only by the closed 丁.
    const res = await gql(svc.url, COVERAGE, { code: T, first: 2 });
    expect(res.errors).toBeUndefined();
    const cov = res.data!.region.communityCoverage;
    expect(cov.urban).toEqual({
      communities: 3,
      covered: 2,
      uncovered: 1,
      rate: 0.6667,
    });
    expect(cov.rural).toEqual({
      communities: 3,
      covered: 1,
      uncovered: 2,
      rate: 0.3333,
    });
    expect(cov.total).toEqual({
      communities: 6,
      covered: 3,
      uncovered: 3,
      rate: 0.5,
    });
    expect(cov.uncoveredCommunities.nodes.map((n: { code: string }) => n.code)).toEqual([
      '430121005003',
      '430121005202',
    ]);
    expect(cov.uncoveredCommunities.nodes[0]).toMatchObject({
      name: '长界社区居委会',
      kind: 'URBAN',
      township: { code: T, name: '长龙街道' },
    });
    expect(cov.uncoveredCommunities.pageInfo).toEqual({
      hasNextPage: true,
      endCursor: '430121005202',
    });
    const next = await gql(svc.url, COVERAGE, {
      code: T,
      first: 2,
      after: '430121005202',
    });
    expect(next.data!.region.communityCoverage.uncoveredCommunities).toEqual({
      nodes: [expect.objectContaining({ code: '430121005203' })],
      pageInfo: { hasNextPage: false, endCursor: '430121005203' },
    });
    const rural = await gql(svc.url, COVERAGE, {
      code: T,
      first: 10,
      kind: 'RURAL',
    });
    expect(
      rural.data!.region.communityCoverage.uncoveredCommunities.nodes.map((n: { code: string }) => n.code),
    ).toEqual(['430121005202', '430121005203']);
  });

  it('gives the county and the city the same covered communities over their own totals', async () => {
    const county = (await gql(svc.url, COVERAGE, { code: '430121', first: 0 })).data!.region;
    expect(county.communityCoverage.urban.covered).toBe(2);
    expect(county.communityCoverage.rural.covered).toBe(1);
    expect(county.communityCoverage.urban.communities).toBe(county.communityCount.urban);
    const other = (await gql(svc.url, COVERAGE, { code: '430200', first: 0 })).data!.region;
    expect(other.communityCoverage.total.covered).toBe(0);
  });

  it("replaces a station's communities and refuses a move that would leave them outside its region", async () => {
    const res = await gql(
      svc.url,
      UPDATE,
      { id: a, input: { communityCodes: ['430121005203'] } },
      { token: changshaAdmin },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateStation.communities).toEqual([{ code: '430121005203', kind: 'RURAL' }]);
    const cov = (await gql(svc.url, COVERAGE, { code: T, first: 0 })).data!.region.communityCoverage;
    expect(cov.rural.covered).toBe(1); // 203 now instead of 201
    const before = await snapshot();
    const move = await gql(svc.url, UPDATE, { id: a, input: { regionCode: '430121004' } }, { token: changshaAdmin });
    expect(move.errors?.[0].extensions?.code).toBe('COMMUNITY_OUTSIDE_REGION');
    expect(await snapshot()).toEqual(before);
    const { rows } = await db.query(`SELECT region_code FROM stations WHERE id = $1`, [a]);
    expect(rows[0].region_code).toBe(T);
    // Moving together with communities of the new township works.
    const ok = await gql(
      svc.url,
      UPDATE,
      {
        id: a,
        input: { regionCode: '430121004', communityCodes: ['430121004001'] },
      },
      { token: changshaAdmin },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateStation).toMatchObject({
      regionCode: '430121004',
      communities: [{ code: '430121004001', kind: 'URBAN' }],
    });
  });
});

describe('population', () => {
  it('stores figures an officer of the region enters, with source and year, and records an event', async () => {
    const res = await gql(
      svc.url,
      SET_POP,
      {
        input: [
          {
            regionCode: '430121',
            population: 1375100,
            year: 2020,
            source: '第七次全国人口普查',
          },
        ],
      },
      { token: changshaAdmin },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.setRegionPopulations).toEqual([
      {
        code: '430121',
        population: 1375100,
        populationYear: 2020,
        populationSource: '第七次全国人口普查',
      },
    ]);
    const { rows } = await db.query(
      `SELECT payload FROM outbox WHERE type = 'region.population_set' AND aggregate_id = '430121'`,
    );
    expect(rows).toEqual([
      {
        payload: {
          regionCode: '430121',
          population: 1375100,
          year: 2020,
          source: '第七次全国人口普查',
        },
      },
    ]);
  });

  it.each([
    ['anonymous', undefined, [{ regionCode: '430102', population: 10, year: 2020, source: '七普' }], 'UNAUTHENTICATED'],
    [
      'an admin of another city',
      'zhuzhou',
      [{ regionCode: '430102', population: 10, year: 2020, source: '七普' }],
      'FORBIDDEN',
    ],
    [
      "one row out of the admin's region",
      'changsha',
      [
        { regionCode: '430102', population: 10, year: 2020, source: '七普' },
        { regionCode: '430202', population: 10, year: 2020, source: '七普' },
      ],
      'FORBIDDEN',
    ],
    [
      'a future year',
      'changsha',
      [{ regionCode: '430102', population: 10, year: 2999, source: '七普' }],
      'INVALID_YEAR',
    ],
    ['no source', 'changsha', [{ regionCode: '430102', population: 10, year: 2020, source: ' ' }], 'INVALID_LENGTH'],
    [
      'zero people',
      'changsha',
      [{ regionCode: '430102', population: 0, year: 2020, source: '七普' }],
      'INVALID_NUMBER',
    ],
    [
      'an unknown region',
      'changsha',
      [
        { regionCode: '430102', population: 10, year: 2020, source: '七普' },
        { regionCode: '430198', population: 10, year: 2020, source: '七普' },
      ],
      'REGION_NOT_FOUND',
    ],
  ])('refuses %s and writes nothing', async (_label, who, input, code) => {
    const before = await snapshot();
    const token = who === 'changsha' ? changshaAdmin : who === 'zhuzhou' ? zhuzhouAdmin : undefined;
    const res = await gql(svc.url, SET_POP, { input }, { token });
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(await snapshot()).toEqual(before);
  });

  it('imports a CSV (BOM, Chinese headers, extra columns) and names the bad row of a file', async () => {
    const csv = '\uFEFF行政区划代码,名称,人口,年份,数据来源\n430102,芙蓉区,"628,000",2020,第七次全国人口普查\n';
    const bad = await gql(
      svc.url,
      IMPORT_POP,
      {
        file: {
          format: 'CSV',
          contentBase64: Buffer.from(csv).toString('base64'),
        },
      },
      { token: changshaAdmin },
    );
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_NUMBER',
      field: 'row2.population',
    });
    const good =
      '\uFEFF行政区划代码,名称,人口,年份,数据来源\n430102,芙蓉区,628000,2020,第七次全国人口普查\n430103,天心区,757000,2020,第七次全国人口普查\n';
    const res = await gql(
      svc.url,
      IMPORT_POP,
      {
        file: {
          format: 'CSV',
          contentBase64: Buffer.from(good).toString('base64'),
        },
      },
      { token: changshaAdmin },
    );
    expect(res.errors).toBeUndefined();
    expect(
      res.data!.importRegionPopulations.map((r: { code: unknown; population: unknown; populationYear: unknown }) => [
        r.code,
        r.population,
        r.populationYear,
      ]),
    ).toEqual([
      ['430102', 628000, 2020],
      ['430103', 757000, 2020],
    ]);
  });

  it('imports an XLSX sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人口');
    ws.addRow(['regionCode', 'population', 'year', 'source']);
    ws.addRow(['430104', 1500000, 2020, '长沙市统计年鉴 2021']);
    const file = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const res = await gql(
      svc.url,
      IMPORT_POP,
      { file: { format: 'XLSX', contentBase64: file } },
      { token: changshaAdmin },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importRegionPopulations).toEqual([
      {
        code: '430104',
        population: 1500000,
        populationYear: 2020,
        populationSource: '长沙市统计年鉴 2021',
      },
    ]);
    const missing = await gql(
      svc.url,
      IMPORT_POP,
      {
        file: {
          format: 'CSV',
          contentBase64: Buffer.from('code,population\n430104,1\n').toString('base64'),
        },
      },
      { token: changshaAdmin },
    );
    expect(missing.errors?.[0].extensions?.code).toBe('MISSING_COLUMN');
  });
});

describe('monthly station series', () => {
  it('counts stations registered and not closed at each month end, from the trigger-kept summary', async () => {
    const R = '430121001'; // 星沙街道: no other station here
    await db.query(
      `INSERT INTO stations (name, category, host_unit, region_code, address, leader_name, leader_phone_enc, created_at)
      VALUES ('星沙一站', 'COMMUNITY', '星沙街道', $1, '星沙大道 1 号', '李四', $2, '2025-01-15T10:00:00+08:00'),
             ('星沙二站', 'COMMUNITY', '星沙街道', $1, '星沙大道 2 号', '李四', $2, '2025-03-01T00:30:00+08:00')`,
      [R, sealedPhone],
    );
    // Closed in May (Asia/Shanghai): 2025-04-30T16:30Z is 2025-05-01 00:30 in Changsha.
    await db.query(
      `UPDATE stations SET status = 'CLOSED', closed_at = '2025-04-30T16:30:00Z', closed_reason = '撤并' WHERE name = '星沙二站'`,
    );
    const q = typedQuery<{ region: { stationSeries: { stationCount: number }[] } }>(
      `query($c: ID!) { region(code: $c) { stationSeries(from: "2025-02", to: "2025-06") { month opened closed stationCount } } }`,
    );
    const res = await gql(svc.url, q, { c: R });
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.stationSeries).toEqual([
      { month: '2025-02', opened: 0, closed: 0, stationCount: 1 },
      { month: '2025-03', opened: 1, closed: 0, stationCount: 2 },
      { month: '2025-04', opened: 0, closed: 0, stationCount: 2 },
      { month: '2025-05', opened: 0, closed: 1, stationCount: 1 },
      { month: '2025-06', opened: 0, closed: 0, stationCount: 1 },
    ]);
    // A move takes the station's history to the new region.
    await db.query(`UPDATE stations SET region_code = '430121002' WHERE name = '星沙一站'`);
    const moved = await gql(svc.url, q, { c: R });
    expect(moved.data!.region.stationSeries.map((m: { stationCount: number }) => m.stationCount)).toEqual([
      0, 1, 1, 0, 0,
    ]);
    const bad = await gql(svc.url, q.replace('"2025-06"', '"2024-12"'), {
      c: R,
    });
    expect(bad.errors?.[0].extensions?.code).toBe('INVALID_PERIOD');
  });
});
