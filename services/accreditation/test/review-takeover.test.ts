import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createDataSource, createLogger, createRedis, startSubgraphWorker, type RunningProcess } from '@leifeng/kit';
import { startTestSubgraph, TEST_REDIS_URL, uniqueSuffix, waitFor, type TestSubgraph } from '@leifeng/kit/testing';
import type { DataSource } from 'typeorm';
import type { StationFacts, StationFactsSource } from '../src/domain/facts';
import { createAccreditationModule } from '../src/module';
import { createReviewQueue, enqueueRun, runJobId } from '../src/jobs/review-queue';
import { reviewLockOptions, startReviewWorker } from '../src/jobs/review-worker';
import { ReviewService } from '../src/services/review-service';
import { compiledEntry } from '../../../test/support/compiled';

/**
 * A worker process killed hard (SIGKILL) in the middle of a run: another running worker takes the run
 * over within REVIEW_LOCK_MS, as documented. The kill comes right after the dead worker renewed its
 * lock (the worst moment: the whole lock is left to expire), which with the old settings (lock
 * REVIEW_LOCK_MS, stalled check REVIEW_LOCK_MS / 2) took between 1 and 2 × REVIEW_LOCK_MS.
 */
const LOCK_MS = 3000;
const clock = { now: () => new Date('2025-12-01T02:00:00Z') };
let acc: TestSubgraph;
let worker: RunningProcess | undefined;
let child: ChildProcess | undefined;
let workerJs: string;
let db: Client;
let ds: DataSource;
let hangingGateway: http.Server;
let gatewayUrl: string;
const gatewayHits: number[] = [];

beforeAll(async () => {
  workerJs = compiledEntry('accreditation', 'worker');
  acc = await startTestSubgraph(createAccreditationModule({ clock }));
  db = new Client({ connectionString: acc.db.url });
  await db.connect();
  ds = createDataSource({
    url: acc.db.url,
    entities: [],
    migrations: [],
    logger: createLogger('takeover-test', 'silent'),
  });
  await ds.initialize();
  // The graph as the killed worker sees it: it takes the request and never answers, so the run stays active there.
  hangingGateway = http.createServer(() => gatewayHits.push(performance.now()));
  await new Promise<void>((r) => hangingGateway.listen(0, '127.0.0.1', () => r()));
  gatewayUrl = `http://127.0.0.1:${(hangingGateway.address() as AddressInfo).port}/graphql`;
}, 120000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await worker?.stop();
  await ds?.destroy();
  await db?.end();
  hangingGateway?.closeAllConnections();
  await new Promise((r) => hangingGateway?.close(r));
  await acc?.stop();
});

it('the lock options bound a takeover by REVIEW_LOCK_MS', () => {
  for (const lock of [500, 3000, 30000, 600000]) {
    const { lockDuration, stalledInterval } = reviewLockOptions(lock);
    expect(lockDuration + 2 * stalledInterval).toBeLessThanOrEqual(lock);
  }
});

it('a run of a worker killed with SIGKILL is taken over by another worker within REVIEW_LOCK_MS', async () => {
  const [{ id: cycleId }] = (
    await db.query(
      `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by) VALUES ('430000', 2024, 'hunan-2012-eight-haves@1', '["CITY"]', '[]', 'test') RETURNING id`,
    )
  ).rows;
  const stationId = randomUUID();
  await db.query(
    `INSERT INTO station_ref (id, name, region_code, status, category) VALUES ($1, '接管测试站', '430102', 'ACTIVE', 'COMMUNITY')`,
    [stationId],
  );
  await db.query(
    `INSERT INTO title (station_id, region_code, level, cycle_id, conferred_on, certificate_number, history) VALUES ($1, '430102', 'CITY', $2, '2024-11-20', $3, '[]')`,
    [stationId, cycleId, `LF-T-${uniqueSuffix()}`],
  );

  // The first worker: a separate process, reading the graph through the gateway that never answers.
  child = spawn(process.execPath, [workerJs], {
    env: {
      ...process.env,
      ...acc.env,
      PORT: '0',
      GATEWAY_URL: gatewayUrl,
      REVIEW_LOCK_MS: String(LOCK_MS),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const run = await new ReviewService(ds, clock, async () => undefined).create({
    key: `takeover-${uniqueSuffix()}`,
    cycleId: null,
    regionCode: '430102',
    year: 2025,
    asOf: '2025-12-01',
    dryRun: true,
    trigger: 'ON_DEMAND',
    by: 'test',
  });
  const redis = createRedis(TEST_REDIS_URL, 'producer');
  const queue = createReviewQueue(redis, acc.env.BULLMQ_PREFIX);
  await enqueueRun(queue, run.id);
  await waitFor(() => gatewayHits.length > 0, 30000, 'the child worker reading the graph for the run');
  expect(await (await queue.getJob(runJobId(run.id)))!.getState()).toBe('active');

  // The second worker, running before the kill (its start leaves the active run alone).
  let takenAt: number | undefined;
  const facts: StationFactsSource = {
    async load(ids, req) {
      takenAt ??= performance.now();
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
  const env = { ...acc.env, PORT: '0', REVIEW_LOCK_MS: String(LOCK_MS) };
  worker = await startSubgraphWorker(createAccreditationModule({ clock, env }), {
    env,
    extraWorkers: async (deps) => [await startReviewWorker(deps, { clock, env, factsSource: facts })],
  });

  // Kill right after the child renewed its lock: all of it is left to run out.
  const lockKey = queue.toKey(`${runJobId(run.id)}:lock`);
  const { lockDuration } = reviewLockOptions(LOCK_MS);
  let last = await redis.pttl(lockKey);
  await waitFor(
    async () => {
      const ttl = await redis.pttl(lockKey);
      const renewed = ttl > last;
      last = ttl;
      return renewed && ttl > lockDuration - 150;
    },
    3 * LOCK_MS,
    'a lock renewal by the child',
  );
  child.kill('SIGKILL');
  const killedAt = performance.now();
  await new Promise((r) => child!.once('exit', r));
  expect(takenAt).toBeUndefined();

  await waitFor(() => takenAt !== undefined, 4 * LOCK_MS, 'the run taken over');
  const takeoverMs = takenAt! - killedAt;
  expect(takeoverMs).toBeLessThanOrEqual(LOCK_MS);
  await waitFor(
    async () =>
      (await db.query(`SELECT status FROM review_run WHERE id = $1`, [run.id])).rows[0].status === 'COMPLETED',
    15000,
    'the run completed by the second worker',
  );
  expect(Number((await db.query(`SELECT count(*) AS n FROM review WHERE run_id = $1`, [run.id])).rows[0].n)).toBe(1);
  await queue.close();
  await redis.quit();
}, 90000);
