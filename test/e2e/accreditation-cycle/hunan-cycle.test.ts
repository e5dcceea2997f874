/**
 * Scenario: a Hunan-style accreditation cycle across the platform — stations, volunteers,
 * accreditation and notifications behind the gateway, on the shared platform harness — from
 * application to naming, then the re-review with a worker process killed mid-run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { gql, gqlData, tokenFor, typedQuery, waitFor, type TypedQuery } from '@leifeng/kit/testing';
import { Queue } from 'bullmq';
import { createAccreditationModule } from '../../../services/accreditation/src/module';
import { REVIEW_QUEUE } from '../../../services/accreditation/src/jobs/review-queue';
import { ENDORSE, PHASES, PUBLISH, SUBMIT } from '../../../services/accreditation/test/support/platform';
import { VolunteersFacts } from '../../../services/accreditation/test/support/volunteers';
import { CREATE, stationInput } from '../../../services/stations/test/fixtures';
import { compiledEntry } from '../../support/compiled';
import { startTestPlatform, type TestPlatform } from '../../support/platform';

/** The injected clock: every phase and "one year" check follows it (Asia/Shanghai). */
let now = new Date('2024-07-05T02:00:00Z');
const at = (shanghaiDate: string) => (now = new Date(`${shanghaiDate}T10:00:00+08:00`));
const accEnv: Record<string, string | undefined> = { ...process.env };

let platform: TestPlatform;
let acc: TestPlatform['subgraphs']['accreditation'];
let url: string;
let db: Client;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const form = (unit: string) => ({
  unitName: unit,
  address: '长沙市芙蓉区文艺路 88 号',
  postalCode: '410011',
  leaderName: '张雷',
  leaderPhone: '13812341234',
  situation: '对照“八个有”逐项达标。',
  practices: '每月组织志愿服务活动，结对帮扶。',
  plan: '创建计划：'.padEnd(1800, '志'),
  unitOpinion: '同意申报。',
});

async function call<T>(token: string, query: TypedQuery<T>, variables: Record<string, unknown> = {}) {
  const res = await gql(url, query, variables, { token });
  return res;
}
function ok<T>(token: string, query: TypedQuery<T>, variables: Record<string, unknown> = {}) {
  return gqlData(url, query, variables, { token });
}
const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].n);

const NAME = typedQuery<{
  nameCandidates: {
    id: string;
    level: string;
    certificateNumber: string;
    conferredOn: string;
    station: { id: string; name: string };
  }[];
}>(
  `mutation($id: ID!) { nameCandidates(noticeId: $id) { id level certificateNumber conferredOn station { id name } } }`,
);

beforeAll(async () => {
  platform = await startTestPlatform({
    modules: {
      accreditation: createAccreditationModule({
        clock: { now: () => now },
        env: accEnv,
      }),
    },
    workers: ['stations', 'volunteers', 'accreditation', 'notifications'],
  });
  acc = platform.subgraphs.accreditation;
  url = platform.url;
  accEnv.GATEWAY_URL = url;
  accEnv.JWT_SECRET = acc.env.JWT_SECRET;
  db = new Client({ connectionString: acc.db.url });
  await db.connect();
  tokens.province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
  tokens.city = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
  tokens.county = await tokenFor({
    roles: ['COUNTY_ADMIN'],
    regionCode: '430102',
  });
  tokens.inspector = await tokenFor({
    roles: ['INSPECTOR'],
    sub: 'inspector-1',
  });
  for (const key of ['A', 'B', 'C', 'D']) {
    const created = await ok(tokens.city, CREATE, {
      input: stationInput({ name: `芙蓉区雷锋号测试站${key}` }),
    });
    ids[key] = created.createStation.id;
    tokens[key] = await tokenFor({
      roles: ['STATION_MANAGER'],
      stationId: ids[key],
      sub: `manager-${key}`,
    });
  }
  // station.created travels stations' outbox → BullMQ → accreditation's station_ref.
  await waitFor(async () => (await count(`SELECT count(*) AS n FROM station_ref`)) === 4, 20000, 'station_ref replica');
}, 180000);

afterAll(async () => {
  await db?.end();
  await platform?.stop();
});

async function cycle(year: number) {
  const data = await ok<{
    createCycle: { id: string; levels: string[]; quotas: { regionCode: string; amount: number }[] };
  }>(
    tokens.province,
    `mutation($input: CreateCycleInput!) { createCycle(input: $input) { id levels quotas { regionCode amount } } }`,
    {
      input: {
        issuingRegionCode: '430000',
        year,
        standardSetId: 'hunan-2012-eight-haves@1',
        ruleProfileId: 'hunan-2012@1',
        levels: ['CITY', 'PROVINCE'],
        phases: PHASES(year),
        quotaTemplate: 'hunan-2012-provincial',
      },
    },
  );
  return data.createCycle;
}

describe('a Hunan-style cycle through the gateway, application to naming', () => {
  it('2024: station A becomes a CITY 雷锋号 (county → city, 公示 5 working days, naming)', async () => {
    at('2024-07-05');
    const c = await cycle(2024);
    ids.cycle2024 = c.id;
    expect(c.quotas).toHaveLength(15);
    expect(c.quotas.reduce((a: number, q: { amount: number }) => a + q.amount, 0)).toBe(58);
    const app = (
      await ok(tokens.A, SUBMIT, {
        input: {
          cycleId: c.id,
          stationId: ids.A,
          level: 'CITY',
          form: form('文艺路街道'),
        },
      })
    ).submitApplication;
    expect(app).toMatchObject({
      status: 'SUBMITTED',
      currentStage: 'COUNTY',
      stages: ['COUNTY', 'CITY'],
    });
    // The city group cannot sign before the county group.
    const early = await call(tokens.city, ENDORSE, {
      id: app.id,
      input: { decision: 'RECOMMEND', comment: '同意' },
    });
    expect(early.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await ok(tokens.county, ENDORSE, {
      id: app.id,
      input: { decision: 'RECOMMEND', comment: '同意推荐' },
    });
    expect(
      (
        await ok(tokens.city, ENDORSE, {
          id: app.id,
          input: { decision: 'RECOMMEND', comment: '同意命名' },
        })
      ).endorseApplication.status,
    ).toBe('CANDIDATE');

    at('2024-10-10'); // Thursday after the National Day week: Sat 12 Oct is a working day (调休)
    const notice = (
      await ok(tokens.city, PUBLISH, {
        input: { cycleId: c.id, regionCode: '430100' },
      })
    ).publishNotice;
    expect(notice).toMatchObject({
      level: 'CITY',
      startsOn: '2024-10-10',
      endsOn: '2024-10-15',
      applications: [{ id: app.id }],
    });
    at('2024-11-01');
    const titles = (await ok(tokens.city, NAME, { id: notice.id })).nameCandidates;
    expect(titles).toEqual([
      expect.objectContaining({
        level: 'CITY',
        certificateNumber: 'LF-430000-2024-S-0001',
        conferredOn: '2024-11-01',
        station: { id: ids.A, name: '芙蓉区雷锋号测试站A' },
      }),
    ]);
  });

  it('2025: A goes PROVINCE within the city quota, B and C CITY; every rule refuses and changes nothing', async () => {
    at('2025-06-20');
    const c = await cycle(2025);
    ids.cycle2025 = c.id;
    await ok(
      tokens.province,
      `mutation($c: ID!) { setQuota(cycleId: $c, regionCode: "430100", level: PROVINCE, amount: 1) { amount } }`,
      { c: c.id },
    );
    const before = await count(`SELECT count(*) AS n FROM application`);
    const outOfPhase = await call(tokens.B, SUBMIT, {
      input: {
        cycleId: c.id,
        stationId: ids.B,
        level: 'CITY',
        form: form('B'),
      },
    });
    expect(outOfPhase.errors?.[0]).toMatchObject({
      extensions: { code: 'PHASE_CLOSED' },
    });
    expect(outOfPhase.errors?.[0].message).toMatch(/申报阶段/);

    at('2025-07-03');
    const a = (
      await ok(tokens.A, SUBMIT, {
        input: {
          cycleId: c.id,
          stationId: ids.A,
          level: 'PROVINCE',
          form: form('A'),
        },
      })
    ).submitApplication;
    expect(a.stages).toEqual(['COUNTY', 'CITY', 'PROVINCE']);
    const dup = await call(tokens.A, SUBMIT, {
      input: {
        cycleId: c.id,
        stationId: ids.A,
        level: 'CITY',
        form: form('A'),
      },
    });
    expect(dup.errors?.[0].extensions?.code).toBe('DUPLICATE_APPLICATION');
    const noCityTitle = await call(tokens.D, SUBMIT, {
      input: {
        cycleId: c.id,
        stationId: ids.D,
        level: 'PROVINCE',
        form: form('D'),
      },
    });
    expect(noCityTitle.errors?.[0].extensions?.code).toBe('CITY_TITLE_REQUIRED');
    const foreign = await call(tokens.B, SUBMIT, {
      input: {
        cycleId: c.id,
        stationId: ids.C,
        level: 'CITY',
        form: form('C'),
      },
    });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const b = (
      await ok(tokens.B, SUBMIT, {
        input: {
          cycleId: c.id,
          stationId: ids.B,
          level: 'CITY',
          form: form('B'),
        },
      })
    ).submitApplication;
    const cc = (
      await ok(tokens.C, SUBMIT, {
        input: {
          cycleId: c.id,
          stationId: ids.C,
          level: 'CITY',
          form: form('C'),
        },
      })
    ).submitApplication;
    const d = (
      await ok(tokens.D, SUBMIT, {
        input: {
          cycleId: c.id,
          stationId: ids.D,
          level: 'CITY',
          form: form('D'),
        },
      })
    ).submitApplication;
    expect(await count(`SELECT count(*) AS n FROM application`)).toBe(before + 4);

    at('2025-08-05');
    // RETURN sends B back for edits; the manager resubmits to the same stage.
    expect(
      (
        await ok(tokens.county, ENDORSE, {
          id: b.id,
          input: { decision: 'RETURN', comment: '请补充台账材料' },
        })
      ).endorseApplication.status,
    ).toBe('RETURNED');
    await ok(
      tokens.B,
      `mutation($id: ID!, $f: ApplicationFormInput!) { resubmitApplication(id: $id, form: $f) { status } }`,
      { id: b.id, f: form('B 补充') },
    );
    for (const id of [a.id, b.id, cc.id])
      await ok(tokens.county, ENDORSE, {
        id,
        input: { decision: 'RECOMMEND', comment: '同意推荐' },
      });
    // Hunan sets no number per county (that is Linyi's 2–3): a fourth recommendation goes on to the city.
    expect(
      (
        await ok(tokens.county, ENDORSE, {
          id: d.id,
          input: { decision: 'RECOMMEND', comment: '同意推荐' },
        })
      ).endorseApplication.currentStage,
    ).toBe('CITY');
    await ok(tokens.city, ENDORSE, {
      id: d.id,
      input: { decision: 'REJECT', comment: '材料不全，不予推荐' },
    });

    await ok(tokens.city, ENDORSE, {
      id: a.id,
      input: { decision: 'RECOMMEND', comment: '推荐申报省级' },
    });
    for (const id of [b.id, cc.id])
      await ok(tokens.city, ENDORSE, {
        id,
        input: { decision: 'RECOMMEND', comment: '同意' },
      });
    const wrongProvince = await call(await tokenFor({ roles: ['PROVINCE_ADMIN'], regionCode: '440000' }), ENDORSE, {
      id: a.id,
      input: { decision: 'RECOMMEND', comment: '同意' },
    });
    expect(wrongProvince.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(
      (
        await ok(tokens.province, ENDORSE, {
          id: a.id,
          input: { decision: 'RECOMMEND', comment: '确定为省级候选' },
        })
      ).endorseApplication.status,
    ).toBe('CANDIDATE');
    const quota = await ok<{ cycle: { quotas: { regionCode: string }[] } }>(
      tokens.city,
      `query($c: ID!) { cycle(id: $c) { quotas { regionCode level amount used } } }`,
      { c: c.id },
    );
    expect(quota.cycle.quotas.find((q: { regionCode: string }) => q.regionCode === '430100')).toEqual({
      regionCode: '430100',
      level: 'PROVINCE',
      amount: 1,
      used: 1,
    });
    ids.appB = b.id;
  });

  it('公示 with an objection, the 2 × quota rule, then naming of CITY and PROVINCE titles', async () => {
    at('2025-10-09'); // Thursday after the National Day week (1–8 Oct off): Thu, Fri, Sat 11 (调休), Mon, Tue 14th
    const cityNotice = (
      await ok(tokens.city, PUBLISH, {
        input: { cycleId: ids.cycle2025, regionCode: '430100' },
      })
    ).publishNotice;
    expect(cityNotice.endsOn).toBe('2025-10-14');
    expect(cityNotice.applications).toHaveLength(2);
    const provNotice = (
      await ok(tokens.province, PUBLISH, {
        input: { cycleId: ids.cycle2025, regionCode: '430000' },
      })
    ).publishNotice;
    const objection = (
      await ok<{ fileObjection: { id: string; status: string } }>(
        tokens.D,
        `mutation($n: ID!, $a: ID!) { fileObjection(noticeId: $n, applicationId: $a, content: "该站点活动记录不实，请核查") { id status } }`,
        { n: cityNotice.id, a: ids.appB },
      )
    ).fileObjection;

    at('2025-11-03');
    const pending = await call(tokens.city, NAME, { id: cityNotice.id });
    expect(pending.errors?.[0].extensions?.code).toBe('OBJECTIONS_PENDING');
    const tooFewCity = await call(tokens.province, NAME, { id: provNotice.id });
    expect(tooFewCity.errors?.[0].extensions?.code).toBe('CITY_TITLES_INSUFFICIENT');
    expect(await count(`SELECT count(*) AS n FROM title`)).toBe(1);

    await ok(
      tokens.city,
      `mutation($id: ID!) { resolveObjection(id: $id, upheld: false, resolution: "经核查，活动记录属实") { status } }`,
      { id: objection.id },
    );
    const city = (await ok(tokens.city, NAME, { id: cityNotice.id })).nameCandidates;
    expect(city.map((t: { certificateNumber: string }) => t.certificateNumber)).toEqual([
      'LF-430000-2025-S-0001',
      'LF-430000-2025-S-0002',
    ]);
    const prov = (await ok(tokens.province, NAME, { id: provNotice.id })).nameCandidates;
    expect(prov).toEqual([
      expect.objectContaining({
        level: 'PROVINCE',
        certificateNumber: 'LF-430000-2025-P-0001',
        station: expect.objectContaining({ id: ids.A }),
      }),
    ]);

    const view = await ok<{ station: { titles: { level: string }[] } }>(
      tokens.city,
      `query($id: ID!) { station(id: $id) { name region { name } currentTitle { level certificateNumber } titles { level conferredOn } applications { level status } } }`,
      { id: ids.A },
    );
    expect(view.station).toMatchObject({
      name: '芙蓉区雷锋号测试站A',
      region: { name: '芙蓉区' },
      currentTitle: {
        level: 'PROVINCE',
        certificateNumber: 'LF-430000-2025-P-0001',
      },
    });
    expect(view.station.titles.map((t: { level: string }) => t.level).sort()).toEqual(['CITY', 'PROVINCE']);
    const region = await ok<{ region: { titleCounts: unknown } }>(
      tokens.city,
      `{ region(code: "430100") { name titleCounts { level year active } } }`,
    );
    expect(region.region.titleCounts).toEqual([
      { level: 'CITY', year: 2024, active: 1 },
      { level: 'CITY', year: 2025, active: 2 },
      { level: 'PROVINCE', year: 2025, active: 1 },
    ]);
    const events = (await db.query(`SELECT type, count(*)::int AS n FROM outbox GROUP BY type ORDER BY type`)).rows;
    expect(events).toEqual(
      expect.arrayContaining([
        { type: 'title.conferred', n: 4 },
        { type: 'application.returned', n: 1 },
        { type: 'application.rejected', n: 1 },
      ]),
    );
  });

  it('Station.compliance evaluates the standard on the graph facts, NOT_JUDGED where a source is missing', async () => {
    const res = await ok<{
      station: {
        compliance: {
          met: boolean | null;
          status: string;
          notMet: string[];
          awaitingInspection: string[];
          criteria: { code: string; status: string }[];
        };
      };
    }>(
      tokens.city,
      `query($id: ID!) { station(id: $id) { compliance(standardSet: "hunan-2012-eight-haves@1", year: 2025, level: CITY) { met status notMet awaitingInspection level criteria { code status detail } } } }`,
      { id: ids.A },
    );
    const by = Object.fromEntries(res.station.compliance.criteria.map((c) => [c.code, c.status]));
    expect(Object.keys(by)).toHaveLength(8);
    expect(by.LOGO).toBe('NOT_JUDGED'); // evidence waits for an inspector
    // met / not met / awaiting inspection apart: the evidence criteria wait for an inspector.
    const c = res.station.compliance;
    expect(c.awaitingInspection).toContain('LOGO');
    expect(c.notMet).toEqual(Object.keys(by).filter((k) => by[k] === 'NOT_MET'));
    expect(c).toMatchObject(
      c.notMet.length ? { status: 'NOT_MET', met: false } : { status: 'AWAITING_INSPECTION', met: null },
    );
  });
});

describe('re-review (复核) with a worker killed mid-run', () => {
  let child: ChildProcess | undefined;
  // The worker that is killed is a real process (SIGKILL, no cleanup), so it runs the compiled entry point.
  let workerJs: string;
  beforeAll(() => {
    workerJs = compiledEntry('accreditation', 'worker');
  }, 180000);
  const workerEnv = () => ({
    ...process.env,
    ...acc.env,
    PORT: '0',
    GATEWAY_URL: url,
    REVIEW_BATCH_SIZE: '1',
    REVIEW_BATCH_PAUSE_MS: '1500',
    REVIEW_LOCK_MS: '2000',
  });
  const startWorker = () => {
    child = spawn(process.execPath, [workerJs], {
      env: workerEnv(),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  };
  afterAll(() => child?.kill('SIGKILL'));

  it('revokes exactly one of three titled stations, no station reviewed twice, then the second run is a no-op', async () => {
    at('2025-12-01');
    // A and B run as the standard asks (team, leader and full-time staff, an activity every month), from
    // the volunteers subgraph; no announcement in 2025, so 有平台 alone is unmet → RECTIFY.
    const vf = new VolunteersFacts(url, tokens.city);
    for (const key of ['A', 'B']) {
      await vf.member(ids[key], 'LEADER', `${key}站负责人`);
      await vf.member(ids[key], 'STAFF', `${key}站专职管理员`);
      await vf.member(ids[key], 'VOLUNTEER', `${key}站志愿者`);
      await vf.monthlyActivities(ids[key], 2025, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    }
    // C failed a spot check: its title is to be revoked.
    await ok(
      tokens.inspector,
      `mutation($s: ID!) { recordInspection(input: { stationId: $s, kind: SPOT_CHECK, inspectedOn: "2025-11-28", verdict: FAIL, findings: [{ criterion: "VENUE", met: false, note: "场地已挪作他用" }] }) { id } }`,
      { s: ids.C },
    );

    startWorker();
    // 先试运行: the real run is refused until a dry run of the cycle has completed on the current titles.
    const refused = await call(tokens.province, `mutation($c: ID!) { startReview(input: { cycleId: $c }) { id } }`, {
      c: ids.cycle2025,
    });
    expect(refused.errors?.[0].extensions?.code).toBe('DRY_RUN_REQUIRED');
    const dry = (
      await ok<{ startReview: { id: string } }>(
        tokens.province,
        `mutation($c: ID!) { startReview(input: { cycleId: $c, dryRun: true }) { id } }`,
        {
          c: ids.cycle2025,
        },
      )
    ).startReview;
    await waitFor(
      async () =>
        (await db.query(`SELECT status FROM review_run WHERE id = $1`, [dry.id])).rows[0].status === 'COMPLETED',
      60000,
      'dry run before the real one',
    );
    const run = (
      await ok<{ startReview: { id: string; total: number; status: string; alreadyRun: boolean } }>(
        tokens.province,
        `mutation($c: ID!) { startReview(input: { cycleId: $c }) { id total status alreadyRun } }`,
        { c: ids.cycle2025 },
      )
    ).startReview;
    expect(run).toMatchObject({ total: 3, alreadyRun: false });
    await waitFor(
      async () => (await count(`SELECT count(*) AS n FROM review WHERE run_id = $1`, [run.id])) >= 1,
      30000,
      'first review',
    );
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const mid = await count(`SELECT count(*) AS n FROM review WHERE run_id = $1`, [run.id]);
    expect(mid).toBeLessThan(3);
    expect((await db.query(`SELECT status FROM review_run WHERE id = $1`, [run.id])).rows[0].status).toBe('RUNNING');

    startWorker();
    await waitFor(
      async () =>
        (await db.query(`SELECT status FROM review_run WHERE id = $1`, [run.id])).rows[0].status === 'COMPLETED',
      60000,
      'run completed after restart',
    );
    const reviews = (
      await db.query(`SELECT station_id, outcome, reasons, facts FROM review WHERE run_id = $1`, [run.id])
    ).rows;
    expect(reviews).toHaveLength(3);
    expect(new Set(reviews.map((r) => r.station_id)).size).toBe(3);
    expect(Object.fromEntries(reviews.map((r) => [r.station_id, r.outcome]))).toEqual({
      [ids.A]: 'RECTIFY',
      [ids.B]: 'RECTIFY',
      [ids.C]: 'FAIL',
    });
    const a = reviews.find((r) => r.station_id === ids.A)!;
    expect(a.reasons).toEqual(['未达标：有平台']);
    expect(a.facts.service).toMatchObject({
      memberCount: 3,
      leaderCount: 1,
      staffCount: 1,
      monthsWithActivity: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    });
    expect(reviews.every((r) => r.facts.found === true)).toBe(true); // audit: the facts read through the gateway
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE type = 'review.completed'`)).toBe(3);
    const revoked = (
      await db.query(
        `SELECT station_id, status, revoked_on::text, revoked_review_id FROM title WHERE status = 'REVOKED'`,
      )
    ).rows;
    expect(revoked).toEqual([expect.objectContaining({ station_id: ids.C, revoked_on: '2025-12-01' })]);
    expect((await db.query(`SELECT payload FROM outbox WHERE type = 'title.revoked'`)).rows).toEqual([
      {
        payload: expect.objectContaining({
          stationId: ids.C,
          regionCode: '430102',
          level: 'CITY',
          reviewId: revoked[0].revoked_review_id,
        }),
      },
    ]);

    // Exactly one yearly scheduler (and one recovery scheduler) after two starts, and it never fired early.
    const queue = new Queue(REVIEW_QUEUE, {
      connection: { url: process.env.REDIS_URL || 'redis://127.0.0.1:6379' },
      prefix: platform.bullPrefix,
    });
    expect((await queue.getJobSchedulers()).map((j) => j.key).sort()).toEqual([
      'accreditation-review-recovery',
      'accreditation-yearly-review',
    ]);
    await queue.close();
    expect(await count(`SELECT count(*) AS n FROM review_run WHERE trigger = 'SCHEDULE'`)).toBe(0);

    const again = (
      await ok<{ startReview: unknown }>(
        tokens.province,
        `mutation($c: ID!) { startReview(input: { cycleId: $c }) { id alreadyRun status } }`,
        { c: ids.cycle2025 },
      )
    ).startReview;
    expect(again).toMatchObject({
      id: run.id,
      alreadyRun: true,
      status: 'COMPLETED',
    });
    expect(await count(`SELECT count(*) AS n FROM review WHERE NOT dry_run`)).toBe(3);
  });

  it('a dry run reports without changing anything', async () => {
    const titlesBefore = (await db.query(`SELECT id, status FROM title ORDER BY id`)).rows;
    const events = `SELECT count(*) AS n FROM outbox WHERE type <> 'review.run.progressed'`;
    const eventsBefore = await count(events);
    await ok(
      tokens.inspector,
      `mutation($s: ID!) { recordInspection(input: { stationId: $s, kind: SPOT_CHECK, inspectedOn: "2025-11-30", verdict: FAIL, findings: [{ criterion: "VENUE", met: false }] }) { id } }`,
      { s: ids.B },
    );
    const run = (
      await ok<{ startReview: { id: string } }>(
        tokens.city,
        `mutation { startReview(input: { regionCode: "430100", dryRun: true }) { id } }`,
      )
    ).startReview;
    await waitFor(
      async () =>
        (await db.query(`SELECT status FROM review_run WHERE id = $1`, [run.id])).rows[0].status === 'COMPLETED',
      60000,
      'dry run',
    );
    const report = await ok<{ reviewRun: unknown }>(
      tokens.city,
      `query($id: ID!) { reviewRun(id: $id) { dryRun revokedStationIds } }`,
      {
        id: run.id,
      },
    );
    expect(report.reviewRun).toEqual({
      dryRun: true,
      revokedStationIds: [ids.B],
    });
    expect((await db.query(`SELECT id, status FROM title ORDER BY id`)).rows).toEqual(titlesBefore);
    expect(await count(events)).toBe(eventsBefore);
    // Its only events say how far it got (what a live subscriber follows).
    expect(
      await count(`SELECT count(*) AS n FROM outbox WHERE type = 'review.run.progressed' AND aggregate_id = $1`, [
        run.id,
      ]),
    ).toBeGreaterThan(0);
  });

  it('the revocation is appealed and reinstated by the issuing level, history kept', async () => {
    const [{ id }] = (await db.query(`SELECT id FROM title WHERE status = 'REVOKED'`)).rows;
    await ok(
      tokens.C,
      `mutation($t: ID!) { appealRevocation(titleId: $t, reason: "场地已恢复使用，请复查") { status } }`,
      { t: id },
    );
    const wrong = await call(
      tokens.county,
      `mutation($t: ID!) { decideAppeal(titleId: $t, reinstate: true, comment: "同意") { status } }`,
      { t: id },
    );
    expect(wrong.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const title = (
      await ok<{ decideAppeal: { status: string; history: { action: string }[] } }>(
        tokens.city,
        `mutation($t: ID!) { decideAppeal(titleId: $t, reinstate: true, comment: "复查合格，恢复称号") { status revokedOn reinstatedOn history } }`,
        { t: id },
      )
    ).decideAppeal;
    expect(title).toMatchObject({
      status: 'ACTIVE',
      revokedOn: '2025-12-01',
      reinstatedOn: '2025-12-01',
    });
    expect(title.history.map((h: { action: string }) => h.action)).toEqual([
      'CONFERRED',
      'REVOKED',
      'APPEALED',
      'REINSTATED',
    ]);
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE type = 'title.reinstated'`)).toBe(1);
  });
});
