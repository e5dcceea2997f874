import {
  assertAllowed,
  canAdministerRegion,
  DomainError,
  isRegionCode,
  recordEvents,
  regionPrefix,
  shanghaiYearMonth,
  systemClock,
  type AuthUser,
  type Clock,
} from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import {
  communityInRegion,
  communityRange,
  stationSeries,
  validatePopulations,
  type CommunityKind,
  type PopulationInput,
  type StationMonth,
} from '../domain/region-facts';

export interface CommunityRow {
  code: string;
  name: string;
  kind: CommunityKind;
  townshipCode: string;
}

export interface UncoveredKey {
  regionCode: string;
  kind: CommunityKind | null;
  first: number;
  after: string | null;
}

const SOURCE = 'stations';

/** Communities, coverage, population figures and the station series: SQL, one statement per batch. */
export class RegionFactsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  async communitiesByCodes(codes: readonly string[], m: EntityManager = this.ds.manager): Promise<CommunityRow[]> {
    if (!codes.length) return [];
    return m.query(
      `SELECT code, name, kind, township_code AS "townshipCode" FROM communities WHERE code = ANY($1::varchar[]) ORDER BY code`,
      [codes],
    );
  }

  /** Communities each station serves, for many stations in one statement. */
  async communitiesOfStations(stationIds: readonly string[]): Promise<Map<string, CommunityRow[]>> {
    const rows: (CommunityRow & { stationId: string })[] = stationIds.length
      ? await this.ds.query(
          `SELECT sc.station_id AS "stationId", c.code, c.name, c.kind, c.township_code AS "townshipCode"
             FROM station_communities sc JOIN communities c ON c.code = sc.community_code
            WHERE sc.station_id = ANY($1::uuid[]) ORDER BY c.code`,
          [stationIds],
        )
      : [];
    const out = new Map<string, CommunityRow[]>();
    for (const { stationId, ...c } of rows) out.set(stationId, [...(out.get(stationId) ?? []), c]);
    return out;
  }

  /**
   * Checks a station's communities against the data (existence, inside the station's region) and
   * replaces its set. Runs in the station's write transaction.
   */
  async assertCommunitiesIn(m: EntityManager, regionCode: string, codes: string[]): Promise<void> {
    const found = new Map((await this.communitiesByCodes(codes, m)).map((c) => [c.code, c]));
    const missing = codes.filter((c) => !found.has(c));
    if (missing.length)
      throw new DomainError('COMMUNITY_NOT_FOUND', `社区（村）代码不存在：${missing.join('、')}`, {
        field: 'communityCodes',
        codes: missing,
      });
    const outside = codes.filter((c) => !communityInRegion(c, regionCode));
    if (outside.length) {
      throw new DomainError(
        'COMMUNITY_OUTSIDE_REGION',
        `服务社区须在站点所在地区（${regionCode}）内：${outside.map((c) => `${c} ${found.get(c)!.name}`).join('、')}`,
        {
          field: 'communityCodes',
          codes: outside,
        },
      );
    }
  }

  async currentCommunityCodes(m: EntityManager, stationId: string): Promise<string[]> {
    const rows: { code: string }[] = await m.query(
      `SELECT community_code AS code FROM station_communities WHERE station_id = $1 ORDER BY 1`,
      [stationId],
    );
    return rows.map((r) => r.code);
  }

  async replaceCommunities(m: EntityManager, stationId: string, codes: string[]): Promise<void> {
    await m.query(
      `DELETE FROM station_communities WHERE station_id = $1 AND NOT (community_code = ANY($2::varchar[]))`,
      [stationId, codes],
    );
    await m.query(
      `INSERT INTO station_communities (station_id, community_code) SELECT $1, unnest($2::varchar[]) ORDER BY 2 ON CONFLICT DO NOTHING`,
      [stationId, codes],
    );
  }

  /**
   * Communities served by at least one ACTIVE station, per region and kind, for many regions in one
   * statement (code ranges on station_communities_community_idx; served rows only, not all communities).
   */
  async coveredCounts(codes: readonly string[]): Promise<Map<string, { urban: number; rural: number }>> {
    const valid = codes.filter(isRegionCode);
    const rows: { code: string; urban: number; rural: number }[] = valid.length
      ? await this.ds.query(
          `SELECT r.code, count(DISTINCT c.code) FILTER (WHERE c.kind = 'URBAN')::int AS urban, count(DISTINCT c.code) FILTER (WHERE c.kind = 'RURAL')::int AS rural
             FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS r(code, lo, hi)
             JOIN station_communities sc ON sc.community_code BETWEEN r.lo AND r.hi
             JOIN stations s ON s.id = sc.station_id AND s.status = 'ACTIVE'
             JOIN communities c ON c.code = sc.community_code
            GROUP BY r.code`,
          [valid, valid.map((c) => communityRange(c)[0]), valid.map((c) => communityRange(c)[1])],
        )
      : [];
    return new Map(rows.map((r) => [r.code, { urban: r.urban, rural: r.rural }]));
  }

  /** Uncovered communities of many (region, kind, page) keys in one statement; first + 1 rows each (for hasNextPage). */
  async uncovered(keys: readonly UncoveredKey[]): Promise<CommunityRow[][]> {
    if (!keys.length) return [];
    const rows: (CommunityRow & { i: number })[] = await this.ds.query(
      `SELECT k.i, c.code, c.name, c.kind, c.township_code AS "townshipCode"
         FROM unnest($1::int[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::int[]) AS k(i, lo, hi, kind, after, lim)
         CROSS JOIN LATERAL (
           SELECT c.* FROM communities c
            WHERE c.code BETWEEN k.lo AND k.hi AND c.code > COALESCE(k.after, '') AND (k.kind IS NULL OR c.kind = k.kind)
              AND NOT EXISTS (SELECT 1 FROM station_communities sc JOIN stations s ON s.id = sc.station_id AND s.status = 'ACTIVE' WHERE sc.community_code = c.code)
            ORDER BY c.code LIMIT k.lim) c
        ORDER BY k.i, c.code`,
      [
        keys.map((_, i) => i),
        keys.map((k) => communityRange(k.regionCode)[0]),
        keys.map((k) => communityRange(k.regionCode)[1]),
        keys.map((k) => k.kind),
        keys.map((k) => k.after),
        keys.map((k) => k.first + 1),
      ],
    );
    const out: CommunityRow[][] = keys.map(() => []);
    for (const { i, ...c } of rows) out[i].push(c);
    return out;
  }

  /**
   * Officer-entered population figures (never computed): admins whose region covers each region, all
   * rows or none. One `region.population_set` event per region, in the same transaction.
   */
  async setPopulations(
    user: AuthUser | undefined,
    raw: PopulationInput[],
    requestId?: string,
    rowOf?: (i: number) => string,
  ): Promise<string[]> {
    assertAllowed(user, true);
    const thisYear = shanghaiYearMonth(this.clock.now()).year;
    const inputs = validatePopulations(raw, thisYear, rowOf);
    const outside = inputs.filter((x) => !canAdministerRegion(user, x.regionCode));
    assertAllowed(
      user,
      outside.length === 0,
      `只能填报所辖地区的人口：${outside
        .map((x) => x.regionCode)
        .slice(0, 10)
        .join('、')}`,
    );
    return this.ds.transaction(async (m) => {
      const codes = inputs.map((x) => x.regionCode);
      const known: { code: string }[] = await m.query(
        `SELECT code FROM regions WHERE code = ANY($1::varchar[]) ORDER BY code FOR UPDATE`,
        [codes],
      );
      const knownSet = new Set(known.map((r) => r.code));
      const unknown = codes.filter((c) => !knownSet.has(c));
      if (unknown.length)
        throw new DomainError('REGION_NOT_FOUND', `行政区划代码不存在：${unknown.slice(0, 10).join('、')}`, {
          field: 'regionCode',
          codes: unknown,
        });
      await m.query(
        `UPDATE regions r SET population = x.population, population_year = x.year, population_source = x.source,
                population_updated_at = $5, population_updated_by = $6
           FROM unnest($1::varchar[], $2::int[], $3::int[], $4::varchar[]) AS x(code, population, year, source) WHERE r.code = x.code`,
        [
          codes,
          inputs.map((x) => x.population),
          inputs.map((x) => x.year),
          inputs.map((x) => x.source),
          this.clock.now(),
          user!.sub,
        ],
      );
      await recordEvents(
        m,
        SOURCE,
        inputs.map((x) => ({
          type: 'region.population_set',
          aggregateType: 'Region',
          aggregateId: x.regionCode,
          payload: { ...x },
          requestId,
        })),
      );
      return codes;
    });
  }

  /** Monthly station series of many regions over one period, from station_month_changes (one statement). */
  async stationSeries(codes: readonly string[], months: string[]): Promise<Map<string, StationMonth[]>> {
    const valid = codes.filter(isRegionCode);
    const from = `${months[0]}-01`;
    const to = `${months[months.length - 1]}-01`;
    const rows: {
      code: string;
      month: string | null;
      opened: number;
      closed: number;
    }[] = valid.length
      ? await this.ds.query(
          `SELECT r.code, CASE WHEN c.month < $3::date THEN NULL ELSE to_char(c.month, 'YYYY-MM') END AS month,
                  sum(c.opened)::int AS opened, sum(c.closed)::int AS closed
             FROM unnest($1::varchar[], $2::varchar[]) AS r(code, prefix)
             JOIN station_month_changes c ON c.region_code LIKE r.prefix || '%' AND c.month <= $4::date
            GROUP BY 1, 2`,
          [valid, valid.map(regionPrefix), from, to],
        )
      : [];
    return new Map(
      valid.map((code) => {
        const mine = rows.filter((r) => r.code === code);
        const before = mine.filter((r) => r.month === null).reduce((n, r) => n + r.opened - r.closed, 0);
        const changes = new Map(
          mine.filter((r) => r.month !== null).map((r) => [r.month!, { opened: r.opened, closed: r.closed }]),
        );
        return [code, stationSeries(months, before, changes)];
      }),
    );
  }
}
