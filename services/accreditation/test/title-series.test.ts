/**
 * Issue 15: titles in a region's monthly series, from title_months (migration 1763800000320) kept by
 * triggers, on a fixture computed by hand: 长沙县 (430121) with titles T1 (COUNTY, named 2025-01),
 * T2 (CITY, named 2025-01, revoked 2025-03), T3 (COUNTY, named 2024-11, revoked 2025-02, reinstated
 * 2025-03), and T4 (COUNTY, named 2025-02) in 株洲 (430202, outside).
 */
import { randomUUID } from 'node:crypto';
import { gql, startTestSubgraph, typedQuery, type TestSubgraph } from '@leifeng/kit/testing';
import { Client } from 'pg';
import { createAccreditationModule } from '../src/module';
import { BACKFILL_TITLE_MONTHS } from '../src/db/migrations/1763800000320-TitleMonths';

let svc: TestSubgraph;
let db: Client;
let cycle: string;
const Q = typedQuery<{
  _entities: {
    code: string;
    titleSeries: { month: string; named: number; revoked: number; reinstated: number; active: number }[];
  }[];
}>(`query($reps: [_Any!]!, $from: String!, $to: String!, $level: TitleLevel) {
  _entities(representations: $reps) { ... on Region { code titleSeries(from: $from, to: $to, level: $level) { month named revoked reinstated active } } }
}`);
const series = async (code: string, from: string, to: string, level: string | null = null) => {
  const res = await gql(svc.url, Q, {
    reps: [{ __typename: 'Region', code }],
    from,
    to,
    level,
  });
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].titleSeries;
};
async function title(
  region: string,
  level: string,
  conferred: string,
  revoked: string | null = null,
  reinstated: string | null = null,
) {
  const { rows } = await db.query(
    `INSERT INTO title (station_id, region_code, level, cycle_id, conferred_on, certificate_number, status, revoked_on, reinstated_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      randomUUID(),
      region,
      level,
      cycle,
      conferred,
      randomUUID(),
      revoked && !reinstated ? 'REVOKED' : 'ACTIVE',
      revoked,
      reinstated,
    ],
  );
  return rows[0].id as string;
}

beforeAll(async () => {
  svc = await startTestSubgraph(createAccreditationModule(), {});
  db = new Client({ connectionString: svc.db.url });
  await db.connect();
  const { rows } = await db.query(
    `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by)
     VALUES ('430000', 2025, 'hunan-2012-eight-haves@1', '["COUNTY","CITY","PROVINCE"]', '[]', 'fixture') RETURNING id`,
  );
  cycle = rows[0].id;
  await title('430121005', 'COUNTY', '2025-01-10');
  await title('430121004', 'CITY', '2025-01-31', '2025-03-02');
  await title('430121', 'COUNTY', '2024-11-20', '2025-02-01', '2025-03-15');
  await title('430202001', 'COUNTY', '2025-02-14');
});
afterAll(async () => {
  await db?.end();
  await svc?.stop();
});

it('gives 长沙县 its named, revoked, reinstated and in-force titles per month, as computed by hand', async () => {
  expect(await series('430121', '2025-01', '2025-04')).toEqual([
    // In force before the period: T3 (named 2024-11). Jan: T1, T2 named → 3.
    { month: '2025-01', named: 2, revoked: 0, reinstated: 0, active: 3 },
    // Feb: T3 revoked → 2.
    { month: '2025-02', named: 0, revoked: 1, reinstated: 0, active: 2 },
    // Mar: T2 revoked, T3 reinstated → 2.
    { month: '2025-03', named: 0, revoked: 1, reinstated: 1, active: 2 },
    { month: '2025-04', named: 0, revoked: 0, reinstated: 0, active: 2 },
  ]);
  // One level: COUNTY titles T1, T3 (T2 is CITY).
  expect((await series('430121', '2025-01', '2025-03', 'COUNTY')).map((m: { active: number }) => m.active)).toEqual([
    2, 1, 2,
  ]);
  // The province counts 株洲's T4 as well; a township only its own.
  expect((await series('430000', '2025-02', '2025-02'))[0]).toEqual({
    month: '2025-02',
    named: 1,
    revoked: 1,
    reinstated: 0,
    active: 3,
  });
  expect((await series('430121005', '2025-01', '2025-01'))[0]).toMatchObject({
    named: 1,
    active: 1,
  });
});

it('follows a revocation and a deletion through the triggers, equal to a from-scratch aggregation', async () => {
  await db.query(`UPDATE title SET status = 'REVOKED', revoked_on = '2025-04-03' WHERE region_code = '430121005'`);
  await db.query(`DELETE FROM title WHERE region_code = '430202001'`);
  expect((await series('430121', '2025-04', '2025-04'))[0]).toEqual({
    month: '2025-04',
    named: 0,
    revoked: 1,
    reinstated: 0,
    active: 1,
  });
  await db.query(`CREATE TEMP TABLE tm_check (LIKE title_months INCLUDING ALL)`);
  await db.query(BACKFILL_TITLE_MONTHS.replace('INTO title_months', 'INTO tm_check'));
  const drift = await db.query(`
    SELECT * FROM (SELECT * FROM title_months WHERE (named, revoked, reinstated, active) <> (0, 0, 0, 0)) s
    FULL JOIN tm_check c USING (region_code, month, level)
    WHERE (s.named, s.revoked, s.reinstated, s.active) IS DISTINCT FROM (c.named, c.revoked, c.reinstated, c.active)`);
  expect(drift.rows).toEqual([]);
});

it('refuses a bad period before any SQL', async () => {
  const res = await gql(svc.url, Q, {
    reps: [{ __typename: 'Region', code: '430121' }],
    from: '2025-03',
    to: '2025-01',
    level: null,
  });
  expect(res.errors?.[0].extensions?.code).toBe('INVALID_PERIOD');
});
