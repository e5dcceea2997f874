import { isRegionCode } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { VolunteerMonth } from '../domain/region-trends';

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
