import {
  assertAllowed,
  canAdministerRegion,
  decodeCursor,
  DomainError,
  encodeCursor,
  hasRole,
  isRegionCode,
  pageSize,
  regionPrefix,
  requireUser,
  type AuthUser,
} from '@leifeng/kit';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { todayIn, type Clock } from '../domain/dates';
import type { ReviewOutcome } from '../domain/review-rules';
import { COLS, isUuid, one, requireCycle, type ReviewRow, type RunRow } from './rows';

export interface StartReviewInput {
  cycleId?: string | null;
  regionCode?: string | null;
  year?: number | null;
  dryRun?: boolean | null;
}

/**
 * A run's work list ($1 cycle id or null, $2 region LIKE prefix or null, $3 as-of date): per station its
 * highest active title in scope, conferred by the review's date (a run that starts late, e.g. a scheduled job
 * that waited, never reviews a title named after its as-of date).
 */
const WORK_LIST_SQL = `SELECT DISTINCT ON (station_id) station_id, id FROM title
  WHERE status = 'ACTIVE' AND ($1::uuid IS NULL OR cycle_id = $1) AND ($2::text IS NULL OR region_code LIKE $2)
    AND conferred_on <= $3::date
  ORDER BY station_id, CASE level WHEN 'PROVINCE' THEN 3 WHEN 'CITY' THEN 2 ELSE 1 END DESC, conferred_on DESC`;

/** Enqueues the processing of a run (the API and the scheduler both use it). */
export type RunEnqueuer = (runId: string) => Promise<void>;

/**
 * Creates a review run with its work list (every station holding an active title in scope, fixed at
 * start). A run's key makes a second run for the same cycle (or region and year) a no-op; dry runs
 * get their own key each time.
 */
export class ReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly enqueue: RunEnqueuer,
  ) {}

  async start(user: AuthUser | undefined, input: StartReviewInput): Promise<RunRow & { alreadyRun: boolean }> {
    requireUser(user);
    if (!!input.cycleId === !!input.regionCode)
      throw new DomainError('INVALID_SCOPE', '请指定创建年度或地区之一', {
        field: 'cycleId',
      });
    const today = todayIn(this.clock);
    const year = input.year ?? Number(today.slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > Number(today.slice(0, 4)))
      throw new DomainError('INVALID_NUMBER', '复核年度不正确', {
        field: 'year',
      });
    let scopeRegion: string;
    if (input.cycleId) {
      const cycle = await requireCycle(this.ds.manager, input.cycleId);
      scopeRegion = cycle.issuingRegionCode;
    } else {
      if (!isRegionCode(input.regionCode!))
        throw new DomainError('INVALID_REGION', '地区代码不正确', {
          field: 'regionCode',
        });
      scopeRegion = input.regionCode!;
    }
    assertAllowed(
      user,
      hasRole(user, 'SERVICE') || (canAdministerRegion(user, scopeRegion) && !hasRole(user, 'STATION_MANAGER')),
      '只有所辖地区管理员可以发起复核',
    );
    const key = input.dryRun
      ? `dry-${randomUUID()}`
      : input.cycleId
        ? `cycle-${input.cycleId}`
        : `region-${scopeRegion}-${year}`;
    if (!input.dryRun)
      await this.assertDryRunFirst(key, input.cycleId ?? null, input.cycleId ? null : scopeRegion, year, today);
    const run = await this.create({
      key,
      cycleId: input.cycleId ?? null,
      regionCode: input.cycleId ? null : scopeRegion,
      year,
      asOf: today,
      dryRun: !!input.dryRun,
      trigger: 'ON_DEMAND',
      by: user!.sub,
    });
    if (run.status !== 'COMPLETED') await this.enqueue(run.id);
    return run;
  }

  /**
   * "先试运行、再正式复核": a real run on demand needs the newest dry run of the same scope (cycle, or region
   * and year) completed, over the same work list the real run would take now (no title named, revoked or
   * reinstated in scope since), and no inspection or rectification order recorded for its stations after
   * it started. A scope already run passes (the call is the usual no-op); the scheduler does not come here.
   */
  private async assertDryRunFirst(
    key: string,
    cycleId: string | null,
    regionCode: string | null,
    year: number,
    today: string,
  ): Promise<void> {
    const done = await this.ds.query(`SELECT 1 FROM review_run WHERE run_key = $1`, [key]);
    if (done.length) return;
    const dry = await one<RunRow>(
      this.ds.manager,
      `SELECT ${COLS.run} FROM review_run
        WHERE dry_run AND (CASE WHEN $1::uuid IS NULL THEN cycle_id IS NULL AND region_code = $2 AND year = $3 ELSE cycle_id = $1 END)
        ORDER BY created_at DESC LIMIT 1`,
      [cycleId, regionCode, year],
    );
    if (!dry || dry.status !== 'COMPLETED')
      throw new DomainError(
        'DRY_RUN_REQUIRED',
        dry ? '试运行复核尚未完成，完成并确认结果后才能正式复核' : '请先试运行复核，确认结果后再正式复核',
        { dryRunId: dry?.id ?? null },
      );
    const [{ changed, inspected }] = await this.ds.query(
      `WITH cur AS (${WORK_LIST_SQL}),
            dry AS (SELECT station_id, title_id AS id FROM review_item WHERE run_id = $4)
       SELECT (SELECT count(*) FROM ((SELECT * FROM cur EXCEPT SELECT * FROM dry) UNION ALL (SELECT * FROM dry EXCEPT SELECT * FROM cur)) d)::int AS changed,
              (SELECT count(*) FROM dry WHERE EXISTS (SELECT 1 FROM inspection i WHERE i.station_id = dry.station_id AND i.created_at > $5)
                                           OR EXISTS (SELECT 1 FROM rectification r WHERE r.station_id = dry.station_id AND r.created_at > $5))::int AS inspected`,
      [cycleId, regionCode ? `${regionPrefix(regionCode)}%` : null, today, dry.id, dry.createdAt],
    );
    if (changed || inspected)
      throw new DomainError(
        'DRY_RUN_STALE',
        changed
          ? `试运行之后复核范围内有 ${changed} 项称号变化（命名、摘牌或恢复），请重新试运行复核`
          : `试运行之后有 ${inspected} 个站点新增检查记录或整改通知，请重新试运行复核`,
        { dryRunId: dry.id, changedTitles: changed, stationsInspected: inspected },
      );
  }

  /** Idempotent on the key: returns the existing run when there is one. */
  async create(o: {
    key: string;
    cycleId: string | null;
    regionCode: string | null;
    year: number;
    asOf: string;
    dryRun: boolean;
    trigger: 'SCHEDULE' | 'ON_DEMAND';
    by: string;
  }): Promise<RunRow & { alreadyRun: boolean }> {
    return this.ds.transaction(async (m) => {
      const inserted = await m.query(
        `INSERT INTO review_run (run_key, cycle_id, region_code, year, as_of, dry_run, trigger, started_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
         ON CONFLICT (run_key) DO NOTHING RETURNING id`,
        [o.key, o.cycleId, o.regionCode, o.year, o.asOf, o.dryRun, o.trigger, o.by],
      );
      if (inserted.length === 0) {
        const existing = (await one<RunRow>(m, `SELECT ${COLS.run} FROM review_run WHERE run_key = $1`, [o.key]))!;
        return { ...existing, alreadyRun: true };
      }
      const id = inserted[0].id;
      // One item per station (WORK_LIST_SQL).
      await m.query(
        `INSERT INTO review_item (run_id, station_id, title_id, seq)
         SELECT $4, station_id, id, row_number() OVER (ORDER BY station_id) FROM (${WORK_LIST_SQL}) t`,
        [o.cycleId, o.regionCode ? `${regionPrefix(o.regionCode)}%` : null, o.asOf, id],
      );
      await m.query(
        `UPDATE review_run SET total = (SELECT count(*) FROM review_item WHERE run_id = $1) WHERE id = $1`,
        [id],
      );
      const run = (await one<RunRow>(m, `SELECT ${COLS.run} FROM review_run WHERE id = $1`, [id]))!;
      return { ...run, alreadyRun: false };
    });
  }

  async run(id: string): Promise<RunRow | null> {
    if (!isUuid(id)) return null;
    return (await one<RunRow>(this.ds.manager, `SELECT ${COLS.run} FROM review_run WHERE id = $1`, [id])) ?? null;
  }

  /** A cycle's runs (dry runs included), newest first. */
  runsOfCycle(cycleId: string): Promise<RunRow[]> {
    return this.ds.query(`SELECT ${COLS.run} FROM review_run WHERE cycle_id = $1 ORDER BY created_at DESC`, [cycleId]);
  }

  /**
   * One page of a run's reviews in station order (keyset on the run's unique (run_id, station_id)
   * index, so page 200 of a province run costs what page 1 does), with the filtered total on demand.
   */
  async reviewPage(
    runId: string,
    opts: {
      outcome?: ReviewOutcome | null;
      first: number;
      after?: string | null;
    },
  ) {
    const first = pageSize(opts.first);
    const afterStation = opts.after ? decodeCursor(opts.after, [isUuid])[0] : null;
    const where = `run_id = $1 AND ($2::text IS NULL OR outcome = $2)`;
    const rows: ReviewRow[] = await this.ds.query(
      `SELECT ${COLS.review} FROM review WHERE ${where} AND ($3::uuid IS NULL OR station_id > $3) ORDER BY station_id LIMIT $4`,
      [runId, opts.outcome ?? null, afterStation, first + 1],
    );
    const reviews = rows.slice(0, first);
    const edges = reviews.map((node) => ({
      cursor: encodeCursor([node.stationId]),
      node,
    }));
    return {
      edges,
      // An empty page (first: 0) ends where it started, so following endCursor never restarts the list.
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: edges.at(-1)?.cursor ?? opts.after ?? null,
      },
      totalCount: async () =>
        (await this.ds.query(`SELECT count(*)::int AS n FROM review WHERE ${where}`, [runId, opts.outcome ?? null]))[0]
          .n as number,
    };
  }

  async outcomeCounts(runId: string): Promise<{ outcome: ReviewOutcome; count: number }[]> {
    return this.ds.query(
      `SELECT outcome, count(*)::int AS count FROM review WHERE run_id = $1 GROUP BY outcome ORDER BY outcome`,
      [runId],
    );
  }

  /** Counted and filtered in SQL: a province run has ~100 k reviews, each with its facts. */
  async reviewedCount(runId: string): Promise<number> {
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM review WHERE run_id = $1`, [runId]);
    return n;
  }

  async failedStationIds(runId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT station_id AS id FROM review WHERE run_id = $1 AND outcome = 'FAIL' ORDER BY created_at, station_id`,
      [runId],
    );
    return rows.map((r) => r.id);
  }

  reviewsByStations(ids: readonly string[]): Promise<ReviewRow[]> {
    return this.ds.query(
      `SELECT ${COLS.review} FROM review WHERE station_id = ANY($1::uuid[]) AND NOT dry_run ORDER BY created_at DESC`,
      [ids],
    );
  }

  unfinishedRuns(): Promise<{ id: string }[]> {
    return this.ds.query(`SELECT id FROM review_run WHERE status <> 'COMPLETED' ORDER BY created_at`);
  }
}
