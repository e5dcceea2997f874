import { assertAllowed, canAdministerRegion, DomainError, isRegionCode, regionCovers, regionLevelOfCode, type AuthUser } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { validatePhases, type PhaseWindow } from '../domain/cycle-calendar';
import { validateStandardSet } from '../domain/standard-input';
import { TITLE_LEVELS, type StandardSet, type TitleLevel } from '../domain/standards';
import { COLS, requireCycle, requireStandardSet, type CycleRow } from './rows';

export interface CreateCycleInput {
  issuingRegionCode: string;
  year: number;
  standardSetId: string;
  levels: TitleLevel[];
  phases: PhaseWindow[];
  noticeWorkingDays?: number | null;
  countyRecommendationLimit?: number | null;
  directToCityCategories?: string[] | null;
  quotaTemplate?: string | null;
}

/** Standard sets, cycles (年度创建活动) and quotas: set up by the issuing region's admins. */
export class CampaignService {
  constructor(private readonly ds: DataSource) {}

  async createStandardSet(user: AuthUser | undefined, input: Omit<StandardSet, 'id'>): Promise<StandardSet> {
    assertAllowed(user, !!user?.roles.some((r) => r === 'PROVINCE_ADMIN' || r === 'CITY_ADMIN'), '只有省、市级管理员可以发布创建标准');
    const set = validateStandardSet(input);
    return this.ds.transaction(async (m) => {
      const exists = await m.query(`SELECT 1 FROM standard_set WHERE id = $1`, [set.id]);
      if (exists.length) throw new DomainError('STANDARD_SET_EXISTS', `创建标准 ${set.id} 已存在，请使用新的版本号`, { id: set.id });
      await m.query(`INSERT INTO standard_set (id, code, version, name, issuer, year, levels, criteria, source) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, [
        set.id, set.code, set.version, set.name, set.issuer, set.year, JSON.stringify(set.levels), JSON.stringify(set.criteria), set.source,
      ]);
      return set;
    });
  }

  listStandardSets(): Promise<StandardSet[]> {
    return this.ds.query(`SELECT ${COLS.standardSet} FROM standard_set ORDER BY code, version`);
  }

  async standardSet(id: string): Promise<StandardSet | null> {
    const [row] = await this.ds.query(`SELECT ${COLS.standardSet} FROM standard_set WHERE id = $1`, [id]);
    return row ?? null;
  }

  async createCycle(user: AuthUser | undefined, input: CreateCycleInput): Promise<CycleRow> {
    const level = regionLevelOfCode(input.issuingRegionCode);
    assertAllowed(user, true);
    if (!isRegionCode(input.issuingRegionCode) || (level !== 'PROVINCE' && level !== 'CITY')) {
      throw new DomainError('INVALID_REGION', '创建活动只能由省级或市级发起', { field: 'issuingRegionCode' });
    }
    const adminRole = level === 'PROVINCE' ? 'PROVINCE_ADMIN' : 'CITY_ADMIN';
    assertAllowed(user, !!user?.roles.includes(adminRole) && canAdministerRegion(user, input.issuingRegionCode), '只有发起地区的管理员可以创建年度活动');
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw new DomainError('INVALID_NUMBER', '年度不正确', { field: 'year' });
    if (!input.levels.length || input.levels.some((l) => !TITLE_LEVELS.includes(l)) || new Set(input.levels).size !== input.levels.length) {
      throw new DomainError('INVALID_LEVEL', '授予级别不正确', { field: 'levels' });
    }
    if (level === 'CITY' && input.levels.includes('PROVINCE')) throw new DomainError('INVALID_LEVEL', '市级发起的活动不能授予省级雷锋号', { field: 'levels' });
    const limit = input.countyRecommendationLimit ?? 3;
    if (!Number.isInteger(limit) || limit < 1 || limit > 20) throw new DomainError('INVALID_NUMBER', '县级推荐名额应在 1–20 之间', { field: 'countyRecommendationLimit' });
    const days = input.noticeWorkingDays ?? 5;
    if (!Number.isInteger(days) || days < 1 || days > 30) throw new DomainError('INVALID_NUMBER', '公示期应为 1–30 个工作日', { field: 'noticeWorkingDays' });
    const phases = validatePhases(input.phases);
    return this.ds.transaction(async (m) => {
      const set = await requireStandardSet(m, input.standardSetId);
      const unsupported = input.levels.filter((l) => !set.levels.includes(l));
      if (unsupported.length) throw new DomainError('INVALID_LEVEL', `创建标准“${set.name}”不适用于${unsupported.join('、')}级`, { field: 'levels' });
      const dup = await m.query(`SELECT 1 FROM cycle WHERE issuing_region_code = $1 AND year = $2`, [input.issuingRegionCode, input.year]);
      if (dup.length) throw new DomainError('CYCLE_EXISTS', `${input.issuingRegionCode} 的 ${input.year} 年度创建活动已存在`);
      const [{ id }] = await m.query(
        `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, notice_working_days, county_recommendation_limit, direct_to_city_categories, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
        [input.issuingRegionCode, input.year, set.id, JSON.stringify(input.levels), JSON.stringify(phases), days, limit,
          JSON.stringify(input.directToCityCategories ?? ['UNIVERSITY', 'ENTERPRISE']), user!.sub],
      );
      if (input.quotaTemplate) {
        const inserted = await m.query(
          `INSERT INTO quota (cycle_id, region_code, level, amount)
           SELECT $1, region_code, level, amount FROM quota_template WHERE template_code = $2 AND region_code LIKE $3 RETURNING region_code`,
          [id, input.quotaTemplate, `${input.issuingRegionCode.slice(0, level === 'PROVINCE' ? 2 : 4)}%`],
        );
        if (inserted.length === 0) throw new DomainError('QUOTA_TEMPLATE_NOT_FOUND', `未找到名额分配表：${input.quotaTemplate}`, { field: 'quotaTemplate' });
      }
      return requireCycle(m, id);
    });
  }

  /** The issuing admin adjusts the calendar (e.g. extends the application phase). */
  async updatePhases(user: AuthUser | undefined, cycleId: string, raw: PhaseWindow[]): Promise<CycleRow> {
    const phases = validatePhases(raw);
    return this.ds.transaction(async (m) => {
      const cycle = await requireCycle(m, cycleId, true);
      this.assertIssuer(user, cycle);
      await m.query(`UPDATE cycle SET phases = $2 WHERE id = $1`, [cycleId, JSON.stringify(phases)]);
      return requireCycle(m, cycleId);
    });
  }

  async setQuota(user: AuthUser | undefined, cycleId: string, regionCode: string, level: TitleLevel, amount: number) {
    if (!Number.isInteger(amount) || amount < 0 || amount > 1000) throw new DomainError('INVALID_NUMBER', '名额应为 0–1000 的整数', { field: 'amount' });
    if (!TITLE_LEVELS.includes(level)) throw new DomainError('INVALID_LEVEL', '级别不正确', { field: 'level' });
    return this.ds.transaction(async (m) => {
      const cycle = await requireCycle(m, cycleId, true);
      this.assertIssuer(user, cycle);
      if (!isRegionCode(regionCode) || !regionCovers(cycle.issuingRegionCode, regionCode) || regionCode === cycle.issuingRegionCode) {
        throw new DomainError('INVALID_REGION', '名额只能分配给发起地区的下级地区', { field: 'regionCode' });
      }
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
    assertAllowed(user, !!user?.roles.includes(role) && canAdministerRegion(user, cycle.issuingRegionCode), '只有发起地区的管理员可以管理本年度活动');
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

  cycles(regionCode?: string | null): Promise<CycleRow[]> {
    return regionCode
      ? this.ds.query(`SELECT ${COLS.cycle} FROM cycle WHERE issuing_region_code = $1 ORDER BY year DESC`, [regionCode])
      : this.ds.query(`SELECT ${COLS.cycle} FROM cycle ORDER BY year DESC, issuing_region_code`);
  }

  /** Quotas of a cycle with how many applicants each region has forwarded at that level. */
  quotas(cycleId: string, regionCode?: string): Promise<{ cycleId: string; regionCode: string; level: TitleLevel; amount: number; used: number }[]> {
    return this.ds.query(
      `SELECT q.cycle_id AS "cycleId", q.region_code AS "regionCode", q.level, q.amount,
              (SELECT count(DISTINCT a.id)::int FROM application a JOIN endorsement e ON e.application_id = a.id
                WHERE a.cycle_id = q.cycle_id AND a.level = q.level AND a.region_code LIKE substr(q.region_code, 1, 4) || '%'
                  AND a.status <> 'REJECTED' AND e.stage = 'CITY' AND e.decision = 'RECOMMEND' AND NOT e.superseded) AS used
         FROM quota q WHERE q.cycle_id = $1 AND ($2::text IS NULL OR q.region_code = $2) ORDER BY q.region_code, q.level`,
      [cycleId, regionCode ?? null],
    );
  }
}
