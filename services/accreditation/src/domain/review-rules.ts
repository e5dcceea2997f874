import { zhLabel } from '@leifeng/kit';
import { addDays } from './dates';
import type { Compliance } from './standards';

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
  latestInspection: { id: string; verdict: ReviewOutcome; inspectedOn: string } | null;
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
  if (input.stationStatus !== 'ACTIVE') reasons.push(input.stationStatus ? `站点状态为${zhLabel('stationStatus', input.stationStatus)}` : '站点不存在');
  if (input.latestInspection?.verdict === 'FAIL') reasons.push(`${input.latestInspection.inspectedOn} 检查结论为不合格`);
  if (expired.length) reasons.push(`整改期限（${expired.map((r) => r.deadline).join('、')}）已过仍未整改到位`);
  if (unmet.length > policy.maxUnmetForRectify) reasons.push(`${unmet.length} 项指标未达标：${unmet.map((c) => c.name).join('、')}`);
  if (reasons.length) outcome = 'FAIL';
  else if (unmet.length || input.latestInspection?.verdict === 'RECTIFY') {
    outcome = 'RECTIFY';
    if (unmet.length) reasons.push(`未达标：${unmet.map((c) => c.name).join('、')}`);
    if (input.latestInspection?.verdict === 'RECTIFY') reasons.push(`${input.latestInspection.inspectedOn} 检查要求整改`);
  }
  return {
    outcome,
    deadline: outcome === 'RECTIFY' ? addDays(input.asOf, policy.rectifyDays) : null,
    reasons,
    expiredRectificationIds: expired.map((r) => r.id),
  };
}
