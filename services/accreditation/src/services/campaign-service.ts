import {
  assertAllowed,
  canAdministerRegion,
  DomainError,
  isRegionCode,
  regionCovers,
  regionLevelOfCode,
  type AuthUser,
} from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { assertCalendarChange, validatePhases, type PhaseWindow } from '../domain/cycle-calendar';
import { todayIn, type Clock } from '../domain/dates';
import {
  assertLevelsInProfile,
  phasesForYear,
  validateRuleProfile,
  type RuleProfile,
  type RuleProfileDraft,
} from '../domain/rule-profile';
import { validateStandardSet, type StandardSetDraft } from '../domain/standard-input';
import { TITLE_LEVELS, type StandardSet, type TitleLevel } from '../domain/standards';
import { assertQuotaCoversUse, cityTitleStanding, type CityTitleStanding } from '../domain/quota-rules';
import {
  cityTitlesNamedByCity,
  COLS,
  requireCycle,
  requireRuleProfile,
  requireStandardSet,
  toCycle,
  type CycleRow,
} from './rows';

export interface CreateCycleInput {
  issuingRegionCode: string;
  year: number;
  standardSetId: string;
  /** The campaign's rule profile (e.g. hunan-2012@1). */
  ruleProfileId: string;
  levels: TitleLevel[];
  /** Default: the profile's phase template laid on the year. */
  phases?: PhaseWindow[] | null;
  noticeWorkingDays?: number | null;
  countyRecommendationLimit?: number | null;
  directToCityCategories?: string[] | null;
  quotaTemplate?: string | null;
}

/** Applicants a quota's city group has forwarded at its level (the `used` of a quota row aliased q). */
const USED_SQL = `(SELECT count(DISTINCT a.id)::int FROM application a JOIN endorsement e ON e.application_id = a.id
    WHERE a.cycle_id = q.cycle_id AND a.level = q.level AND a.region_code LIKE substr(q.region_code, 1, 4) || '%'
      AND a.status <> 'REJECTED' AND e.stage = 'CITY' AND e.decision = 'RECOMMEND' AND NOT e.superseded)`;

/** One row of a seeded quota table. */
export interface QuotaTemplateRow {
  regionCode: string;
  level: TitleLevel;
  amount: number;
}

export interface QuotaUse {
  cycleId: string;
  regionCode: string;
  level: TitleLevel;
  amount: number;
  used: number;
  cityTitles?: (CityTitleStanding & { year: number; source: string }) | null;
}

/** Standard sets, cycles (年度创建活动) and quotas: set up by the issuing region's admins. */
export class CampaignService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async createStandardSet(user: AuthUser | undefined, input: StandardSetDraft): Promise<StandardSet> {
    assertAllowed(
      user,
      !!user?.roles.some((r) => r === 'PROVINCE_ADMIN' || r === 'CITY_ADMIN'),
      '只有省、市级管理员可以发布创建标准',
    );
    const set = validateStandardSet(input);
    return this.ds.transaction(async (m) => {
      const exists = await m.query(`SELECT 1 FROM standard_set WHERE id = $1`, [set.id]);
      if (exists.length)
        throw new DomainError('STANDARD_SET_EXISTS', `创建标准 ${set.id} 已存在，请使用新的版本号`, { id: set.id });
      await m.query(
        `INSERT INTO standard_set (id, code, version, name, issuer, year, levels, criteria, source) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [
          set.id,
          set.code,
          set.version,
          set.name,
          set.issuer,
          set.year,
          JSON.stringify(set.levels),
          JSON.stringify(set.criteria),
          set.source,
        ],
      );
      return set;
    });
  }

  /** A province admin adds a campaign's rules as data, every setting quoting its source sentence. */
  async createRuleProfile(user: AuthUser | undefined, input: RuleProfileDraft): Promise<RuleProfile> {
    assertAllowed(user, !!user?.roles.includes('PROVINCE_ADMIN'), '只有省级管理员可以发布规则方案');
    const profile = validateRuleProfile(input);
    return this.ds.transaction(async (m) => {
      const exists = await m.query(`SELECT 1 FROM rule_profile WHERE id = $1`, [profile.id]);
      if (exists.length)
        throw new DomainError('RULE_PROFILE_EXISTS', `规则方案 ${profile.id} 已存在，请使用新的版本号`, {
          id: profile.id,
        });
      await m.query(
        `INSERT INTO rule_profile (id, code, version, name, issuer, year, source, rules, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [
          profile.id,
          profile.code,
          profile.version,
          profile.name,
          profile.issuer,
          profile.year,
          profile.source,
          JSON.stringify(profile.rules),
          user!.sub,
        ],
      );
      return profile;
    });
  }

  listRuleProfiles(): Promise<RuleProfile[]> {
    return this.ds.query(`SELECT ${COLS.ruleProfile} FROM rule_profile ORDER BY code, version`);
  }

  async ruleProfile(id: string): Promise<RuleProfile | null> {
    const [row] = await this.ds.query(`SELECT ${COLS.ruleProfile} FROM rule_profile WHERE id = $1`, [id]);
    return row ?? null;
  }

  listStandardSets(): Promise<StandardSet[]> {
    return this.ds.query(`SELECT ${COLS.standardSet} FROM standard_set ORDER BY code, version`);
  }

  async standardSet(id: string): Promise<StandardSet | null> {
    const [row] = await this.ds.query(`SELECT ${COLS.standardSet} FROM standard_set WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** A seeded quota table in region order (the rows createCycle copies). */
  quotaTemplate(code: string): Promise<QuotaTemplateRow[]> {
    return this.ds.query(
      `SELECT region_code AS "regionCode", level, amount FROM quota_template WHERE template_code = $1 ORDER BY region_code, level`,
      [code],
    );
  }

  async createCycle(user: AuthUser | undefined, input: CreateCycleInput): Promise<CycleRow> {
    const level = regionLevelOfCode(input.issuingRegionCode);
    assertAllowed(user, true);
    if (!isRegionCode(input.issuingRegionCode) || (level !== 'PROVINCE' && level !== 'CITY')) {
      throw new DomainError('INVALID_REGION', '创建活动只能由省级或市级发起', {
        field: 'issuingRegionCode',
      });
    }
    const adminRole = level === 'PROVINCE' ? 'PROVINCE_ADMIN' : 'CITY_ADMIN';
    assertAllowed(
      user,
      !!user?.roles.includes(adminRole) && canAdministerRegion(user, input.issuingRegionCode),
      '只有发起地区的管理员可以创建年度活动',
    );
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
      throw new DomainError('INVALID_NUMBER', '年度不正确', { field: 'year' });
    if (
      !input.levels.length ||
      input.levels.some((l) => !TITLE_LEVELS.includes(l)) ||
      new Set(input.levels).size !== input.levels.length
    ) {
      throw new DomainError('INVALID_LEVEL', '授予级别不正确', {
        field: 'levels',
      });
    }
    if (level === 'CITY' && input.levels.includes('PROVINCE'))
      throw new DomainError('INVALID_LEVEL', '市级发起的活动不能授予省级雷锋号', { field: 'levels' });
    const limit = input.countyRecommendationLimit ?? null;
    if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 20))
      throw new DomainError('INVALID_NUMBER', '县级推荐名额应在 1–20 之间', {
        field: 'countyRecommendationLimit',
      });
    const categories = input.directToCityCategories ?? null;
    if (categories && (categories.length > 20 || categories.some((c) => !/^[A-Z_]{2,40}$/.test(c))))
      throw new DomainError('INVALID_CODE', '直接申报市级的站点类别不正确', {
        field: 'directToCityCategories',
      });
    if (
      input.noticeWorkingDays != null &&
      (!Number.isInteger(input.noticeWorkingDays) || input.noticeWorkingDays < 1 || input.noticeWorkingDays > 30)
    ) {
      throw new DomainError('INVALID_NUMBER', '公示期应为 1–30 个工作日', {
        field: 'noticeWorkingDays',
      });
    }
    return this.ds.transaction(async (m) => {
      const profile = await requireRuleProfile(m, input.ruleProfileId);
      assertLevelsInProfile(profile, input.levels);
      const days = input.noticeWorkingDays ?? profile.rules.noticeWorkingDays.value;
      const phases = validatePhases(input.phases ?? phasesForYear(profile.rules, input.year), input.year);
      const set = await requireStandardSet(m, input.standardSetId);
      const unsupported = input.levels.filter((l) => !set.levels.includes(l));
      if (unsupported.length)
        throw new DomainError('INVALID_LEVEL', `创建标准“${set.name}”不适用于${unsupported.join('、')}级`, {
          field: 'levels',
        });
      const dup = await m.query(`SELECT 1 FROM cycle WHERE issuing_region_code = $1 AND year = $2`, [
        input.issuingRegionCode,
        input.year,
      ]);
      if (dup.length)
        throw new DomainError('CYCLE_EXISTS', `${input.issuingRegionCode} 的 ${input.year} 年度创建活动已存在`);
      const [{ id }] = await m.query(
        `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, notice_working_days, county_recommendation_limit, direct_to_city_categories, profile_id, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
        [
          input.issuingRegionCode,
          input.year,
          set.id,
          JSON.stringify(input.levels),
          JSON.stringify(phases),
          days,
          limit,
          categories ? JSON.stringify(categories) : null,
          profile.id,
          user!.sub,
        ],
      );
      await this.recordCalendarChange(m, id, user!.sub, null, phases);
      if (input.quotaTemplate) {
        const inserted = await m.query(
          `INSERT INTO quota (cycle_id, region_code, level, amount)
           SELECT $1, region_code, level, amount FROM quota_template WHERE template_code = $2 AND region_code LIKE $3 RETURNING region_code`,
          [id, input.quotaTemplate, `${input.issuingRegionCode.slice(0, level === 'PROVINCE' ? 2 : 4)}%`],
        );
        if (inserted.length === 0)
          throw new DomainError('QUOTA_TEMPLATE_NOT_FOUND', `未找到名额分配表：${input.quotaTemplate}`, {
            field: 'quotaTemplate',
          });
      }
      return requireCycle(m, id);
    });
  }

  /** The issuing admin adjusts the calendar (e.g. extends the application phase). */
  async updatePhases(user: AuthUser | undefined, cycleId: string, raw: PhaseWindow[]): Promise<CycleRow> {
    return this.ds.transaction(async (m) => {
      const cycle = await requireCycle(m, cycleId, true);
      this.assertIssuer(user, cycle);
      const phases = validatePhases(raw, cycle.year);
      assertCalendarChange(cycle.phases, phases, todayIn(this.clock));
      await m.query(`UPDATE cycle SET phases = $2 WHERE id = $1`, [cycleId, JSON.stringify(phases)]);
      await this.recordCalendarChange(m, cycleId, user!.sub, cycle.phases, phases);
      return requireCycle(m, cycleId);
    });
  }

  private async recordCalendarChange(
    m: EntityManager,
    cycleId: string,
    by: string,
    before: PhaseWindow[] | null,
    after: PhaseWindow[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO cycle_calendar_change (cycle_id, changed_by, changed_at, before, after) VALUES ($1,$2,$3,$4,$5)`,
      [cycleId, by, this.clock.now(), before ? JSON.stringify(before) : null, JSON.stringify(after)],
    );
  }

  /** The cycle's calendar history, oldest first. */
  calendarChanges(cycleId: string): Promise<
    {
      changedBy: string;
      changedAt: Date;
      before: PhaseWindow[] | null;
      after: PhaseWindow[];
    }[]
  > {
    return this.ds.query(
      `SELECT changed_by AS "changedBy", changed_at AS "changedAt", before, after FROM cycle_calendar_change WHERE cycle_id = $1 ORDER BY id`,
      [cycleId],
    );
  }

  async setQuota(user: AuthUser | undefined, cycleId: string, regionCode: string, level: TitleLevel, amount: number) {
    if (!Number.isInteger(amount) || amount < 0 || amount > 1000)
      throw new DomainError('INVALID_NUMBER', '名额应为 0–1000 的整数', {
        field: 'amount',
      });
    if (!TITLE_LEVELS.includes(level)) throw new DomainError('INVALID_LEVEL', '级别不正确', { field: 'level' });
    return this.ds.transaction(async (m) => {
      const cycle = await requireCycle(m, cycleId, true);
      this.assertIssuer(user, cycle);
      if (
        !isRegionCode(regionCode) ||
        !regionCovers(cycle.issuingRegionCode, regionCode) ||
        regionCode === cycle.issuingRegionCode
      ) {
        throw new DomainError('INVALID_REGION', '名额只能分配给发起地区的下级地区', { field: 'regionCode' });
      }
      // Locks the quota row (when it exists): a forward in flight (FOR SHARE) commits before the use is counted.
      await m.query(`SELECT 1 FROM quota WHERE cycle_id = $1 AND region_code = $2 AND level = $3 FOR UPDATE`, [
        cycleId,
        regionCode,
        level,
      ]);
      const [{ used }] = await m.query(
        `SELECT ${USED_SQL} AS used FROM (SELECT $1::uuid AS cycle_id, $2::text AS region_code, $3::text AS level) q`,
        [cycleId, regionCode, level],
      );
      assertQuotaCoversUse(amount, used as number, regionCode);
      await m.query(
        `INSERT INTO quota (cycle_id, region_code, level, amount) VALUES ($1,$2,$3,$4)
         ON CONFLICT (cycle_id, region_code, level) DO UPDATE SET amount = EXCLUDED.amount`,
        [cycleId, regionCode, level, amount],
      );
      return { cycleId, regionCode, level, amount };
    });
  }

  assertIssuer(user: AuthUser | undefined, cycle: CycleRow): void {
    const role = regionLevelOfCode(cycle.issuingRegionCode) === 'PROVINCE' ? 'PROVINCE_ADMIN' : 'CITY_ADMIN';
    assertAllowed(
      user,
      !!user?.roles.includes(role) && canAdministerRegion(user, cycle.issuingRegionCode),
      '只有发起地区的管理员可以管理本年度活动',
    );
  }

  async cycle(id: string): Promise<CycleRow | null> {
    try {
      return await requireCycle(this.ds.manager, id);
    } catch (err) {
      // Only a missing (or malformed) id reads as "not found"; a database failure is an error.
      if (err instanceof DomainError && err.code === 'CYCLE_NOT_FOUND') return null;
      throw err;
    }
  }

  async cycles(regionCode?: string | null): Promise<CycleRow[]> {
    const rows = regionCode
      ? await this.ds.query(`SELECT ${COLS.cycle} FROM cycle WHERE issuing_region_code = $1 ORDER BY year DESC`, [
          regionCode,
        ])
      : await this.ds.query(`SELECT ${COLS.cycle} FROM cycle ORDER BY year DESC, issuing_region_code`);
    return rows.map(toCycle);
  }

  /**
   * Quotas of a cycle with how many applicants each region has forwarded at that level and, for
   * provincial quotas under a "≥ N × quota CITY titles" rule, the city's standing (named / required).
   */
  async quotas(cycleId: string, regionCode?: string): Promise<QuotaUse[]> {
    const cycle = await this.cycle(cycleId);
    if (!cycle) return [];
    const rows: QuotaUse[] = await this.ds.query(
      `SELECT q.cycle_id AS "cycleId", q.region_code AS "regionCode", q.level, q.amount,
              ${USED_SQL} AS used
         FROM quota q WHERE q.cycle_id = $1 AND ($2::text IS NULL OR q.region_code = $2) ORDER BY q.region_code, q.level`,
      [cycleId, regionCode ?? null],
    );
    const factor = cycle.rules.cityTitlesPerProvincialQuota.value;
    const named =
      factor !== null && rows.some((q) => q.level === 'PROVINCE')
        ? await cityTitlesNamedByCity(this.ds.manager, cycle.year)
        : new Map<string, number>();
    for (const q of rows) {
      q.cityTitles =
        q.level === 'PROVINCE' && factor !== null
          ? {
              ...cityTitleStanding(q.regionCode, named.get(q.regionCode.slice(0, 4)) ?? 0, q.amount, factor),
              year: cycle.year,
              source: cycle.rules.cityTitlesPerProvincialQuota.source,
            }
          : null;
    }
    return rows;
  }
}
