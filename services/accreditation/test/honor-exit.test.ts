import { randomUUID } from 'node:crypto';
import { createDataSource, createLogger, migrateSubgraph } from '@leifeng/kit';
import { createTestDatabase, testEnv, uniqueSuffix, type TestDatabase } from '@leifeng/kit/testing';
import type { DataSource } from 'typeorm';
import type { FactsRequest, ServiceFacts, StationFacts, StationFactsSource } from '../src/domain/facts';
import { ReviewRunner } from '../src/services/review-runner';
import { createAccreditationModule } from '../src/module';
import { InspectionService } from '../src/services/inspection-service';
import type { NoticeService } from '../src/services/notice-service';
import { ReviewService } from '../src/services/review-service';
import { TitleService } from '../src/services/title-service';

/**
 * Honor exit across levels (issue 13 §3b) on a migrated database: stations holding a COUNTY and a CITY
 * title of a Linyi 2012 cycle (TEAM: CITY ≥ 60 % or 20 people, COUNTY ≥ 50 % or 10). A station that is
 * not running, or whose team fails the COUNTY standard too, loses both titles; one that fails only the
 * CITY standard keeps its COUNTY title; the review says which and why. A cycle from before profiles
 * (platform-2024@1) keeps today's behaviour: only the reviewed title goes.
 */
const AS_OF = '2025-12-01';
const clock = { now: () => new Date(`${AS_OF}T10:00:00+08:00`) };
const logger = createLogger('honor-exit-test', 'silent');
let db: TestDatabase;
let ds: DataSource;
let titles: TitleService;
let inspections: InspectionService;
let reviews: ReviewService;
const cycles: Record<string, string> = {};

const service = (memberCount: number): ServiceFacts => ({
  memberCount,
  leaderCount: 1,
  staffCount: 1,
  activeVolunteerCount: memberCount,
  verifiedHours: 0,
  activityCount: 12,
  monthsWithActivity: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  headcountShare: null,
  meetingThreshold: { '50': memberCount, '100': memberCount },
});
/** Per station: status and team size in the graph. */
const graph = new Map<string, { status: string; members: number }>();
const facts: StationFactsSource = {
  async load(ids: string[], req: FactsRequest): Promise<Map<string, StationFacts>> {
    return new Map(
      ids.map((id) => {
        const g = graph.get(id)!;
        return [
          id,
          {
            stationId: id,
            year: req.year,
            found: true,
            status: g.status,
            service: service(g.members),
            unavailable: [],
          },
        ];
      }),
    );
  },
};

async function station(county: string, cycle: string, status: string, members: number, inspectionFail: boolean) {
  const id = randomUUID();
  graph.set(id, { status, members });
  await ds.query(
    `INSERT INTO station_ref (id, name, region_code, status, category) VALUES ($1, $2, $3, $4, 'COMMUNITY')`,
    [id, `荣誉退出测试站${id.slice(0, 4)}`, county, status],
  );
  const titleIds: Record<string, string> = {};
  for (const level of ['COUNTY', 'CITY']) {
    [{ id: titleIds[level] }] = await ds.query(
      `INSERT INTO title (station_id, region_code, level, cycle_id, conferred_on, certificate_number, history) VALUES ($1, $2, $3, $4, '2024-12-20', $5, '[]') RETURNING id`,
      [id, county, level, cycle, `LF-H-${uniqueSuffix()}`],
    );
  }
  if (inspectionFail) {
    await ds.query(
      `INSERT INTO inspection (station_id, kind, inspector, inspected_on, verdict, findings) VALUES ($1, 'SPOT_CHECK', 'inspector-1', '2025-11-01', 'FAIL', $2)`,
      [id, JSON.stringify([{ criterion: 'RULES', met: false, note: '制度未上墙' }])],
    );
  }
  return { id, titleIds };
}

beforeAll(async () => {
  db = await createTestDatabase('accreditation_honor_exit');
  await migrateSubgraph(createAccreditationModule(), testEnv(db.url, `t${uniqueSuffix()}`));
  ds = createDataSource({ url: db.url, entities: [], migrations: [], logger });
  await ds.initialize();
  inspections = new InspectionService(ds, clock);
  titles = new TitleService(ds, clock, {} as NoticeService);
  reviews = new ReviewService(ds, clock, async () => undefined);
  for (const [key, profile, issuer] of [
    ['linyi', 'linyi-2012@1', '430100'],
    ['old', 'platform-2024@1', '430000'],
  ]) {
    [{ id: cycles[key] }] = await ds.query(
      `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by, profile_id) VALUES ($1, 2024, 'linyi-2012-youth-post@1', '["COUNTY","CITY"]', '[]', 'test', $2) RETURNING id`,
      [issuer, profile],
    );
  }
}, 60000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

const titleStatus = async (id: string) =>
  (await ds.query(`SELECT status, revoked_reason FROM title WHERE id = $1`, [id]))[0];

it('fails every level → every title; fails only the higher standard → keeps the lower; the review says which and why', async () => {
  const suspended = await station('430102', cycles.linyi, 'SUSPENDED', 30, false);
  const onlyCity = await station('430102', cycles.linyi, 'ACTIVE', 15, true); // 15 people: COUNTY (≥ 10) yes, CITY (≥ 20) no
  const noTeam = await station('430102', cycles.linyi, 'ACTIVE', 4, true); // 4 people: neither
  const old = await station('430103', cycles.old, 'SUSPENDED', 30, false);
  const runs = [
    (
      await reviews.create({
        key: `h-430102-${uniqueSuffix()}`,
        cycleId: null,
        regionCode: '430102',
        year: 2025,
        asOf: AS_OF,
        dryRun: false,
        trigger: 'ON_DEMAND',
        by: 'test',
      })
    ).id,
    (
      await reviews.create({
        key: `h-430103-${uniqueSuffix()}`,
        cycleId: null,
        regionCode: '430103',
        year: 2025,
        asOf: AS_OF,
        dryRun: false,
        trigger: 'ON_DEMAND',
        by: 'test',
      })
    ).id,
  ];
  const runner = new ReviewRunner({
    ds,
    facts,
    titles,
    inspections,
    policy: { rectifyDays: 60, maxUnmetForRectify: 2 },
    batchSize: 500,
    batchPauseMs: 0,
    logger,
  });
  for (const run of runs) await runner.process(run);

  const review = async (stationId: string) =>
    (await ds.query(`SELECT outcome, title_id, title_decisions FROM review WHERE station_id = $1`, [stationId]))[0];

  // Not running: fails every level.
  expect(await review(suspended.id)).toMatchObject({
    outcome: 'FAIL',
    title_id: suspended.titleIds.CITY,
    title_decisions: [
      {
        titleId: suspended.titleIds.COUNTY,
        level: 'COUNTY',
        revoked: true,
        reason: expect.stringContaining('站点状态为 SUSPENDED'),
      },
    ],
  });
  expect((await titleStatus(suspended.titleIds.COUNTY)).status).toBe('REVOKED');
  expect((await titleStatus(suspended.titleIds.CITY)).status).toBe('REVOKED');

  // Only the CITY standard failed: the COUNTY title stays, and the review says why.
  expect(await review(onlyCity.id)).toMatchObject({
    outcome: 'FAIL',
    title_decisions: [
      {
        titleId: onlyCity.titleIds.COUNTY,
        level: 'COUNTY',
        revoked: false,
        reason: expect.stringContaining('保留县级称号'),
      },
    ],
  });
  expect((await titleStatus(onlyCity.titleIds.CITY)).status).toBe('REVOKED');
  expect((await titleStatus(onlyCity.titleIds.COUNTY)).status).toBe('ACTIVE');

  // No team at the COUNTY standard either: both go.
  expect(await review(noTeam.id)).toMatchObject({
    outcome: 'FAIL',
    title_decisions: [
      {
        level: 'COUNTY',
        revoked: true,
        reason: expect.stringContaining('按县级标准同样未达标'),
      },
    ],
  });
  expect((await titleStatus(noTeam.titleIds.COUNTY)).status).toBe('REVOKED');

  // A cycle from before profiles: only the reviewed title, as before.
  expect(await review(old.id)).toMatchObject({
    outcome: 'FAIL',
    title_decisions: [],
  });
  expect((await titleStatus(old.titleIds.CITY)).status).toBe('REVOKED');
  expect((await titleStatus(old.titleIds.COUNTY)).status).toBe('ACTIVE');

  // One title.revoked per revoked title, the reviewed one first.
  const events: { payload: { titleId: string } }[] = await ds.query(
    `SELECT payload FROM outbox WHERE type = 'title.revoked' ORDER BY seq`,
  );
  const revokedIds = events.map((e) => e.payload.titleId);
  expect(revokedIds).toHaveLength(6);
  expect(revokedIds.indexOf(suspended.titleIds.CITY)).toBeLessThan(revokedIds.indexOf(suspended.titleIds.COUNTY));
  expect(new Set(revokedIds)).toEqual(
    new Set([
      suspended.titleIds.CITY,
      suspended.titleIds.COUNTY,
      onlyCity.titleIds.CITY,
      noTeam.titleIds.CITY,
      noTeam.titleIds.COUNTY,
      old.titleIds.CITY,
    ]),
  );
});
