import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import profiles from '../src/db/seed/rule-profiles.json';
import { assertTitleHeld } from '../src/domain/naming';
import { assertCountyLimit, assertCountyMinimum, cityTitleStanding } from '../src/domain/quota-rules';
import {
  directEntryCategories,
  effectiveRules,
  phasesForYear,
  stagesFor,
  validateRuleProfile,
  type RuleProfile,
} from '../src/domain/rule-profile';

const all = profiles as unknown as RuleProfile[];
const byId = (id: string) => all.find((p) => p.id === id)!;
const hunan = byId('hunan-2012@1');
const linyi = byId('linyi-2012@1');
const legacy = byId('platform-2024@1');
const squash = (s: string) => s.replace(/\s+/g, '');

/** Quoted segments of a setting's source: editorial notes 〔…〕 left out, "……" separating cut text. */
const quotes = (source: string) =>
  source
    .replace(/〔[^〕]*〕/g, '')
    .split('……')
    .map(squash)
    .filter(Boolean);

describe('rule profiles true to their texts', () => {
  it.each([
    [hunan, 'hunan-2012-leifeng-station-campaign.txt'],
    [linyi, 'linyi-2012-youth-leifeng-post.txt'],
  ])('every sentence quoted by %s is in its source document', (profile, file) => {
    // The texts are kept beside the service (sources/); the project's shared copy, when present, is the same.
    const raw = readFileSync(join(__dirname, '../sources', file), 'utf8');
    for (const shared of [
      join(__dirname, '../../../../shared/sources', file),
      join(__dirname, '../../../../../shared/sources', file),
    ]) {
      if (existsSync(shared)) expect(readFileSync(shared, 'utf8')).toBe(raw);
    }
    const text = squash(raw);
    expect(profile.source).toBe(file);
    const unquoted: string[] = [];
    for (const [key, setting] of Object.entries(profile.rules)) {
      const segments = quotes(setting.source);
      if (!segments.length) unquoted.push(key);
      for (const q of segments)
        expect({ key, q, found: text.includes(q) }).toEqual({
          key,
          q,
          found: true,
        });
    }
    for (const phase of profile.rules.phases.value) {
      expect(quotes(phase.source).length).toBeGreaterThan(0);
      for (const q of quotes(phase.source))
        expect({ phase: phase.phase, q, found: text.includes(q) }).toEqual({
          phase: phase.phase,
          q,
          found: true,
        });
    }
    // The only settings neither text states, marked as the platform's default in a note.
    expect(unquoted).toEqual(['noticeWorkingDays']);
  });

  it('the seeds pass the same validation a profile added through the graph does', () => {
    for (const p of all) expect(validateRuleProfile({ ...p })).toEqual(p);
  });

  it('Hunan: every applicant passes the county (附件2), no cap per county, quota, 2 × quota, one-year CITY title', () => {
    const r = hunan.rules;
    expect(stagesFor(r, 'CITY', 'UNIVERSITY')).toEqual(['COUNTY', 'CITY']);
    expect(stagesFor(r, 'PROVINCE', 'ENTERPRISE')).toEqual(['COUNTY', 'CITY', 'PROVINCE']);
    expect(directEntryCategories(r)).toEqual([]);
    expect(r.countyRecommendation.value.max).toBeNull();
    expect(() => assertCountyLimit(40, r.countyRecommendation.value.max, false, '430102')).not.toThrow();
    expect(r.provincialQuota.value).toEqual({
      enforced: true,
      template: 'hunan-2012-provincial',
    });
    expect(r.cityTitlesPerProvincialQuota.value).toBe(2);
    expect(r.titleAge.value).toEqual({
      level: 'PROVINCE',
      requires: 'CITY',
      years: 1,
    });
    expect(r.levels.value).toEqual(['CITY', 'PROVINCE']);
    expect(phasesForYear(r, 2026).map((p) => `${p.phase} ${p.startsOn}..${p.endsOn}`)).toEqual([
      'DEPLOYMENT 2026-04-01..2026-04-30',
      'PREPARATION 2026-05-01..2026-06-30',
      'APPLICATION 2026-07-01..2026-07-31',
      'CULTIVATION 2026-08-01..2026-09-30',
      'REVIEW 2026-10-01..2026-10-31',
      'NAMING 2026-11-01..2026-11-30',
    ]);
  });

  it('Linyi: county → city, universities and large enterprises straight to CITY, 2–3 per county with outstanding ones exempt, no title age', () => {
    const r = linyi.rules;
    expect(stagesFor(r, 'CITY', 'COMMUNITY')).toEqual(['COUNTY', 'CITY']);
    expect(stagesFor(r, 'CITY', 'UNIVERSITY')).toEqual(['CITY']);
    expect(stagesFor(r, 'CITY', 'ENTERPRISE')).toEqual(['CITY']);
    expect(stagesFor(r, 'COUNTY', 'UNIVERSITY')).toEqual(['COUNTY']);
    expect(directEntryCategories(r)).toEqual(['ENTERPRISE', 'UNIVERSITY']);
    expect(r.countyRecommendation.value).toEqual({
      min: 2,
      max: 3,
      outstandingExempt: true,
    });
    expect(() => assertCountyLimit(2, 3, false, '371302')).not.toThrow();
    expect(() => assertCountyLimit(3, 3, false, '371302')).toThrow(
      expect.objectContaining({ code: 'COUNTY_LIMIT_EXCEEDED' }),
    );
    expect(() => assertCountyLimit(3, 3, true, '371302')).not.toThrow();
    // The floor: 2 recommended, or every candidate the county has when it has fewer; outstanding ones count.
    const tooFew = expect.objectContaining({
      code: 'COUNTY_RECOMMENDATIONS_TOO_FEW',
    });
    expect(() => assertCountyMinimum(1, 2, 3, '371302')).toThrow(tooFew);
    expect(() => assertCountyMinimum(1, 2, 2, '371302')).toThrow(tooFew);
    expect(() => assertCountyMinimum(2, 2, 3, '371302')).not.toThrow();
    expect(() => assertCountyMinimum(1, 2, 1, '371302')).not.toThrow();
    expect(() => assertCountyMinimum(0, 2, 0, '371302')).not.toThrow();
    expect(() => assertCountyMinimum(0, null, 5, '430102')).not.toThrow();
    // An issuer's cap keeps the floor (never above the cap) and its source sentence.
    expect(
      effectiveRules(r, {
        countyRecommendationLimit: 10,
        directToCityCategories: null,
      }).countyRecommendation,
    ).toEqual({
      value: { min: 2, max: 10, outstandingExempt: true },
      source: expect.stringContaining('推荐2-3个候选单位'),
    });
    expect(
      effectiveRules(r, {
        countyRecommendationLimit: 1,
        directToCityCategories: null,
      }).countyRecommendation.value,
    ).toEqual({ min: 1, max: 1, outstandingExempt: true });
    expect(r.titleAge.value).toBeNull();
    expect(r.cityTitlesPerProvincialQuota.value).toBeNull();
    expect(r.levels.value).toEqual(['COUNTY', 'CITY']);
  });

  it('the platform profile of existing cycles keeps what they did before profiles; a cycle override replaces one setting', () => {
    const r = legacy.rules;
    expect(stagesFor(r, 'CITY', 'UNIVERSITY')).toEqual(['CITY']);
    expect(stagesFor(r, 'PROVINCE', 'UNIVERSITY')).toEqual(['CITY', 'PROVINCE']);
    expect(stagesFor(r, 'COUNTY', 'UNIVERSITY')).toEqual(['COUNTY']);
    expect(stagesFor(r, 'PROVINCE', 'COMMUNITY')).toEqual(['COUNTY', 'CITY', 'PROVINCE']);
    expect(r.countyRecommendation.value).toEqual({
      min: null,
      max: 3,
      outstandingExempt: true,
    });
    const over = effectiveRules(r, {
      countyRecommendationLimit: 10,
      directToCityCategories: ['UNIVERSITY'],
    });
    expect(over.countyRecommendation.value.max).toBe(10);
    expect(directEntryCategories(over)).toEqual(['UNIVERSITY']);
    expect(stagesFor(over, 'PROVINCE', 'ENTERPRISE')).toEqual(['COUNTY', 'CITY', 'PROVINCE']);
  });

  it('refuses a profile whose settings do not quote a source, are missing or malformed', () => {
    const base = { ...linyi, code: 'test-profile', version: 1 };
    const without = (key: string) =>
      ({
        ...base,
        rules: Object.fromEntries(Object.entries(base.rules).filter(([k]) => k !== key)),
      }) as never;
    expect(() => validateRuleProfile(without('titleAge'))).toThrow(expect.objectContaining({ code: 'INVALID_RULE' }));
    expect(() =>
      validateRuleProfile({
        ...base,
        rules: { ...base.rules, levels: { value: ['CITY'], source: '' } },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_RULE' }));
    expect(() =>
      validateRuleProfile({
        ...base,
        rules: {
          ...base.rules,
          endorsement: {
            value: { chain: ['CITY', 'COUNTY'], byCategory: {} },
            source: '逐级申报',
          },
        },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_RULE' }));
    expect(() =>
      validateRuleProfile({
        ...base,
        rules: {
          ...base.rules,
          countyRecommendation: {
            value: { min: 4, max: 3, outstandingExempt: true },
            source: '推荐2-3个',
          },
        },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_RULE' }));
    expect(() => validateRuleProfile({ ...base, code: 'Bad Code' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CODE' }),
    );
    expect(validateRuleProfile(base).id).toBe('test-profile@1');
  });

  it('title age from the profile; city standing named / required', () => {
    const rule = hunan.rules.titleAge.value!;
    expect(() =>
      assertTitleHeld([{ level: 'CITY', status: 'ACTIVE', conferredOn: '2024-11-02' }], rule, '2025-11-01'),
    ).toThrow(expect.objectContaining({ code: 'CITY_TITLE_TOO_RECENT' }));
    expect(() =>
      assertTitleHeld([{ level: 'CITY', status: 'ACTIVE', conferredOn: '2024-11-01' }], rule, '2025-11-01'),
    ).not.toThrow();
    expect(cityTitleStanding('430100', 11, 6, 2)).toEqual({
      cityCode: '430100',
      named: 11,
      required: 12,
      met: false,
    });
  });
});
