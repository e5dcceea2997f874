import { isRegionCode } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { share } from './stats-service';

/** What VolunteerShare states next to the figure (the dashboard shows it verbatim). */
const SHARE_DEFINITION =
  '注册志愿者占常住人口比例 = 在本地区（含下辖地区）未关闭站点有在册成员身份的志愿者人数（每人计一次）÷ 本地区人口（由所辖地区管理员按统计来源和年份填报）';

export interface VolunteerShare {
  registeredVolunteers: number;
  population: number | null;
  share: number | null;
  definition: string;
}

/** Share of population: a plain rule, never estimated (no population → no share). */
export function volunteerShare(registeredVolunteers: number, population: number | null | undefined): VolunteerShare {
  const pop = population ?? null;
  return {
    registeredVolunteers,
    population: pop,
    share: share(registeredVolunteers, pop),
    definition: SHARE_DEFINITION,
  };
}

export interface VolunteerMonth {
  month: string;
  registeredVolunteers: number;
  activeVolunteers: number;
  verifiedHours: number;
  activityCount: number;
}

/** Region figures for the share and the monthly series: one statement per batch of regions. */
export class RegionTrendsService {
  constructor(private readonly ds: DataSource) {}

  /** Distinct current members of not-closed stations under each region, kept in region_members (migration 211). */
  async registeredVolunteers(codes: readonly string[]): Promise<Map<string, number>> {
    const valid = codes.filter(isRegionCode);
    const rows: { code: string; n: number }[] = valid.length
      ? await this.ds.query(
          `SELECT region_code AS code, registered AS n FROM region_members WHERE region_code = ANY($1::text[])`,
          [valid],
        )
      : [];
    return new Map(rows.map((r) => [r.code, r.n]));
  }

  /** Monthly series of many regions over one period: one row per region and month in region_months (migration 211). */
  async series(codes: readonly string[], months: string[]): Promise<Map<string, VolunteerMonth[]>> {
    const valid = codes.filter(isRegionCode);
    const rows: {
      code: string;
      month: string;
      joined: number;
      active: number;
      hours: number;
      activities: number;
    }[] = valid.length
      ? await this.ds.query(
          `SELECT region_code AS code, to_char(month, 'YYYY-MM') AS month, joined, active, hours::float8 AS hours, activities
             FROM region_months WHERE region_code = ANY($1::text[]) AND month BETWEEN $2::date AND $3::date`,
          [valid, `${months[0]}-01`, `${months[months.length - 1]}-01`],
        )
      : [];
    const byKey = new Map(rows.map((r) => [`${r.code}|${r.month}`, r]));
    return new Map(
      valid.map((code) => [
        code,
        months.map((month) => {
          const r = byKey.get(`${code}|${month}`);
          return {
            month,
            registeredVolunteers: r?.joined ?? 0,
            activeVolunteers: r?.active ?? 0,
            verifiedHours: Math.round((r?.hours ?? 0) * 100) / 100,
            activityCount: r?.activities ?? 0,
          };
        }),
      ]),
    );
  }
}
