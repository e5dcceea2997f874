import { randomUUID } from 'node:crypto';
import { createDataSource, createLogger, migrateSubgraph } from '@leifeng/kit';
import { createTestDatabase, StatementCounter, testEnv, uniqueSuffix, type TestDatabase } from '@leifeng/kit/testing';
import type { DataSource } from 'typeorm';
import type { FactsRequest, StationFacts, StationFactsSource } from '../src/domain/facts';
import { ReviewRunner } from '../src/services/review-runner';
import { createAccreditationModule } from '../src/module';
import { InspectionService } from '../src/services/inspection-service';
import type { NoticeService } from '../src/services/notice-service';
import { ReviewService } from '../src/services/review-service';
import { TitleService } from '../src/services/title-service';

/**
 * The re-review runner on a migrated accreditation database with a facts source in the test's hands:
 * statements per batch, a crash between batches and inside a batch, two workers on one run, dry runs.
 * Outcomes come from the stations' latest inspections (the facts leave every criterion NOT_JUDGED):
 * station i of a region is FAIL when i % 3 = 0 (with an expired open order when i % 6 = 0), RECTIFY
 * when i % 3 = 1 (already under a valid order when i % 9 = 4), PASS otherwise.
 */
const AS_OF = '2025-12-01';
const clock = { now: () => new Date(`${AS_OF}T10:00:00+08:00`) };
const logger = createLogger('review-runner-test', 'silent');
const statements = new StatementCounter();
let db: TestDatabase;
let ds: DataSource;
let titles: TitleService;
let inspections: InspectionService;
let reviews: ReviewService;
let cycleId: string;

class Facts implements StationFactsSource {
  calls: string[][] = [];
  /** Fails the page holding `failFor` (batches are read ahead concurrently, so not "the n-th call"). */
  constructor(private readonly failFor?: string) {}
  async load(ids: string[], req: FactsRequest): Promise<Map<string, StationFacts>> {
    this.calls.push([...ids]);
    if (this.failFor && ids.includes(this.failFor)) throw new Error('gateway unavailable');
    return new Map(
      ids.map((id) => [
        id,
        {
          stationId: id,
          year: req.year,
          found: true,
          status: 'ACTIVE',
          unavailable: [],
        },
      ]),
    );
  }
}

const runner = (
  batchSize: number,
  facts: StationFactsSource,
  t: TitleService = titles,
  inspectionService: InspectionService = inspections,
) =>
  new ReviewRunner({
    ds,
    facts,
    titles: t,
    inspections: inspectionService,
    policy: { rectifyDays: 60, maxUnmetForRectify: 2 },
    batchSize,
    batchPauseMs: 0,
    logger,
  });

const expected = (n: number) => {
  const idx = Array.from({ length: n }, (_, i) => i);
  return {
    fail: idx.filter((i) => i % 3 === 0).length,
    expired: idx.filter((i) => i % 6 === 0).length,
    rectify: idx.filter((i) => i % 3 === 1).length,
    newOrders: idx.filter((i) => i % 3 === 1 && i % 9 !== 4).length,
  };
};

/** n titled stations in a county, with the inspections and orders that give the outcomes above. */
async function county(code: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID()).sort();
  for (const [i, id] of ids.entries()) {
    await ds.query(
      `INSERT INTO station_ref (id, name, region_code, status, category) VALUES ($1, $2, $3, 'ACTIVE', 'COMMUNITY')`,
      [id, `复核测试站${code}-${i}`, code],
    );
    await ds.query(
      `INSERT INTO title (station_id, region_code, level, cycle_id, conferred_on, certificate_number, history) VALUES ($1, $2, 'CITY', $3, '2024-11-20', $4, '[]')`,
      [id, code, cycleId, `LF-T-${code}-${i}-${uniqueSuffix()}`],
    );
    const verdict = i % 3 === 0 ? 'FAIL' : i % 3 === 1 ? 'RECTIFY' : null;
    if (verdict) {
      await ds.query(
        `INSERT INTO inspection (station_id, kind, inspector, inspected_on, verdict, findings) VALUES ($1, 'SPOT_CHECK', 'inspector-1', '2025-11-01', $2, $3)`,
        [id, verdict, JSON.stringify([{ criterion: 'VENUE', met: verdict !== 'FAIL' }])],
      );
    }
    if (i % 6 === 0)
      await ds.query(
        `INSERT INTO rectification (station_id, requirements, deadline, ordered_by) VALUES ($1, '整改场地', '2025-10-01', 'admin')`,
        [id],
      );
    if (i % 9 === 4)
      await ds.query(
        `INSERT INTO rectification (station_id, requirements, deadline, ordered_by) VALUES ($1, '整改台账', '2026-03-01', 'admin')`,
        [id],
      );
  }
  return ids;
}

const newRun = async (code: string, dryRun = false) =>
  (
    await reviews.create({
      key: `test-${code}-${uniqueSuffix()}`,
      cycleId: null,
      regionCode: code,
      year: 2025,
      asOf: AS_OF,
      dryRun,
      trigger: 'ON_DEMAND',
      by: 'test',
    })
  ).id;

const n = async (sql: string, params: unknown[] = []) => Number((await ds.query(sql, params))[0].n);

/** What a run left behind, for its stations. */
async function effects(runId: string, stationIds: string[]) {
  const reviewRows: { id: string; station_id: string; outcome: string }[] = await ds.query(
    `SELECT id, station_id, outcome FROM review WHERE run_id = $1`,
    [runId],
  );
  const reviewIds = reviewRows.map((r) => r.id);
  // By station, not by review id: an event or order for a review that was never inserted counts too.
  const events: {
    type: string;
    aggregate_id: string;
    payload: Record<string, unknown>;
    seq: string;
  }[] = await ds.query(
    `SELECT type, aggregate_id, payload, seq FROM outbox WHERE payload->>'stationId' = ANY($1::text[]) ORDER BY seq`,
    [stationIds],
  );
  return {
    reviews: reviewRows.length,
    distinctStations: new Set(reviewRows.map((r) => r.station_id)).size,
    fails: reviewRows.filter((r) => r.outcome === 'FAIL').length,
    revoked: await n(`SELECT count(*) AS n FROM title WHERE station_id = ANY($1::uuid[]) AND status = 'REVOKED'`, [
      stationIds,
    ]),
    revokedEntries: await n(
      `SELECT count(*) AS n FROM title t, jsonb_array_elements(t.history) h WHERE t.station_id = ANY($1::uuid[]) AND h->>'action' = 'REVOKED'`,
      [stationIds],
    ),
    unmet: await n(`SELECT count(*) AS n FROM rectification WHERE station_id = ANY($1::uuid[]) AND status = 'UNMET'`, [
      stationIds,
    ]),
    orders: await n(
      `SELECT count(*) AS n FROM rectification WHERE station_id = ANY($1::uuid[]) AND ordered_by LIKE 'review-run-%'`,
      [stationIds],
    ),
    ordersOfReviews: await n(`SELECT count(*) AS n FROM rectification WHERE review_id = ANY($1::uuid[])`, [reviewIds]),
    completedEvents: events.filter((e) => e.type === 'review.completed').length,
    distinctCompleted: new Set(events.filter((e) => e.type === 'review.completed').map((e) => e.aggregate_id)).size,
    revokedEvents: events.filter((e) => e.type === 'title.revoked').length,
    orderedEvents: events.filter((e) => e.type === 'rectification.ordered').length,
    events,
  };
}

beforeAll(async () => {
  db = await createTestDatabase('accreditation_runner');
  await migrateSubgraph(createAccreditationModule(), testEnv(db.url, `t${uniqueSuffix()}`));
  ds = createDataSource({
    url: db.url,
    entities: [],
    migrations: [],
    logger,
    queryLogger: statements,
  });
  await ds.initialize();
  inspections = new InspectionService(ds, clock);
  titles = new TitleService(ds, clock, {} as NoticeService); // notices are only used for naming
  reviews = new ReviewService(ds, clock, async () => undefined);
  [{ id: cycleId }] = await ds.query(
    `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by) VALUES ('430000', 2024, 'hunan-2012-eight-haves@1', '["CITY","PROVINCE"]', '[]', 'test') RETURNING id`,
  );
}, 60000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

describe('statements per batch', () => {
  it('do not grow with the batch: one batch of 6, 30 or 60 stations sends the same statements, one transaction, one facts read', async () => {
    const counts: number[] = [];
    for (const [code, size] of [
      ['430102', 6],
      ['430103', 30],
      ['430104', 60],
    ] as const) {
      const stationIds = await county(code, size);
      const runId = await newRun(code);
      const facts = new Facts();
      statements.reset();
      await runner(size, facts).process(runId);
      counts.push(statements.count);
      expect(statements.statements.filter((s) => /^START TRANSACTION/i.test(s))).toHaveLength(1);
      expect(facts.calls).toEqual([stationIds]);

      // …and every consequence is there, once.
      const e = await effects(runId, stationIds);
      const x = expected(size);
      expect(e).toMatchObject({
        reviews: size,
        distinctStations: size,
        fails: x.fail,
        revoked: x.fail,
        revokedEntries: x.fail,
        unmet: x.expired,
        orders: x.newOrders,
      });
      expect(e).toMatchObject({
        completedEvents: size,
        distinctCompleted: size,
        revokedEvents: x.fail,
        orderedEvents: x.newOrders,
      });
      // The batch's progress goes out in the same outbox insert (no extra statement), after its reviews' events.
      const progress: { payload: Record<string, unknown> }[] = await ds.query(
        `SELECT payload FROM outbox WHERE type = 'review.run.progressed' AND aggregate_id = $1`,
        [runId],
      );
      expect(progress.map((p) => p.payload)).toEqual([
        {
          runId,
          regionCode: code,
          dryRun: false,
          total: size,
          batchReviewed: size,
          outcomes: expect.any(Object),
        },
      ]);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
  });

  it('events are the ones a transaction per station wrote: each consequence before its review.completed, same payloads', async () => {
    const stationIds = await county('430105', 9);
    const runId = await newRun('430105');
    await runner(4, new Facts()).process(runId);
    const { events } = await effects(runId, stationIds);
    const reviewRows: {
      id: string;
      station_id: string;
      title_id: string;
      outcome: string;
      deadline: string | null;
    }[] = await ds.query(`SELECT id, station_id, title_id, outcome, deadline::text FROM review WHERE run_id = $1`, [
      runId,
    ]);
    for (const r of reviewRows) {
      const mine = events.filter((e) => e.payload.reviewId === r.id);
      const completed = mine.find((e) => e.type === 'review.completed')!;
      expect(completed.payload).toEqual({
        stationId: r.station_id,
        regionCode: '430105',
        reviewId: r.id,
        runId,
        titleId: r.title_id,
        outcome: r.outcome,
        ...(r.deadline ? { deadline: r.deadline } : {}),
      });
      for (const c of mine.filter((e) => e.type !== 'review.completed'))
        expect(BigInt(c.seq)).toBeLessThan(BigInt(completed.seq));
      if (r.outcome === 'FAIL') {
        const [t] = await ds.query(
          `SELECT status, revoked_on::text, revoked_review_id, history FROM title WHERE id = $1`,
          [r.title_id],
        );
        expect(t).toMatchObject({
          status: 'REVOKED',
          revoked_on: AS_OF,
          revoked_review_id: r.id,
        });
        expect(t.history.at(-1)).toEqual({
          on: AS_OF,
          action: 'REVOKED',
          reason: expect.stringContaining('检查结论为不合格'),
          reviewId: r.id,
          by: `review-run-${runId}`,
        });
        expect(mine.find((e) => e.type === 'title.revoked')!.payload).toEqual({
          stationId: r.station_id,
          regionCode: '430105',
          titleId: r.title_id,
          level: 'CITY',
          reason: t.history.at(-1).reason,
          reviewId: r.id,
        });
      }
      const ordered = mine.find((e) => e.type === 'rectification.ordered');
      if (ordered) {
        const [o] = await ds.query(
          `SELECT id, title_id, deadline::text, ordered_by FROM rectification WHERE review_id = $1`,
          [r.id],
        );
        expect(o).toEqual({
          id: ordered.aggregate_id,
          title_id: r.title_id,
          deadline: '2026-01-30',
          ordered_by: `review-run-${runId}`,
        });
        expect(ordered.payload).toEqual({
          stationId: r.station_id,
          regionCode: '430105',
          reviewId: r.id,
          rectificationId: o.id,
          outcome: 'RECTIFY',
          deadline: '2026-01-30',
        });
      }
    }
  });
});

describe('crashes and concurrent workers', () => {
  it('a crash between batches keeps the first batch; processing again completes it without reviewing anyone twice', async () => {
    const stationIds = await county('430111', 12);
    const runId = await newRun('430111');
    await expect(runner(5, new Facts(stationIds[5])).process(runId)).rejects.toThrow(/gateway unavailable/);
    const first = await effects(runId, stationIds);
    expect(first).toMatchObject({
      reviews: 5,
      completedEvents: 5,
      fails: expected(5).fail,
      revoked: expected(5).fail,
      orders: expected(5).newOrders,
    });
    expect((await ds.query(`SELECT status FROM review_run WHERE id = $1`, [runId]))[0].status).toBe('RUNNING');

    const facts = new Facts();
    expect(await runner(5, facts).process(runId)).toEqual({
      reviewed: 7,
      completed: true,
    });
    // Only the stations not reviewed yet, each once (pages read ahead may be asked for in any order).
    expect(facts.calls.flat().sort()).toEqual([...stationIds.slice(5)].sort());
    const x = expected(12);
    const all = await effects(runId, stationIds);
    expect(all).toMatchObject({
      reviews: 12,
      distinctStations: 12,
      completedEvents: 12,
      distinctCompleted: 12,
      revoked: x.fail,
      revokedEntries: x.fail,
      revokedEvents: x.fail,
      unmet: x.expired,
      orders: x.newOrders,
      orderedEvents: x.newOrders,
    });
    expect((await ds.query(`SELECT status FROM review_run WHERE id = $1`, [runId]))[0].status).toBe('COMPLETED');
  });

  it('a failure inside a batch rolls back its reviews with their consequences (one transaction per batch)', async () => {
    const stationIds = await county('430112', 10);
    const runId = await newRun('430112');
    let calls = 0;
    const failing = Object.create(titles) as TitleService;
    failing.revokeMany = async (...args) => {
      if (++calls === 2) throw new Error('connection lost');
      return titles.revokeMany(...args);
    };
    await expect(runner(4, new Facts(), failing).process(runId)).rejects.toThrow(/connection lost/);
    expect(await effects(runId, stationIds)).toMatchObject({
      reviews: 4,
      completedEvents: 4,
      revoked: expected(4).fail,
    });
    await runner(4, new Facts()).process(runId);
    const x = expected(10);
    expect(await effects(runId, stationIds)).toMatchObject({
      reviews: 10,
      distinctStations: 10,
      completedEvents: 10,
      revoked: x.fail,
      revokedEntries: x.fail,
      orders: x.newOrders,
      orderedEvents: x.newOrders,
    });
  });

  it('two workers on the same run: every station reviewed once, consequences only by the worker whose review was inserted', async () => {
    const stationIds = await county('430121', 20);
    const runId = await newRun('430121');
    const [a, b] = await Promise.all([runner(5, new Facts()).process(runId), runner(5, new Facts()).process(runId)]);
    expect(a.reviewed + b.reviewed).toBe(20);
    const x = expected(20);
    expect(await effects(runId, stationIds)).toMatchObject({
      reviews: 20,
      distinctStations: 20,
      completedEvents: 20,
      distinctCompleted: 20,
      revoked: x.fail,
      revokedEntries: x.fail,
      revokedEvents: x.fail,
      unmet: x.expired,
      orders: x.newOrders,
      orderedEvents: x.newOrders,
    });
  });
});

it('a dry run writes its review rows and changes nothing else', async () => {
  const stationIds = await county('430131', 9);
  const snapshot = async () => ({
    titles: await ds.query(`SELECT id, status, history FROM title WHERE station_id = ANY($1::uuid[]) ORDER BY id`, [
      stationIds,
    ]),
    rectifications: await ds.query(`SELECT id, status, followed_up_on FROM rectification ORDER BY id`),
    outbox: await n(`SELECT count(*) AS n FROM outbox WHERE type <> 'review.run.progressed'`),
    inspections: await n(`SELECT count(*) AS n FROM inspection`),
  });
  const before = await snapshot();
  const runId = await newRun('430131', true);
  await runner(4, new Facts()).process(runId);
  // Its only events: one progress event per batch (4 + 4 + 1), which live subscribers follow.
  const progress: {
    payload: {
      batchReviewed: number;
      dryRun: boolean;
      total: number;
      regionCode: string;
      outcomes: Record<string, number | undefined>;
    };
  }[] = await ds.query(
    `SELECT payload FROM outbox WHERE type = 'review.run.progressed' AND aggregate_id = $1 ORDER BY seq`,
    [runId],
  );
  expect(progress.map((e) => e.payload.batchReviewed)).toEqual([4, 4, 1]);
  expect(
    progress.every((e) => e.payload.dryRun === true && e.payload.total === 9 && e.payload.regionCode === '430131'),
  ).toBe(true);
  const fails = progress.reduce((sum, e) => sum + (e.payload.outcomes.FAIL ?? 0), 0);
  expect(fails).toBe(expected(9).fail);
  const rows: { outcome: string; dry_run: boolean }[] = await ds.query(
    `SELECT outcome, dry_run FROM review WHERE run_id = $1`,
    [runId],
  );
  expect(rows).toHaveLength(9);
  expect(rows.every((r) => r.dry_run)).toBe(true);
  expect(rows.filter((r) => r.outcome === 'FAIL')).toHaveLength(expected(9).fail);
  expect(await snapshot()).toEqual(before);
});

it('a run reads back a page at a time in station order: every review once, filtered totals, counts per outcome', async () => {
  const stationIds = await county('430132', 11);
  const runId = await newRun('430132', true);
  await runner(4, new Facts()).process(runId);
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const page: Awaited<ReturnType<ReviewService['reviewPage']>> = await reviews.reviewPage(runId, { first: 4, after });
    expect(await page.totalCount()).toBe(11);
    seen.push(...page.edges.map((e) => e.node.stationId));
    after = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) {
      expect(pages).toBe(3);
      break;
    }
  }
  expect(seen).toEqual(stationIds);
  const fails = await reviews.reviewPage(runId, {
    outcome: 'FAIL',
    first: 100,
  });
  expect(fails.edges.map((e) => e.node.stationId)).toEqual(stationIds.filter((_, i) => i % 3 === 0));
  expect(await fails.totalCount()).toBe(expected(11).fail);
  const counts = await reviews.outcomeCounts(runId);
  expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(11);
  expect(counts.find((c) => c.outcome === 'FAIL')?.count).toBe(expected(11).fail);
  expect((await reviews.reviewPage(runId, { first: 0 })).edges).toEqual([]);
  const second = await reviews.reviewPage(runId, { first: 4 });
  expect(
    (
      await reviews.reviewPage(runId, {
        first: 0,
        after: second.pageInfo.endCursor,
      })
    ).pageInfo,
  ).toEqual({ hasNextPage: true, endCursor: second.pageInfo.endCursor });
  await expect(reviews.reviewPage(runId, { first: 501 })).rejects.toMatchObject({ code: 'INVALID_PAGE_SIZE' });
  await expect(
    reviews.reviewPage(runId, {
      first: 4,
      after: Buffer.from('not-a-uuid').toString('base64url'),
    }),
  ).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
});

it('an order followed up while its batch is being read counts: the station is judged on it, and it is not marked UNMET', async () => {
  const stationId = (await county('430134', 3))[2]; // index 2 of a county: no inspection, no order of its own
  const [{ id: orderId }] = await ds.query(
    `INSERT INTO rectification (station_id, requirements, deadline, ordered_by) VALUES ($1, '恢复每月活动', '2025-10-01', 'admin') RETURNING id`,
    [stationId],
  );
  const runId = await newRun('430134');
  // The inspector records the follow-up (met) while the gateway read of the batch is under way: after the
  // batch's local read that overlaps it has answered (barrier), before the gateway read answers.
  let localReadDone!: () => void;
  const localRead = new Promise<void>((r) => (localReadDone = r));
  const signalling = Object.create(inspections) as InspectionService;
  signalling.latestByStations = async (ids) => {
    const rows: unknown = await inspections.latestByStations(ids);
    localReadDone();
    return rows;
  };
  const followedUpDuringRead: StationFactsSource = {
    async load(ids, req) {
      await localRead;
      await ds.query(
        `UPDATE rectification SET status = 'MET', followed_up_on = '2025-12-30', follow_up_note = '已整改' WHERE id = $1`,
        [orderId],
      );
      return new Facts().load(ids, req);
    },
  };
  await runner(10, followedUpDuringRead, titles, signalling).process(runId);
  const [review] = await ds.query(`SELECT outcome, reasons FROM review WHERE run_id = $1 AND station_id = $2`, [
    runId,
    stationId,
  ]);
  expect(review).toEqual({ outcome: 'PASS', reasons: [] });
  expect((await ds.query(`SELECT status FROM title WHERE station_id = $1`, [stationId]))[0].status).toBe('ACTIVE');
  expect((await ds.query(`SELECT status, follow_up_note FROM rectification WHERE id = $1`, [orderId]))[0]).toEqual({
    status: 'MET',
    follow_up_note: '已整改',
  });
});

it('a facts source that leaves a station out fails the batch instead of judging the station gone', async () => {
  const stationIds = await county('430135', 3);
  const runId = await newRun('430135');
  const dropsOne: StationFactsSource = {
    async load(ids, req) {
      const all = await new Facts().load(ids, req);
      all.delete(stationIds[2]);
      return all;
    },
  };
  await expect(runner(10, dropsOne).process(runId)).rejects.toThrow(/returned nothing for station/);
  expect(await effects(runId, stationIds)).toMatchObject({
    reviews: 0,
    revoked: 0,
    completedEvents: 0,
  });
});

it('a station gets at most one open review-issued order: a second run ordering it at the same time is skipped', async () => {
  const [stationId] = await county('430136', 1);
  const runA = await newRun('430136');
  await runner(10, new Facts()).process(runA);
  const [review] = await ds.query(`SELECT id, title_id FROM review WHERE run_id = $1`, [runA]);
  const order = (reviewId: string) => ({
    stationId,
    regionCode: '430136',
    deadline: '2026-02-28',
    requirements: '补齐台账',
    inspectionId: null,
    reviewId,
    titleId: review.title_id,
    orderedBy: 'review-run-x',
  });
  await ds.query(`DELETE FROM rectification WHERE station_id = $1`, [stationId]);
  const first = await ds.transaction((m) => inspections.insertOrders(m, [order(review.id)]));
  expect(first).toHaveLength(1);
  // What a concurrent run that read "no open order" before the first committed would insert.
  const second = await ds.transaction((m) => inspections.insertOrders(m, [order(review.id)]));
  expect(second).toEqual([]);
  // Orders inspectors give are not limited.
  const byInspector = await ds.transaction((m) =>
    inspections.insertOrders(m, [{ ...order(review.id), reviewId: null, orderedBy: 'inspector-1' }]),
  );
  expect(byInspector).toHaveLength(1);
  expect(
    await n(`SELECT count(*) AS n FROM rectification WHERE station_id = $1 AND status = 'OPEN'`, [stationId]),
  ).toBe(2);
});
