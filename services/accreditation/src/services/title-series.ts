import { isRegionCode, monthsBetween } from '@leifeng/kit';
import type { DataSource } from 'typeorm';

export interface TitleMonth {
  month: string;
  named: number;
  revoked: number;
  reinstated: number;
  /** Titles in force at the end of the month. */
  active: number;
}

interface Row {
  code: string;
  month: string;
  named: number;
  revoked: number;
  reinstated: number;
  active: number;
}

/** Titles per region and month from title_months (migration 1763800000320): one statement per batch of regions. */
export class TitleSeriesService {
  constructor(private readonly ds: DataSource) {}

  async series(
    codes: readonly string[],
    from: string,
    to: string,
    level: string | null,
  ): Promise<Map<string, TitleMonth[]>> {
    const months = monthsBetween(from, to);
    const valid = codes.filter(isRegionCode);
    // Rows up to the period's end: the ones before it carry the titles in force into the first month.
    const rows: Row[] = valid.length
      ? await this.ds.query(
          `SELECT region_code AS code, to_char(month, 'YYYY-MM') AS month, sum(named)::int AS named, sum(revoked)::int AS revoked,
                  sum(reinstated)::int AS reinstated, sum(active)::int AS active
             FROM title_months WHERE region_code = ANY($1::text[]) AND month <= $2::date AND ($3::text IS NULL OR level = $3)
            GROUP BY 1, 2 ORDER BY 1, 2`,
          [valid, `${to}-01`, level],
        )
      : [];
    const out = new Map<string, TitleMonth[]>();
    for (const code of valid) {
      const mine = rows.filter((r) => r.code === code);
      let i = 0;
      let inForce = 0;
      out.set(
        code,
        months.map((month) => {
          let here: Row | undefined;
          for (; i < mine.length && mine[i].month <= month; i++) {
            inForce += mine[i].active;
            if (mine[i].month === month) here = mine[i];
          }
          return {
            month,
            named: here?.named ?? 0,
            revoked: here?.revoked ?? 0,
            reinstated: here?.reinstated ?? 0,
            active: inForce,
          };
        }),
      );
    }
    return out;
  }
}
