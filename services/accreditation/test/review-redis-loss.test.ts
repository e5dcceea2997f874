import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createDataSource, createLogger, createRedis, startSubgraphWorker, type RunningProcess } from '@leifeng/kit';
import {
  startPrivateRedis,
  startTestSubgraph,
  uniqueSuffix,
  waitFor,
  type PrivateRedis,
  type TestSubgraph,
} from '@leifeng/kit/testing';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { StationFacts, StationFactsSource } from '../src/domain/facts';
import { createAccreditationModule } from '../src/module';
import { enqueueRun, REVIEW_QUEUE } from '../src/jobs/review-queue';
import { startReviewWorker } from '../src/jobs/review-worker';
import { ReviewService } from '../src/services/review-service';

/**
 * A re-review in progress when Redis restarts empty: its job, its retries and both job schedulers
 * (yearly run, recovery) are gone, and the attempt running at that moment fails. The worker's
 * reconciler re-creates the schedulers and re-enqueues the unfinished run; it completes with every
 * station reviewed once, within 60 s of Redis answering again.
 */
const clock = { now: () => new Date('2025-12-01T02:00:00Z') };
let redis: PrivateRedis;
let acc: TestSubgraph;
let worker: RunningProcess | undefined;
let db: Client;
let ds: DataSource;

beforeAll(async () => {
  redis = await startPrivateRedis();
  acc = await startTestSubgraph(createAccreditationModule({ clock }), {
    env: { REDIS_URL: redis.url },
  });
  db = new Client({ connectionString: acc.db.url });
  await db.connect();
  ds = createDataSource({
    url: acc.db.url,
    entities: [],
    migrations: [],
    logger: createLogger('redis-loss-test', 'silent'),
  });
  await ds.initialize();
}, 60000);

afterAll(async () => {
  await worker?.stop();
  await ds?.destroy();
  await db?.end();
  await acc?.stop();
  await redis?.stop();
});

it('a run interrupted by an emptied Redis completes, each station reviewed once, and the schedulers are back', async () => {
  const [{ id: cycleId }] = (
    await db.query(
      `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by) VALUES ('430000', 2024, 'hunan-2012-eight-haves@1', '["CITY"]', '[]', 'test') RETURNING id`,
    )
  ).rows;
  for (let i = 0; i < 3; i++) {
    const stationId = randomUUID();
    await db.query(
      `INSERT INTO station_ref (id, name, region_code, status, category) VALUES ($1, $2, '430102', 'ACTIVE', 'COMMUNITY')`,
      [stationId, `复核恢复测试站${i}`],
    );
    await db.query(
      `INSERT INTO title (station_id, region_code, level, cycle_id, conferred_on, certificate_number, history) VALUES ($1, '430102', 'CITY', $2, '2024-11-20', $3, '[]')`,
      [stationId, cycleId, `LF-L-${uniqueSuffix()}`],
    );
  }

  // The first batch is read; the second waits for the loss, then fails (the graph call broke with it).
  let lost = false;
  let calls = 0;
  const facts: StationFactsSource = {
    async load(ids, req) {
      if (++calls === 2) {
        await waitFor(() => lost, 30000, 'the loss');
        throw new Error('网关暂不可用');
      }
      return new Map(
        ids.map((id): [string, StationFacts] => [
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
    },
  };
  const env = {
    ...acc.env,
    PORT: '0',
    REVIEW_BATCH_SIZE: '1',
    RECONCILE_INTERVAL_MS: '300',
    RECONCILE_GRACE_MS: '1500',
  };
  worker = await startSubgraphWorker(createAccreditationModule({ clock, env }), {
    env,
    extraWorkers: async (deps) => [await startReviewWorker(deps, { clock, env, factsSource: facts })],
  });
  const queue = new Queue(REVIEW_QUEUE, {
    connection: { url: redis.url },
    prefix: acc.env.BULLMQ_PREFIX,
  });
  // The first start's pass (no marker yet on this Redis) is over before the run starts.
  const client = createRedis(redis.url, 'client');
  await waitFor(
    async () => (await client.get(`${acc.env.BULLMQ_PREFIX}:reconciler:accreditation-review`))?.startsWith('ok'),
    10000,
    'the first reconcile pass',
  );
  expect((await queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual([
    'accreditation-review-recovery',
    'accreditation-yearly-review',
  ]);

  const run = await new ReviewService(ds, clock, async () => undefined).create({
    key: `loss-${uniqueSuffix()}`,
    cycleId: null,
    regionCode: '430102',
    year: 2025,
    asOf: '2025-12-01',
    dryRun: true,
    trigger: 'ON_DEMAND',
    by: 'test',
  });
  await enqueueRun(queue, run.id);
  await waitFor(() => calls >= 2, 20000, 'the second batch being read');

  await redis.restartEmpty();
  const backAt = performance.now();
  lost = true;
  expect(await queue.getJobSchedulers()).toEqual([]);

  await waitFor(
    async () =>
      (await db.query(`SELECT status FROM review_run WHERE id = $1`, [run.id])).rows[0].status === 'COMPLETED',
    60000,
    'the run completed after the loss',
  );
  expect(performance.now() - backAt).toBeLessThan(60000);
  const { rows } = await db.query(`SELECT station_id FROM review WHERE run_id = $1`, [run.id]);
  expect(rows).toHaveLength(3);
  expect(new Set(rows.map((r) => r.station_id)).size).toBe(3);
  expect((await queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual([
    'accreditation-review-recovery',
    'accreditation-yearly-review',
  ]);
  await queue.close();
  client.disconnect();
}, 120000);
