import { completeMonths } from './dates';
import type { StationFacts } from './facts';

export type TitleLevel = 'COUNTY' | 'CITY' | 'PROVINCE';
export const TITLE_LEVELS: TitleLevel[] = ['COUNTY', 'CITY', 'PROVINCE'];
type CriterionKind = 'AUTOMATIC' | 'EVIDENCE' | 'INSPECTION';
type CriterionStatus = 'MET' | 'NOT_MET' | 'NOT_JUDGED';

export const RULE_TYPES = [
  'TEAM_SIZE',
  'HOURS_PER_VOLUNTEER',
  'MONTHLY_ACTIVITY',
  'ANNOUNCEMENTS',
  'SERVICE_ITEMS',
  'DUTY_COVERAGE',
  'LEADER_AND_STAFF',
  'FACILITIES',
  'NAME_PATTERN',
  'EVIDENCE_FILES',
] as const;
type RuleType = (typeof RULE_TYPES)[number];

/** Machine-readable rule: parameters, optionally overridden per title level. */
export interface Rule {
  type: RuleType;
  params: Record<string, unknown>;
  byLevel?: Partial<Record<TitleLevel, Record<string, unknown>>>;
}

export interface Criterion {
  code: string;
  name: string;
  kind: CriterionKind;
  description: string;
  rule?: Rule;
}

export interface StandardSet {
  id: string;
  code: string;
  version: number;
  name: string;
  issuer: string;
  year: number;
  levels: TitleLevel[];
  criteria: Criterion[];
  source: string | null;
}

/** An inspector's judgement of one criterion. */
export interface Finding {
  criterion: string;
  met: boolean;
  note?: string | null;
}

export interface CriterionResult {
  code: string;
  name: string;
  kind: CriterionKind;
  status: CriterionStatus;
  detail: string;
  facts: Record<string, unknown>;
}

export interface Compliance {
  standardSetId: string;
  year: number;
  level: TitleLevel;
  asOf: string;
  /** MET: every criterion met; NOT_MET: at least one not met; AWAITING_INSPECTION: none unmet, some not judged yet. */
  status: ComplianceStatus;
  /** true / false as status says; null while criteria await an inspector (never false for "not judged yet"). */
  met: boolean | null;
  criteria: CriterionResult[];
}
type ComplianceStatus = 'MET' | 'NOT_MET' | 'AWAITING_INSPECTION';

function complianceStatus(criteria: { status: CriterionStatus }[]): ComplianceStatus {
  if (criteria.some((c) => c.status === 'NOT_MET')) return 'NOT_MET';
  return criteria.some((c) => c.status === 'NOT_JUDGED') ? 'AWAITING_INSPECTION' : 'MET';
}

function paramsFor(rule: Rule, level: TitleLevel): Record<string, unknown> {
  return { ...rule.params, ...(rule.byLevel?.[level] ?? {}) };
}

/** Hours thresholds a set needs at a level (to ask the graph for volunteersMeetingThreshold). */
export function hoursThresholds(set: StandardSet, level: TitleLevel): number[] {
  const out = new Set<number>();
  for (const c of set.criteria) {
    if (c.rule?.type === 'HOURS_PER_VOLUNTEER') {
      const h = Number(paramsFor(c.rule, level).minHours);
      if (Number.isFinite(h)) out.add(h);
    }
  }
  return [...out];
}

type Verdict = {
  status: CriterionStatus;
  detail: string;
  facts: Record<string, unknown>;
};
const unavailable = (group: string): Verdict => ({
  status: 'NOT_JUDGED',
  detail: `暂无${group}数据`,
  facts: {},
});
const verdict = (met: boolean, detail: string, facts: Record<string, unknown>): Verdict => ({
  status: met ? 'MET' : 'NOT_MET',
  detail,
  facts,
});

/** Evaluates one AUTOMATIC rule against the facts; missing facts give NOT_JUDGED, never a guess. */
function evaluateRule(rule: Rule, level: TitleLevel, f: StationFacts, asOf: string): Verdict {
  const p = paramsFor(rule, level);
  if (!f.found) return { status: 'NOT_MET', detail: '平台中没有该站点', facts: {} };
  const s = f.service;
  switch (rule.type) {
    case 'TEAM_SIZE': {
      if (!s) return unavailable('志愿者');
      const byCount = p.minCount !== undefined && s.memberCount >= Number(p.minCount);
      const byShare = p.minShare !== undefined && s.headcountShare !== null && s.headcountShare >= Number(p.minShare);
      const need = [
        p.minShare !== undefined ? `不少于单位人数的${Math.round(Number(p.minShare) * 100)}%` : '',
        p.minCount !== undefined ? `不少于${p.minCount}人` : '',
      ]
        .filter(Boolean)
        .join('或');
      return verdict(
        byCount || byShare,
        `志愿者${s.memberCount}人${s.headcountShare !== null ? `，占单位人数${(s.headcountShare * 100).toFixed(1)}%` : ''}；要求${need}`,
        {
          memberCount: s.memberCount,
          headcountShare: s.headcountShare,
          ...p,
        },
      );
    }
    case 'HOURS_PER_VOLUNTEER': {
      if (!s) return unavailable('志愿服务时长');
      const meeting = s.meetingThreshold[String(p.minHours)];
      if (meeting === undefined || meeting === null) return unavailable('志愿服务时长');
      return verdict(
        s.memberCount > 0 && meeting >= s.memberCount,
        `${s.memberCount}名志愿者中${meeting}名全年服务满${p.minHours}小时；要求每名志愿者都达到`,
        {
          memberCount: s.memberCount,
          volunteersMeetingThreshold: meeting,
          minHours: p.minHours,
        },
      );
    }
    case 'MONTHLY_ACTIVITY': {
      if (!s) return unavailable('活动');
      const months = completeMonths(f.year, asOf);
      if (months.length === 0)
        return {
          status: 'NOT_JUDGED',
          detail: '本年度尚无已结束的月份',
          facts: {},
        };
      const missing = months.filter((m) => !s.monthsWithActivity.includes(m));
      return verdict(
        missing.length === 0,
        missing.length ? `${missing.join('、')}月没有活动；要求每月都组织活动` : `${months.length}个月每月都有活动`,
        {
          monthsWithActivity: s.monthsWithActivity,
          monthsRequired: months,
          missingMonths: missing,
        },
      );
    }
    case 'ANNOUNCEMENTS': {
      if (!f.announcements) return unavailable('公告');
      const min = Number(p.minCount ?? 1);
      return verdict(
        f.announcements.publishedCount >= min,
        `全年发布公告${f.announcements.publishedCount}条；要求至少${min}条`,
        { ...f.announcements, minCount: min },
      );
    }
    case 'SERVICE_ITEMS': {
      if (f.serviceItemCount === undefined) return unavailable('服务项目');
      const min = Number(p.minCount ?? 1);
      return verdict(f.serviceItemCount >= min, `公开服务项目${f.serviceItemCount}项；要求至少${min}项`, {
        serviceItemCount: f.serviceItemCount,
        minCount: min,
      });
    }
    case 'DUTY_COVERAGE': {
      if (!f.duty) return unavailable('值班');
      if (f.duty.openingSlotCount === 0) return verdict(false, '未登记对外开放时间', { ...f.duty });
      return verdict(
        f.duty.fullyCovered,
        f.duty.fullyCovered
          ? `${f.duty.weekOf}所在周开放时段均有志愿者在岗`
          : `${f.duty.weekOf}所在周有${f.duty.uncoveredSlotCount}个开放时段无志愿者在岗`,
        { ...f.duty },
      );
    }
    case 'LEADER_AND_STAFF': {
      if (!s) return unavailable('人员');
      const minLeaders = Number(p.minLeaders ?? 1);
      const minStaff = Number(p.minStaff ?? 0);
      const ok = s.leaderCount >= minLeaders && s.staffCount >= minStaff && !!f.leaderName;
      return verdict(
        ok,
        `负责人${s.leaderCount}名、专职工作人员${s.staffCount}名；要求负责人至少${minLeaders}名、专职工作人员至少${minStaff}名`,
        {
          leaderCount: s.leaderCount,
          staffCount: s.staffCount,
          leaderName: f.leaderName ?? null,
          minLeaders,
          minStaff,
        },
      );
    }
    case 'FACILITIES': {
      if (!f.facilities) return unavailable('便民设施');
      const have = f.facilities.filter((x) => x !== 'OTHER');
      const min = Number(p.minCount ?? 1);
      return verdict(have.length >= min, `配备便民设施${have.length}类；要求至少${min}类`, {
        facilities: f.facilities,
        minCount: min,
      });
    }
    case 'NAME_PATTERN': {
      if (f.name === undefined) return unavailable('站点名称');
      const ok = new RegExp(String(p.pattern), 'u').test(f.name);
      return verdict(ok, ok ? '名称符合规范' : `名称“${f.name}”不符合规范名称要求`, {
        name: f.name,
        pattern: p.pattern,
      });
    }
    case 'EVIDENCE_FILES':
      // Evidence is shown to the inspector; only an inspection judges it.
      return {
        status: 'NOT_JUDGED',
        detail: '待检查人员核验',
        facts: { evidenceKinds: f.evidenceKinds ?? [], required: p.kinds },
      };
    default:
      return {
        status: 'NOT_JUDGED',
        detail: `未知规则类型 ${String((rule as Rule).type)}`,
        facts: {},
      };
  }
}

/**
 * Each criterion with met / not met / not yet judged and the facts behind it. AUTOMATIC criteria come
 * from the facts (an inspector's finding fills in only when the facts are missing); EVIDENCE and
 * INSPECTION criteria come from the latest inspection's findings.
 */
export function evaluateCompliance(
  set: StandardSet,
  level: TitleLevel,
  facts: StationFacts,
  findings: Finding[],
  asOf: string,
): Compliance {
  const byCode = new Map(findings.map((x) => [x.criterion, x]));
  const criteria = set.criteria.map((c): CriterionResult => {
    const finding = byCode.get(c.code);
    const fromFinding = (base: Record<string, unknown>): CriterionResult | undefined =>
      finding
        ? {
            code: c.code,
            name: c.name,
            kind: c.kind,
            status: finding.met ? 'MET' : 'NOT_MET',
            detail: `检查结论：${finding.note ?? (finding.met ? '符合' : '不符合')}`,
            facts: base,
          }
        : undefined;
    if (c.kind === 'AUTOMATIC' && c.rule) {
      const v = evaluateRule(c.rule, level, facts, asOf);
      if (v.status === 'NOT_JUDGED')
        return (
          fromFinding(v.facts) ?? {
            code: c.code,
            name: c.name,
            kind: c.kind,
            ...v,
          }
        );
      return { code: c.code, name: c.name, kind: c.kind, ...v };
    }
    const shown = c.rule ? evaluateRule(c.rule, level, facts, asOf).facts : {};
    return (
      fromFinding(shown) ?? {
        code: c.code,
        name: c.name,
        kind: c.kind,
        status: 'NOT_JUDGED',
        detail: '待检查人员核验',
        facts: shown,
      }
    );
  });
  const status = complianceStatus(criteria);
  return {
    standardSetId: set.id,
    year: facts.year,
    level,
    asOf,
    status,
    met: status === 'AWAITING_INSPECTION' ? null : status === 'MET',
    criteria,
  };
}
