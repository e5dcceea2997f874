import { DomainError, isUuid, notFound } from '@leifeng/kit';
import type { ReviewOutcome } from '../domain/review-rules';
import type { EntityManager } from 'typeorm';
import type { PhaseWindow } from '../domain/cycle-calendar';
import type { Stage } from '../domain/endorsement-chain';
import { directEntryCategories, effectiveRules, type ProfileRules, type RuleProfile } from '../domain/rule-profile';
import type { StandardSet, TitleLevel } from '../domain/standards';

/** Column lists with camelCase aliases; dates as text so no time zone ever shifts a calendar day. */
export const COLS = {
  stationRef: `id, name, region_code AS "regionCode", status, category, established_on::text AS "establishedOn"`,
  standardSet: `id, code, version, name, issuer, year, levels, criteria, source`,
  ruleProfile: `id, code, version, name, issuer, year, source, rules`,
  cycle: `id, issuing_region_code AS "issuingRegionCode", year, standard_set_id AS "standardSetId", levels, phases,
    notice_working_days AS "noticeWorkingDays", county_recommendation_limit AS "limitOverride",
    direct_to_city_categories AS "categoriesOverride", profile_id AS "profileId",
    (SELECT p.rules FROM rule_profile p WHERE p.id = cycle.profile_id) AS "profileRules", created_at AS "createdAt"`,
  application: `id, cycle_id AS "cycleId", station_id AS "stationId", region_code AS "regionCode", level, status,
    current_stage AS "currentStage", stages, form, attachments, outstanding, submitted_by AS "submittedBy",
    submitted_on::text AS "submittedOn", created_at AS "createdAt", updated_at AS "updatedAt"`,
  endorsement: `id, application_id AS "applicationId", stage, decision, comment, outstanding, signer, signer_region AS "signerRegion", outstanding_reason AS "outstandingReason", signed_at AS "signedAt", superseded`,
  inspection: `id, station_id AS "stationId", cycle_id AS "cycleId", kind, inspector, inspected_on::text AS "inspectedOn", verdict, findings, photos, created_at AS "createdAt"`,
  title: `id, station_id AS "stationId", region_code AS "regionCode", level, cycle_id AS "cycleId", application_id AS "applicationId",
    conferred_on::text AS "conferredOn", certificate_number AS "certificateNumber", status, revoked_on::text AS "revokedOn",
    revoked_reason AS "revokedReason", revoked_review_id AS "revokedReviewId", reinstated_on::text AS "reinstatedOn", appeal, history`,
  rectification: `id, station_id AS "stationId", title_id AS "titleId", inspection_id AS "inspectionId", review_id AS "reviewId", requirements,
    deadline::text AS deadline, status, follow_up_note AS "followUpNote", followed_up_on::text AS "followedUpOn", ordered_by AS "orderedBy", created_at AS "createdAt"`,
  notice: `id, cycle_id AS "cycleId", level, region_code AS "regionCode", starts_on::text AS "startsOn", ends_on::text AS "endsOn",
    application_ids AS "applicationIds", published_by AS "publishedBy", named_at AS "namedAt", calendar_warning AS "calendarWarning", created_at AS "createdAt"`,
  objection: `id, notice_id AS "noticeId", application_id AS "applicationId", content, filed_by AS "filedBy", status, resolution,
    resolved_by AS "resolvedBy", resolved_at AS "resolvedAt", created_at AS "createdAt",
    objector_name AS "objectorName", objector_phone_enc AS "objectorPhoneEnc"`,
  run: `id, run_key AS "runKey", cycle_id AS "cycleId", region_code AS "regionCode", year, as_of::text AS "asOf", dry_run AS "dryRun",
    trigger, status, total, started_by AS "startedBy", created_at AS "createdAt", completed_at AS "completedAt"`,
  review: `id, run_id AS "runId", station_id AS "stationId", title_id AS "titleId", outcome, deadline::text AS deadline, reasons, facts,
    compliance, title_decisions AS "titleDecisions", dry_run AS "dryRun", created_at AS "createdAt"`,
};

export interface StationRef {
  id: string;
  name: string;
  regionCode: string;
  status: string;
  category: string;
  establishedOn: string | null;
}
export interface CycleRow {
  id: string;
  issuingRegionCode: string;
  year: number;
  standardSetId: string;
  levels: TitleLevel[];
  phases: PhaseWindow[];
  noticeWorkingDays: number;
  profileId: string;
  /** The profile's rules with the cycle's own overrides laid over them. */
  rules: ProfileRules;
  /** null = not limited. */
  countyRecommendationLimit: number | null;
  directToCityCategories: string[];
  createdAt: Date;
}
type RawCycle = Omit<CycleRow, 'rules' | 'countyRecommendationLimit' | 'directToCityCategories'> & {
  limitOverride: number | null;
  categoriesOverride: string[] | null;
  profileRules: ProfileRules;
};

export function toCycle(raw: RawCycle): CycleRow {
  const { limitOverride, categoriesOverride, profileRules, ...rest } = raw;
  const rules = effectiveRules(profileRules, {
    countyRecommendationLimit: limitOverride,
    directToCityCategories: categoriesOverride,
  });
  return {
    ...rest,
    rules,
    countyRecommendationLimit: rules.countyRecommendation.value.max,
    directToCityCategories: directEntryCategories(rules),
  };
}
/** The application form's fields (the leader's phone is masked for callers who do not manage the station). */
export type ApplicationForm = Record<string, string>;

export interface ObjectionRow {
  id: string;
  noticeId: string;
  applicationId: string;
  content: string;
  filedBy: string;
  status: 'OPEN' | 'UPHELD' | 'DISMISSED';
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
  /** Set for a public filing (no account): the objector's name and sealed phone. */
  objectorName: string | null;
  objectorPhoneEnc: string | null;
}

export interface EndorsementRow {
  id: string;
  applicationId: string;
  stage: Stage;
  decision: string;
  comment: string;
  outstanding: boolean;
  signer: string;
  signerRegion: string | null;
  outstandingReason: string | null;
  signedAt: Date;
  superseded: boolean;
}

export interface ApplicationRow {
  id: string;
  cycleId: string;
  stationId: string;
  regionCode: string;
  level: TitleLevel;
  status: 'SUBMITTED' | 'RETURNED' | 'REJECTED' | 'CANDIDATE' | 'NAMED';
  currentStage: Stage | null;
  stages: Stage[];
  form: ApplicationForm;
  attachments: unknown[];
  outstanding: boolean;
  submittedBy: string;
  submittedOn: string;
  createdAt: Date;
  updatedAt: Date;
}
export interface TitleRow {
  id: string;
  stationId: string;
  regionCode: string;
  level: TitleLevel;
  cycleId: string;
  applicationId: string | null;
  conferredOn: string;
  certificateNumber: string;
  status: 'ACTIVE' | 'REVOKED';
  revokedOn: string | null;
  revokedReason: string | null;
  revokedReviewId: string | null;
  reinstatedOn: string | null;
  appeal: {
    reason: string;
    filedBy: string;
    filedAt: string;
    status: 'OPEN' | 'GRANTED' | 'DENIED';
    decidedBy?: string;
    comment?: string;
  } | null;
  history: unknown[];
}
export interface RunRow {
  id: string;
  runKey: string;
  cycleId: string | null;
  regionCode: string | null;
  year: number;
  asOf: string;
  dryRun: boolean;
  trigger: 'SCHEDULE' | 'ON_DEMAND';
  status: 'PENDING' | 'RUNNING' | 'COMPLETED';
  total: number;
  startedBy: string;
  createdAt: Date;
  completedAt: Date | null;
}
export interface ReviewRow {
  id: string;
  runId: string;
  stationId: string;
  titleId: string;
  outcome: ReviewOutcome;
  deadline: string | null;
  reasons: string[];
  facts: unknown;
  compliance: unknown;
  titleDecisions: {
    titleId: string;
    level: TitleLevel;
    revoked: boolean;
    reason: string;
  }[];
  dryRun: boolean;
  createdAt: Date;
}

export { isUuid };

export async function one<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T | undefined> {
  const rows: T[] = await m.query(sql, params);
  return rows[0];
}

export async function stationRef(m: EntityManager, id: string): Promise<StationRef | undefined> {
  if (!isUuid(id)) return undefined;
  return one<StationRef>(m, `SELECT ${COLS.stationRef} FROM station_ref WHERE id = $1`, [id]);
}

export async function requireCycle(m: EntityManager, id: string, lock = false): Promise<CycleRow> {
  const row = isUuid(id)
    ? await one<RawCycle>(m, `SELECT ${COLS.cycle} FROM cycle WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id])
    : undefined;
  if (!row) throw new DomainError('CYCLE_NOT_FOUND', `未找到创建年度：${id}`, { id });
  return toCycle(row);
}

export async function requireStandardSet(m: EntityManager, id: string): Promise<StandardSet> {
  const row = await one<StandardSet>(m, `SELECT ${COLS.standardSet} FROM standard_set WHERE id = $1`, [id]);
  if (!row)
    throw new DomainError('STANDARD_SET_NOT_FOUND', `未找到创建标准：${id}`, {
      id,
    });
  return row;
}

export async function requireRuleProfile(m: EntityManager, id: string): Promise<RuleProfile> {
  const row = await one<RuleProfile>(m, `SELECT ${COLS.ruleProfile} FROM rule_profile WHERE id = $1`, [id]);
  if (!row)
    throw new DomainError('RULE_PROFILE_NOT_FOUND', `未找到规则方案：${id}`, {
      id,
    });
  return row;
}

export async function requireApplication(m: EntityManager, id: string, lock = false): Promise<ApplicationRow> {
  const row = isUuid(id)
    ? await one<ApplicationRow>(
        m,
        `SELECT ${COLS.application} FROM application WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
        [id],
      )
    : undefined;
  if (!row) throw notFound('申报', id);
  return row;
}

export async function requireTitle(m: EntityManager, id: string, lock = false): Promise<TitleRow> {
  const row = isUuid(id)
    ? await one<TitleRow>(m, `SELECT ${COLS.title} FROM title WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id])
    : undefined;
  if (!row) throw notFound('雷锋号', id);
  return row;
}

/**
 * CITY titles each city has named for a campaign year, whichever cycle named them (the province's or
 * the city's own), revoked ones left out: what "市级雷锋号命名数量" counts. City prefix (4 digits) → titles.
 */
export async function cityTitlesNamedByCity(m: EntityManager, year: number): Promise<Map<string, number>> {
  const rows: { prefix: string; n: number }[] = await m.query(
    `SELECT substr(t.region_code, 1, 4) AS prefix, count(*)::int AS n FROM title t JOIN cycle c ON c.id = t.cycle_id
      WHERE t.level = 'CITY' AND t.status = 'ACTIVE' AND c.year = $1 GROUP BY 1`,
    [year],
  );
  return new Map(rows.map((r) => [r.prefix, r.n]));
}
