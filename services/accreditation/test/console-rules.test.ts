import { randomUUID } from 'node:crypto';
import { createDataSource, createLogger, DomainError, migrateSubgraph, type AuthUser } from '@leifeng/kit';
import { createTestDatabase, testEnv, uniqueSuffix, type TestDatabase } from '@leifeng/kit/testing';
import type { DataSource } from 'typeorm';
import type { FactsRequest, StationFacts, StationFactsSource } from '../src/domain/facts';
import type { FormPhoneCipher } from '../src/domain/application-privacy';
import { createAccreditationModule } from '../src/module';
import { ApplicationService } from '../src/services/application-service';
import { CampaignService } from '../src/services/campaign-service';
import { InspectionService } from '../src/services/inspection-service';
import type { NoticeService } from '../src/services/notice-service';
import { ReviewRunner } from '../src/services/review-runner';
import { ReviewService } from '../src/services/review-service';
import { TitleService } from '../src/services/title-service';

/**
 * The rules the officers' console relies on, enforced by accreditation itself on a migrated database:
 *   - 先试运行、再正式复核: a real re-review needs a completed dry run of the same scope that saw the current
 *     titles, with no inspection or rectification order recorded for its stations since (DRY_RUN_REQUIRED /
 *     DRY_RUN_STALE), and a refused start writes nothing;
 *   - a quota never drops below the applicants already forwarded against it (QUOTA_BELOW_USED);
 *   - the to-do, titles and appeals lists page on the server (offset or cursor, with their totals).
 */
let now = new Date('2025-12-01T10:00:00+08:00');
const clock = { now: () => now };
const logger = createLogger('console-rules-test', 'silent');
let db: TestDatabase;
let ds: DataSource;
let reviews: ReviewService;
let campaign: CampaignService;
let inspections: InspectionService;
let titles: TitleService;
let applications: ApplicationService;
let cycleId: string;

const province: AuthUser = { sub: 'province-1', roles: ['PROVINCE_ADMIN'], regionCode: '430000' };
const city: AuthUser = { sub: 'city-1', roles: ['CITY_ADMIN'], regionCode: '430100' };
const county: AuthUser = { sub: 'county-1', roles: ['COUNTY_ADMIN'], regionCode: '430102' };

class Facts implements StationFactsSource {
  async load(ids: string[], req: FactsRequest): Promise<Map<string, StationFacts>> {
    return new Map(
      ids.map((id) => [id, { stationId: id, year: req.year, found: true, status: 'ACTIVE', unavailable: [] }]),
    );
  }
}

const n = async (sql: string, params: unknown[] = []) => Number((await ds.query(sql, params))[0].n);

/** The error a call fails with (it must fail). */
async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

async function station(code: string, name: string): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO station_ref (id, name, region_code, status, category) VALUES ($1, $2, $3, 'ACTIVE', 'COMMUNITY')`,
    [id, name, code],
  );
  return id;
}

async function title(stationId: string, code: string, conferredOn = '2025-11-20'): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO title (station_id, region_code, level, cycle_id, conferred_on, certificate_number, history)
     VALUES ($1, $2, 'CITY', $3, $4, $5, '[]') RETURNING id`,
    [stationId, code, cycleId, conferredOn, `LF-C-${uniqueSuffix()}`],
  );
  return id;
}

/** A dry run of the cycle, processed to the end by the runner. */
async function completedDryRun(): Promise<string> {
  const run = await reviews.start(province, { cycleId, dryRun: true });
  await new ReviewRunner({
    ds,
    facts: new Facts(),
    titles,
    inspections,
    policy: { rectifyDays: 60, maxUnmetForRectify: 2 },
    batchSize: 50,
    batchPauseMs: 0,
    logger,
    clock,
  }).process(run.id);
  expect((await reviews.run(run.id))!.status).toBe('COMPLETED');
  return run.id;
}

beforeAll(async () => {
  db = await createTestDatabase('accreditation_console');
  await migrateSubgraph(createAccreditationModule(), testEnv(db.url, `t${uniqueSuffix()}`));
  ds = createDataSource({ url: db.url, entities: [], migrations: [], logger });
  await ds.initialize();
  inspections = new InspectionService(ds, clock);
  titles = new TitleService(ds, clock, {} as NoticeService); // notices are only used for naming
  reviews = new ReviewService(ds, clock, async () => undefined);
  campaign = new CampaignService(ds, clock);
  applications = new ApplicationService(ds, clock, {} as FormPhoneCipher); // forms are not read here
  now = new Date('2025-03-01T10:00:00+08:00');
  cycleId = (
    await campaign.createCycle(province, {
      issuingRegionCode: '430000',
      year: 2025,
      standardSetId: 'hunan-2012-eight-haves@1',
      ruleProfileId: 'hunan-2012@1',
      levels: ['CITY', 'PROVINCE'],
    })
  ).id;
  now = new Date('2025-12-01T10:00:00+08:00');
}, 60000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

describe('先试运行、再正式复核 (enforced by the service)', () => {
  const stations: string[] = [];

  beforeAll(async () => {
    for (const i of [1, 2]) {
      const s = await station('430102', `复核站${i}`);
      stations.push(s);
      await title(s, '430102');
    }
  });

  it('a real run without any dry run is refused and writes nothing', async () => {
    const runs = await n(`SELECT count(*) AS n FROM review_run`);
    const err = await refusal(reviews.start(province, { cycleId }));
    expect(err.code).toBe('DRY_RUN_REQUIRED');
    expect(err.message).toMatch(/请先试运行复核/);
    expect(await n(`SELECT count(*) AS n FROM review_run`)).toBe(runs);
  });

  it('a dry run still in progress does not count', async () => {
    const dry = await reviews.start(province, { cycleId, dryRun: true }); // the test's queue never runs it
    const err = await refusal(reviews.start(province, { cycleId }));
    expect(err.code).toBe('DRY_RUN_REQUIRED');
    expect(err.message).toMatch(/尚未完成/);
    expect(err.details).toMatchObject({ dryRunId: dry.id });
  });

  it('an inspection recorded after the dry run makes it stale', async () => {
    await completedDryRun();
    await inspections.record(province, {
      stationId: stations[0],
      kind: 'SPOT_CHECK',
      inspectedOn: '2025-12-01',
      verdict: 'RECTIFY',
      findings: [{ criterion: 'LEDGER', met: false, note: '台账不全' }],
    });
    const err = await refusal(reviews.start(province, { cycleId }));
    expect(err.code).toBe('DRY_RUN_STALE');
    expect(err.message).toMatch(/1 个站点新增检查记录或整改通知/);
  });

  it('a rectification order after the dry run makes it stale too', async () => {
    await completedDryRun();
    await inspections.order(province, { stationId: stations[1], deadline: '2026-01-31', requirements: '补齐台账' });
    expect((await refusal(reviews.start(province, { cycleId }))).code).toBe('DRY_RUN_STALE');
  });

  it('a title named (or revoked) in scope after the dry run makes it stale', async () => {
    await completedDryRun();
    const s = await station('430103', '复核站3');
    await title(s, '430103', '2025-12-01');
    const err = await refusal(reviews.start(province, { cycleId }));
    expect(err.code).toBe('DRY_RUN_STALE');
    expect(err.message).toMatch(/1 项称号变化/);

    await completedDryRun();
    await ds.query(`UPDATE title SET status = 'REVOKED', revoked_on = '2025-12-01' WHERE station_id = $1`, [s]);
    expect((await refusal(reviews.start(province, { cycleId }))).code).toBe('DRY_RUN_STALE');
  });

  it('after a fresh dry run the real run starts; asking again is the usual no-op', async () => {
    await completedDryRun();
    const run = await reviews.start(province, { cycleId });
    expect(run).toMatchObject({ dryRun: false, total: 2, alreadyRun: false });
    const again = await reviews.start(province, { cycleId });
    expect(again).toMatchObject({ id: run.id, alreadyRun: true });
  });

  it("a cycle's dry run does not stand for a region's real run", async () => {
    const err = await refusal(reviews.start(city, { regionCode: '430100', year: 2025 }));
    expect(err.code).toBe('DRY_RUN_REQUIRED');
  });
});

describe('a quota never drops below its use', () => {
  it('is refused below the applicants the city has forwarded, accepted at or above', async () => {
    await campaign.setQuota(province, cycleId, '430100', 'PROVINCE', 3);
    for (const i of [1, 2]) {
      const s = await station('430102', `省级申报站${i}`);
      const [{ id }] = await ds.query(
        `INSERT INTO application (cycle_id, station_id, region_code, level, status, current_stage, stages, form, submitted_by, submitted_on)
         VALUES ($1, $2, '430102', 'PROVINCE', 'SUBMITTED', 'PROVINCE', '["COUNTY","CITY","PROVINCE"]', '{}', 'm', '2025-07-05') RETURNING id`,
        [cycleId, s],
      );
      await ds.query(
        `INSERT INTO endorsement (application_id, stage, decision, comment, signer) VALUES ($1, 'CITY', 'RECOMMEND', '同意', 'city-1')`,
        [id],
      );
    }
    const err = await refusal(campaign.setQuota(province, cycleId, '430100', 'PROVINCE', 1));
    expect(err.code).toBe('QUOTA_BELOW_USED');
    expect(err.message).toBe('430100 已推荐 2 个申报，名额不能少于 2 个');
    expect(err.details).toMatchObject({ field: 'amount', used: 2 });
    const amount = async () => (await campaign.quotas(cycleId, '430100')).find((q) => q.level === 'PROVINCE')!.amount;
    expect(await amount()).toBe(3);
    await campaign.setQuota(province, cycleId, '430100', 'PROVINCE', 2);
    expect(await amount()).toBe(2);
    // Another city's quota is not held by 430100's use.
    await campaign.setQuota(province, cycleId, '430200', 'PROVINCE', 0);
  });
});

describe('server-side pages', () => {
  it("待我审核: the caller's stage in the caller's region, a page at a time, with the total", async () => {
    const mine: string[] = [];
    for (const i of [1, 2, 3, 4, 5]) {
      const s = await station('430102', `待审站${i}`);
      const [{ id }] = await ds.query(
        `INSERT INTO application (cycle_id, station_id, region_code, level, status, current_stage, stages, form, submitted_by, submitted_on)
         VALUES ($1, $2, '430102', 'CITY', 'SUBMITTED', 'COUNTY', '["COUNTY","CITY"]', '{}', 'm', $3) RETURNING id`,
        [cycleId, s, `2025-07-0${i}`],
      );
      mine.push(id);
    }
    // Not the county's: another county, and an application at the city's stage.
    const other = await station('430103', '他县站');
    await ds.query(
      `INSERT INTO application (cycle_id, station_id, region_code, level, status, current_stage, stages, form, submitted_by, submitted_on)
       VALUES ($1, $2, '430103', 'CITY', 'SUBMITTED', 'COUNTY', '["COUNTY","CITY"]', '{}', 'm', '2025-07-01')`,
      [cycleId, other],
    );
    const p1 = await applications.todoPage(county, { first: 2 });
    expect(p1.edges.map((e) => e.node.id)).toEqual(mine.slice(0, 2));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect(await p1.totalCount()).toBe(5);
    const p2 = await applications.todoPage(county, { first: 2, after: p1.pageInfo.endCursor });
    expect(p2.edges.map((e) => e.node.id)).toEqual(mine.slice(2, 4));
    const p3 = await applications.todoPage(county, { first: 2, offset: 4 });
    expect(p3.edges.map((e) => e.node.id)).toEqual(mine.slice(4));
    expect(p3.pageInfo.hasNextPage).toBe(false);
    // The two provincial applications forwarded above wait for the province, not the city.
    expect(await (await applications.todoPage(city, {})).totalCount()).toBe(0);
    expect(await (await applications.todoPage(province, {})).totalCount()).toBe(2);
    expect((await refusal(applications.todoPage(county, { first: 501 }))).code).toBe('INVALID_PAGE_SIZE');
    expect((await refusal(applications.todoPage(county, { after: p1.pageInfo.endCursor, offset: 2 }))).code).toBe(
      'INVALID_CURSOR',
    );
    expect((await refusal(applications.todoPage(county, { after: 'bm9wZQ' }))).code).toBe('INVALID_CURSOR');
  });

  it('titles of a region newest first and appeals open first, each with its total', async () => {
    const all = await titles.titlePage(city, '430100', {}, { first: 2 });
    const total = await all.totalCount();
    expect(total).toBe(await n(`SELECT count(*) AS n FROM title WHERE region_code LIKE '4301%'`));
    expect(all.edges).toHaveLength(2);
    const dates = all.edges.map((e) => e.node.conferredOn);
    expect([...dates].sort().reverse()).toEqual(dates);
    const last = await titles.titlePage(city, '430100', {}, { first: 2, offset: total - 1 });
    expect(last.edges).toHaveLength(1);
    expect(last.pageInfo.hasNextPage).toBe(false);
    const revoked = await titles.titlePage(city, '430100', { status: 'REVOKED' }, {});
    expect(await revoked.totalCount()).toBe(1);
    expect(await (await titles.titlePage(city, '430200', {}, {})).totalCount()).toBe(0);

    const [a, b] = (await titles.titlePage(city, '430100', { status: 'ACTIVE' }, { first: 2 })).edges.map(
      (e) => e.node.id,
    );
    await ds.query(`UPDATE title SET appeal = '{"reason":"已整改","status":"DENIED"}' WHERE id = $1`, [a]);
    await ds.query(`UPDATE title SET appeal = '{"reason":"已恢复","status":"OPEN"}' WHERE id = $1`, [b]);
    const appeals = await titles.appealPage(city, '430100', null, {});
    expect(appeals.edges.map((e) => e.node.id)).toEqual([b, a]);
    expect(await appeals.totalCount()).toBe(2);
    expect(await (await titles.appealPage(city, '430100', 'OPEN', {})).totalCount()).toBe(1);
    expect((await refusal(titles.appealPage(city, '430100', 'MAYBE', {}))).code).toBe('INVALID_STATUS');
    expect((await refusal(titles.titlePage(city, 'nope', {}, {}))).code).toBe('INVALID_REGION');
  });
});
