import { isRegionCode, regionPrefix } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { share } from './stats-service';

/** What VolunteerShare states next to the figure (the dashboard shows it verbatim). */
export const SHARE_DEFINITION =
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
  return { registeredVolunteers, population: pop, share: share(registeredVolunteers, pop), definition: SHARE_DEFINITION };
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

  /** Distinct current members of not-closed stations under each region (the RegionServiceStats.memberCount rule). */
  async registeredVolunteers(codes: readonly string[]): Promise<Map<string, number>> {
    const valid = codes.filter(isRegionCode);
    const rows: { code: string; n: number }[] = valid.length
      ? await this.ds.query(
          `SELECT r.code, count(DISTINCT ms.volunteer_id)::int AS n
             FROM unnest($1::text[], $2::text[]) AS r(code, prefix)
             JOIN station_ref s ON s.region_code LIKE r.prefix || '%' AND s.status <> 'CLOSED'
             JOIN memberships ms ON ms.station_id = s.id AND ms.left_on IS NULL
            GROUP BY r.code`,
          [valid, valid.map(regionPrefix)],
        )
      : [];
    return new Map(rows.map((r) => [r.code, r.n]));
  }

  /** Monthly series of many regions over one period from volunteer_months / station_activity_months (migration 1763800000210). */
  async series(codes: readonly string[], months: string[]): Promise<Map<string, VolunteerMonth[]>> {
    const valid = codes.filter(isRegionCode);
    const rows: { code: string; month: string; joined: number; active: number; hours: number; activities: number }[] = valid.length
      ? await this.ds.query(
          `WITH r AS (SELECT * FROM unnest($1::text[], $2::text[]) AS x(code, prefix)),
           st AS (SELECT r.code, s.id FROM r JOIN station_ref s ON s.region_code LIKE r.prefix || '%'),
           vm AS (SELECT st.code, v.month, count(DISTINCT v.volunteer_id) FILTER (WHERE v.joined > 0) AS joined,
                         count(DISTINCT v.volunteer_id) FILTER (WHERE v.records > 0) AS active, sum(v.hours) AS hours
                    FROM st JOIN volunteer_months v ON v.station_id = st.id AND v.month BETWEEN $3::date AND $4::date GROUP BY 1, 2),
           am AS (SELECT st.code, a.month, sum(a.activities) AS activities
                    FROM st JOIN station_activity_months a ON a.station_id = st.id AND a.month BETWEEN $3::date AND $4::date GROUP BY 1, 2)
           SELECT COALESCE(vm.code, am.code) AS code, to_char(COALESCE(vm.month, am.month), 'YYYY-MM') AS month,
                  COALESCE(vm.joined, 0)::int AS joined, COALESCE(vm.active, 0)::int AS active,
                  COALESCE(vm.hours, 0)::float8 AS hours, COALESCE(am.activities, 0)::int AS activities
             FROM vm FULL JOIN am ON am.code = vm.code AND am.month = vm.month`,
          [valid, valid.map(regionPrefix), `${months[0]}-01`, `${months[months.length - 1]}-01`],
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
