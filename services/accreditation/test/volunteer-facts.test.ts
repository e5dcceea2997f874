import { shanghaiToday } from '@leifeng/kit';
import { tokenFor, typedQuery, waitFor } from '@leifeng/kit/testing';
import { addDays, lastFullWeekMonday } from '../src/domain/dates';
import {
  CREATE_CYCLE,
  ENDORSE,
  form,
  NAME,
  PHASES,
  PUBLISH,
  startPlatform,
  SUBMIT,
  type Platform,
} from './support/platform';
import { VolunteersFacts } from './support/volunteers';

/**
 * The automatic criteria read the volunteers subgraph's facts through the gateway: team size and share
 * of headcount, verified hours per volunteer against the Linyi thresholds, an activity every month and
 * a volunteer on duty in every opening slot. Station P runs as the standards ask; station F does not.
 * All volunteers data is created with the volunteers mutations; nothing is stubbed.
 */
let p: Platform;
const t: Record<string, string> = {};
const s: Record<string, { id: string; manager: string }> = {};
// Duty shifts can only be signed up for from today on: the review runs two weeks ahead, so the
// week it checks (the last full week before its date) lies in the future.
const reviewDay = addDays(shanghaiToday(), 14);
const week = lastFullWeekMonday(reviewDay);

const FACTS_SET = {
  code: 'youth-post-with-duty',
  version: 1,
  name: '青年雷锋岗复核标准（队伍、时长、每月活动、在岗）',
  issuer: '长沙市创建工作领导小组',
  year: 2025,
  levels: ['COUNTY', 'CITY'],
  source: 'linyi-2012-youth-leifeng-post.txt 二；hunan-2012 有活动；changzhi-2021 有志愿服务队伍',
  criteria: [
    {
      code: 'TEAM',
      name: '有稳定的志愿服务队伍',
      kind: 'AUTOMATIC',
      rule: {
        type: 'TEAM_SIZE',
        params: {},
        byLevel: {
          CITY: { minShare: 0.6, minCount: 20 },
          COUNTY: { minShare: 0.5, minCount: 10 },
        },
      },
    },
    {
      code: 'HOURS',
      name: '志愿者年服务时间',
      kind: 'AUTOMATIC',
      rule: {
        type: 'HOURS_PER_VOLUNTEER',
        params: {},
        byLevel: { CITY: { minHours: 100 }, COUNTY: { minHours: 50 } },
      },
    },
    {
      code: 'ACTIVITY',
      name: '每月都组织活动',
      kind: 'AUTOMATIC',
      rule: { type: 'MONTHLY_ACTIVITY', params: {} },
    },
    {
      code: 'ON_DUTY',
      name: '开放时间有志愿者在岗',
      kind: 'AUTOMATIC',
      rule: { type: 'DUTY_COVERAGE', params: {} },
    },
  ],
};

beforeAll(async () => {
  p = await startPlatform();
  t.city = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
  t.county = await tokenFor({ roles: ['COUNTY_ADMIN'], regionCode: '430102' });
  // P: unit headcount 6, so 4 members are 66.7 % (Linyi CITY ≥ 60 %); F: headcount 40.
  s.P = await p.station('芙蓉区青年雷锋岗达标站', { unitHeadcount: 6 });
  s.F = await p.station('芙蓉区青年雷锋岗未达标站');
  await waitFor(
    async () => {
      const res = await p.call<Record<'a' | 'b', { dutyCoverage: { openingSlotCount: number } }>>(
        t.city,
        `query($a: ID!, $b: ID!) { a: station(id: $a) { dutyCoverage(weekOf: "${week}") { openingSlotCount } } b: station(id: $b) { dutyCoverage(weekOf: "${week}") { openingSlotCount } } }`,
        { a: s.P.id, b: s.F.id },
      );
      return (
        !res.errors && res.data?.a.dutyCoverage.openingSlotCount === 3 && res.data.b.dutyCoverage.openingSlotCount === 3
      );
    },
    20000,
    'stations in the volunteers replica',
  );
}, 180000);

afterAll(async () => {
  await p?.stop();
});

describe('titles on a standard whose criteria are all volunteers facts', () => {
  it('2025: P and F are named CITY 雷锋号 on the new set', async () => {
    expect(
      (
        await p.ok<{ createStandardSet: { id: string } }>(
          t.city,
          `mutation($input: StandardSetInput!) { createStandardSet(input: $input) { id } }`,
          { input: FACTS_SET },
        )
      ).createStandardSet.id,
    ).toBe('youth-post-with-duty@1');
    p.at('2025-07-03');
    const cycle = (
      await p.ok(t.city, CREATE_CYCLE, {
        input: {
          issuingRegionCode: '430100',
          year: 2025,
          standardSetId: 'youth-post-with-duty@1',
          ruleProfileId: 'linyi-2012@1',
          levels: ['CITY'],
          phases: PHASES(2025),
        },
      })
    ).createCycle.id;
    const apps = [];
    for (const key of ['P', 'F'])
      apps.push(
        (
          await p.ok(s[key].manager, SUBMIT, {
            input: {
              cycleId: cycle,
              stationId: s[key].id,
              level: 'CITY',
              form: form(key),
            },
          })
        ).submitApplication.id,
      );
    p.at('2025-08-05');
    // Linyi: the county's list (at least 2) goes up before the city signs any of it.
    for (const id of apps)
      await p.ok(t.county, ENDORSE, {
        id,
        input: { decision: 'RECOMMEND', comment: '同意推荐' },
      });
    for (const id of apps)
      await p.ok(t.city, ENDORSE, {
        id,
        input: { decision: 'RECOMMEND', comment: '同意命名' },
      });
    p.at('2025-10-09');
    const notice = (
      await p.ok(t.city, PUBLISH, {
        input: { cycleId: cycle, regionCode: '430100' },
      })
    ).publishNotice;
    p.at('2025-11-03');
    expect((await p.ok(t.city, NAME, { id: notice.id })).nameCandidates).toHaveLength(2);
  });

  it('the volunteers data is created through the volunteers mutations', async () => {
    const vf = new VolunteersFacts(p.url, t.city);
    // P: leader, full-time staff and two volunteers, 100 verified hours each; an activity every month; every opening slot staffed.
    const pm = [
      await vf.member(s.P.id, 'LEADER', '达标站负责人'),
      await vf.member(s.P.id, 'STAFF', '达标站管理员'),
      await vf.member(s.P.id, 'VOLUNTEER', '达标站志愿者甲'),
      await vf.member(s.P.id, 'VOLUNTEER', '达标站志愿者乙'),
    ];
    for (const v of pm) await vf.verifiedHours(s.P.id, v, 2025, 100);
    await vf.monthlyActivities(s.P.id, 2025, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    await vf.duty(s.P.id, pm[2], [
      [week, '08:30'],
      [week, '14:00'],
    ]);
    await vf.duty(s.P.id, pm[3], [[addDays(week, 5), '09:00']]);
    // F: three members with 60, 60 and 40 hours; activities January–June only; only Monday morning staffed.
    const fm = [
      await vf.member(s.F.id, 'LEADER', '未达标站负责人'),
      await vf.member(s.F.id, 'VOLUNTEER', '未达标站志愿者甲'),
      await vf.member(s.F.id, 'VOLUNTEER', '未达标站志愿者乙'),
    ];
    for (const [i, h] of [60, 60, 40].entries()) await vf.verifiedHours(s.F.id, fm[i], 2025, h);
    await vf.monthlyActivities(s.F.id, 2025, [1, 2, 3, 4, 5, 6]);
    await vf.duty(s.F.id, fm[1], [[week, '08:30']]);
  }, 120000);
});

describe('Station.compliance on the volunteers facts', () => {
  const COMPLIANCE = typedQuery<{
    station: {
      compliance: { met: boolean; criteria: { code: string; status: string; detail: string; facts: unknown }[] };
    };
  }>(
    `query($id: ID!, $set: ID!, $level: TitleLevel) { station(id: $id) { compliance(standardSet: $set, year: 2025, level: $level) { met criteria { code status detail facts } } } }`,
  );
  const statusOf = async (key: string, set: string, level: string) => {
    const res = await p.ok(t.city, COMPLIANCE, { id: s[key].id, set, level });
    return Object.fromEntries(res.station.compliance.criteria.map((c) => [c.code, c]));
  };

  it('Linyi 青年雷锋岗: team share and count, hours per volunteer at the CITY (100 h) and COUNTY (50 h) thresholds', async () => {
    p.at(reviewDay);
    const pCity = await statusOf('P', 'linyi-2012-youth-post@1', 'CITY');
    expect(pCity.TEAM).toMatchObject({
      status: 'MET',
      facts: expect.objectContaining({
        memberCount: 4,
        headcountShare: 0.6667,
      }),
    });
    expect(pCity.HOURS).toMatchObject({
      status: 'MET',
      facts: expect.objectContaining({
        memberCount: 4,
        volunteersMeetingThreshold: 4,
        minHours: 100,
      }),
    });
    const fCity = await statusOf('F', 'linyi-2012-youth-post@1', 'CITY');
    expect(fCity.TEAM).toMatchObject({
      status: 'NOT_MET',
      facts: expect.objectContaining({
        memberCount: 3,
        headcountShare: 0.075,
        minCount: 20,
        minShare: 0.6,
      }),
    });
    expect(fCity.HOURS).toMatchObject({
      status: 'NOT_MET',
      facts: expect.objectContaining({
        volunteersMeetingThreshold: 0,
        minHours: 100,
      }),
    });
    const fCounty = await statusOf('F', 'linyi-2012-youth-post@1', 'COUNTY');
    expect(fCounty.TEAM).toMatchObject({
      status: 'NOT_MET',
      facts: expect.objectContaining({ minCount: 10, minShare: 0.5 }),
    });
    expect(fCounty.HOURS).toMatchObject({
      status: 'NOT_MET',
      facts: expect.objectContaining({
        volunteersMeetingThreshold: 2,
        minHours: 50,
      }),
    });
    expect(fCounty.HOURS.detail).toBe('3名志愿者中2名全年服务满50小时；要求每名志愿者都达到');
  });

  it('Changzhi: a volunteer on duty in every opening slot, regular (monthly) activity, leader and full-time staff', async () => {
    const pc = await statusOf('P', 'changzhi-2021-nine-one-one@1', 'CITY');
    expect(pc.TEAM_ON_DUTY).toMatchObject({
      status: 'MET',
      facts: expect.objectContaining({
        weekOf: week,
        openingSlotCount: 3,
        uncoveredSlotCount: 0,
      }),
    });
    expect(pc.REGULAR_ACTIVITY.status).toBe('MET');
    expect(pc.STAFF.status).toBe('MET');
    const fc = await statusOf('F', 'changzhi-2021-nine-one-one@1', 'CITY');
    expect(fc.TEAM_ON_DUTY).toMatchObject({
      status: 'NOT_MET',
      facts: expect.objectContaining({
        uncoveredSlotCount: 2,
        fullyCovered: false,
      }),
    });
    expect(fc.REGULAR_ACTIVITY).toMatchObject({
      status: 'NOT_MET',
      facts: expect.objectContaining({ missingMonths: [7, 8, 9, 10, 11, 12] }),
    });
    expect(fc.STAFF.status).toBe('NOT_MET'); // no full-time staff member
  });
});

describe('re-review (复核) on those facts, default policy', () => {
  it('P passes; F fails on all four facts and is delisted; the review keeps the facts', async () => {
    await p.reviewWorker();
    p.at(reviewDay);
    // 先试运行 (the real run needs a completed dry run of the same scope).
    const dry = (
      await p.ok<{ startReview: { id: string } }>(
        t.city,
        `mutation { startReview(input: { regionCode: "430102", year: 2025, dryRun: true }) { id } }`,
      )
    ).startReview;
    await waitFor(
      async () =>
        (await p.db.query(`SELECT status FROM review_run WHERE id = $1`, [dry.id])).rows[0].status === 'COMPLETED',
      30000,
      'dry run',
    );
    const run = (
      await p.ok<{ startReview: { id: string; total: number } }>(
        t.city,
        `mutation { startReview(input: { regionCode: "430102", year: 2025 }) { id total } }`,
      )
    ).startReview;
    expect(run.total).toBe(2);
    await waitFor(
      async () =>
        (await p.db.query(`SELECT status FROM review_run WHERE id = $1`, [run.id])).rows[0].status === 'COMPLETED',
      30000,
      'review',
    );
    const rows = (
      await p.db.query(`SELECT station_id, outcome, reasons, facts, compliance FROM review WHERE run_id = $1`, [run.id])
    ).rows;
    const by = Object.fromEntries(rows.map((r) => [r.station_id, r]));
    expect(by[s.P.id].outcome).toBe('PASS');
    expect(by[s.P.id].compliance.criteria.map((c: { status: string }) => c.status)).toEqual([
      'MET',
      'MET',
      'MET',
      'MET',
    ]);
    expect(by[s.F.id]).toMatchObject({
      outcome: 'FAIL',
      reasons: ['4 项指标未达标：有稳定的志愿服务队伍、志愿者年服务时间、每月都组织活动、开放时间有志愿者在岗'],
    });
    expect(by[s.F.id].facts).toMatchObject({
      found: true,
      unavailable: [],
      service: {
        memberCount: 3,
        meetingThreshold: { '100': 0 },
        monthsWithActivity: [1, 2, 3, 4, 5, 6],
      },
      duty: {
        weekOf: week,
        openingSlotCount: 3,
        uncoveredSlotCount: 2,
        fullyCovered: false,
      },
    });
    const titles = (await p.db.query(`SELECT station_id, status FROM title ORDER BY station_id`)).rows;
    expect(Object.fromEntries(titles.map((x) => [x.station_id, x.status]))).toEqual({
      [s.P.id]: 'ACTIVE',
      [s.F.id]: 'REVOKED',
    });
  });
});
