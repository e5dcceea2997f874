import { randomUUID } from 'node:crypto';
import { tokenFor, typedQuery, waitFor } from '@leifeng/kit/testing';
import {
  CHINESE,
  CREATE_CYCLE,
  ENDORSE,
  form,
  NAME,
  PHASES,
  PUBLISH,
  snapshot,
  startPlatform,
  SUBMIT,
  type Platform,
} from './support/platform';

/**
 * Rules that refuse, proven through the gateway: the error code, a Chinese message, and every
 * accreditation table and the outbox unchanged. Chronological on one injected clock:
 * 2024 a city cycle on a new (inspection-only) standard names four CITY titles; 2025 rectification
 * orders and the re-review; 2025 provincial applications (先建站再创号, quota).
 */
let p: Platform;
const t: Record<string, string> = {};
const s: Record<string, { id: string; manager: string }> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  p = await startPlatform();
  t.province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
  t.otherProvince = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '440000',
  });
  t.city = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
  t.county = await tokenFor({ roles: ['COUNTY_ADMIN'], regionCode: '430102' });
  t.otherCounty = await tokenFor({
    roles: ['COUNTY_ADMIN'],
    regionCode: '430103',
  });
  t.inspector = await tokenFor({ roles: ['INSPECTOR'], sub: 'inspector-1' });
  t.volunteer = await tokenFor({ roles: ['VOLUNTEER'], sub: 'volunteer-1' });
  t.service = await tokenFor({ roles: ['SERVICE'], sub: 'notifications' });
  for (const key of ['Q1', 'Q2', 'R1', 'R2']) s[key] = await p.station(`芙蓉区规则测试站${key}`);
}, 180000);

afterAll(async () => {
  await p?.stop();
});

/** A refused call: its code, a Chinese message, nothing written. */
async function refused(token: string | undefined, query: string, variables: Record<string, unknown>, code: string) {
  const before = await snapshot(p);
  const res = await p.call(token, query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(res.errors?.[0]?.message).toMatch(CHINESE);
  expect(await snapshot(p)).toEqual(before);
  return res.errors![0];
}

const CREATE_SET = typedQuery<{ createStandardSet: { id: string; criteria: { code: string; kind: string }[] } }>(
  `mutation($input: StandardSetInput!) { createStandardSet(input: $input) { id criteria { code kind } } }`,
);
const goodSet = (over: Record<string, unknown> = {}) => ({
  code: 'changsha-acceptance',
  version: 1,
  name: '长沙市雷锋号现场验收标准',
  issuer: '长沙市创建工作领导小组',
  year: 2024,
  levels: ['CITY'],
  criteria: [
    { code: 'VENUE', name: '有场地', kind: 'INSPECTION' },
    { code: 'LEDGER', name: '有台账', kind: 'EVIDENCE' },
  ],
  ...over,
});

describe('createStandardSet', () => {
  it.each([
    ['a county admin', 'county', {}, 'FORBIDDEN'],
    ['anonymous', undefined, {}, 'UNAUTHENTICATED'],
    ['a bad code', 'province', { code: 'Bad Code!' }, 'INVALID_CODE'],
    ['version 0', 'province', { version: 0 }, 'INVALID_NUMBER'],
    ['no level', 'province', { levels: [] }, 'INVALID_LEVEL'],
    ['no criteria', 'province', { criteria: [] }, 'INVALID_CRITERIA'],
    [
      'duplicate criterion codes',
      'province',
      {
        criteria: [
          { code: 'A', name: '甲', kind: 'EVIDENCE' },
          { code: 'A', name: '乙', kind: 'EVIDENCE' },
        ],
      },
      'INVALID_CRITERIA',
    ],
    [
      'an AUTOMATIC criterion without rule',
      'province',
      { criteria: [{ code: 'TEAM', name: '有队伍', kind: 'AUTOMATIC' }] },
      'INVALID_CRITERIA',
    ],
    [
      'an unknown rule type',
      'province',
      {
        criteria: [
          {
            code: 'TEAM',
            name: '有队伍',
            kind: 'AUTOMATIC',
            rule: { type: 'MAGIC', params: {} },
          },
        ],
      },
      'INVALID_RULE',
    ],
    [
      'a name rule that is no regex',
      'province',
      {
        criteria: [
          {
            code: 'NAME',
            name: '规范名称',
            kind: 'AUTOMATIC',
            rule: { type: 'NAME_PATTERN', params: { pattern: '(' } },
          },
        ],
      },
      'INVALID_RULE',
    ],
    ['an existing code and version', 'province', { code: 'hunan-2012-eight-haves', version: 1 }, 'STANDARD_SET_EXISTS'],
  ])('refuses %s and writes nothing', async (_label, who, over, code) => {
    await refused(
      who ? t[who as string] : undefined,
      CREATE_SET,
      { input: goodSet(over as Record<string, unknown>) },
      code as string,
    );
  });

  it('adds a valid set as data (used by the 2024 city cycle below)', async () => {
    const before = await p.count(`SELECT count(*) AS n FROM standard_set`);
    const set = (await p.ok(t.city, CREATE_SET, { input: goodSet() })).createStandardSet;
    expect(set).toEqual({
      id: 'changsha-acceptance@1',
      criteria: [
        { code: 'VENUE', kind: 'INSPECTION' },
        { code: 'LEDGER', kind: 'EVIDENCE' },
      ],
    });
    expect(await p.count(`SELECT count(*) AS n FROM standard_set`)).toBe(before + 1);
  });
});

describe('2024: a city cycle names four CITY titles', () => {
  it('application → county → city → 公示 (National Day calendar) → naming', async () => {
    p.at('2024-07-05');
    ids.city2024 = (
      await p.ok(t.city, CREATE_CYCLE, {
        input: {
          issuingRegionCode: '430100',
          year: 2024,
          standardSetId: 'changsha-acceptance@1',
          ruleProfileId: 'linyi-2012@1',
          levels: ['CITY'],
          phases: PHASES(2024),
          countyRecommendationLimit: 10,
        },
      })
    ).createCycle.id;
    const apps: Record<string, string> = {};
    for (const key of ['Q1', 'Q2', 'R1', 'R2']) {
      const phone = key === 'R1' ? '13912345678' : '13812341234';
      apps[key] = (
        await p.ok(s[key].manager, SUBMIT, {
          input: {
            cycleId: ids.city2024,
            stationId: s[key].id,
            level: 'CITY',
            form: form(`${key} 所在街道`, phone),
          },
        })
      ).submitApplication.id;
    }
    ids.appR1 = apps.R1;
    p.at('2024-08-05');
    // Linyi: the county's list (at least 2) goes up before the city signs any of it.
    for (const key of Object.keys(apps))
      await p.ok(t.county, ENDORSE, {
        id: apps[key],
        input: { decision: 'RECOMMEND', comment: '同意推荐' },
      });
    for (const key of Object.keys(apps)) {
      expect(
        (
          await p.ok(t.city, ENDORSE, {
            id: apps[key],
            input: { decision: 'RECOMMEND', comment: '同意命名' },
          })
        ).endorseApplication.status,
      ).toBe('CANDIDATE');
    }
    p.at('2024-10-10');
    const notice = (
      await p.ok(t.city, PUBLISH, {
        input: { cycleId: ids.city2024, regionCode: '430100' },
      })
    ).publishNotice;
    expect(notice).toMatchObject({
      startsOn: '2024-10-10',
      endsOn: '2024-10-15',
    }); // Sat 12 Oct is a working day (调休)
    ids.notice2024 = notice.id;
    p.at('2024-11-01');
    const titles = (await p.ok(t.city, NAME, { id: notice.id })).nameCandidates;
    expect(titles).toHaveLength(4);
    expect(
      titles.every(
        (x: { conferredOn: unknown; level: string }) => x.level === 'CITY' && x.conferredOn === '2024-11-01',
      ),
    ).toBe(true);
  });
});

describe('personal data: the leader phone on the application form', () => {
  const BY_STATION = typedQuery<{ station: { applications: unknown[] } }>(
    `query($id: ID!) { station(id: $id) { applications { id form { leaderName leaderPhone } } } }`,
  );
  it.each([
    ['the station manager', 'R1', '13912345678'],
    ['another station manager', 'Q1', '139****5678'],
    ['the county admin over it', 'county', '13912345678'],
    ['another county admin', 'otherCounty', '139****5678'],
    ['the city admin over it', 'city', '13912345678'],
    ['the province admin over it', 'province', '13912345678'],
    ['another province admin', 'otherProvince', '139****5678'],
    ['an inspector', 'inspector', '139****5678'],
    ['a volunteer', 'volunteer', '139****5678'],
    ['an internal service', 'service', '13912345678'],
  ])('%s reads %s', async (_label, who, phone) => {
    const token = who === 'R1' || who === 'Q1' ? s[who].manager : t[who];
    const res = await p.ok(token, BY_STATION, { id: s.R1.id });
    expect(res.station.applications).toEqual([{ id: ids.appR1, form: { leaderName: '张雷', leaderPhone: phone } }]);
  });

  it('is stored encrypted: a raw read of the applications and their events holds no phone digits', async () => {
    const raw = (
      await p.db.query(
        `SELECT (SELECT string_agg(a::text, ' ') FROM application a) || (SELECT string_agg(o::text, ' ') FROM outbox o) AS raw`,
      )
    ).rows[0].raw;
    expect(raw).toContain('leaderPhoneEnc');
    expect(raw).not.toMatch(/13912345678|12345678|13812341234|12341234/);
  });

  it('is masked on every path to the form, and anonymous callers get nothing', async () => {
    const outsider = t.volunteer;
    const one = await p.ok<{ application: { form: { leaderPhone: string } } }>(
      outsider,
      `query($id: ID!) { application(id: $id) { form { leaderPhone } } }`,
      {
        id: ids.appR1,
      },
    );
    expect(one.application.form.leaderPhone).toBe('139****5678');
    const cycle = await p.ok<{ cycle: { applications: { form: { leaderPhone: string } }[] } }>(
      outsider,
      `query($id: ID!) { cycle(id: $id) { applications { form { leaderPhone } } } }`,
      {
        id: ids.city2024,
      },
    );
    expect(cycle.cycle.applications.map((a: { form: { leaderPhone: string } }) => a.form.leaderPhone).sort()).toEqual([
      '138****1234',
      '138****1234',
      '138****1234',
      '139****5678',
    ]);
    const notice = await p.ok<{ notice: { applications: { form: { leaderPhone: string } }[] } }>(
      outsider,
      `query($id: ID!) { notice(id: $id) { applications { form { leaderPhone } } } }`,
      { id: ids.notice2024 },
    );
    expect(
      notice.notice.applications.every((a: { form: { leaderPhone: string } }) =>
        /^1\d{2}\*{4}\d{4}$/.test(a.form.leaderPhone),
      ),
    ).toBe(true);
    const anonymous = await p.call(
      undefined,
      `query($id: ID!) { station(id: $id) { applications { form { leaderPhone } } } }`,
      { id: s.R1.id },
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(anonymous.data ?? {})).not.toContain('13912345678');
  });
});

describe('2025: rectification orders (整改) and the re-review', () => {
  const ORDER = typedQuery<{ orderRectification: { id: string; deadline: string; status: string } }>(
    `mutation($input: RectificationInput!) { orderRectification(input: $input) { id deadline status } }`,
  );
  const FOLLOW = typedQuery<{ followUpRectification: unknown }>(
    `mutation($id: ID!, $met: Boolean!, $note: String) { followUpRectification(id: $id, met: $met, note: $note) { id status followUpNote followedUpOn } }`,
  );

  it('refuses bad orders without writing anything, then orders two', async () => {
    p.at('2025-03-01');
    const input = (stationId: string, deadline = '2025-03-31') => ({
      input: {
        stationId,
        deadline,
        requirements: '补齐志愿者台账，恢复每月活动',
      },
    });
    await refused(t.county, ORDER, input(s.R1.id, '2025-03-01'), 'INVALID_DATE');
    await refused(t.otherCounty, ORDER, input(s.R1.id), 'FORBIDDEN');
    await refused(t.county, ORDER, input(randomUUID()), 'STATION_NOT_REGISTERED');
    await refused(
      t.county,
      ORDER,
      {
        input: {
          stationId: s.R1.id,
          deadline: '2025-03-31',
          requirements: '   ',
        },
      },
      'INVALID_LENGTH',
    );
    const events = await p.count(`SELECT count(*) AS n FROM outbox WHERE type = 'rectification.ordered'`);
    ids.rectR1 = (await p.ok(t.county, ORDER, input(s.R1.id))).orderRectification.id;
    ids.rectR2 = (await p.ok(t.county, ORDER, input(s.R2.id))).orderRectification.id;
    expect(await p.count(`SELECT count(*) AS n FROM outbox WHERE type = 'rectification.ordered'`)).toBe(events + 2);
  });

  it('follow-up: R1 met before the deadline, R2 not; a closed order cannot be followed up again', async () => {
    p.at('2025-03-20');
    expect(
      (
        await p.ok(t.inspector, FOLLOW, {
          id: ids.rectR1,
          met: true,
          note: '台账已补齐',
        })
      ).followUpRectification,
    ).toMatchObject({ status: 'MET', followedUpOn: '2025-03-20' });
    expect(
      (
        await p.ok(t.inspector, FOLLOW, {
          id: ids.rectR2,
          met: false,
          note: '仍无活动记录',
        })
      ).followUpRectification,
    ).toMatchObject({ status: 'OPEN', followUpNote: '仍无活动记录' });
    await refused(t.inspector, FOLLOW, { id: ids.rectR1, met: false }, 'RECTIFICATION_CLOSED');
    await refused(t.volunteer, FOLLOW, { id: ids.rectR2, met: true }, 'FORBIDDEN');
  });

  it('before the deadline an unmet order delists no one (dry run)', async () => {
    await p.reviewWorker();
    p.at('2025-03-25');
    const run = (
      await p.ok<{ startReview: { id: string } }>(
        t.city,
        `mutation { startReview(input: { regionCode: "430102", dryRun: true }) { id } }`,
      )
    ).startReview;
    await waitFor(
      async () =>
        (await p.db.query(`SELECT status FROM review_run WHERE id = $1`, [run.id])).rows[0].status === 'COMPLETED',
      30000,
      'dry run',
    );
    const report = await p.ok<{ reviewRun: { outcomeCounts: { outcome: string; count: number }[] } }>(
      t.city,
      `query($id: ID!) { reviewRun(id: $id) { total revokedStationIds outcomeCounts { outcome count } } }`,
      { id: run.id },
    );
    expect(report.reviewRun).toMatchObject({ total: 4, revokedStationIds: [] });
    expect(report.reviewRun.outcomeCounts.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(4);
    expect(report.reviewRun.outcomeCounts.map((c: { outcome: string }) => c.outcome)).not.toContain('FAIL');

    // The reviews a page at a time, in station order; the cursor carries on where the page ended.
    const PAGE = typedQuery<{
      reviewRun: {
        reviews: {
          totalCount: number;
          edges: { cursor: string; node: { station: { id: string }; outcome: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    }>(`query($id: ID!, $first: Int, $after: String, $outcome: ReviewOutcome) { reviewRun(id: $id) {
      reviews(first: $first, after: $after, outcome: $outcome) { totalCount edges { cursor node { station { id } outcome } } pageInfo { hasNextPage endCursor } } } }`);
    const one = (await p.ok(t.city, PAGE, { id: run.id, first: 3 })).reviewRun.reviews;
    expect(one).toMatchObject({
      totalCount: 4,
      pageInfo: { hasNextPage: true, endCursor: one.edges[2].cursor },
    });
    const two = (
      await p.ok(t.city, PAGE, {
        id: run.id,
        first: 3,
        after: one.pageInfo.endCursor,
      })
    ).reviewRun.reviews;
    expect(two).toMatchObject({
      totalCount: 4,
      pageInfo: { hasNextPage: false },
    });
    const stationIds = [...one.edges, ...two.edges].map(
      (e: { node: { station: { id: string } } }) => e.node.station.id,
    );
    expect(stationIds).toEqual([s.R1.id, s.R2.id, s.Q1.id, s.Q2.id].sort());
    const rectify =
      report.reviewRun.outcomeCounts.find((c: { outcome: string }) => c.outcome === 'RECTIFY')?.count ?? 0;
    const filtered = (await p.ok(t.city, PAGE, { id: run.id, outcome: 'RECTIFY' })).reviewRun.reviews;
    expect(filtered.totalCount).toBe(rectify);
    expect(filtered.edges.every((e: { node: { outcome: string } }) => e.node.outcome === 'RECTIFY')).toBe(true);
    await refused(t.city, PAGE, { id: run.id, first: 501 }, 'INVALID_PAGE_SIZE');
    await refused(t.city, PAGE, { id: run.id, after: 'bm9wZQ' }, 'INVALID_CURSOR');
  });

  it('at the next review the expired unmet order revokes R2; R1, whose order was met, keeps its title', async () => {
    p.at('2025-04-15');
    const revokedBefore = await p.count(`SELECT count(*) AS n FROM outbox WHERE type = 'title.revoked'`);
    const run = (
      await p.ok<{ startReview: { id: string; total: number } }>(
        t.city,
        `mutation { startReview(input: { regionCode: "430102" }) { id total } }`,
      )
    ).startReview;
    expect(run.total).toBe(4);
    await waitFor(
      async () =>
        (await p.db.query(`SELECT status FROM review_run WHERE id = $1`, [run.id])).rows[0].status === 'COMPLETED',
      30000,
      'review',
    );
    const outcomes = Object.fromEntries(
      (await p.db.query(`SELECT station_id, outcome, reasons FROM review WHERE run_id = $1`, [run.id])).rows.map(
        (r) => [r.station_id, r],
      ),
    );
    expect(outcomes[s.R1.id].outcome).toBe('PASS');
    expect(outcomes[s.Q1.id].outcome).toBe('PASS');
    expect(outcomes[s.R2.id]).toMatchObject({
      outcome: 'FAIL',
      reasons: [expect.stringContaining('整改期限（2025-03-31）已过仍未整改到位')],
    });
    const view = await p.ok<{
      a: unknown;
      b: { currentTitle: unknown; titles: unknown; rectifications: unknown };
    }>(
      t.city,
      `query($a: ID!, $b: ID!) {
      a: station(id: $a) { currentTitle { level } rectifications { status } }
      b: station(id: $b) { currentTitle { level } titles { status revokedOn revokedReason } rectifications { status followedUpOn } } }`,
      { a: s.R1.id, b: s.R2.id },
    );
    expect(view.a).toEqual({
      currentTitle: { level: 'CITY' },
      rectifications: [{ status: 'MET' }],
    });
    expect(view.b.currentTitle).toBeNull();
    expect(view.b.titles).toEqual([
      {
        status: 'REVOKED',
        revokedOn: '2025-04-15',
        revokedReason: expect.stringContaining('整改期限'),
      },
    ]);
    expect(view.b.rectifications).toEqual([{ status: 'UNMET', followedUpOn: '2025-04-15' }]);
    expect(await p.count(`SELECT count(*) AS n FROM outbox WHERE type = 'title.revoked'`)).toBe(revokedBefore + 1);
  });
});

describe('2025 provincial applications', () => {
  it('先建站再创号: unknown, suspended, closed, not yet established stations are refused with their codes', async () => {
    p.at('2025-06-20');
    ids.prov2025 = (
      await p.ok(t.province, CREATE_CYCLE, {
        input: {
          issuingRegionCode: '430000',
          year: 2025,
          standardSetId: 'hunan-2012-eight-haves@1',
          ruleProfileId: 'hunan-2012@1',
          levels: ['CITY', 'PROVINCE'],
          phases: PHASES(2025),
          quotaTemplate: 'hunan-2012-provincial',
        },
      })
    ).createCycle.id;
    const suspended = await p.station('芙蓉区规则测试站停用');
    await p.ok(t.city, `mutation($id: ID!) { updateStation(id: $id, input: { status: SUSPENDED }) { status } }`, {
      id: suspended.id,
    });
    const closed = await p.station('芙蓉区规则测试站撤销');
    await p.ok(t.city, `mutation($id: ID!) { closeStation(id: $id, reason: "场地拆迁") { status } }`, {
      id: closed.id,
    });
    const late = await p.station('芙蓉区规则测试站新建', {
      establishedOn: '2025-07-20',
    }); // after the 15 July application deadline
    const tomorrow = await p.station('芙蓉区规则测试站明日', {
      establishedOn: '2025-07-04',
    });
    const undated = await p.station('芙蓉区规则测试站无日期', {
      establishedOn: null,
    });
    const replica = (id: string) =>
      p.db.query(`SELECT status FROM station_ref WHERE id = $1`, [id]).then((r) => r.rows[0]?.status);
    await waitFor(
      async () => (await replica(suspended.id)) === 'SUSPENDED' && (await replica(closed.id)) === 'CLOSED',
      20000,
      'status in the replica',
    );

    p.at('2025-07-03');
    const submit = (st: { id: string; manager: string }) => ({
      input: {
        cycleId: ids.prov2025,
        stationId: st.id,
        level: 'CITY',
        form: form('申报单位'),
      },
    });
    const ghost = randomUUID();
    await refused(
      await tokenFor({ roles: ['STATION_MANAGER'], stationId: ghost }),
      SUBMIT,
      submit({ id: ghost, manager: '' }),
      'STATION_NOT_REGISTERED',
    );
    await refused(suspended.manager, SUBMIT, submit(suspended), 'STATION_NOT_ACTIVE');
    await refused(closed.manager, SUBMIT, submit(closed), 'STATION_NOT_ACTIVE');
    await refused(late.manager, SUBMIT, submit(late), 'STATION_NOT_ESTABLISHED');
    await refused(tomorrow.manager, SUBMIT, submit(tomorrow), 'STATION_NOT_ESTABLISHED');
    await refused(undated.manager, SUBMIT, submit(undated), 'STATION_NOT_ESTABLISHED');

    // The same station once its establishment date is corrected: accepted (the refusal was that rule).
    await p.ok(
      t.city,
      `mutation($id: ID!) { updateStation(id: $id, input: { establishedOn: "2025-06-01" }) { establishedOn } }`,
      { id: late.id },
    );
    await waitFor(
      async () =>
        (await p.db.query(`SELECT established_on::text AS d FROM station_ref WHERE id = $1`, [late.id])).rows[0].d ===
        '2025-06-01',
      20000,
      'replica date',
    );
    expect((await p.ok(late.manager, SUBMIT, submit(late))).submitApplication.status).toBe('SUBMITTED');
  });

  it('a city forwards no more provincial applicants than its quota (QUOTA_EXCEEDED), then within a raised one', async () => {
    await p.ok(
      t.province,
      `mutation($c: ID!) { setQuota(cycleId: $c, regionCode: "430100", level: PROVINCE, amount: 1) { amount } }`,
      { c: ids.prov2025 },
    );
    const q1 = (
      await p.ok(s.Q1.manager, SUBMIT, {
        input: {
          cycleId: ids.prov2025,
          stationId: s.Q1.id,
          level: 'PROVINCE',
          form: form('Q1'),
        },
      })
    ).submitApplication.id;
    const q2 = (
      await p.ok(s.Q2.manager, SUBMIT, {
        input: {
          cycleId: ids.prov2025,
          stationId: s.Q2.id,
          level: 'PROVINCE',
          form: form('Q2'),
        },
      })
    ).submitApplication.id;
    p.at('2025-08-05');
    for (const id of [q1, q2])
      await p.ok(t.county, ENDORSE, {
        id,
        input: { decision: 'RECOMMEND', comment: '同意推荐' },
      });
    expect(
      (
        await p.ok(t.city, ENDORSE, {
          id: q1,
          input: { decision: 'RECOMMEND', comment: '推荐申报省级' },
        })
      ).endorseApplication,
    ).toMatchObject({ status: 'SUBMITTED', currentStage: 'PROVINCE' });
    const err = await refused(
      t.city,
      ENDORSE,
      { id: q2, input: { decision: 'RECOMMEND', comment: '推荐申报省级' } },
      'QUOTA_EXCEEDED',
    );
    expect(err.message).toContain('省级申报名额为 1 个');
    const state = await p.ok<{ application: unknown; region: { quotaUse: unknown } }>(
      t.city,
      `query($id: ID!, $c: ID!) { application(id: $id) { status currentStage } region(code: "430100") { quotaUse(cycleId: $c) { regionCode level amount used } } }`,
      { id: q2, c: ids.prov2025 },
    );
    expect(state.application).toEqual({
      status: 'SUBMITTED',
      currentStage: 'CITY',
    });
    expect(state.region.quotaUse).toEqual([{ regionCode: '430100', level: 'PROVINCE', amount: 1, used: 1 }]);

    await p.ok(
      t.province,
      `mutation($c: ID!) { setQuota(cycleId: $c, regionCode: "430100", level: PROVINCE, amount: 2) { amount } }`,
      { c: ids.prov2025 },
    );
    expect(
      (
        await p.ok(t.city, ENDORSE, {
          id: q2,
          input: { decision: 'RECOMMEND', comment: '推荐申报省级' },
        })
      ).endorseApplication.currentStage,
    ).toBe('PROVINCE');
  });
});

describe('the yearly re-review scheduler (BullMQ job scheduler)', () => {
  const scheduledRuns = async () =>
    (await p.db.query(`SELECT run_key, status, created_at FROM review_run WHERE trigger = 'SCHEDULE'`)).rows;

  it('fires on its cron pattern, not before, and only once across two replicas and a restart', async () => {
    p.at('2025-10-15');
    // A yearly pattern (second minute hour day month, Asia/Shanghai) for an instant a few seconds ahead.
    const target = Math.ceil((Date.now() + 10000) / 1000) * 1000;
    const sh = new Date(target + 8 * 3600_000);
    const pattern = `${sh.getUTCSeconds()} ${sh.getUTCMinutes()} ${sh.getUTCHours()} ${sh.getUTCDate()} ${sh.getUTCMonth() + 1} *`;
    const env = { REVIEW_CRON: pattern, REVIEW_TZ: 'Asia/Shanghai' };
    const first = await p.reviewWorker(env);
    const second = await p.reviewWorker(env); // another replica upserts the same scheduler at its start

    const yearly = async () =>
      (await first.queue.getJobSchedulers()).filter((j) => j.key === 'accreditation-yearly-review');
    const schedulers = await yearly();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      pattern,
      tz: 'Asia/Shanghai',
      next: target,
    });
    expect(await scheduledRuns()).toHaveLength(0);

    const [run] = await waitFor(
      async () => {
        const rows = await scheduledRuns();
        return rows.length && rows[0].status === 'COMPLETED' ? rows : undefined;
      },
      30000,
      'scheduled run',
    );
    expect(run.run_key).toBe('scheduled-2025');
    expect(new Date(run.created_at).getTime()).toBeGreaterThanOrEqual(target - 50);
    const titled = await p.count(`SELECT count(DISTINCT station_id) AS n FROM title WHERE status = 'ACTIVE'`);
    expect(
      await p.count(
        `SELECT count(*) AS n FROM review r JOIN review_run u ON u.id = r.run_id WHERE u.trigger = 'SCHEDULE'`,
      ),
    ).toBe(titled);

    // A replica restarted after the run upserts again: still one scheduler, next run a year later.
    await second.close();
    await p.reviewWorker(env);
    const [after] = await yearly();
    expect((await yearly()).length).toBe(1);
    expect(after.next! - target).toBeGreaterThan(300 * 86400_000);
    // Barrier instead of a wait: an occurrence is a 'scheduled' job, made only by a scheduler upsert (every
    // replica's start, all done by now) or by the worker taking the previous one. Wait until no such job is
    // waiting, running or due; whatever fired is then finished, and the only one left is next year's.
    await waitFor(
      async () => {
        const jobs = (
          await first.queue.getJobs(['waiting', 'prioritized', 'active', 'delayed', 'waiting-children'])
        ).filter((j) => j?.name === 'scheduled');
        return jobs.every((j) => j.timestamp + j.delay - Date.now() > 300 * 86400_000);
      },
      15000,
      'no scheduled occurrence pending or due',
    );
    expect(await scheduledRuns()).toHaveLength(1);
    const fired = (await first.queue.getJobs(['completed', 'failed', 'active', 'waiting'])).filter(
      (j) => j.name === 'scheduled',
    );
    expect(fired.map((j) => j.finishedOn && j.failedReason === undefined)).toEqual([true]);
  }, 60000);
});

describe('resubmitting a returned application', () => {
  const RESUBMIT = typedQuery<{ resubmitApplication: { id: string; status: string; currentStage: string } }>(
    `mutation($id: ID!, $f: ApplicationFormInput!) { resubmitApplication(id: $id, form: $f) { id status currentStage form { plan } } }`,
  );
  const APP = typedQuery<{
    application: { form: { practices: string }; endorsements: { stage: string; decision: string; comment: string }[] };
  }>(
    `query($id: ID!) { application(id: $id) { status currentStage form { practices } endorsements { stage decision comment } } }`,
  );

  it('only the applicant station manager, only from RETURNED, only while endorsements run; back to the returning stage', async () => {
    const own = await p.station('芙蓉区退回重报测试站');
    const other = await p.station('芙蓉区旁观测试站');
    p.at('2026-07-05');
    const cycleId = (
      await p.ok(t.city, CREATE_CYCLE, {
        input: {
          issuingRegionCode: '430100',
          year: 2026,
          standardSetId: 'hunan-2012-eight-haves@1',
          ruleProfileId: 'hunan-2012@1',
          levels: ['CITY'],
          phases: PHASES(2026),
        },
      })
    ).createCycle.id;
    const id = (
      await p.ok(own.manager, SUBMIT, {
        input: { cycleId, stationId: own.id, level: 'CITY', form: form('退回重报所在街道') },
      })
    ).submitApplication.id;
    const edited = { ...form('退回重报所在街道'), practices: '补充了台账和每月活动记录。' };
    await refused(own.manager, RESUBMIT, { id, f: edited }, 'APPLICATION_NOT_RETURNED');

    p.at('2026-08-05');
    const returned = await p.ok(t.county, ENDORSE, {
      id,
      input: { decision: 'RETURN', comment: '请补充台账材料' },
    });
    expect(returned.endorseApplication).toMatchObject({ status: 'RETURNED', currentStage: 'COUNTY' });
    // The manager reads the officer's comment with the application.
    const seen = (await p.ok(own.manager, APP, { id })).application;
    expect(seen.endorsements).toContainEqual({ stage: 'COUNTY', decision: 'RETURN', comment: '请补充台账材料' });

    await refused(other.manager, RESUBMIT, { id, f: edited }, 'FORBIDDEN');
    await refused(t.county, RESUBMIT, { id, f: edited }, 'FORBIDDEN');
    await refused(undefined, RESUBMIT, { id, f: edited }, 'UNAUTHENTICATED');
    const empty = await refused(own.manager, RESUBMIT, { id, f: { ...edited, plan: ' ' } }, 'INVALID_LENGTH');
    expect(empty.extensions?.field).toBe('form.plan');

    const events = () =>
      p.count(`SELECT count(*) AS n FROM outbox WHERE type = 'application.submitted' AND aggregate_id = $1`, [id]);
    const before = await events();
    const again = await p.ok(own.manager, RESUBMIT, { id, f: edited });
    expect(again.resubmitApplication).toMatchObject({ id, status: 'SUBMITTED', currentStage: 'COUNTY' });
    expect((await p.ok(own.manager, APP, { id })).application.form.practices).toBe('补充了台账和每月活动记录。');
    expect(await events()).toBe(before + 1);
    await refused(own.manager, RESUBMIT, { id, f: edited }, 'APPLICATION_NOT_RETURNED');

    // Returned again, but the endorsement window (申报、培育阶段) has closed: PHASE_CLOSED.
    await p.ok(t.county, ENDORSE, { id, input: { decision: 'RETURN', comment: '仍缺少活动照片' } });
    p.at('2026-10-05');
    const closed = await refused(own.manager, RESUBMIT, { id, f: edited }, 'PHASE_CLOSED');
    expect(closed.message).toMatch(/评审验收阶段/);
  });
});
