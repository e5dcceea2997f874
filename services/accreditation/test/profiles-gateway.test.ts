import { tokenFor, typedQuery } from '@leifeng/kit/testing';
import profiles from '../src/db/seed/rule-profiles.json';
import {
  CHINESE,
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
 * Rule profiles through the gateway (issue 13 §1, §2): a Hunan 2012 cycle and a Linyi 2012 cycle side by
 * side on one clock, each following its own text; a province admin adds a profile; a cycle from before
 * profiles keeps its behaviour; the city's standing against "≥ 2 × quota" counts CITY titles whichever
 * cycle named them.
 */
let p: Platform;
const t: Record<string, string> = {};
const st: Record<string, { id: string; manager: string }> = {};
const ids: Record<string, string> = {};

interface Phase {
  phase: string;
  startsOn: string;
  endsOn: string;
}
interface Setting {
  key: string;
  value: unknown;
  source: string;
}
const CREATE_CYCLE = typedQuery<{
  createCycle: {
    id: string;
    countyRecommendationLimit: number | null;
    directToCityCategories: string[];
    ruleProfile: { id: string };
    phases: Phase[];
    rules: Setting[];
  };
}>(`mutation($input: CreateCycleInput!) { createCycle(input: $input) {
  id countyRecommendationLimit directToCityCategories ruleProfile { id } phases { phase startsOn endsOn } rules { key value source } } }`);
const CREATE_PROFILE = typedQuery<{
  createRuleProfile: { id: string; settings: Omit<Setting, 'value'>[] };
}>(`mutation($input: RuleProfileInput!) { createRuleProfile(input: $input) { id settings { key source } } }`);
const QUOTAS = typedQuery<{
  cycle: {
    quotas: {
      regionCode: string;
      level: string;
      amount: number;
      used: number;
      cityTitles: { cityCode: string; year: number; named: number; required: number; met: boolean; source: string };
    }[];
  };
}>(
  `query($c: ID!) { cycle(id: $c) { quotas { regionCode level amount used cityTitles { cityCode year named required met source } } } }`,
);

beforeAll(async () => {
  p = await startPlatform();
  t.province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
  t.city = await tokenFor({ roles: ['CITY_ADMIN'], regionCode: '430100' });
  t.county = await tokenFor({ roles: ['COUNTY_ADMIN'], regionCode: '430102' });
  for (const key of ['A', 'B', 'C', 'D']) st[key] = await p.station(`芙蓉区规则方案测试站${key}`);
  st.U = await p.station('芙蓉区大学学雷锋志愿服务站', {
    category: 'UNIVERSITY',
  });
}, 180000);

afterAll(async () => {
  await p?.stop();
});

async function refused(token: string | undefined, query: string, variables: Record<string, unknown>, code: string) {
  const before = {
    ...(await snapshot(p)),
    rule_profile: await p.count(`SELECT count(*) AS n FROM rule_profile`),
    cycle: await p.count(`SELECT count(*) AS n FROM cycle`),
  };
  const res = await p.call(token, query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(res.errors?.[0]?.message).toMatch(CHINESE);
  expect({
    ...(await snapshot(p)),
    rule_profile: await p.count(`SELECT count(*) AS n FROM rule_profile`),
    cycle: await p.count(`SELECT count(*) AS n FROM cycle`),
  }).toEqual(before);
}

describe('rule profiles as data', () => {
  it('lists the seeded profiles with the source sentence of every setting', async () => {
    const data = await p.ok<{ ruleProfiles: { id: string; source: string; settings: Setting[] }[] }>(
      undefined,
      `{ ruleProfiles { id source settings { key value source } } }`,
    );
    expect(data.ruleProfiles.map((x: { id: string }) => x.id)).toEqual([
      'hunan-2012@1',
      'linyi-2012@1',
      'platform-2024@1',
    ]);
    const linyi = data.ruleProfiles.find((x: { id: string }) => x.id === 'linyi-2012@1');
    expect(linyi?.settings.find((s: { key: string }) => s.key === 'countyRecommendation')).toEqual({
      key: 'countyRecommendation',
      value: { min: 2, max: 3, outstandingExempt: true },
      source: expect.stringContaining('向团市委推荐2-3个候选单位或组织，事迹特别突出的，不受名额限制'),
    });
  });

  const newProfile = (over: Record<string, unknown> = {}) => {
    const base = profiles.find((x) => x.id === 'linyi-2012@1')!;
    return {
      code: 'linyi-2013',
      version: 1,
      name: '临沂市“青年雷锋岗”（2013）',
      issuer: '共青团临沂市委',
      year: 2013,
      source: base.source,
      rules: base.rules,
      ...over,
    };
  };
  it.each([
    ['a city admin', 'city', {}, 'FORBIDDEN'],
    ['anonymous', undefined, {}, 'UNAUTHENTICATED'],
    [
      'a setting without its source sentence',
      'province',
      {
        rules: {
          ...newProfile().rules,
          titleAge: { value: null, source: ' ' },
        },
      },
      'INVALID_RULE',
    ],
    ['a missing setting', 'province', { rules: { ...newProfile().rules, honorExit: undefined } }, 'INVALID_RULE'],
    ['an existing code and version', 'province', { code: 'hunan-2012' }, 'RULE_PROFILE_EXISTS'],
  ])('refuses %s and writes nothing', async (_label, who, over, code) => {
    await refused(
      who ? t[who as string] : undefined,
      CREATE_PROFILE,
      { input: newProfile(over as Record<string, unknown>) },
      code as string,
    );
  });

  it('a province admin adds a profile through the graph, usable for the next cycle', async () => {
    const created = (await p.ok(t.province, CREATE_PROFILE, { input: newProfile() })).createRuleProfile;
    expect(created.id).toBe('linyi-2013@1');
    expect(created.settings).toHaveLength(9);
    expect(
      await p.count(`SELECT count(*) AS n FROM rule_profile WHERE id = 'linyi-2013@1' AND created_by IS NOT NULL`),
    ).toBe(1);
  });

  it('refuses a cycle whose levels the profile does not award, or an unknown profile', async () => {
    const input = {
      issuingRegionCode: '430100',
      year: 2025,
      standardSetId: 'linyi-2012-youth-post@1',
      ruleProfileId: 'linyi-2012@1',
      levels: ['PROVINCE'],
    };
    await refused(t.city, CREATE_CYCLE, { input }, 'INVALID_LEVEL');
    await refused(
      t.city,
      CREATE_CYCLE,
      { input: { ...input, levels: ['CITY'], ruleProfileId: 'nope@1' } },
      'RULE_PROFILE_NOT_FOUND',
    );
  });
});

describe('a Hunan 2012 cycle and a Linyi 2012 cycle, each true to its text', () => {
  it('opens each cycle under its profile; phases come from the profile template when not given', async () => {
    p.at('2025-06-20');
    const hunan = (
      await p.ok(t.province, CREATE_CYCLE, {
        input: {
          issuingRegionCode: '430000',
          year: 2025,
          standardSetId: 'hunan-2012-eight-haves@1',
          ruleProfileId: 'hunan-2012@1',
          levels: ['CITY', 'PROVINCE'],
          quotaTemplate: 'hunan-2012-provincial',
        },
      })
    ).createCycle;
    expect(hunan).toMatchObject({
      countyRecommendationLimit: null,
      directToCityCategories: [],
      ruleProfile: { id: 'hunan-2012@1' },
    });
    expect(hunan.phases.find((x: { phase: string }) => x.phase === 'APPLICATION')).toEqual({
      phase: 'APPLICATION',
      startsOn: '2025-07-01',
      endsOn: '2025-07-31',
    });
    expect(hunan.rules.find((r: { key: string }) => r.key === 'cityTitlesPerProvincialQuota')).toEqual({
      key: 'cityTitlesPerProvincialQuota',
      value: 2,
      source: '市级雷锋号命名数量应为省级雷锋号申报名额的2倍以上，以利于下一年度省级雷锋号的培育和储备',
    });
    ids.hunan = hunan.id;
    const linyi = (
      await p.ok(t.city, CREATE_CYCLE, {
        input: {
          issuingRegionCode: '430100',
          year: 2025,
          standardSetId: 'linyi-2012-youth-post@1',
          ruleProfileId: 'linyi-2012@1',
          levels: ['CITY'],
          phases: PHASES(2025),
        },
      })
    ).createCycle;
    expect(linyi).toMatchObject({
      countyRecommendationLimit: 3,
      directToCityCategories: ['ENTERPRISE', 'UNIVERSITY'],
      ruleProfile: { id: 'linyi-2012@1' },
    });
    ids.linyi = linyi.id;
  });

  it('names the issuing region and every quota region through the stations subgraph (the codes stay)', async () => {
    const { cycle, quotaTemplate } = await p.ok<{
      cycle: {
        issuingRegionCode: string;
        issuingRegion: { code: string; name: string };
        quotas: { regionCode: string; region: { code: string; name: string } }[];
      };
      quotaTemplate: { regionCode: string; region: { name: string } }[];
    }>(
      t.city,
      `query($c: ID!) {
        cycle(id: $c) { issuingRegionCode issuingRegion { code name } quotas { regionCode region { code name } } }
        quotaTemplate(code: "hunan-2012-provincial") { regionCode region { name } }
      }`,
      { c: ids.hunan },
    );
    expect(cycle.issuingRegionCode).toBe('430000');
    expect(cycle.issuingRegion).toEqual({ code: '430000', name: '湖南省' });
    expect(cycle.quotas.length).toBeGreaterThan(10);
    for (const q of cycle.quotas) expect(q.region.code).toBe(q.regionCode);
    const byCode = Object.fromEntries(cycle.quotas.map((q) => [q.regionCode, q.region.name]));
    expect(byCode).toMatchObject({ '430100': '长沙市', '430200': '株洲市', '430300': '湘潭市' });
    expect(quotaTemplate.find((q) => q.regionCode === '430100')?.region.name).toBe('长沙市');
  });

  it('Hunan: a university passes the county too (附件2), and a county recommends a 4th candidate', async () => {
    p.at('2025-07-03');
    const apps: Record<string, { id: string }> = {};
    for (const key of ['A', 'B', 'C', 'D', 'U'])
      apps[key] = (
        await p.ok(st[key].manager, SUBMIT, {
          input: {
            cycleId: ids.hunan,
            stationId: st[key].id,
            level: 'CITY',
            form: form(key),
          },
        })
      ).submitApplication;
    expect(apps.U).toMatchObject({
      currentStage: 'COUNTY',
      stages: ['COUNTY', 'CITY'],
    });
    for (const key of ['A', 'B', 'C', 'D', 'U']) {
      expect(
        (
          await p.ok(t.county, ENDORSE, {
            id: apps[key].id,
            input: { decision: 'RECOMMEND', comment: '同意推荐' },
          })
        ).endorseApplication.currentStage,
      ).toBe('CITY');
    }
  });

  it('Linyi: a university goes straight to the city; a county recommends 2–3, an outstanding 4th only with its reason recorded', async () => {
    const apps: Record<string, { id: string; stages: string[] }> = {};
    for (const key of ['A', 'B', 'C', 'D', 'U'])
      apps[key] = (
        await p.ok(st[key].manager, SUBMIT, {
          input: {
            cycleId: ids.linyi,
            stationId: st[key].id,
            level: 'CITY',
            form: form(key),
          },
        })
      ).submitApplication;
    expect(apps.U).toMatchObject({ currentStage: 'CITY', stages: ['CITY'] });
    expect(apps.A.stages).toEqual(['COUNTY', 'CITY']);
    for (const key of ['A', 'B', 'C'])
      await p.ok(t.county, ENDORSE, {
        id: apps[key].id,
        input: { decision: 'RECOMMEND', comment: '同意推荐' },
      });
    await refused(
      t.county,
      ENDORSE,
      { id: apps.D.id, input: { decision: 'RECOMMEND', comment: '同意推荐' } },
      'COUNTY_LIMIT_EXCEEDED',
    );
    await refused(
      t.county,
      ENDORSE,
      {
        id: apps.D.id,
        input: {
          decision: 'RECOMMEND',
          comment: '同意推荐',
          outstanding: true,
        },
      },
      'OUTSTANDING_REASON_REQUIRED',
    );
    const reason = '连续三年组织农民工子女课业辅导，事迹特别突出';
    await p.ok(t.county, ENDORSE, {
      id: apps.D.id,
      input: {
        decision: 'RECOMMEND',
        comment: '同意推荐',
        outstanding: true,
        outstandingReason: reason,
      },
    });
    const d = await p.ok<{
      application: {
        outstanding: boolean;
        currentStage: string;
        endorsements: { stage: string; outstanding: boolean; outstandingReason: string | null }[];
      };
    }>(
      t.city,
      `query($id: ID!) { application(id: $id) { outstanding currentStage endorsements { stage outstanding outstandingReason } } }`,
      { id: apps.D.id },
    );
    expect(d.application).toMatchObject({
      outstanding: true,
      currentStage: 'CITY',
    });
    expect(d.application.endorsements.find((e: { stage: string }) => e.stage === 'COUNTY')).toEqual({
      stage: 'COUNTY',
      outstanding: true,
      outstandingReason: reason,
    });
    ids.linyiApps = JSON.stringify(['A', 'B', 'C', 'D', 'U'].map((k) => apps[k].id));
  });

  it("Linyi: the city takes up a county's list only once it holds at least 2, or every candidate the county has", async () => {
    const tianxin = await tokenFor({
      roles: ['COUNTY_ADMIN'],
      regionCode: '430103',
    });
    const yuelu = await tokenFor({
      roles: ['COUNTY_ADMIN'],
      regionCode: '430104',
    });
    const apps: Record<string, string> = {};
    for (const [key, region] of [
      ['X', '430103'],
      ['Y', '430103'],
      ['Z', '430103'],
      ['W', '430104'],
    ]) {
      const station = await p.station(`推荐下限测试站${key}`, {
        regionCode: region,
      });
      apps[key] = (
        await p.ok(station.manager, SUBMIT, {
          input: {
            cycleId: ids.linyi,
            stationId: station.id,
            level: 'CITY',
            form: form(key),
          },
        })
      ).submitApplication.id;
    }
    const sign = (decision: string) => ({
      input: {
        decision,
        comment: decision === 'REJECT' ? '不予推荐' : '同意推荐',
      },
    });
    // 天心区 has three applicants and has recommended one: below the floor, whatever the city would decide.
    await p.ok(tianxin, ENDORSE, { id: apps.X, ...sign('RECOMMEND') });
    await refused(t.city, ENDORSE, { id: apps.X, ...sign('RECOMMEND') }, 'COUNTY_RECOMMENDATIONS_TOO_FEW');
    await refused(t.city, ENDORSE, { id: apps.X, ...sign('REJECT') }, 'COUNTY_RECOMMENDATIONS_TOO_FEW');
    // The county rejects Y: two candidates are left, so two are still required.
    await p.ok(tianxin, ENDORSE, { id: apps.Y, ...sign('REJECT') });
    const tooFew = await p.call(t.city, ENDORSE, {
      id: apps.X,
      ...sign('RECOMMEND'),
    });
    expect(tooFew.errors?.[0]?.extensions).toMatchObject({
      code: 'COUNTY_RECOMMENDATIONS_TOO_FEW',
      countyCode: '430103',
      min: 2,
      required: 2,
      recommended: 1,
    });
    expect(tooFew.errors?.[0]?.extensions?.source).toContain('推荐2-3个候选单位');
    // The second recommendation reaches the floor: the city signs (here it declines, to leave the naming below alone).
    await p.ok(tianxin, ENDORSE, { id: apps.Z, ...sign('RECOMMEND') });
    expect((await p.ok(t.city, ENDORSE, { id: apps.X, ...sign('REJECT') })).endorseApplication.status).toBe('REJECTED');
    expect((await p.ok(t.city, ENDORSE, { id: apps.Z, ...sign('REJECT') })).endorseApplication.status).toBe('REJECTED');
    // 岳麓区 has one applicant: its one recommendation is every candidate it has.
    await p.ok(yuelu, ENDORSE, { id: apps.W, ...sign('RECOMMEND') });
    expect((await p.ok(t.city, ENDORSE, { id: apps.W, ...sign('REJECT') })).endorseApplication.status).toBe('REJECTED');
  });

  it('the city sees its standing against 2 × its provincial quota, counting CITY titles its own cycle named', async () => {
    const before = (await p.ok(t.city, QUOTAS, { c: ids.hunan })).cycle.quotas.find(
      (q: { regionCode: string }) => q.regionCode === '430100',
    );
    expect(before).toMatchObject({
      level: 'PROVINCE',
      amount: 6,
      used: 0,
      cityTitles: {
        cityCode: '430100',
        year: 2025,
        named: 0,
        required: 12,
        met: false,
      },
    });
    expect(before?.cityTitles.source).toContain('2倍以上');
    await p.ok(
      t.province,
      `mutation($c: ID!) { setQuota(cycleId: $c, regionCode: "430100", level: PROVINCE, amount: 2) { amount cityTitles { named required met } } }`,
      { c: ids.hunan },
    );
    // The city names four CITY titles in ITS OWN cycle (Linyi profile): they count for the province's cycle of the same year.
    p.at('2025-08-05');
    for (const id of JSON.parse(ids.linyiApps).slice(0, 4))
      await p.ok(t.city, ENDORSE, {
        id,
        input: { decision: 'RECOMMEND', comment: '同意命名' },
      });
    p.at('2025-10-09');
    const notice = (
      await p.ok(t.city, PUBLISH, {
        input: { cycleId: ids.linyi, regionCode: '430100' },
      })
    ).publishNotice;
    p.at('2025-11-03');
    expect((await p.ok(t.city, NAME, { id: notice.id })).nameCandidates).toHaveLength(4);
    const after = (
      await p.ok<{
        region: {
          quotaUse: {
            regionCode: string;
            level: string;
            amount: number;
            cityTitles: { named: number; required: number; met: boolean };
          }[];
        };
      }>(
        t.city,
        `query { region(code: "430100") { quotaUse(cycleId: "${ids.hunan}") { regionCode level amount cityTitles { named required met } } } }`,
      )
    ).region.quotaUse;
    expect(after.find((q: { regionCode: string }) => q.regionCode === '430100')).toEqual({
      regionCode: '430100',
      level: 'PROVINCE',
      amount: 2,
      cityTitles: { named: 4, required: 4, met: true },
    });
  });
});

describe('cycles opened before profiles', () => {
  it('keep their behaviour: the platform profile (≤ 3 per county, universities and enterprises straight to CITY) with their own overrides', async () => {
    const { rows } = await p.db.query(
      `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by) VALUES ('430000', 2019, 'hunan-2012-eight-haves@1', '["CITY","PROVINCE"]', '[]', 'old') RETURNING id`,
    );
    const old = (
      await p.ok<{
        cycle: {
          ruleProfile: { id: string };
          countyRecommendationLimit: number | null;
          directToCityCategories: string[];
        };
      }>(
        t.city,
        `query($id: ID!) { cycle(id: $id) { ruleProfile { id } countyRecommendationLimit directToCityCategories } }`,
        { id: rows[0].id },
      )
    ).cycle;
    expect(old).toEqual({
      ruleProfile: { id: 'platform-2024@1' },
      countyRecommendationLimit: 3,
      directToCityCategories: ['ENTERPRISE', 'UNIVERSITY'],
    });
  });
});

describe('phases belong to their year; an ended phase stays; every change kept with who and when', () => {
  const UPDATE = typedQuery<{ updateCyclePhases: { phases: Phase[] } }>(
    `mutation($c: ID!, $phases: [PhaseWindowInput!]!) { updateCyclePhases(cycleId: $c, phases: $phases) { phases { phase startsOn endsOn } } }`,
  );
  const history = async (id: string) =>
    (
      await p.ok<{
        cycle: {
          calendarChanges: {
            changedBy: string;
            changedAt: string;
            before: Omit<Phase, 'startsOn'>[];
            after: Phase[];
          }[];
        };
      }>(
        t.province,
        `query($c: ID!) { cycle(id: $c) { calendarChanges { changedBy changedAt before { phase endsOn } after { phase startsOn endsOn } } } }`,
        { c: id },
      )
    ).cycle.calendarChanges;
  const input = (year: number, phases?: unknown) => ({
    issuingRegionCode: '430000',
    year,
    standardSetId: 'hunan-2012-eight-haves@1',
    ruleProfileId: 'hunan-2012@1',
    levels: ['CITY', 'PROVINCE'],
    phases,
  });

  it('refuses a cycle whose phases fall outside its year', async () => {
    p.at('2026-03-02');
    await refused(t.province, CREATE_CYCLE, { input: input(2067, PHASES(2026)) }, 'INVALID_PHASE');
    const naming = PHASES(2026).map((x) => (x.phase === 'NAMING' ? { ...x, endsOn: '2027-01-15' } : x));
    await refused(t.province, CREATE_CYCLE, { input: input(2026, naming) }, 'INVALID_PHASE');
  });

  it('an ended phase cannot be moved, a started one keeps its start; the history says who and when', async () => {
    p.at('2026-03-02');
    const id = (await p.ok(t.province, CREATE_CYCLE, { input: input(2026) })).createCycle.id;
    p.at('2026-08-10');
    const phases = (
      await p.ok<{ cycle: { phases: Phase[] } }>(
        t.province,
        `query($c: ID!) { cycle(id: $c) { phases { phase startsOn endsOn } } }`,
        { c: id },
      )
    ).cycle.phases;
    const edit = (phase: string, over: Record<string, string>) =>
      phases.map((x: { phase: string }) => (x.phase === phase ? { ...x, ...over } : x));
    const before = await p.count(`SELECT count(*) AS n FROM cycle_calendar_change`);
    await refused(t.province, UPDATE, { c: id, phases: edit('APPLICATION', { endsOn: '2026-07-20' }) }, 'PHASE_ENDED');
    await refused(
      t.province,
      UPDATE,
      { c: id, phases: edit('CULTIVATION', { startsOn: '2026-08-05' }) },
      'PHASE_ENDED',
    );
    await refused(
      t.province,
      UPDATE,
      { c: id, phases: edit('CULTIVATION', { endsOn: '2026-08-09' }) },
      'INVALID_PHASE',
    );
    await refused(
      t.province,
      UPDATE,
      {
        c: id,
        phases: edit('NAMING', {
          startsOn: '2027-01-04',
          endsOn: '2027-01-29',
        }),
      },
      'INVALID_PHASE',
    );
    await refused(t.city, UPDATE, { c: id, phases: edit('REVIEW', { endsOn: '2026-10-20' }) }, 'FORBIDDEN');
    expect(await p.count(`SELECT count(*) AS n FROM cycle_calendar_change`)).toBe(before);
    const updated = (
      await p.ok(t.province, UPDATE, {
        c: id,
        phases: edit('CULTIVATION', { endsOn: '2026-09-20' }),
      })
    ).updateCyclePhases;
    expect(updated.phases.find((x: { phase: string }) => x.phase === 'CULTIVATION')).toEqual({
      phase: 'CULTIVATION',
      startsOn: '2026-08-01',
      endsOn: '2026-09-20',
    });
    const changes = await history(id);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({
      changedBy: expect.any(String),
      changedAt: '2026-03-02T02:00:00.000Z',
      before: null,
    });
    expect(changes[1]).toMatchObject({
      changedAt: '2026-08-10T02:00:00.000Z',
      before: expect.arrayContaining([{ phase: 'CULTIVATION', endsOn: '2026-09-30' }]),
    });
    expect(changes[1].after.find((x: { phase: string }) => x.phase === 'CULTIVATION')?.endsOn).toBe('2026-09-20');
  });
});

describe('the holiday calendar officers keep up to date', () => {
  const PUBLISH_CAL = typedQuery<{
    publishHolidayCalendar: {
      year: number;
      holidays: string[];
      workdays: string[];
      source: string;
      publishedBy: string;
      publishedAt: string;
      versions: { source: string; publishedAt: string }[];
    };
  }>(
    `mutation($input: HolidayCalendarInput!) { publishHolidayCalendar(input: $input) { year holidays workdays source publishedBy publishedAt versions { source publishedAt } } }`,
  );
  const PUBLISH_NOTICE = typedQuery<{
    publishNotice: {
      id: string;
      level: string;
      startsOn: string;
      endsOn: string;
      calendarWarning: string | null;
    };
  }>(
    `mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { id level startsOn endsOn calendarWarning } }`,
  );
  // Test data only (not shipped): the shipped calendar holds only years whose State Council notice is cited.
  const year2027 = {
    year: 2027,
    holidays: ['2027-01-01..2027-01-03'],
    workdays: [],
    source: '测试数据：模拟国务院办公厅关于2027年部分节假日安排的通知',
  };
  const rows = () => p.count(`SELECT count(*) AS n FROM holiday_calendar_version`);

  it('ships the cited 2024–2026 arrangements', async () => {
    const y = (
      await p.ok<{
        holidayCalendar: { year: number; source: string; publishedBy: string; holidays: string[] } | null;
      }>(undefined, `{ holidayCalendar(year: 2026) { year source publishedBy holidays } }`)
    ).holidayCalendar;
    expect(y).toMatchObject({
      year: 2026,
      source: expect.stringContaining('国务院办公厅关于2026年部分节假日安排的通知'),
      publishedBy: 'seed',
    });
    expect(y?.holidays).toContain('2026-10-01..2026-10-07');
    expect(
      (await p.ok<{ holidayCalendar: { year: number } | null }>(undefined, `{ holidayCalendar(year: 2027) { year } }`))
        .holidayCalendar,
    ).toBeNull();
  });

  it.each([
    ['a city admin', 'city', {}, 'FORBIDDEN'],
    ['a date outside the year', 'province', { holidays: ['2026-12-31'] }, 'INVALID_HOLIDAY_CALENDAR'],
    ['a weekday as 调休 working day', 'province', { workdays: ['2027-01-05'] }, 'INVALID_HOLIDAY_CALENDAR'],
    ['no notice named', 'province', { source: '' }, 'INVALID_LENGTH'],
  ])('refuses %s and writes nothing', async (_label, who, over, code) => {
    const before = await rows();
    const res = await p.call(t[who as string], PUBLISH_CAL, {
      input: { ...year2027, ...(over as object) },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.errors?.[0]?.message).toMatch(CHINESE);
    expect(await rows()).toBe(before);
  });

  it('a notice into an unpublished year counts Monday–Friday with a visible warning; once published, the next notice follows it', async () => {
    p.at('2026-12-01');
    const phases = [
      { phase: 'APPLICATION', startsOn: '2026-12-01', endsOn: '2026-12-10' },
      { phase: 'CULTIVATION', startsOn: '2026-12-11', endsOn: '2026-12-20' },
      { phase: 'REVIEW', startsOn: '2026-12-21', endsOn: '2026-12-29' },
      { phase: 'NAMING', startsOn: '2026-12-30', endsOn: '2026-12-31' },
    ];
    const c = (
      await p.ok(t.city, CREATE_CYCLE, {
        input: {
          issuingRegionCode: '430100',
          year: 2026,
          standardSetId: 'linyi-2012-youth-post@1',
          ruleProfileId: 'linyi-2012@1',
          levels: ['COUNTY', 'CITY'],
          phases,
        },
      })
    ).createCycle.id;
    const county = (
      await p.ok(st.A.manager, SUBMIT, {
        input: {
          cycleId: c,
          stationId: st.A.id,
          level: 'COUNTY',
          form: form('A'),
        },
      })
    ).submitApplication;
    const city = (
      await p.ok(st.B.manager, SUBMIT, {
        input: {
          cycleId: c,
          stationId: st.B.id,
          level: 'CITY',
          form: form('B'),
        },
      })
    ).submitApplication;
    for (const id of [county.id, city.id])
      await p.ok(t.county, ENDORSE, {
        id,
        input: { decision: 'RECOMMEND', comment: '同意' },
      });
    await p.ok(t.city, ENDORSE, {
      id: city.id,
      input: { decision: 'RECOMMEND', comment: '同意' },
    });

    p.at('2026-12-28'); // Monday: 28, 29, 30, 31 Dec, then 2027 has no published arrangement
    const first = (
      await p.ok(t.county, PUBLISH_NOTICE, {
        input: { cycleId: c, regionCode: '430102' },
      })
    ).publishNotice;
    expect(first).toMatchObject({
      level: 'COUNTY',
      startsOn: '2026-12-28',
      endsOn: '2027-01-01',
      calendarWarning: expect.stringContaining('2027 年的节假日安排尚未发布'),
    });
    const event = await p.db.query(`SELECT payload FROM outbox WHERE type = 'notice.published' AND aggregate_id = $1`, [
      first.id,
    ]);
    expect(event.rows[0].payload.calendarWarning).toContain('周一至周五');

    const published = (await p.ok(t.province, PUBLISH_CAL, { input: year2027 })).publishHolidayCalendar;
    expect(published).toMatchObject({
      year: 2027,
      holidays: ['2027-01-01..2027-01-03'],
      publishedAt: '2026-12-28T02:00:00.000Z',
      versions: [{ source: year2027.source }],
    });
    expect(published.publishedBy).toBeTruthy();
    const second = (
      await p.ok(t.city, PUBLISH_NOTICE, {
        input: { cycleId: c, regionCode: '430100' },
      })
    ).publishNotice;
    expect(second).toMatchObject({
      level: 'CITY',
      endsOn: '2027-01-04',
      calendarWarning: null,
    });
    // A corrected arrangement is a new version; the earlier one is kept.
    const again = (
      await p.ok(t.province, PUBLISH_CAL, {
        input: {
          ...year2027,
          workdays: ['2027-01-09'],
          source: `${year2027.source}（更正）`,
        },
      })
    ).publishHolidayCalendar;
    expect(again.versions.map((v: { source: string }) => v.source)).toEqual([
      `${year2027.source}（更正）`,
      year2027.source,
    ]);
    expect(again.workdays).toEqual(['2027-01-09']);
  });
});
