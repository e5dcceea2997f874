/**
 * N+1 guard (issue 7, benchmark 3): the city dashboard query through the real gateway over all four
 * subgraphs costs the same number of SQL statements in every subgraph for pages of 1, 100 and 500
 * stations. Fixtures are bulk-inserted straight into each test database (the API paths are tested
 * in the services' own suites).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { gql, StatementCounter, tokenFor, typedQuery } from '@leifeng/kit/testing';
import {
  startTestPlatform,
  SUBGRAPH_NAMES as NAMES,
  type SubgraphName as Name,
  type TestPlatform,
} from '../support/platform';
import { seedDashboardFixture } from './fixture';

const counters = Object.fromEntries(NAMES.map((n) => [n, new StatementCounter()])) as Record<Name, StatementCounter>;
const STATIONS = 500;

let platform: TestPlatform;
let gateway: TestPlatform['gateway'];
let token: string;

/** The fields of city-dashboard.graphql this test reads. */
interface DashboardData {
  stations: {
    totalCount: number;
    edges: {
      node: {
        region: { parent: { name: string } };
        serviceStats: { memberCount: number; verifiedHours: number; monthsWithActivity: unknown[] };
        announcements: unknown[];
        currentTitle: { level: string } | null;
      };
    }[];
  };
}

/** The city dashboard (shared with the benchmarks). */
export const DASHBOARD = typedQuery<DashboardData>(
  readFileSync(join(__dirname, '..', '..', 'bench', 'queries', 'city-dashboard.graphql'), 'utf8'),
);

beforeAll(async () => {
  platform = await startTestPlatform({
    queryLoggers: counters,
    async beforeGateway(subgraphs) {
      const clients = Object.fromEntries(
        NAMES.map((n) => [n, new Client({ connectionString: subgraphs[n].db.url })]),
      ) as Record<Name, Client>;
      await Promise.all(NAMES.map((n) => clients[n].connect()));
      try {
        await seedDashboardFixture(clients, STATIONS);
      } finally {
        await Promise.all(NAMES.map((n) => clients[n].end()));
      }
    },
  });
  gateway = platform.gateway;
  token = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430200' });
});

afterAll(async () => {
  await platform?.stop();
});

async function statementsPerSubgraph(first: number) {
  for (const c of Object.values(counters)) c.reset();
  const res = await gql(gateway.url, DASHBOARD, { region: '430200', first, year: 2026 }, { token });
  expect(res.errors).toBeUndefined();
  return {
    counts: Object.fromEntries(NAMES.map((n) => [n, counters[n].count])) as Record<Name, number>,
    data: res.data!,
  };
}

it('answers the city dashboard with the same SQL statement count per subgraph for 1, 100 and 500 stations', async () => {
  await statementsPerSubgraph(1); // warm-up: first-request work (plan, lazy caches) is not per page
  const runs: Record<number, Record<Name, number>> = {};
  for (const first of [1, 100, 500]) {
    const { counts, data } = await statementsPerSubgraph(first);
    const edges = data.stations.edges;
    expect(data.stations.totalCount).toBe(STATIONS);
    expect(edges).toHaveLength(first);
    // The data is really there, so a batched field that silently returned nothing would fail here.
    for (const { node } of edges) {
      expect(node.region.parent.name).toBe('株洲市');
      expect(node.serviceStats.memberCount).toBeGreaterThan(0);
      expect(node.serviceStats.verifiedHours).toBeGreaterThan(0);
      expect(node.serviceStats.monthsWithActivity.length).toBeGreaterThan(0);
      expect(node.announcements).toHaveLength(1);
    }
    // Every other station holds a title (page order among equal creation times is by random uuid).
    if (first === STATIONS)
      expect(edges.flatMap((e) => (e.node.currentTitle ? [e.node.currentTitle.level] : [])).sort()).toEqual([
        ...Array(84).fill('CITY'),
        ...Array(166).fill('COUNTY'),
      ]);
    runs[first] = counts;
    if (process.env.PERF_DEBUG) console.log(first, counts);
  }
  // The dashboard reads nothing of identity (accounts and grants): it must stay out of the plan.
  expect([runs[1].identity, runs[500].identity]).toEqual([0, 0]);
  for (const n of NAMES.filter((x) => x !== 'identity')) {
    expect({
      subgraph: n,
      counts: [runs[1][n], runs[100][n], runs[500][n]],
    }).toEqual({ subgraph: n, counts: [runs[1][n], runs[1][n], runs[1][n]] });
    expect(runs[1][n]).toBeGreaterThan(0); // every subgraph took part
    expect(runs[1][n]).toBeLessThanOrEqual(6); // today: stations 4 (page, total, regions, parents), the others 1 each
  }
});

/** The fields of province-regions.graphql this test reads. */
interface RegionFacts {
  code: string;
  volunteerShare: { registeredVolunteers: number };
  communityCount: { total: number };
  communityCoverage: { total: { covered: number; communities: number } };
  volunteerSeries: { month: string }[];
  stationSeries: { stationCount: number }[];
  titleSeries: { month: string }[];
}

/** Issue 15: regions with coverage, share and 12-month series (shared with bench/region-facts.mjs). */
export const PROVINCE_REGIONS = typedQuery<{ regions: RegionFacts[] }>(
  readFileSync(join(__dirname, '..', '..', 'bench', 'queries', 'province-regions.graphql'), 'utf8'),
);

it('answers regions with coverage, share and monthly series with the same SQL statement count per subgraph for any number of regions', async () => {
  const run = async (parent: string) => {
    for (const c of Object.values(counters)) c.reset();
    const res = await gql(gateway.url, PROVINCE_REGIONS, {
      parent,
      from: '2025-04',
      to: '2026-03',
    });
    expect(res.errors).toBeUndefined();
    return {
      counts: Object.fromEntries(NAMES.map((n) => [n, counters[n].count])) as Record<Name, number>,
      regions: res.data!.regions,
    };
  };
  await run('430200'); // warm-up
  const province = await run('430000'); // 15 cities
  const city = await run('430200'); // 株洲's counties
  const county = await run('430202'); // one county's townships
  expect(province.regions.length).toBeGreaterThan(10);
  expect(city.regions.length).toBeGreaterThan(5);
  // The data is really there: 株洲 holds every fixture station, 4 distinct members each.
  const zhuzhou = province.regions.find((r) => r.code === '430200')!;
  expect(zhuzhou.volunteerShare).toEqual({
    registeredVolunteers: STATIONS * 4,
    population: 100000,
    share: 0.02,
  });
  expect(zhuzhou.communityCoverage.total.covered).toBeGreaterThan(0);
  expect(zhuzhou.communityCoverage.total.communities).toBe(zhuzhou.communityCount.total);
  expect(zhuzhou.volunteerSeries).toHaveLength(12);
  // Records on 2026-01-01 and 01-31 (3 h each) and 03-02; activities on the 10th of January–March.
  expect(zhuzhou.volunteerSeries.find((m: { month: string }) => m.month === '2026-01')).toEqual({
    month: '2026-01',
    registeredVolunteers: 0,
    activeVolunteers: STATIONS * 4,
    verifiedHours: STATIONS * 4 * 6,
    activityCount: STATIONS,
  });
  // The fixture's stations were created today: none yet in the period, all of them this month.
  expect(zhuzhou.stationSeries.every((m: { stationCount: number }) => m.stationCount === 0)).toBe(true);
  const thisMonth = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).format(new Date());
  const now = await gql<{ region: { stationSeries: unknown } }>(
    gateway.url,
    `{ region(code: "430200") { stationSeries(from: "${thisMonth}", to: "${thisMonth}") { opened stationCount } } }`,
  );
  expect(now.data!.region.stationSeries).toEqual([{ opened: STATIONS, stationCount: STATIONS }]);
  // Titles (fixture: 250 COUNTY + 84 CITY named 2025-12-01 in 株洲), from the monthly summary.
  expect(zhuzhou.titleSeries.find((m: { month: string }) => m.month === '2025-11')).toEqual({
    month: '2025-11',
    named: 0,
    revoked: 0,
    reinstated: 0,
    active: 0,
  });
  expect(zhuzhou.titleSeries.find((m: { month: string }) => m.month === '2025-12')).toEqual({
    month: '2025-12',
    named: 334,
    revoked: 0,
    reinstated: 0,
    active: 334,
  });
  expect(zhuzhou.titleSeries.at(-1)).toEqual({
    month: '2026-03',
    named: 0,
    revoked: 0,
    reinstated: 0,
    active: 334,
  });
  const changsha = province.regions.find((r) => r.code === '430100')!;
  expect(changsha.volunteerShare.registeredVolunteers).toBe(0);
  expect(changsha.communityCoverage.total.covered).toBe(0);
  for (const n of NAMES) {
    expect({
      subgraph: n,
      counts: [province.counts[n], city.counts[n], county.counts[n]],
    }).toEqual({
      subgraph: n,
      counts: [province.counts[n], province.counts[n], province.counts[n]],
    });
  }
  if (process.env.PERF_DEBUG) console.log(province.counts);
  // stations: regions, coverage, uncovered page, station series; volunteers: registered members, series
  // (region_members, region_months); accreditation: title series (title_months).
  expect(province.counts.stations).toBeLessThanOrEqual(4);
  expect(province.counts.volunteers).toBeLessThanOrEqual(2);
  expect(province.counts.accreditation).toBeLessThanOrEqual(1);
});

it("names a cycle's quota regions (Region references to stations) with the same SQL statement count for 1 and 100+ regions", async () => {
  const acc = new Client({ connectionString: platform.subgraphs.accreditation.db.url });
  const st = new Client({ connectionString: platform.subgraphs.stations.db.url });
  await Promise.all([acc.connect(), st.connect()]);
  try {
    const codes = (
      await st.query<{ code: string }>(
        `SELECT code FROM regions WHERE code LIKE '43%' AND level IN ('CITY', 'COUNTY') ORDER BY code`,
      )
    ).rows.map((r) => r.code);
    expect(codes.length).toBeGreaterThan(100);
    const {
      rows: [cycle],
    } = await acc.query<{ id: string }>(`SELECT id FROM cycle WHERE issuing_region_code = '430000'`);
    const Q = typedQuery<{
      cycle: {
        issuingRegion: { name: string };
        quotas: { regionCode: string; region: { code: string; name: string } }[];
      };
    }>(`query($c: ID!) { cycle(id: $c) { issuingRegion { name } quotas { regionCode region { code name } } } }`);
    const run = async (n: number) => {
      await acc.query(`DELETE FROM quota WHERE cycle_id = $1`, [cycle.id]);
      await acc.query(
        `INSERT INTO quota (cycle_id, region_code, level, amount) SELECT $1, c, 'COUNTY', 1 FROM unnest($2::text[]) c`,
        [cycle.id, codes.slice(0, n)],
      );
      for (const c of Object.values(counters)) c.reset();
      const res = await gql(gateway.url, Q, { c: cycle.id }, { token });
      expect(res.errors).toBeUndefined();
      const { quotas, issuingRegion } = res.data!.cycle;
      expect(issuingRegion.name).toBe('湖南省');
      expect(quotas).toHaveLength(n);
      for (const q of quotas) {
        expect(q.region.code).toBe(q.regionCode);
        expect(q.region.name).toMatch(/\p{Script=Han}/u);
      }
      return Object.fromEntries(NAMES.map((name) => [name, counters[name].count])) as Record<Name, number>;
    };
    await run(1); // warm-up
    const one = await run(1);
    const many = await run(codes.length);
    if (process.env.PERF_DEBUG) console.log(one, many);
    expect(many).toEqual(one);
    expect(one.stations).toBeLessThanOrEqual(2); // the regions of every reference in one batch
  } finally {
    await acc.query(`DELETE FROM quota`).catch(() => undefined);
    await Promise.all([acc.end(), st.end()]);
  }
});

it('shares identical in-flight subgraph fetches of concurrent dashboards, never across callers', async () => {
  const single = (await statementsPerSubgraph(100)).counts;
  for (const c of Object.values(counters)) c.reset();
  const answers = await Promise.all(
    Array.from({ length: 8 }, () =>
      gql(gateway.url, DASHBOARD, { region: '430200', first: 100, year: 2026 }, { token }),
    ),
  );
  for (const a of answers) {
    expect(a.errors).toBeUndefined();
    expect(a.data).toEqual(answers[0].data);
  }
  const total = NAMES.reduce((sum, n) => sum + counters[n].count, 0);
  expect(total).toBeLessThan(8 * NAMES.reduce((sum, n) => sum + single[n], 0));

  // Another caller's token is another key: the leader's phone stays masked for the anonymous caller.
  const Q = typedQuery<{ stations: { edges: { node: { leader: { phone: string } } }[] } }>(
    `{ stations(filter: { regionCode: "430200" }, first: 3) { edges { node { leader { phone } } } } }`,
  );
  const [admin, anonymous] = await Promise.all([gql(gateway.url, Q, {}, { token }), gql(gateway.url, Q)]);
  expect(admin.data!.stations.edges[0].node.leader.phone).toMatch(/^1380000\d{4}$/);
  expect(anonymous.data!.stations.edges[0].node.leader.phone).toMatch(/^138\*{4}\d{4}$/);
});
