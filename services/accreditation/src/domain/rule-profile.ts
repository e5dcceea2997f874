import { DomainError, ValidationErrors } from '@leifeng/kit';
import { PHASES, type Phase, type PhaseWindow } from './cycle-calendar';
import { isDate } from './dates';
import type { Stage } from './endorsement-chain';
import { RULE_TYPES, TITLE_LEVELS, type TitleLevel } from './standards';

/**
 * A campaign's rules as data (rule profile), chosen when a cycle is opened. Every setting carries the
 * sentence of the source document it comes from (`source`), so an officer can check it against the text.
 */
interface Quoted<T> {
  value: T;
  source: string;
}
interface PhaseTemplate {
  phase: Phase;
  /** MM-DD within the cycle's year. */
  from: string;
  to: string;
  source: string;
}
export interface ProfileRules {
  levels: Quoted<TitleLevel[]>;
  /** Group stages bottom-up; a category listed in byCategory starts its own chain (直接申报). */
  endorsement: Quoted<{ chain: Stage[]; byCategory: Record<string, Stage[]> }>;
  /** Recommendations a county group makes per cycle; null = not limited. */
  countyRecommendation: Quoted<{
    min: number | null;
    max: number | null;
    outstandingExempt: boolean;
  }>;
  /** The city forwards provincial applicants only within its quota (申报名额). */
  provincialQuota: Quoted<{ enforced: boolean; template: string | null }>;
  /** CITY titles the city names in the year ≥ factor × its provincial quota; null = no such rule. */
  cityTitlesPerProvincialQuota: Quoted<number | null>;
  /** Applying for `level` needs a `requires` title held `years` on the naming date; null = none. */
  titleAge: Quoted<{
    level: TitleLevel;
    requires: TitleLevel;
    years: number;
  } | null>;
  phases: Quoted<PhaseTemplate[]>;
  noticeWorkingDays: Quoted<number>;
  /** true: reasons that fail every level (closed, suspended, no team, no activity) revoke every title held. */
  honorExit: Quoted<{
    basicFailureRevokesAllLevels: boolean;
    basicRuleTypes: string[];
  }>;
}
export interface RuleProfile {
  id: string;
  code: string;
  version: number;
  name: string;
  issuer: string;
  year: number;
  source: string;
  rules: ProfileRules;
}

const STAGES: Stage[] = ['COUNTY', 'CITY', 'PROVINCE'];
const RANK: Record<string, number> = { COUNTY: 1, CITY: 2, PROVINCE: 3 };
const CODE = /^[a-z0-9][a-z0-9-]{1,48}$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const SETTINGS: (keyof ProfileRules)[] = [
  'levels',
  'endorsement',
  'countyRecommendation',
  'provincialQuota',
  'cityTitlesPerProvincialQuota',
  'titleAge',
  'phases',
  'noticeWorkingDays',
  'honorExit',
];

/**
 * The stages an application passes, stopping at its target level: the category's own chain when the
 * profile lists one (e.g. universities straight to CITY), else the profile's chain.
 */
export function stagesFor(rules: ProfileRules, target: TitleLevel, category: string): Stage[] {
  const upTo = (chain: Stage[]) => chain.filter((s) => RANK[s] <= RANK[target]);
  const own = rules.endorsement.value.byCategory[category];
  const stages = own ? upTo(own) : [];
  return stages.length ? stages : upTo(rules.endorsement.value.chain);
}

/** The categories that skip the county stage when applying above COUNTY. */
export function directEntryCategories(rules: ProfileRules): string[] {
  return Object.entries(rules.endorsement.value.byCategory)
    .filter(([, chain]) => !chain.includes('COUNTY'))
    .map(([c]) => c)
    .sort();
}

/** The profile's phase template laid on a year (empty when the profile has none). */
export function phasesForYear(rules: ProfileRules, year: number): PhaseWindow[] {
  return rules.phases.value.map((p) => ({
    phase: p.phase,
    startsOn: `${year}-${p.from}`,
    endsOn: `${year}-${p.to}`,
  }));
}

/** A cycle's overrides (set by the issuer when opening it) laid over its profile. */
export function effectiveRules(
  rules: ProfileRules,
  overrides: {
    countyRecommendationLimit: number | null;
    directToCityCategories: string[] | null;
  },
): ProfileRules {
  let out = rules;
  if (overrides.countyRecommendationLimit !== null && overrides.countyRecommendationLimit !== undefined) {
    // The issuer sets the cap; the profile's floor stays (never above the cap), with its source sentence.
    const max = overrides.countyRecommendationLimit;
    const { min, outstandingExempt } = out.countyRecommendation.value;
    const source =
      min === null
        ? '（发起单位创建活动时设定）'
        : `${out.countyRecommendation.source}（上限由发起单位创建活动时设定为 ${max} 个）`;
    out = {
      ...out,
      countyRecommendation: {
        value: {
          min: min === null ? null : Math.min(min, max),
          max,
          outstandingExempt,
        },
        source,
      },
    };
  }
  if (overrides.directToCityCategories) {
    const byCategory: Record<string, Stage[]> = {};
    const upper = out.endorsement.value.chain.filter((s) => s !== 'COUNTY');
    for (const c of overrides.directToCityCategories) byCategory[c] = upper;
    out = {
      ...out,
      endorsement: {
        value: { chain: out.endorsement.value.chain, byCategory },
        source: '（发起单位创建活动时设定）',
      },
    };
  }
  return out;
}

const isQuoted = (v: unknown): v is Quoted<unknown> =>
  !!v &&
  typeof v === 'object' &&
  'value' in v &&
  typeof (v as Quoted<unknown>).source === 'string' &&
  (v as Quoted<unknown>).source.trim().length >= 2 &&
  (v as Quoted<unknown>).source.length <= 1000;
const isCount = (n: unknown) => n === null || (Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 100);
const isLevel = (l: unknown): l is TitleLevel => TITLE_LEVELS.includes(l as TitleLevel);
const isChain = (c: unknown): c is Stage[] =>
  Array.isArray(c) &&
  c.length > 0 &&
  c.every((s) => STAGES.includes(s)) &&
  c.every((s, i) => i === 0 || RANK[s] > RANK[c[i - 1]]);

/** Checks a profile given through the graph: every setting present, well-formed and quoting its source. */
/** A rule profile as a caller submits it: `rules` is JSON, checked setting by setting below. */
export type RuleProfileDraft = Omit<RuleProfile, 'id' | 'rules'> & {
  rules: unknown;
};

export function validateRuleProfile(input: RuleProfileDraft): RuleProfile {
  const errors = new ValidationErrors();
  const code = String(input.code ?? '').trim();
  if (!CODE.test(code)) errors.add('INVALID_CODE', 'code', '规则方案代码只能由小写字母、数字和连字符组成（2–49 位）');
  if (!Number.isInteger(input.version) || input.version < 1 || input.version > 999)
    errors.add('INVALID_NUMBER', 'version', '版本号应为 1–999 的整数');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    errors.add('INVALID_NUMBER', 'year', '年度不正确');
  for (const f of ['name', 'issuer', 'source'] as const) {
    const v = String(input[f] ?? '').trim();
    if (!v || v.length > 200) errors.add('INVALID_LENGTH', f, `${f} 不能为空且不超过 200 字`);
  }
  const r = (input.rules ?? {}) as ProfileRules;
  for (const key of SETTINGS) {
    if (!isQuoted(r[key]))
      errors.add(
        'INVALID_RULE',
        `rules.${key}`,
        `规则“${key}”缺少取值或来源原文（每项规则须写明出自来源文件的哪一句）`,
      );
  }
  errors.throwIfAny();
  const bad = (key: string, message: string) => errors.add('INVALID_RULE', `rules.${key}`, message);
  const levels = r.levels.value;
  if (!Array.isArray(levels) || !levels.length || !levels.every(isLevel) || new Set(levels).size !== levels.length)
    bad('levels', '授予级别不正确');
  const e = r.endorsement.value;
  if (!e || !isChain(e.chain)) bad('endorsement', '推荐链应为自下而上的 COUNTY / CITY / PROVINCE');
  else if (
    !e.byCategory ||
    typeof e.byCategory !== 'object' ||
    Object.entries(e.byCategory).some(([c, chain]) => !/^[A-Z_]{2,40}$/.test(c) || !isChain(chain))
  )
    bad('endorsement', '按站点类别的推荐链不正确');
  const cr = r.countyRecommendation.value;
  if (
    !cr ||
    !isCount(cr.min) ||
    !isCount(cr.max) ||
    typeof cr.outstandingExempt !== 'boolean' ||
    (cr.max !== null && cr.max < 1) ||
    (cr.min !== null && cr.max !== null && cr.min > cr.max)
  ) {
    bad(
      'countyRecommendation',
      '县级推荐数量应为 { min, max, outstandingExempt }，max ≥ 1 且 min ≤ max（不限则为 null）',
    );
  }
  const q = r.provincialQuota.value;
  if (!q || typeof q.enforced !== 'boolean' || (q.template !== null && typeof q.template !== 'string'))
    bad('provincialQuota', '省级名额规则应为 { enforced, template }');
  const factor = r.cityTitlesPerProvincialQuota.value;
  if (factor !== null && (typeof factor !== 'number' || !(factor > 0) || factor > 20))
    bad('cityTitlesPerProvincialQuota', '市级命名数量倍数应为 0–20 之间的数（不要求则为 null）');
  const age = r.titleAge.value;
  if (
    age !== null &&
    (!age ||
      !isLevel(age.level) ||
      !isLevel(age.requires) ||
      RANK[age.requires] >= RANK[age.level] ||
      !Number.isInteger(age.years) ||
      age.years < 1 ||
      age.years > 10)
  ) {
    bad('titleAge', '称号年限应为 { level, requires, years }，requires 低于 level，years 为 1–10');
  }
  const phases = r.phases.value;
  if (!Array.isArray(phases)) bad('phases', '阶段模板应为列表');
  else {
    let last = '';
    for (const p of phases) {
      const okDay = (md: unknown) => typeof md === 'string' && MONTH_DAY.test(md) && isDate(`2024-${md}`);
      if (
        !p ||
        !PHASES.includes(p.phase) ||
        !okDay(p.from) ||
        !okDay(p.to) ||
        p.from > p.to ||
        p.from <= last ||
        typeof p.source !== 'string' ||
        !p.source.trim()
      ) {
        bad('phases', `阶段模板 ${p?.phase ?? ''} 不正确（MM-DD，按顺序不重叠，并写明来源原文）`);
        break;
      }
      last = p.to;
    }
  }
  const days = r.noticeWorkingDays.value;
  if (!Number.isInteger(days) || days < 1 || days > 30) bad('noticeWorkingDays', '公示期应为 1–30 个工作日');
  const exit = r.honorExit.value;
  if (
    !exit ||
    typeof exit.basicFailureRevokesAllLevels !== 'boolean' ||
    !Array.isArray(exit.basicRuleTypes) ||
    exit.basicRuleTypes.some((t) => !(RULE_TYPES as readonly string[]).includes(t))
  ) {
    bad(
      'honorExit',
      `荣誉退出规则应为 { basicFailureRevokesAllLevels, basicRuleTypes }，规则类型取自 ${RULE_TYPES.join('、')}`,
    );
  }
  errors.throwIfAny();
  const rules = Object.fromEntries(
    SETTINGS.map((k) => [k, { value: r[k].value, source: r[k].source.trim() }]),
  ) as unknown as ProfileRules;
  return {
    id: `${code}@${input.version}`,
    code,
    version: input.version,
    name: input.name.trim(),
    issuer: input.issuer.trim(),
    year: input.year,
    source: input.source.trim(),
    rules,
  };
}

/** A cycle's levels must be awarded by its profile. */
export function assertLevelsInProfile(profile: RuleProfile, levels: TitleLevel[]): void {
  const outside = levels.filter((l) => !profile.rules.levels.value.includes(l));
  if (outside.length) {
    throw new DomainError(
      'INVALID_LEVEL',
      `规则方案“${profile.name}”不评选${outside.join('、')}级（${profile.rules.levels.source}）`,
      { field: 'levels', source: profile.rules.levels.source },
    );
  }
}
