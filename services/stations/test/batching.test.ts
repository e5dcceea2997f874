import { Client } from 'pg';
import {
  gql,
  StatementCounter,
  startTestSubgraph,
  typedQuery,
  type TestSubgraph,
  type TypedQuery,
} from '@leifeng/kit/testing';
import { DEV_PII_ENCRYPTION_KEY, DEV_PII_HASH_KEY } from '@leifeng/kit';
import { LeaderPhoneCipher } from '../src/domain/leader-phone';
import { stationsModule } from '../src/module';

const counter = new StatementCounter();
let svc: TestSubgraph;
let ids: string[];

beforeAll(async () => {
  svc = await startTestSubgraph(stationsModule, { queryLogger: counter });
  const db = new Client({ connectionString: svc.db.url });
  await db.connect();
  // 500 stations spread over Changsha's counties, inserted in bulk (the API path is tested elsewhere).
  const { rows } = await db.query(
    `INSERT INTO stations (name, category, host_unit, region_code, address, leader_name, leader_phone_enc)
     SELECT '批量站' || g, 'COMMUNITY', '依托单位' || g, (ARRAY['430102','430103','430104','430105','430111'])[1 + g % 5],
            '地址' || g, '负责人', $1
       FROM generate_series(1, 500) g RETURNING id`,
    [
      new LeaderPhoneCipher({
        encryptionKey: Buffer.from(DEV_PII_ENCRYPTION_KEY, 'base64'),
        hashKey: Buffer.from(DEV_PII_HASH_KEY, 'base64'),
      }).seal('13800000000'),
    ],
  );
  ids = rows.map((r) => r.id);
  await db.end();
});

afterAll(() => svc.stop());

async function statementsFor<T>(query: TypedQuery<T>, variables: Record<string, unknown>) {
  counter.reset();
  const res = await gql(svc.url, query, variables);
  expect(res.errors).toBeUndefined();
  return { count: counter.count, data: res.data! };
}

const ENTITIES = typedQuery<{ _entities: ({ id: string; region: { parent: { name: string } } } | null)[] }>(
  `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station { id name region { name parent { name } } } } }`,
);

it('resolves 1, 100 and 500 Station references with the same number of SQL statements', async () => {
  const counts: number[] = [];
  for (const n of [1, 100, 500]) {
    const { count, data } = await statementsFor(ENTITIES, {
      reps: ids.slice(0, n).map((id) => ({ __typename: 'Station', id })),
    });
    expect(data._entities).toHaveLength(n);
    expect(data._entities.every((s) => s?.region.parent.name === '长沙市')).toBe(true);
    counts.push(count);
  }
  expect(counts[0]).toBe(3); // stations, their regions, the regions' parents
  expect(new Set(counts).size).toBe(1);
});

it('answers an unknown or malformed reference with null, still in one batch', async () => {
  const { data } = await statementsFor(ENTITIES, {
    reps: [
      { __typename: 'Station', id: ids[0] },
      { __typename: 'Station', id: 'nope' },
      { __typename: 'Station', id: '00000000-0000-4000-8000-000000000000' },
    ],
  });
  expect(data._entities.map((s) => s?.id ?? null)).toEqual([ids[0], null, null]);
});

it('pages 1, 100 and 500 stations with their regions at the same statement count', async () => {
  const q = typedQuery<{ stations: { totalCount: number; edges: unknown[] } }>(
    `query($first: Int) { stations(first: $first, filter: { regionCode: "430100" }) { totalCount edges { node { id region { fullName } } } } }`,
  );
  const counts: number[] = [];
  for (const first of [1, 100, 500]) {
    const { count, data } = await statementsFor(q, { first });
    expect(data.stations.edges).toHaveLength(first);
    expect(data.stations.totalCount).toBe(500);
    counts.push(count);
  }
  expect(counts[0]).toBe(4); // the page, its total count, the stations' regions, their lineages
  expect(new Set(counts).size).toBe(1);
});

it('fetches many stations by id in one statement, nulls for unknown ids, at most 500', async () => {
  const q = typedQuery<{ stationsByIds: unknown }>(`query($ids: [ID!]!) { stationsByIds(ids: $ids) { id } }`);
  const { count, data } = await statementsFor(q, {
    ids: [ids[0], 'nope', ids[1]],
  });
  expect(data.stationsByIds).toEqual([{ id: ids[0] }, null, { id: ids[1] }]);
  expect(count).toBe(1);
  const tooMany = await gql(svc.url, q, {
    ids: Array.from({ length: 501 }, () => ids[0]),
  });
  expect(tooMany.errors?.[0].extensions?.code).toBe('INVALID_PAGE_SIZE');
});
