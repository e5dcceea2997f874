import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import standardSets from '../src/db/seed/standard-sets.json';
import { readAccreditationConfig } from '../src/config';
import quotaTemplates from '../src/db/seed/quota-templates.json';
import { assertPhase, validatePhases, type PhaseWindow } from '../src/domain/cycle-calendar';
import { addYears, completeMonths, lastFullWeekMonday } from '../src/domain/dates';
import { HolidayCalendar, validateHolidayYear } from '../src/domain/holiday-calendar';
import { loadHolidayCalendar } from '../src/services/holiday-calendar-file';
import { maySign, nextStage } from '../src/domain/endorsement-chain';
import type { StationFacts } from '../src/domain/facts';
import { assertCityTitleHeldOneYear, certificateNumber } from '../src/domain/naming';
import { assertCityTitlesCoverQuota, assertCountyLimit, assertWithinProvincialQuota } from '../src/domain/quota-rules';
import { decideReview } from '../src/domain/review-rules';
import { validateStandardSet } from '../src/domain/standard-input';
import {
  evaluateCompliance,
  type CriterionResult,
  type Finding,
  type StandardSet,
  type TitleLevel,
} from '../src/domain/standards';

const sets = standardSets as unknown as StandardSet[];
const hunan = sets.find((s) => s.code === 'hunan-2012-eight-haves')!;
const linyi = sets.find((s) => s.code === 'linyi-2012-youth-post')!;
const changzhi = sets.find((s) => s.code === 'changzhi-2021-nine-one-one')!;

function facts(
  over: Partial<StationFacts> = {},
  service: Partial<NonNullable<StationFacts['service']>> = {},
): StationFacts {
  return {
    stationId: 's1',
    year: 2024,
    found: true,
    name: '长治市潞州区新时代文明实践学雷锋志愿服务站',
    status: 'ACTIVE',
    leaderName: '张雷',
    serviceItemCount: 2,
    facilities: ['DRINKING_WATER', 'UMBRELLA', 'FIRST_AID'],
    openingSlotCount: 3,
    evidenceKinds: ['LOGO'],
    unitHeadcount: 40,
    service: {
      memberCount: 25,
      leaderCount: 1,
      staffCount: 1,
      activeVolunteerCount: 25,
      verifiedHours: 3000,
      activityCount: 30,
      monthsWithActivity: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      headcountShare: 0.625,
      meetingThreshold: { '100': 25, '50': 25 },
      ...service,
    },
    announcements: { publishedCount: 4, monthsWithAnnouncement: [3, 6] },
    duty: {
      weekOf: '2024-12-23',
      openingSlotCount: 3,
      uncoveredSlotCount: 0,
      fullyCovered: true,
    },
    unavailable: [],
    ...over,
  };
}
const status = (
  set: StandardSet,
  level: TitleLevel,
  f: StationFacts,
  code: string,
  findings: Finding[] = [],
  asOf = '2025-01-10',
) => evaluateCompliance(set, level, f, findings, asOf).criteria.find((c) => c.code === code)!.status;

describe('seeded standard sets', () => {
  it('have 8 (Hunan), 4 conditions (Linyi) and 11 (Changzhi) criteria, every AUTOMATIC one with a rule', () => {
    expect(hunan.criteria.map((c) => c.name)).toEqual([
      '有标识',
      '有队伍',
      '有场地',
      '有机构',
      '有制度',
      '有台账',
      '有平台',
      '有活动',
    ]);
    expect(changzhi.criteria).toHaveLength(11);
    expect(linyi.levels).toEqual(['COUNTY', 'CITY']);
    for (const s of sets) for (const c of s.criteria) if (c.kind === 'AUTOMATIC') expect(c.rule).toBeDefined();
  });

  it('seed the Hunan 2012 provincial quota table: 58 in all, 长沙 6, 湘西 (433100) 4, 省直 (439900) 3', () => {
    const q = quotaTemplates[0].quotas as Record<string, number>;
    expect(Object.values(q).reduce((a, b) => a + b, 0)).toBe(58);
    expect(Object.keys(q)).toHaveLength(15);
    expect([q['430100'], q['433100'], q['439900'], q['430300']]).toEqual([6, 4, 3, 3]);
  });
});

describe('Linyi thresholds per level', () => {
  it('CITY needs ≥ 60 % of headcount or ≥ 20 people; COUNTY ≥ 50 % or ≥ 10', () => {
    const small = facts({}, { memberCount: 12, headcountShare: 0.3 });
    expect(status(linyi, 'CITY', small, 'TEAM')).toBe('NOT_MET');
    expect(status(linyi, 'COUNTY', small, 'TEAM')).toBe('MET'); // 12 ≥ 10
    const share = facts({}, { memberCount: 8, headcountShare: 0.6 });
    expect(status(linyi, 'CITY', share, 'TEAM')).toBe('MET'); // 60 %
    expect(status(linyi, 'COUNTY', facts({}, { memberCount: 8, headcountShare: 0.49 }), 'TEAM')).toBe('NOT_MET');
    expect(status(linyi, 'CITY', facts({}, { memberCount: 20, headcountShare: null }), 'TEAM')).toBe('MET');
  });

  it('every volunteer ≥ 100 h a year (CITY) or ≥ 50 h (COUNTY)', () => {
    const f = facts({}, { memberCount: 10, meetingThreshold: { '100': 9, '50': 10 } });
    expect(status(linyi, 'CITY', f, 'HOURS')).toBe('NOT_MET');
    expect(status(linyi, 'COUNTY', f, 'HOURS')).toBe('MET');
    expect(status(linyi, 'CITY', facts({}, { memberCount: 0, meetingThreshold: { '100': 0 } }), 'HOURS')).toBe(
      'NOT_MET',
    );
  });
});

describe('Hunan 八个有 and Changzhi rules', () => {
  it('an activity in every complete month (current year: months before asOf)', () => {
    const f = facts({}, { monthsWithActivity: [1, 2, 4] });
    expect(status(hunan, 'CITY', f, 'ACTIVITY')).toBe('NOT_MET');
    const r = evaluateCompliance(hunan, 'CITY', f, [], '2025-01-10').criteria.find((c) => c.code === 'ACTIVITY')!;
    expect(r.facts.missingMonths).toEqual([3, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(
      status(hunan, 'CITY', facts({ year: 2025 }, { monthsWithActivity: [1, 2, 3] }), 'ACTIVITY', [], '2025-04-02'),
    ).toBe('MET');
  });

  it('announcements, leader + staff, facilities, service items, duty coverage, standard name', () => {
    expect(
      status(
        hunan,
        'CITY',
        facts({
          announcements: { publishedCount: 0, monthsWithAnnouncement: [] },
        }),
        'PLATFORM',
      ),
    ).toBe('NOT_MET');
    expect(status(hunan, 'CITY', facts({}, { staffCount: 0 }), 'ORGANIZATION')).toBe('NOT_MET');
    expect(status(changzhi, 'CITY', facts({ facilities: ['UMBRELLA', 'OTHER'] }), 'FACILITIES')).toBe('NOT_MET');
    expect(status(changzhi, 'CITY', facts({ serviceItemCount: 0 }), 'PROJECTS')).toBe('NOT_MET');
    expect(
      status(
        changzhi,
        'CITY',
        facts({
          duty: {
            weekOf: '2024-12-23',
            openingSlotCount: 3,
            uncoveredSlotCount: 1,
            fullyCovered: false,
          },
        }),
        'TEAM_ON_DUTY',
      ),
    ).toBe('NOT_MET');
    expect(status(changzhi, 'CITY', facts({ name: '潞州区志愿服务站' }), 'LOGO_NAME')).toBe('NOT_MET');
    expect(
      evaluateCompliance(changzhi, 'CITY', facts(), [], '2025-01-10')
        .criteria.filter((c) => c.kind === 'AUTOMATIC')
        .every((c) => c.status === 'MET'),
    ).toBe(true);
  });

  it('missing facts are NOT_JUDGED, evidence criteria wait for an inspection finding', () => {
    const r = evaluateCompliance(
      hunan,
      'CITY',
      facts({ service: undefined, announcements: undefined }),
      [{ criterion: 'LEDGER', met: false, note: '无电子台账' }],
      '2025-01-10',
    );
    const by = Object.fromEntries(r.criteria.map((c) => [c.code, c.status]));
    expect(by).toMatchObject({
      TEAM: 'NOT_JUDGED',
      ACTIVITY: 'NOT_JUDGED',
      PLATFORM: 'NOT_JUDGED',
      LOGO: 'NOT_JUDGED',
      LEDGER: 'NOT_MET',
      VENUE: 'NOT_JUDGED',
    });
    expect(r.met).toBe(false);
    expect(r.status).toBe('NOT_MET');
  });

  it('met / not met / awaiting inspection apart: criteria not judged yet never read as "met: false"', () => {
    const awaiting = evaluateCompliance(changzhi, 'CITY', facts(), [], '2025-01-10');
    expect(awaiting.criteria.some((c) => c.status === 'NOT_JUDGED')).toBe(true);
    expect(awaiting).toMatchObject({
      status: 'AWAITING_INSPECTION',
      met: null,
    });
    const judged = changzhi.criteria
      .filter((c) => c.kind !== 'AUTOMATIC')
      .map((c) => ({ criterion: c.code, met: true }));
    expect(evaluateCompliance(changzhi, 'CITY', facts(), judged, '2025-01-10')).toMatchObject({
      status: 'MET',
      met: true,
    });
    expect(evaluateCompliance(changzhi, 'CITY', facts({ serviceItemCount: 0 }), judged, '2025-01-10')).toMatchObject({
      status: 'NOT_MET',
      met: false,
    });
  });
});

describe('a new standard set is data', () => {
  it('validates and evaluates with the same engine', () => {
    const set = validateStandardSet({
      code: 'test-city-2026',
      version: 1,
      name: '测试标准',
      issuer: '测试',
      year: 2026,
      levels: ['CITY'],
      source: null,
      criteria: [
        {
          code: 'BIG_TEAM',
          name: '队伍',
          kind: 'AUTOMATIC',
          description: '',
          rule: { type: 'TEAM_SIZE', params: { minCount: 30 } },
        },
      ],
    });
    expect(set.id).toBe('test-city-2026@1');
    expect(status(set, 'CITY', facts(), 'BIG_TEAM')).toBe('NOT_MET');
  });
  it.each([
    ['unknown rule type', { type: 'MAGIC', params: {} }, 'INVALID_RULE'],
    ['AUTOMATIC without rule', undefined, 'INVALID_CRITERIA'],
  ])('refuses %s', (_l, rule, code) => {
    expect(() =>
      validateStandardSet({
        code: 'bad-set',
        version: 1,
        name: 'x',
        issuer: 'x',
        year: 2026,
        levels: ['CITY'],
        source: null,
        criteria: [
          {
            code: 'A',
            name: 'a',
            kind: 'AUTOMATIC',
            description: '',
            rule,
          },
        ],
      }),
    ).toThrow(expect.objectContaining({ code }));
  });
});

describe('dates in Asia/Shanghai', () => {
  it('one year, working days, weeks, months', () => {
    expect(addYears('2024-11-15', 1)).toBe('2025-11-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
    const cal = loadHolidayCalendar();
    expect(cal.addWorkingDays('2025-11-07', 5)).toBe('2025-11-13'); // Fri + Mon–Thu
    expect(cal.addWorkingDays('2025-11-08', 5)).toBe('2025-11-14'); // starts on Saturday
    expect(lastFullWeekMonday('2025-11-12')).toBe('2025-11-03');
    expect(completeMonths(2025, '2025-03-01')).toEqual([1, 2]);
    expect(completeMonths(2024, '2025-01-01')).toHaveLength(12);
  });
});

describe('公示 working days follow the PRC holiday calendar (调休 included)', () => {
  const cal = loadHolidayCalendar();
  it.each([
    // 2024 National Day: 1–7 Oct off, Sun 29 Sep and Sat 12 Oct worked.
    ['2024-09-27', 5, '2024-10-09', 'Fri 27, Sun 29 (调休), Mon 30, then 8–9 Oct'],
    ['2024-09-30', 1, '2024-09-30', 'the Monday before the holiday counts'],
    ['2024-10-01', 5, '2024-10-12', 'published on a holiday: 8, 9, 10, 11, Sat 12 (调休)'],
    ['2024-10-10', 5, '2024-10-15', 'Thu 10, Fri 11, Sat 12 (调休), Mon 14, Tue 15'],
    // 2025 National Day + Mid-Autumn: 1–8 Oct off, Sun 28 Sep and Sat 11 Oct worked.
    ['2025-09-26', 5, '2025-10-09', 'Fri 26, Sun 28 (调休), Mon 29, Tue 30, then Thu 9 Oct'],
    ['2025-10-09', 5, '2025-10-14', 'Thu 9, Fri 10, Sat 11 (调休), Mon 13, Tue 14'],
    // 2026 National Day: 1–7 Oct off, Sun 20 Sep and Sat 10 Oct worked.
    ['2026-09-18', 3, '2026-09-21', 'Fri 18, Sun 20 (调休), Mon 21'],
    ['2026-09-30', 3, '2026-10-09', 'Wed 30, Thu 8, Fri 9'],
    ['2026-10-08', 5, '2026-10-13', 'Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13'],
    // Spring Festival 2026: 15–23 Feb off, Sat 14 and Sat 28 Feb worked.
    ['2026-02-13', 3, '2026-02-24', 'Fri 13, Sat 14 (调休), Tue 24'],
  ])('from %s, %i working days end on %s (%s)', (start, n, end) => {
    expect(cal.addWorkingDays(start as string, n as number)).toBe(end);
  });

  it('counts Monday–Friday in a year without data and names that year (the notice shows a warning), and takes new years as data', () => {
    expect(cal.addWorkingDays('2027-03-01', 5)).toBe('2027-03-05');
    expect(cal.uncoveredYears('2026-12-28', '2027-01-04')).toEqual([2027]);
    expect(cal.uncoveredYears('2026-10-08', '2026-10-13')).toEqual([]);
    const extended = cal.merge({
      years: {
        '2027': {
          holidays: ['2027-03-02..2027-03-03'],
          workdays: ['2027-03-06'],
        },
      },
    });
    expect(extended.addWorkingDays('2027-03-01', 4)).toBe('2027-03-06'); // Mon 1, Thu 4, Fri 5, Sat 6 (调休)
    expect(extended.addWorkingDays('2024-10-10', 5)).toBe('2024-10-15'); // seeded years kept
  });

  it('validates a year published through the graph', () => {
    const ok = {
      year: 2027,
      holidays: ['2027-10-01..2027-10-07'],
      workdays: ['2027-09-26', '2027-10-09'],
      source: '国务院办公厅关于2027年部分节假日安排的通知',
    };
    expect(validateHolidayYear(ok)).toEqual(ok);
    expect(() => validateHolidayYear({ ...ok, holidays: ['2026-10-01'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_HOLIDAY_CALENDAR' }),
    );
    expect(() => validateHolidayYear({ ...ok, holidays: ['2027-10-07..2027-10-01'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_HOLIDAY_CALENDAR' }),
    );
    expect(() => validateHolidayYear({ ...ok, workdays: ['2027-10-04'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_HOLIDAY_CALENDAR' }),
    ); // both off and worked
    expect(() => validateHolidayYear({ ...ok, workdays: ['2027-09-28'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_HOLIDAY_CALENDAR' }),
    ); // a Tuesday
    expect(() => validateHolidayYear({ ...ok, holidays: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_HOLIDAY_CALENDAR' }),
    );
    expect(() => validateHolidayYear({ ...ok, source: '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_LENGTH' }),
    );
  });

  it('reads extra years from HOLIDAY_CALENDAR_FILE and refuses a bad file at start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        years: {
          '2027': {
            holidays: ['2027-10-01..2027-10-07'],
            workdays: ['2027-09-26', '2027-10-09'],
          },
        },
      }),
    );
    expect(readAccreditationConfig({ HOLIDAY_CALENDAR_FILE: good }).holidayCalendarFile).toBe(good);
    expect(loadHolidayCalendar(good).addWorkingDays('2027-09-30', 3)).toBe('2027-10-09'); // Thu 30, Fri 8, Sat 9 (调休)
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        years: { '2027': { holidays: ['2027-13-01'], workdays: [] } },
      }),
    );
    expect(() => readAccreditationConfig({ HOLIDAY_CALENDAR_FILE: bad })).toThrow(/HOLIDAY_CALENDAR_FILE/);
    expect(() =>
      readAccreditationConfig({
        HOLIDAY_CALENDAR_FILE: join(dir, 'missing.json'),
      }),
    ).toThrow(/HOLIDAY_CALENDAR_FILE/);
  });

  it('rejects inconsistent data', () => {
    expect(
      () =>
        new HolidayCalendar({
          years: {
            '2027': {
              holidays: ['2027-05-01..2027-05-03'],
              workdays: ['2027-05-02'],
            },
          },
        }),
    ).toThrow(/both/);
    expect(
      () =>
        new HolidayCalendar({
          years: { '2027': { holidays: ['2026-05-01'], workdays: [] } },
        }),
    ).toThrow(/bad entry/);
  });
});

const PHASES: PhaseWindow[] = [
  { phase: 'DEPLOYMENT', startsOn: '2025-04-01', endsOn: '2025-04-30' },
  { phase: 'APPLICATION', startsOn: '2025-07-01', endsOn: '2025-07-15' },
  { phase: 'CULTIVATION', startsOn: '2025-08-01', endsOn: '2025-09-30' },
  { phase: 'REVIEW', startsOn: '2025-10-01', endsOn: '2025-10-31' },
  { phase: 'NAMING', startsOn: '2025-11-01', endsOn: '2025-11-30' },
];

describe('cycle calendar', () => {
  it('refuses actions outside their phase with PHASE_CLOSED', () => {
    expect(assertPhase(PHASES, 'apply', '2025-07-15')).toBe('APPLICATION');
    expect(() => assertPhase(PHASES, 'apply', '2025-07-16')).toThrow(expect.objectContaining({ code: 'PHASE_CLOSED' }));
    expect(() => assertPhase(PHASES, 'name', '2025-10-31')).toThrow(expect.objectContaining({ code: 'PHASE_CLOSED' }));
  });
  it('refuses overlapping or incomplete calendars', () => {
    expect(() =>
      validatePhases([
        { phase: 'APPLICATION', startsOn: '2025-07-01', endsOn: '2025-08-15' },
        { phase: 'NAMING', startsOn: '2025-08-01', endsOn: '2025-11-30' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_PHASE' }));
    expect(() => validatePhases([{ phase: 'APPLICATION', startsOn: '2025-07-01', endsOn: '2025-07-15' }])).toThrow(
      expect.objectContaining({ code: 'INVALID_PHASE' }),
    );
  });
});

describe('endorsement chain and quotas', () => {
  it('stops at the target (stages per profile: test/rule-profiles.test.ts)', () => {
    expect(nextStage(['COUNTY', 'CITY'], 'CITY')).toBeNull();
  });
  it('signing needs the admin of exactly that level over the station', () => {
    expect(maySign({ sub: 'a', roles: ['COUNTY_ADMIN'], regionCode: '430102' }, 'COUNTY', '430102')).toBe(true);
    expect(maySign({ sub: 'a', roles: ['CITY_ADMIN'], regionCode: '430100' }, 'COUNTY', '430102')).toBe(false);
    expect(maySign({ sub: 'a', roles: ['CITY_ADMIN'], regionCode: '430200' }, 'CITY', '430102')).toBe(false);
  });
  it('quota, 2 × quota and county limits', () => {
    expect(() => assertWithinProvincialQuota(5, 6, '430100')).not.toThrow();
    expect(() => assertWithinProvincialQuota(6, 6, '430100')).toThrow(
      expect.objectContaining({ code: 'QUOTA_EXCEEDED' }),
    );
    expect(() => assertWithinProvincialQuota(0, null, '430100')).toThrow(
      expect.objectContaining({ code: 'QUOTA_NOT_SET' }),
    );
    expect(() => assertCityTitlesCoverQuota(11, 6, '430100')).toThrow(
      expect.objectContaining({ code: 'CITY_TITLES_INSUFFICIENT' }),
    );
    expect(() => assertCityTitlesCoverQuota(12, 6, '430100')).not.toThrow();
    expect(() => assertCountyLimit(3, 3, false, '430102')).toThrow(
      expect.objectContaining({ code: 'COUNTY_LIMIT_EXCEEDED' }),
    );
    expect(() => assertCountyLimit(3, 3, true, '430102')).not.toThrow();
  });
  it('PROVINCE needs a CITY title held ≥ 1 year on the naming date', () => {
    expect(() => assertCityTitleHeldOneYear([], '2025-11-01')).toThrow(
      expect.objectContaining({ code: 'CITY_TITLE_REQUIRED' }),
    );
    expect(() =>
      assertCityTitleHeldOneYear([{ level: 'CITY', status: 'ACTIVE', conferredOn: '2024-11-02' }], '2025-11-01'),
    ).toThrow(expect.objectContaining({ code: 'CITY_TITLE_TOO_RECENT' }));
    expect(() =>
      assertCityTitleHeldOneYear([{ level: 'CITY', status: 'REVOKED', conferredOn: '2020-11-02' }], '2025-11-01'),
    ).toThrow(expect.objectContaining({ code: 'CITY_TITLE_REQUIRED' }));
    expect(() =>
      assertCityTitleHeldOneYear([{ level: 'CITY', status: 'ACTIVE', conferredOn: '2024-11-01' }], '2025-11-01'),
    ).not.toThrow();
    expect(certificateNumber('430000', 2025, 'PROVINCE', 7)).toBe('LF-430000-2025-P-0007');
  });
});

describe('re-review decision', () => {
  const policy = { rectifyDays: 60, maxUnmetForRectify: 2 };
  const comp = (unmet: number) => ({
    standardSetId: 'x',
    year: 2025,
    level: 'CITY' as const,
    asOf: '2025-10-15',
    status: (unmet ? 'NOT_MET' : 'MET') as 'NOT_MET' | 'MET',
    met: unmet === 0,
    criteria: Array.from({ length: 8 }, (_, i) => ({
      code: `C${i}`,
      name: `C${i}`,
      kind: 'AUTOMATIC' as const,
      status: (i < unmet ? 'NOT_MET' : 'MET') as CriterionResult['status'],
      detail: '',
      facts: {},
    })),
  });
  const base = {
    stationStatus: 'ACTIVE',
    latestInspection: null,
    openRectifications: [],
    asOf: '2025-10-15',
  };
  it('PASS, RECTIFY with a deadline, FAIL', () => {
    expect(decideReview({ ...base, compliance: comp(0) }, policy)).toMatchObject({ outcome: 'PASS', deadline: null });
    expect(decideReview({ ...base, compliance: comp(1) }, policy)).toMatchObject({
      outcome: 'RECTIFY',
      deadline: '2025-12-14',
    });
    expect(decideReview({ ...base, compliance: comp(3) }, policy).outcome).toBe('FAIL');
    expect(decideReview({ ...base, compliance: comp(0), stationStatus: 'CLOSED' }, policy).outcome).toBe('FAIL');
    // The reason people read names the status in Chinese, never the enum (issue 11, 12c).
    expect(decideReview({ ...base, compliance: comp(0), stationStatus: 'SUSPENDED' }, policy).reasons).toEqual([
      '站点状态为暂停服务',
    ]);
    expect(decideReview({ ...base, compliance: comp(0), stationStatus: 'CLOSED' }, policy).reasons).toEqual([
      '站点状态为已关闭',
    ]);
    expect(
      decideReview(
        {
          ...base,
          compliance: comp(0),
          latestInspection: {
            id: 'i',
            verdict: 'FAIL',
            inspectedOn: '2025-09-01',
          },
        },
        policy,
      ).outcome,
    ).toBe('FAIL');
  });
  it('an expired rectification still open fails; one within its deadline does not', () => {
    expect(
      decideReview(
        {
          ...base,
          compliance: comp(0),
          openRectifications: [{ id: 'r', deadline: '2025-10-14' }],
        },
        policy,
      ),
    ).toMatchObject({ outcome: 'FAIL', expiredRectificationIds: ['r'] });
    expect(
      decideReview(
        {
          ...base,
          compliance: comp(0),
          openRectifications: [{ id: 'r', deadline: '2025-10-15' }],
        },
        policy,
      ).outcome,
    ).toBe('PASS');
  });
});
