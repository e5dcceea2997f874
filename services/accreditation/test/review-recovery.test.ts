import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, createLogger, createRedis, startSubgraphWorker, type RunningProcess } from '@leifeng/kit';
import { startTestSubgraph, TEST_REDIS_URL, uniqueSuffix, waitFor, type TestSubgraph } from '@leifeng/kit/testing';
import type { DataSource } from 'typeorm';
import type { StationFacts, StationFactsSource } from '../src/domain/facts';
import { createAccreditationModule } from '../src/module';
import { createReviewQueue, runJobId } from '../src/jobs/review-queue';
import { startReviewWorker } from '../src/jobs/review-worker';
import { ReviewService } from '../src/services/review-service';

/**
 * A run whose job used up its retries (here one attempt, against a graph that is down at first) is not
 * left RUNNING until someone restarts the worker: the recovery scheduler enqueues it again and it
 * finishes once the graph answers.
 */
const clock = { now: () => new Date('2025-12-01T02:00:00Z') };
let acc: TestSubgraph;
let worker: RunningProcess | undefined;
let db: Client;
let ds: DataSource;

beforeAll(async () => {
  acc = await startTestSubgraph(createAccreditationModule({ clock }));
  db = new Client({ connectionString: acc.db.url });
  await db.connect();
  ds = createDataSource({
    url: acc.db.url,
    entities: [],
    migrations: [],
    logger: createLogger('recovery-test', 'silent'),
  });
  await ds.initialize();
}, 60000);

afterAll(async () => {
  await worker?.stop();
  await ds?.destroy();
  await db?.end();
  await acc?.stop();
});

it('re-enqueues a run whose job failed for good, and the run completes when the graph is back', async () => {
  const [{ id: cycleId }] = (
    await db.query(
      `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by) VALUES ('430000', 2024, 'hunan-2012-eight-haves@1', '["CITY"]', '[]', 'test') RETURNING id`,
    )
  ).rows;
  const stationId = randomUUID();
  await db.query(
    `INSERT INTO station_ref (id, name, region_code, status, category) VALUES ($1, '恢复测试站', '430102', 'ACTIVE', 'COMMUNITY')`,
    [stationId],
  );
  await db.query(
    `INSERT INTO title (station_id, region_code, level, cycle_id, conferred_on, certificate_number, history) VALUES ($1, '430102', 'CITY', $2, '2024-11-20', $3, '[]')`,
    [stationId, cycleId, `LF-R-${uniqueSuffix()}`],
  );
  const run = await new ReviewService(ds, clock, async () => undefined).create({
    key: `recovery-${uniqueSuffix()}`,
    cycleId: null,
    regionCode: '430102',
    year: 2025,
    asOf: '2025-12-01',
    dryRun: true,
    trigger: 'ON_DEMAND',
    by: 'test',
  });

  // The run's job as it looks after its last retry failed: one attempt, no more.
  const redis = createRedis(TEST_REDIS_URL, 'producer');
  const queue = createReviewQueue(redis, acc.env.BULLMQ_PREFIX);
  await queue.add('run', { runId: run.id }, { jobId: runJobId(run.id), attempts: 1 });

  let calls = 0;
  const graphDownAtFirst: StationFactsSource = {
    async load(ids, req) {
      if (++calls === 1) throw new Error('网关暂不可用');
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
  const env = { ...acc.env, PORT: '0', REVIEW_RECOVERY_MS: '1000' };
  worker = await startSubgraphWorker(createAccreditationModule({ clock, env }), {
    env,
    extraWorkers: async (deps) => [
      await startReviewWorker(deps, {
        clock,
        env,
        factsSource: graphDownAtFirst,
      }),
    ],
  });

  const done = await waitFor(
    async () => {
      const { rows } = await db.query(`SELECT status FROM review_run WHERE id = $1`, [run.id]);
      return rows[0].status === 'COMPLETED' ? rows[0] : undefined;
    },
    15000,
    'the run completing after recovery',
  );
  expect(done.status).toBe('COMPLETED');
  expect(calls).toBe(2); // the job had one attempt: the second read came from the recovery
  expect(Number((await db.query(`SELECT count(*) AS n FROM review WHERE run_id = $1`, [run.id])).rows[0].n)).toBe(1);
  await queue.close();
  await redis.quit();
}, 60000);
