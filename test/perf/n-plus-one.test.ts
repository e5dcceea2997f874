/**
 * N+1 guard (issue 7, benchmark 3): the city dashboard query through the real gateway over all four
 * subgraphs costs the same number of SQL statements in every subgraph for pages of 1, 100 and 500
 * stations. Fixtures are bulk-inserted straight into each test database (the API paths are tested
 * in the services' own suites).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { gql, StatementCounter, tokenFor } from '@leifeng/kit/testing';
import { startTestPlatform, SUBGRAPH_NAMES as NAMES, type SubgraphName as Name, type TestPlatform } from '../support/platform';
import { seedDashboardFixture } from './fixture';

const counters = Object.fromEntries(NAMES.map((n) => [n, new StatementCounter()])) as Record<Name, StatementCounter>;
const STATIONS = 500;

let platform: TestPlatform;
let gateway: TestPlatform['gateway'];
let token: string;

/** The city dashboard (shared with the benchmarks). */
export const DASHBOARD = readFileSync(join(__dirname, '..', '..', 'bench', 'queries', 'city-dashboard.graphql'), 'utf8');

beforeAll(async () => {
  platform = await startTestPlatform({
    queryLoggers: counters,
    async beforeGateway(subgraphs) {
      const clients = Object.fromEntries(NAMES.map((n) => [n, new Client({ connectionString: subgraphs[n].db.url })])) as Record<Name, Client>;
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
  return { counts: Object.fromEntries(NAMES.map((n) => [n, counters[n].count])) as Record<Name, number>, data: res.data };
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
    if (first === STATIONS) expect(edges.filter((e: any) => e.node.currentTitle).map((e: any) => e.node.currentTitle.level).sort()).toEqual([...Array(84).fill('CITY'), ...Array(166).fill('COUNTY')]);
    runs[first] = counts;
    if (process.env.PERF_DEBUG) console.log(first, counts);
  }
  for (const n of NAMES) {
    expect({ subgraph: n, counts: [runs[1][n], runs[100][n], runs[500][n]] }).toEqual({ subgraph: n, counts: [runs[1][n], runs[1][n], runs[1][n]] });
    expect(runs[1][n]).toBeGreaterThan(0); // every subgraph took part
    expect(runs[1][n]).toBeLessThanOrEqual(6); // today: stations 4 (page, total, regions, parents), the others 1 each
  }
});

it('shares identical in-flight subgraph fetches of concurrent dashboards, never across callers', async () => {
  const single = (await statementsPerSubgraph(100)).counts;
  for (const c of Object.values(counters)) c.reset();
  const answers = await Promise.all(Array.from({ length: 8 }, () => gql(gateway.url, DASHBOARD, { region: '430200', first: 100, year: 2026 }, { token })));
  for (const a of answers) {
    expect(a.errors).toBeUndefined();
    expect(a.data).toEqual(answers[0].data);
  }
  const total = NAMES.reduce((sum, n) => sum + counters[n].count, 0);
  expect(total).toBeLessThan(8 * NAMES.reduce((sum, n) => sum + single[n], 0));

  // Another caller's token is another key: the leader's phone stays masked for the anonymous caller.
  const Q = `{ stations(filter: { regionCode: "430200" }, first: 3) { edges { node { leader { phone } } } } }`;
  const [admin, anonymous] = await Promise.all([gql(gateway.url, Q, {}, { token }), gql(gateway.url, Q)]);
  expect(admin.data.stations.edges[0].node.leader.phone).toMatch(/^1380000\d{4}$/);
  expect(anonymous.data.stations.edges[0].node.leader.phone).toMatch(/^138\*{4}\d{4}$/);
});
