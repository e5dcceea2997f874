import { recordEvents, sleep, type Logger, type NewEvent } from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { SOURCE } from './application-service';
import { rectificationOrderedEvent, type InspectionService, type NewOrder } from './inspection-service';
import { COLS, type RunRow } from './rows';
import { titleRevokedEvent, type TitleService } from './title-service';
import { lastFullWeekMonday, systemClock, type Clock } from '../domain/dates';
import type { StationFacts, StationFactsSource } from '../domain/facts';
import {
  decideLowerTitles,
  decideReview,
  type HonorExitRule,
  type ReviewDecision,
  type ReviewPolicy,
  type TitleDecision,
} from '../domain/review-rules';
import {
  evaluateCompliance,
  hoursThresholds,
  type Compliance,
  type Finding,
  type StandardSet,
  type TitleLevel,
} from '../domain/standards';

/** Batches whose reads may be in flight while an earlier batch is decided and written. */
const LOOKAHEAD = 2;

export interface RunnerDeps {
  ds: DataSource;
  facts: StationFactsSource;
  titles: TitleService;
  inspections: InspectionService;
  policy: ReviewPolicy;
  batchSize: number;
  batchPauseMs: number;
  logger: Logger;
  /** Business time of the run's completion (the sandbox clock in a sandbox); the kit's clock by default. */
  clock?: Clock;
}

/** One work-list entry with what the review needs of its title (one join, not a statement per table). */
interface Item {
  seq: number;
  stationId: string;
  titleId: string;
  level: TitleLevel;
  regionCode: string;
  standardSetId: string;
  /** Status in the local station replica (null when the replica has no such station). */
  refStatus: string | null;
  /** The reviewed title's campaign profile: what a FAIL does to lower titles. */
  honorExit: HonorExitRule;
  /** The station's other ACTIVE titles below the reviewed one. */
  lower: { titleId: string; level: TitleLevel; standardSetId: string }[];
}

interface LatestInspection {
  id: string;
  stationId: string;
  verdict: ReviewDecision['outcome'];
  inspectedOn: string;
  findings: Finding[];
}

interface Decided {
  item: Item;
  decision: ReviewDecision;
  facts: StationFacts;
  compliance: Compliance;
  /** A RECTIFY gets a new order only when the station has no open order still within its deadline. */
  needsOrder: boolean;
  /** Lower titles on a FAIL: revoked with it (fails every level) or kept (failed only the higher standard). */
  titleDecisions: TitleDecision[];
}

/**
 * Processes a run in batches of the stations not yet reviewed in it, in seq order. Per batch a fixed
 * number of statements whatever its size: one read of the work list (joined with title, cycle and the
 * station replica), latest inspections, the facts (pages of the gateway), and ONE transaction that
 * reads (and locks) the open rectifications, then writes every review of the batch (multi-row INSERT … ON CONFLICT (run_id, station_id)
 * DO NOTHING RETURNING), the consequences of the rows actually inserted (revocations, UNMET orders,
 * new rectification orders, each one set-based statement) and all their events in one outbox insert.
 * A crash loses at most the batch in flight; a restarted (or a second) worker never reviews a
 * station twice, and consequences follow only the reviews it inserted itself.
 */
export class ReviewRunner {
  constructor(private readonly d: RunnerDeps) {}

  async process(runId: string): Promise<{ reviewed: number; completed: boolean }> {
    const { ds } = this.d;
    const [run] = (await ds.query(`SELECT ${COLS.run} FROM review_run WHERE id = $1`, [runId])) as RunRow[];
    if (!run || run.status === 'COMPLETED') return { reviewed: 0, completed: true };
    await ds.query(`UPDATE review_run SET status = 'RUNNING' WHERE id = $1 AND status = 'PENDING'`, [runId]);
    // The run's work list was just written in one statement (~100 k rows for a province), before
    // autovacuum could analyze it: with the old estimate (a few rows) the planner hashes every
    // remaining item of the run for each batch (~240 ms a batch at province size, against ~5 ms).
    await ds
      .query('ANALYZE review_item')
      .catch((err: Error) =>
        this.d.logger.warn({ err: err.message }, 'ANALYZE review_item failed; batches may read slowly'),
      );
    // Progress events are the run's, in its scope's region (a cycle run: the issuing region), so officers there
    // see them live; the scheduled run of every title has no region (services and inspectors see it).
    const scopeRegion = run.regionCode ?? (run.cycleId ? await this.issuingRegion(run.cycleId) : null);
    const sets = new Map<string, StandardSet>();
    const weekOf = lastFullWeekMonday(run.asOf);

    /** The reads of a batch: its standards, facts through the gateway and latest inspections (open orders are read when it is written). */
    const prepare = async (batch: Item[]) => {
      const ids = batch.map((b) => b.stationId);
      const missing = [
        ...new Set(batch.flatMap((b) => [b.standardSetId, ...b.lower.map((l) => l.standardSetId)])),
      ].filter((id) => !sets.has(id));
      if (missing.length) {
        const rows: StandardSet[] = await ds.query(
          `SELECT ${COLS.standardSet} FROM standard_set WHERE id = ANY($1::text[])`,
          [missing],
        );
        rows.forEach((s) => sets.set(s.id, s));
      }
      const thresholds = [
        ...new Set(
          batch.flatMap((b) => [b, ...b.lower].flatMap((t) => hoursThresholds(sets.get(t.standardSetId)!, t.level))),
        ),
      ];
      // The gateway read and the local read overlap: the batch waits for the slower, not the sum.
      const [facts, latest] = await Promise.all([
        this.d.facts.load(ids, {
          year: run.year,
          hoursThresholds: thresholds,
          weekOf,
        }),
        this.d.inspections.latestByStations(ids) as Promise<LatestInspection[]>,
      ]);
      // A station the source has no answer for must not be judged "gone" (that would delist it).
      const unanswered = ids.find((id) => !facts.has(id));
      if (unanswered) throw new Error(`facts source returned nothing for station ${unanswered}`);
      return { batch, facts, latest };
    };

    // Reads run up to LOOKAHEAD batches ahead of the writes (batches hold disjoint stations, so a later
    // batch's reads cannot see an earlier batch's consequences): the facts pages, which dominate a
    // province run, keep the gateway and the subgraphs busy while a batch is decided and written.
    // Writes stay in seq order, one transaction per batch, so a crash still loses at most what is in flight.
    const ahead: Promise<Awaited<ReturnType<typeof prepare>>>[] = [];
    let after = 0;
    let exhausted = false;
    let reviewed = 0;
    for (;;) {
      while (!exhausted && ahead.length < LOOKAHEAD) {
        const batch = await this.nextBatch(run.id, after);
        if (batch.length === 0) {
          exhausted = true;
          break;
        }
        after = batch[batch.length - 1].seq;
        const prepared = prepare(batch);
        prepared.catch(() => undefined); // awaited below in order; a failure surfaces there, not as an unhandled rejection
        ahead.push(prepared);
      }
      const next = ahead.shift();
      if (!next) break;
      const prepared = await next;
      reviewed += await ds.transaction(async (m) => {
        // Open orders are read here, held until commit: a follow-up recorded after the batch's facts
        // were read (read-ahead makes that seconds) counts, and none can close an order this batch
        // marks UNMET. A dry run changes no order and takes no lock.
        const open = await this.d.inspections.openRectifications(
          prepared.batch.map((b) => b.stationId),
          m,
          !run.dryRun,
        );
        return this.record(m, run, scopeRegion, this.decide(run, sets, prepared, open));
      });
      const { batch } = prepared;
      this.d.logger.info({ runId, reviewed, batch: batch.length }, 're-review batch done');
      if (this.d.batchPauseMs) await sleep(this.d.batchPauseMs);
    }
    await ds.query(
      `UPDATE review_run SET status = 'COMPLETED', completed_at = $2 WHERE id = $1 AND status <> 'COMPLETED'`,
      [runId, (this.d.clock ?? systemClock).now()],
    );
    return { reviewed, completed: true };
  }

  /** Each station's decision from the batch's reads and its open orders (pure: no I/O). */
  private decide(
    run: RunRow,
    sets: Map<string, StandardSet>,
    {
      batch,
      facts,
      latest,
    }: {
      batch: Item[];
      facts: Map<string, StationFacts>;
      latest: LatestInspection[];
    },
    open: { id: string; stationId: string; deadline: string }[],
  ): Decided[] {
    const inspectionOf = new Map(latest.map((i) => [i.stationId, i]));
    const openOf = new Map<string, { id: string; deadline: string }[]>();
    for (const r of open)
      openOf.set(r.stationId, [...(openOf.get(r.stationId) ?? []), { id: r.id, deadline: r.deadline }]);
    return batch.map((item): Decided => {
      const stationFacts = facts.get(item.stationId)!;
      const inspection = inspectionOf.get(item.stationId) ?? null;
      const compliance = evaluateCompliance(
        sets.get(item.standardSetId)!,
        item.level,
        stationFacts,
        inspection?.findings ?? [],
        run.asOf,
      );
      const openOrders = openOf.get(item.stationId) ?? [];
      // The graph's status wins over the local replica when both are known.
      const stationStatus = stationFacts.found ? (stationFacts.status ?? item.refStatus) : item.refStatus;
      const decision = decideReview(
        {
          compliance,
          stationStatus,
          latestInspection: inspection
            ? {
                id: inspection.id,
                verdict: inspection.verdict,
                inspectedOn: inspection.inspectedOn,
              }
            : null,
          openRectifications: openOrders,
          asOf: run.asOf,
        },
        this.d.policy,
      );
      const titleDecisions =
        decision.outcome === 'FAIL' && item.lower.length
          ? decideLowerTitles(
              item.level,
              stationStatus,
              item.lower.map((l) => {
                const set = sets.get(l.standardSetId)!;
                return {
                  titleId: l.titleId,
                  level: l.level,
                  set,
                  compliance: evaluateCompliance(set, l.level, stationFacts, inspection?.findings ?? [], run.asOf),
                };
              }),
              item.honorExit,
            )
          : [];
      return {
        item,
        decision,
        facts: stationFacts,
        compliance,
        needsOrder: decision.outcome === 'RECTIFY' && !openOrders.some((r) => r.deadline >= run.asOf),
        titleDecisions,
      };
    });
  }

  /** The next stations of the run not reviewed yet, after seq `after` (index review_item_run_seq_uq). */
  private nextBatch(runId: string, after: number): Promise<Item[]> {
    return this.d.ds.query(
      `SELECT i.seq, i.station_id AS "stationId", t.id AS "titleId", t.level, t.region_code AS "regionCode", c.standard_set_id AS "standardSetId", s.status AS "refStatus",
              COALESCE((SELECT p.rules->'honorExit'->'value' FROM rule_profile p WHERE p.id = c.profile_id), '{"basicFailureRevokesAllLevels":false,"basicRuleTypes":[]}') AS "honorExit",
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('titleId', l.id, 'level', l.level, 'standardSetId', lc.standard_set_id) ORDER BY l.id), '[]')
                 FROM title l JOIN cycle lc ON lc.id = l.cycle_id
                WHERE l.station_id = i.station_id AND l.status = 'ACTIVE' AND l.id <> t.id
                  AND array_position(ARRAY['COUNTY','CITY','PROVINCE'], l.level::text) < array_position(ARRAY['COUNTY','CITY','PROVINCE'], t.level::text)) AS "lower"
         FROM review_item i
         JOIN title t ON t.id = i.title_id
         JOIN cycle c ON c.id = t.cycle_id
         LEFT JOIN station_ref s ON s.id = i.station_id
        WHERE i.run_id = $1 AND i.seq > $2
          AND NOT EXISTS (SELECT 1 FROM review r WHERE r.run_id = i.run_id AND r.station_id = i.station_id)
        ORDER BY i.seq LIMIT $3`,
      [runId, after, this.d.batchSize],
    );
  }

  private async issuingRegion(cycleId: string): Promise<string | null> {
    const rows: { code: string }[] = await this.d.ds.query(
      `SELECT issuing_region_code AS code FROM cycle WHERE id = $1`,
      [cycleId],
    );
    return rows[0]?.code ?? null;
  }

  /** One batch in one transaction; returns how many reviews this call inserted. */
  private async record(m: EntityManager, run: RunRow, scopeRegion: string | null, decided: Decided[]): Promise<number> {
    const inserted: { stationId: string; id: string }[] = await m.query(
      `INSERT INTO review (run_id, station_id, title_id, outcome, deadline, reasons, facts, compliance, title_decisions, dry_run, created_at)
       SELECT $1, x.station_id, x.title_id, x.outcome, x.deadline, x.reasons, x.facts, x.compliance, x.title_decisions, $2, $4
         FROM jsonb_to_recordset($3::jsonb) AS x(station_id uuid, title_id uuid, outcome text, deadline date, reasons jsonb, facts jsonb, compliance jsonb, title_decisions jsonb)
       ON CONFLICT (run_id, station_id) DO NOTHING RETURNING station_id AS "stationId", id`,
      [
        run.id,
        run.dryRun,
        JSON.stringify(
          decided.map((d) => ({
            station_id: d.item.stationId,
            title_id: d.item.titleId,
            outcome: d.decision.outcome,
            deadline: d.decision.deadline,
            reasons: d.decision.reasons,
            facts: d.facts,
            compliance: d.compliance,
            title_decisions: d.titleDecisions,
          })),
        ),
        (this.d.clock ?? systemClock).now(),
      ],
    );
    if (inserted.length === 0) return 0;
    const progress = progressEvent(run, scopeRegion, decided, new Set(inserted.map((r) => r.stationId)));
    // A dry run changes nothing but its review rows and its progress; rows another worker inserted first are its to act on.
    if (run.dryRun) {
      await recordEvents(m, SOURCE, [progress]);
      return inserted.length;
    }
    const reviewIdOf = new Map(inserted.map((r) => [r.stationId, r.id]));
    const mine = decided
      .filter((d) => reviewIdOf.has(d.item.stationId))
      .map((d) => ({ ...d, reviewId: reviewIdOf.get(d.item.stationId)! }));
    const by = `review-run-${run.id}`;

    const fails = mine.filter((d) => d.decision.outcome === 'FAIL');
    const revoked = await this.d.titles.revokeMany(
      m,
      fails.flatMap((d) => [
        {
          titleId: d.item.titleId,
          reason: d.decision.reasons.join('；'),
          reviewId: d.reviewId,
        },
        // Honor exit across levels: lower titles that fail too go with it, in the same statement.
        ...d.titleDecisions
          .filter((t) => t.revoked)
          .map((t) => ({
            titleId: t.titleId,
            reason: t.reason,
            reviewId: d.reviewId,
          })),
      ]),
      run.asOf,
      by,
    );
    const expired = fails.flatMap((d) => d.decision.expiredRectificationIds);
    if (expired.length)
      await m.query(
        `UPDATE rectification SET status = 'UNMET', followed_up_on = $2 WHERE id = ANY($1::uuid[]) AND status = 'OPEN'`,
        [expired, run.asOf],
      );
    const orders = await this.d.inspections.insertOrders(
      m,
      mine
        .filter((d) => d.needsOrder)
        .map((d): NewOrder => ({
          stationId: d.item.stationId,
          regionCode: d.item.regionCode,
          deadline: d.decision.deadline!,
          requirements: d.decision.reasons.join('；'),
          inspectionId: null,
          reviewId: d.reviewId,
          titleId: d.item.titleId,
          orderedBy: by,
        })),
    );

    // Events in station order, each consequence before its review.completed (as when each station had its own transaction).
    const revokedOf = new Map<string, typeof revoked>();
    for (const r of revoked) revokedOf.set(r.reviewId!, [...(revokedOf.get(r.reviewId!) ?? []), r]);
    const orderOf = new Map(orders.map((o) => [o.reviewId, o]));
    const events: NewEvent[] = [];
    for (const d of mine) {
      // The reviewed title first, then lower ones, as the review lists them.
      for (const r of (revokedOf.get(d.reviewId) ?? []).sort(
        (a, b) => Number(b.titleId === d.item.titleId) - Number(a.titleId === d.item.titleId),
      ))
        events.push(titleRevokedEvent(r));
      const o = orderOf.get(d.reviewId);
      if (o) events.push(rectificationOrderedEvent(o));
      events.push({
        type: 'review.completed',
        aggregateType: 'Review',
        aggregateId: d.reviewId,
        payload: {
          stationId: d.item.stationId,
          regionCode: d.item.regionCode,
          reviewId: d.reviewId,
          runId: run.id,
          titleId: d.item.titleId,
          outcome: d.decision.outcome,
          deadline: d.decision.deadline ?? undefined,
        },
      });
    }
    events.push(progress);
    await recordEvents(m, SOURCE, events);
    return inserted.length;
  }
}

/**
 * One per batch, in the batch's transaction (dry runs too: they write no other event): what the batch
 * added, so a subscriber of reviewEvents follows a run live and reads the totals back from reviewRun.
 */
function progressEvent(run: RunRow, regionCode: string | null, decided: Decided[], inserted: Set<string>): NewEvent {
  const outcomes: Record<string, number> = {};
  for (const d of decided)
    if (inserted.has(d.item.stationId)) outcomes[d.decision.outcome] = (outcomes[d.decision.outcome] ?? 0) + 1;
  return {
    type: 'review.run.progressed',
    aggregateType: 'ReviewRun',
    aggregateId: run.id,
    payload: {
      runId: run.id,
      regionCode: regionCode ?? undefined,
      dryRun: run.dryRun,
      total: run.total,
      batchReviewed: inserted.size,
      outcomes,
    },
  };
}
