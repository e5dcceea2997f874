import { isRegionCode, regionPrefix } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import {
  checkThreshold,
  checkYear,
  share,
  toStats,
  type RegionServiceStats,
  type RegionStatsRow,
  type ServiceStats,
  type StatsRow,
} from '../src/domain/stats';
import { isUuid } from '../src/services/station-ref';

// Year bounds: service dates are Shanghai calendar dates; activity starts are instants, cut at Shanghai midnight.
const YEAR_DATES = `r.service_date >= make_date($2, 1, 1) AND r.service_date < make_date($2 + 1, 1, 1)`;
const YEAR_STARTS = `a.starts_at >= make_timestamptz($2, 1, 1, 0, 0, 0, 'Asia/Shanghai') AND a.starts_at < make_timestamptz($2 + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')
  AND a.starts_at <= now() AND a.status <> 'CANCELLED'`;

/**
 * The ORACLE: StatsService's statements as they were before verified_hours_yearly (commit a816085),
 * aggregating raw service_records on every call. Do not "fix" or optimise this file: the summary-backed
 * StatsService must answer exactly what these statements answer.
 */
export class RawRecordStats {
  constructor(private readonly ds: DataSource) {}

  async forStations(stationIds: string[], year: number, threshold: number | null): Promise<Map<string, ServiceStats>> {
    checkYear(year);
    checkThreshold(threshold);
    const ids = stationIds.filter(isUuid);
    const rows: StatsRow[] = ids.length
      ? await this.ds.query(
          `WITH ids AS (SELECT DISTINCT unnest($1::uuid[]) AS id),
           cur AS (SELECT ms.station_id, ms.volunteer_id, ms.role FROM memberships ms WHERE ms.station_id = ANY($1::uuid[]) AND ms.left_on IS NULL),
           mc AS (SELECT station_id, count(*) AS members, count(*) FILTER (WHERE role = 'LEADER') AS leaders, count(*) FILTER (WHERE role = 'STAFF') AS staff
                    FROM cur GROUP BY station_id),
           vh AS (SELECT r.station_id, r.volunteer_id, sum(r.hours) AS hours FROM service_records r
                   WHERE r.station_id = ANY($1::uuid[]) AND r.status = 'VERIFIED' AND ${YEAR_DATES} GROUP BY 1, 2),
           rs AS (SELECT vh.station_id, sum(vh.hours) AS hours, count(cur.volunteer_id) AS active,
                         count(cur.volunteer_id) FILTER (WHERE vh.hours >= $3::float8) AS meeting
                    FROM vh LEFT JOIN cur ON cur.station_id = vh.station_id AND cur.volunteer_id = vh.volunteer_id GROUP BY 1),
           am AS (SELECT a.station_id, extract(month FROM a.starts_at AT TIME ZONE 'Asia/Shanghai')::int AS month, count(*) AS n
                    FROM activities a WHERE a.station_id = ANY($1::uuid[]) AND ${YEAR_STARTS} GROUP BY 1, 2),
           ac AS (SELECT station_id, sum(n) AS activities, array_agg(month ORDER BY month) AS months FROM am GROUP BY 1)
           SELECT ids.id, COALESCE(mc.members, 0)::int AS members, COALESCE(mc.leaders, 0)::int AS leaders, COALESCE(mc.staff, 0)::int AS staff,
                  COALESCE(rs.active, 0)::int AS active, COALESCE(rs.hours, 0)::float8 AS hours, COALESCE(rs.meeting, 0)::int AS meeting,
                  COALESCE(ac.activities, 0)::int AS activities, COALESCE(ac.months, '{}') AS months, s.unit_headcount AS headcount
             FROM ids LEFT JOIN mc ON mc.station_id = ids.id LEFT JOIN rs ON rs.station_id = ids.id
             LEFT JOIN ac ON ac.station_id = ids.id LEFT JOIN station_ref s ON s.id = ids.id`,
          [ids, year, threshold],
        )
      : [];
    return new Map(rows.map((r) => [r.id, toStats(r, year, threshold)]));
  }

  /** Totals over every (not closed) station under each region; volunteers counted once per region. */
  async forRegions(codes: string[], year: number, threshold: number | null): Promise<Map<string, RegionServiceStats>> {
    checkYear(year);
    checkThreshold(threshold);
    const valid = codes.filter(isRegionCode);
    const rows: RegionStatsRow[] = valid.length
      ? await this.ds.query(
          `WITH regions AS (SELECT * FROM unnest($1::text[], $4::text[]) AS x(code, prefix)),
           st AS (SELECT regions.code, s.id AS station_id, s.unit_headcount FROM regions JOIN station_ref s
                    ON s.region_code LIKE regions.prefix || '%' AND s.status <> 'CLOSED'),
           cur AS (SELECT st.code, ms.station_id, ms.volunteer_id, ms.role FROM st JOIN memberships ms ON ms.station_id = st.station_id AND ms.left_on IS NULL),
           mc AS (SELECT code, count(DISTINCT volunteer_id) AS members, count(*) FILTER (WHERE role = 'LEADER') AS leaders,
                         count(*) FILTER (WHERE role = 'STAFF') AS staff FROM cur GROUP BY code),
           hc AS (SELECT st.code, count(DISTINCT st.station_id) AS stations, sum(st.unit_headcount) FILTER (WHERE st.unit_headcount > 0) AS headcount,
                         (SELECT count(*) FROM cur WHERE cur.code = st.code AND cur.station_id IN
                            (SELECT s2.station_id FROM st s2 WHERE s2.code = st.code AND s2.unit_headcount > 0)) AS counted
                    FROM st GROUP BY st.code),
           vh AS (SELECT st.code, r.volunteer_id, sum(r.hours) AS hours FROM st JOIN service_records r ON r.station_id = st.station_id
                   WHERE r.status = 'VERIFIED' AND ${YEAR_DATES} GROUP BY 1, 2),
           rs AS (SELECT vh.code, sum(vh.hours) AS hours,
                         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cur WHERE cur.code = vh.code AND cur.volunteer_id = vh.volunteer_id)) AS active,
                         count(*) FILTER (WHERE vh.hours >= $3::float8 AND EXISTS (SELECT 1 FROM cur WHERE cur.code = vh.code AND cur.volunteer_id = vh.volunteer_id)) AS meeting
                    FROM vh GROUP BY 1),
           am AS (SELECT st.code, extract(month FROM a.starts_at AT TIME ZONE 'Asia/Shanghai')::int AS month, count(*) AS n
                    FROM st JOIN activities a ON a.station_id = st.station_id WHERE ${YEAR_STARTS} GROUP BY 1, 2),
           ac AS (SELECT code, sum(n) AS activities, array_agg(month ORDER BY month) AS months FROM am GROUP BY 1)
           SELECT regions.code AS id, COALESCE(hc.stations, 0)::int AS stations, COALESCE(mc.members, 0)::int AS members,
                  COALESCE(mc.leaders, 0)::int AS leaders, COALESCE(mc.staff, 0)::int AS staff, COALESCE(rs.active, 0)::int AS active,
                  COALESCE(rs.hours, 0)::float8 AS hours, COALESCE(rs.meeting, 0)::int AS meeting, COALESCE(ac.activities, 0)::int AS activities,
                  COALESCE(ac.months, '{}') AS months, hc.headcount::int AS headcount, COALESCE(hc.counted, 0)::int AS counted
             FROM regions LEFT JOIN hc ON hc.code = regions.code LEFT JOIN mc ON mc.code = regions.code
             LEFT JOIN rs ON rs.code = regions.code LEFT JOIN ac ON ac.code = regions.code`,
          [valid, year, threshold, valid.map(regionPrefix)],
        )
      : [];
    return new Map(
      rows.map((r) => [
        r.id,
        {
          ...toStats({ ...r, members: r.members }, year, threshold),
          headcountShare: share(r.counted, r.headcount),
          regionCode: r.id,
          stationCount: r.stations,
        },
      ]),
    );
  }

  /** Current members of many stations whose verified hours there in the year are below `hours` (Linyi 50 / 100), one statement. */
  async belowHours(
    stationIds: readonly string[],
    year: number,
    hours: number,
  ): Promise<{ stationId: string; volunteerId: string; hours: number }[]> {
    const valid = stationIds.filter(isUuid);
    if (!valid.length) return [];
    const rows: { stationId: string; volunteerId: string; hours: number }[] = await this.ds.query(
      `SELECT ms.station_id AS "stationId", ms.volunteer_id AS "volunteerId", COALESCE(sum(r.hours), 0)::float8 AS hours
         FROM memberships ms LEFT JOIN service_records r ON r.volunteer_id = ms.volunteer_id AND r.station_id = ms.station_id AND r.status = 'VERIFIED'
          AND r.service_date >= make_date($2, 1, 1) AND r.service_date < make_date($2 + 1, 1, 1)
        WHERE ms.station_id = ANY($1::uuid[]) AND ms.left_on IS NULL GROUP BY 1, 2 HAVING COALESCE(sum(r.hours), 0) < $3 ORDER BY 3, 2`,
      [valid, year, hours],
    );
    return rows.map((r) => ({ ...r, hours: Math.round(r.hours * 100) / 100 }));
  }

  /** The Volunteer.verifiedHours loader's statement (resolvers/loaders.ts before the summary). */
  async verifiedHoursOf(volunteerIds: readonly string[], year: number | null): Promise<Map<string, number>> {
    const rows: { id: string; h: number }[] = await this.ds.query(
      `SELECT volunteer_id AS id, sum(hours)::float8 AS h FROM service_records
        WHERE volunteer_id = ANY($1::uuid[]) AND status = 'VERIFIED'
          AND ($2::int IS NULL OR service_date >= make_date($2, 1, 1) AND service_date < make_date($2 + 1, 1, 1)) GROUP BY 1`,
      [volunteerIds.filter(isUuid), year],
    );
    return new Map(rows.map((r) => [r.id, Math.round(r.h * 100) / 100]));
  }
}
