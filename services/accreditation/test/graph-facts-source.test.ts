import { DomainError, type GraphClient, type GraphResult } from '@leifeng/kit';
import { GraphFactsSource } from '../src/services/graph-facts-source';

/** The facts source over a graph client that answers what the test says (no gateway needed). */
function source(page: GraphResult<{ stationsByIds: (Record<string, unknown> | null)[] }>) {
  const client: GraphClient = {
    async request(query: string) {
      if (query.includes('__type'))
        return {
          data: {
            __type: {
              fields: ['serviceStats', 'announcementStats', 'dutyCoverage'].map((name) => ({ name })),
            },
          },
        } as never;
      return page as never;
    },
  };
  return new GraphFactsSource(client);
}

const station = (id: string) => ({
  id,
  name: '芙蓉区学雷锋志愿服务站',
  category: 'COMMUNITY',
  status: 'ACTIVE',
  regionCode: '430102',
  unitHeadcount: 20,
  leader: { name: '张雷' },
  serviceItems: [{ name: '便民服务' }],
  facilities: ['DRINKING_WATER'],
  openingHours: [{ weekday: 'MONDAY' }],
  evidence: [],
  stats: {
    memberCount: 3,
    leaderCount: 1,
    staffCount: 1,
    activeVolunteerCount: 2,
    verifiedHours: 12,
    activityCount: 11,
    monthsWithActivity: [1, 2],
    headcountShare: 0.15,
  },
  announcementStats: { publishedCount: 1, monthsWithAnnouncement: [3] },
  dutyCoverage: {
    weekOf: '2025-11-17',
    openingSlotCount: 1,
    fullyCovered: true,
    uncoveredSlotCount: 0,
  },
});
const req = { year: 2025, hoursThresholds: [], weekOf: '2025-11-17' };

it('a station the graph does not know is not found (the review fails it: 站点不存在)', async () => {
  const facts = await source({
    data: { stationsByIds: [station('a'), null] },
  }).load(['a', 'b'], req);
  expect(facts.get('a')).toMatchObject({
    found: true,
    status: 'ACTIVE',
    service: { memberCount: 3 },
    unavailable: [],
  });
  expect(facts.get('b')).toEqual({
    stationId: 'b',
    year: 2025,
    found: false,
    unavailable: [],
  });
});

it('a station nulled by a subgraph error fails the read: no station is judged on facts it could not read', async () => {
  // serviceStats is non-null: a volunteers error nulls the whole station in the response.
  const page = {
    data: { stationsByIds: [station('a'), null] },
    errors: [
      {
        message: 'relation "x" does not exist',
        path: ['stationsByIds', 1, 'stats'],
      },
    ],
  };
  await expect(source(page).load(['a', 'b'], req)).rejects.toMatchObject({
    code: 'GRAPH_ERROR',
  });
});

it('a production gateway refusing introspection still gets the facts (every optional field asked); an outage still fails', async () => {
  const queries: string[] = [];
  const client = (introspection: () => never): GraphClient => ({
    async request(query: string) {
      queries.push(query);
      if (query.includes('__type')) introspection();
      return { data: { stationsByIds: [station('a')] } } as never;
    },
  });
  const refused = new GraphFactsSource(
    client(() => {
      throw new DomainError('GRAPHQL_VALIDATION_FAILED', '数据网关查询失败：GraphQL introspection is not allowed');
    }),
  );
  const facts = await refused.load(['a'], req);
  expect(facts.get('a')).toMatchObject({
    found: true,
    service: { memberCount: 3 },
  });
  expect(queries[1]).toMatch(/serviceStats[\s\S]*announcementStats[\s\S]*dutyCoverage/);
  const down = new GraphFactsSource(
    client(() => {
      throw new DomainError('GRAPH_UNAVAILABLE', '无法访问数据网关');
    }),
  );
  await expect(down.load(['a'], req)).rejects.toMatchObject({
    code: 'GRAPH_UNAVAILABLE',
  });
});
