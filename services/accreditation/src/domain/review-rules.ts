import { zhLabel } from '@leifeng/kit';
import { addDays } from './dates';
import type { Compliance, StandardSet } from './standards';

export type ReviewOutcome = 'PASS' | 'RECTIFY' | 'FAIL';

export interface ReviewPolicy {
  /** Days given to rectify (整改期限). */
  rectifyDays: number;
  /** More unmet criteria than this fail outright. */
  maxUnmetForRectify: number;
}

export interface ReviewInputs {
  compliance: Compliance;
  stationStatus: string | null;
  latestInspection: {
    id: string;
    verdict: ReviewOutcome;
    inspectedOn: string;
  } | null;
  /** Open rectification orders of the station. */
  openRectifications: { id: string; deadline: string }[];
  asOf: string;
}

export interface ReviewDecision {
  outcome: ReviewOutcome;
  deadline: string | null;
  reasons: string[];
  expiredRectificationIds: string[];
}

/**
 * 复核: FAIL when the station closed, an inspection failed it, a rectification deadline passed
 * unmet, or too many criteria are unmet; RECTIFY for a few unmet criteria or an inspection asking
 * for it; PASS otherwise. Criteria not yet judged never fail a station.
 */
export function decideReview(input: ReviewInputs, policy: ReviewPolicy): ReviewDecision {
  const reasons: string[] = [];
  const unmet = input.compliance.criteria.filter((c) => c.status === 'NOT_MET');
  const expired = input.openRectifications.filter((r) => r.deadline < input.asOf);
  let outcome: ReviewOutcome = 'PASS';
  if (input.stationStatus !== 'ACTIVE')
    reasons.push(input.stationStatus ? `站点状态为${zhLabel('stationStatus', input.stationStatus)}` : '站点不存在');
  if (input.latestInspection?.verdict === 'FAIL')
    reasons.push(`${input.latestInspection.inspectedOn} 检查结论为不合格`);
  if (expired.length) reasons.push(`整改期限（${expired.map((r) => r.deadline).join('、')}）已过仍未整改到位`);
  if (unmet.length > policy.maxUnmetForRectify)
    reasons.push(`${unmet.length} 项指标未达标：${unmet.map((c) => c.name).join('、')}`);
  if (reasons.length) outcome = 'FAIL';
  else if (unmet.length || input.latestInspection?.verdict === 'RECTIFY') {
    outcome = 'RECTIFY';
    if (unmet.length) reasons.push(`未达标：${unmet.map((c) => c.name).join('、')}`);
    if (input.latestInspection?.verdict === 'RECTIFY')
      reasons.push(`${input.latestInspection.inspectedOn} 检查要求整改`);
  }
  return {
    outcome,
    deadline: outcome === 'RECTIFY' ? addDays(input.asOf, policy.rectifyDays) : null,
    reasons,
    expiredRectificationIds: expired.map((r) => r.id),
  };
}

const LEVEL_NAME: Record<string, string> = {
  COUNTY: '县级',
  CITY: '市级',
  PROVINCE: '省级',
};

/** What a FAIL of the reviewed (highest) title does to each lower title the station holds. */
export interface TitleDecision {
  titleId: string;
  level: string;
  revoked: boolean;
  reason: string;
}

export interface HonorExitRule {
  basicFailureRevokesAllLevels: boolean;
  /** Rule types whose criteria, unmet at a title's own level, fail that level too (no team, no activity). */
  basicRuleTypes: string[];
}

/**
 * Honor exit across levels (荣誉退出): when the highest title FAILs and the campaign's profile says so,
 * a station that fails for reasons that fail every level — not running (closed, suspended, gone), or a
 * basic criterion (team, activity) unmet at the lower title's own level — loses every title; one that
 * failed only the higher level's standard keeps the lower title. `lower` gives each lower title with
 * its compliance evaluated at its own level.
 */
export function decideLowerTitles(
  failedLevel: string,
  stationStatus: string | null,
  lower: {
    titleId: string;
    level: string;
    compliance: Compliance;
    set: StandardSet;
  }[],
  rule: HonorExitRule,
): TitleDecision[] {
  if (!rule.basicFailureRevokesAllLevels) return [];
  return lower.map((t) => {
    const name = LEVEL_NAME[t.level] ?? t.level;
    if (stationStatus !== 'ACTIVE') {
      return {
        titleId: t.titleId,
        level: t.level,
        revoked: true,
        reason: `${stationStatus ? `站点状态为 ${stationStatus}` : '站点不存在'}，任何一级都不达标：${name}称号一并摘牌`,
      };
    }
    const basic = new Set(
      t.set.criteria.filter((c) => c.rule && rule.basicRuleTypes.includes(c.rule.type)).map((c) => c.code),
    );
    const failed = t.compliance.criteria.filter((c) => basic.has(c.code) && c.status === 'NOT_MET');
    if (failed.length) {
      return {
        titleId: t.titleId,
        level: t.level,
        revoked: true,
        reason: `${failed.map((c) => c.name).join('、')}按${name}标准同样未达标：${name}称号一并摘牌`,
      };
    }
    return {
      titleId: t.titleId,
      level: t.level,
      revoked: false,
      reason: `只是未达到${LEVEL_NAME[failedLevel] ?? failedLevel}标准，${name}标准的基本条件仍然达标：保留${name}称号`,
    };
  });
}
