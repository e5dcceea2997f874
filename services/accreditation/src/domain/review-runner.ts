import { recordEvent, sleep, type Logger } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { SOURCE } from '../services/application-service';
import type { InspectionService } from '../services/inspection-service';
import { COLS, one, requireStandardSet, type RunRow, type TitleRow } from '../services/rows';
import type { TitleService } from '../services/title-service';
import { lastFullWeekMonday } from './dates';
import type { StationFactsSource } from './facts';
import { decideReview, type ReviewPolicy } from './review-rules';
import { evaluateCompliance, hoursThresholds, type Finding, type StandardSet } from './standards';

export interface RunnerDeps {
  ds: DataSource;
  facts: StationFactsSource;
  titles: TitleService;
  inspections: InspectionService;
  policy: ReviewPolicy;
  batchSize: number;
  batchPauseMs: number;
  logger: Logger;
}

/**
 * Processes a run in batches of stations not yet reviewed in it. Each station's review, its
 * consequences (revocation, rectification order) and its events commit in one transaction guarded by
 * UNIQUE (run_id, station_id): a crash loses at most the batch in flight, and a restarted worker
 * continues where it stopped without reviewing any station twice.
 */
export class ReviewRunner {
  constructor(private readonly d: RunnerDeps) {}

  async process(runId: string): Promise<{ reviewed: number; completed: boolean }> {
    const { ds } = this.d;
    const run = await one<RunRow>(ds.manager, `SELECT ${COLS.run} FROM review_run WHERE id = $1`, [runId]);
    if (!run || run.status === 'COMPLETED') return { reviewed: 0, completed: true };
    await ds.query(`UPDATE review_run SET status = 'RUNNING' WHERE id = $1 AND status = 'PENDING'`, [runId]);
    const sets = new Map<string, StandardSet>();
    let reviewed = 0;
    for (;;) {
      const batch: { stationId: string; titleId: string }[] = await ds.query(
        `SELECT i.station_id AS "stationId", i.title_id AS "titleId" FROM review_item i
          WHERE i.run_id = $1 AND NOT EXISTS (SELECT 1 FROM review r WHERE r.run_id = i.run_id AND r.station_id = i.station_id)
          ORDER BY i.seq LIMIT $2`,
        [runId, this.d.batchSize],
      );
      if (batch.length === 0) break;
      const titles: TitleRow[] = await ds.query(`SELECT ${COLS.title} FROM title WHERE id = ANY($1::uuid[])`, [batch.map((b) => b.titleId)]);
      const titleById = new Map(titles.map((t) => [t.id, t]));
      const setIds: { id: string; standardSetId: string }[] = await ds.query(`SELECT id, standard_set_id AS "standardSetId" FROM cycle WHERE id = ANY($1::uuid[])`, [[...new Set(titles.map((t) => t.cycleId))]]);
      const setOfCycle = new Map(setIds.map((c) => [c.id, c.standardSetId]));
      for (const sid of new Set(setOfCycle.values())) if (!sets.has(sid)) sets.set(sid, await requireStandardSet(ds.manager, sid));
      const thresholds = [...new Set(titles.flatMap((t) => hoursThresholds(sets.get(setOfCycle.get(t.cycleId)!)!, t.level)))];
      const facts = await this.d.facts.load(batch.map((b) => b.stationId), { year: run.year, hoursThresholds: thresholds, weekOf: lastFullWeekMonday(run.asOf) });
      const inspections = new Map<string, any>((await this.d.inspections.latestByStations(batch.map((b) => b.stationId))).map((i: any) => [i.stationId, i]));
      const rects: any[] = await this.d.inspections.openRectifications(batch.map((b) => b.stationId));
      const refs: { id: string; status: string }[] = await ds.query(`SELECT id, status FROM station_ref WHERE id = ANY($1::uuid[])`, [batch.map((b) => b.stationId)]);
      const statusOf = new Map(refs.map((r) => [r.id, r.status]));

      for (const item of batch) {
        const title = titleById.get(item.titleId)!;
        const set = sets.get(setOfCycle.get(title.cycleId)!)!;
        const stationFacts = facts.get(item.stationId)!;
        const inspection = inspections.get(item.stationId) ?? null;
        const findings: Finding[] = inspection?.findings ?? [];
        const compliance = evaluateCompliance(set, title.level, stationFacts, findings, run.asOf);
        const open = rects.filter((r) => r.stationId === item.stationId);
        // The graph's status wins over the local replica when both are known.
        const stationStatus = stationFacts.found ? (stationFacts.status ?? statusOf.get(item.stationId) ?? null) : (statusOf.get(item.stationId) ?? null);
        const decision = decideReview(
          { compliance, stationStatus, latestInspection: inspection ? { id: inspection.id, verdict: inspection.verdict, inspectedOn: inspection.inspectedOn } : null, openRectifications: open, asOf: run.asOf },
          this.d.policy,
        );
        await this.recordOne(run, item, title, decision, stationFacts, compliance, open);
        reviewed += 1;
      }
      this.d.logger.info({ runId, reviewed }, 're-review batch done');
      if (this.d.batchPauseMs) await sleep(this.d.batchPauseMs);
    }
    await ds.query(`UPDATE review_run SET status = 'COMPLETED', completed_at = now() WHERE id = $1 AND status <> 'COMPLETED'`, [runId]);
    return { reviewed, completed: true };
  }

  private async recordOne(run: RunRow, item: { stationId: string; titleId: string }, title: TitleRow, decision: ReturnType<typeof decideReview>, facts: unknown, compliance: unknown, open: any[]): Promise<void> {
    await this.d.ds.transaction(async (m) => {
      const inserted = await m.query(
        `INSERT INTO review (run_id, station_id, title_id, outcome, deadline, reasons, facts, compliance, dry_run) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
         ON CONFLICT (run_id, station_id) DO NOTHING RETURNING id`,
        [run.id, item.stationId, item.titleId, decision.outcome, decision.deadline, JSON.stringify(decision.reasons), JSON.stringify(facts), JSON.stringify(compliance), run.dryRun],
      );
      if (inserted.length === 0 || run.dryRun) return; // already reviewed in this run / dry run changes nothing
      const reviewId = inserted[0].id;
      if (decision.outcome === 'FAIL') {
        await this.d.titles.revoke(m, title.id, run.asOf, decision.reasons.join('；'), reviewId, `review-run-${run.id}`);
        if (decision.expiredRectificationIds.length) await m.query(`UPDATE rectification SET status = 'UNMET', followed_up_on = $2 WHERE id = ANY($1::uuid[])`, [decision.expiredRectificationIds, run.asOf]);
      } else if (decision.outcome === 'RECTIFY' && !open.some((r) => r.deadline >= run.asOf)) {
        await this.d.inspections.insertOrder(m, {
          stationId: item.stationId, regionCode: title.regionCode, deadline: decision.deadline!, requirements: decision.reasons.join('；'),
          inspectionId: null, reviewId, titleId: title.id, orderedBy: `review-run-${run.id}`,
        });
      }
      await recordEvent(m, SOURCE, {
        type: 'review.completed',
        aggregateType: 'Review',
        aggregateId: reviewId,
        payload: { stationId: item.stationId, regionCode: title.regionCode, reviewId, runId: run.id, titleId: title.id, outcome: decision.outcome, deadline: decision.deadline ?? undefined },
      });
    });
  }
}
