import { createRedis, JobReconciler, startSandboxCron, type ServiceDeps } from '@leifeng/kit';
import { Worker, type Queue } from 'bullmq';
import { readAccreditationConfig } from '../config';
import { buildServices, factsSourceFrom, type ModuleOptions } from '../context';
import { todayIn } from '../domain/dates';
import { ReviewRunner } from '../services/review-runner';
import { createReviewQueue, enqueueRun, RECOVERY_SCHEDULER_ID, REVIEW_QUEUE, SCHEDULER_ID } from './review-queue';
import { withStatementScope } from '../statement-metrics';

/**
 * BullMQ settings that make REVIEW_LOCK_MS (L) the bound on how long a run of a killed worker waits
 * before another worker takes it over. BullMQ moves an active job back to wait at a stalled check when
 * the job was already active at the previous check and its lock has expired. The lock outlives the
 * worker by at most lockDuration (it is renewed every lockDuration / 2); checks run every
 * stalledInterval on each worker, but the shared `stalled-check` key (TTL stalledInterval) can make a
 * worker skip one, so two executed checks are less than 2 × stalledInterval apart. Takeover after a
 * kill ≤ lockDuration + 2 × stalledInterval (+ the idle worker's immediate pickup). The old settings
 * (lock L, check L / 2) gave up to 2 × L: 35–54 s measured for L = 30 s.
 * Here lockDuration = L / 2 and stalledInterval = L / 5: ≤ 0.9 × L.
 */
export function reviewLockOptions(lockMs: number): {
  lockDuration: number;
  stalledInterval: number;
} {
  return {
    lockDuration: Math.floor(lockMs / 2),
    stalledInterval: Math.max(50, Math.floor(lockMs / 5)),
  };
}

/**
 * The re-review in the worker process: a job scheduler (cron, upserted at every start: exactly one
 * scheduler, no early run), a worker processing runs, and recovery of runs left unfinished.
 */
export async function startReviewWorker(
  deps: ServiceDeps,
  opts: ModuleOptions = {},
): Promise<{ close(): Promise<void>; queue: Queue; worker: Worker }> {
  const env = opts.env ?? process.env;
  const config = readAccreditationConfig(env);
  const producer = createRedis(deps.config.redisUrl, 'producer');
  const queue = createReviewQueue(producer, deps.config.bullPrefix);
  const enqueue = (runId: string) => enqueueRun(queue, runId);
  const services = buildServices(
    deps,
    {
      ...opts,
      env: { ...env, JWT_SECRET: env.JWT_SECRET ?? deps.config.auth.secret },
    },
    enqueue,
  );
  const facts = opts.factsSource ?? factsSourceFrom(config, deps.config.auth);
  const runner = new ReviewRunner({
    ds: deps.ds,
    facts,
    titles: services.titles,
    inspections: services.inspections,
    policy: {
      rectifyDays: config.rectifyDays,
      maxUnmetForRectify: config.maxUnmetForRectify,
    },
    batchSize: config.reviewBatchSize,
    batchPauseMs: config.reviewBatchPauseMs,
    logger: deps.logger,
    clock: services.clock,
  });

  // A cron pattern (never `every`, which fires at once); upsert replaces rather than duplicates.
  // A run whose job used up its retries (a subgraph down for longer than ~30 s) stays RUNNING: every
  // REVIEW_RECOVERY_MS it is enqueued again (a waiting or active job is left alone), so it finishes
  // once the graph answers, without waiting for a worker restart.
  const upsertSchedulers = async () => {
    await queue.upsertJobScheduler(
      SCHEDULER_ID,
      { pattern: config.reviewCron, tz: config.reviewTimezone },
      { name: 'scheduled', data: {} },
    );
    await queue.upsertJobScheduler(
      RECOVERY_SCHEDULER_ID,
      { every: config.reviewRecoveryMs },
      {
        name: 'recover',
        data: {},
        opts: { removeOnComplete: true, removeOnFail: 50 },
      },
    );
  };
  await upsertSchedulers();
  // A sandbox (SANDBOX=true) also fires the schedule when the sandbox clock passes it (kit sandbox-clock.ts).
  await services.sandbox.restore();
  const sandboxCron = deps.config.sandbox
    ? startSandboxCron({
        redis: producer,
        prefix: deps.config.bullPrefix,
        name: SCHEDULER_ID,
        pattern: config.reviewCron,
        tz: config.reviewTimezone,
        logger: deps.logger,
        fire: async (occurrence) =>
          void (await queue.add(
            'scheduled',
            { occurrence: occurrence.toISOString() },
            { jobId: `sandbox-scheduled-${occurrence.getTime()}` },
          )),
      })
    : undefined;
  const recoverUnfinished = async () => {
    for (const { id } of await services.reviews.unfinishedRuns()) await enqueue(id);
  };

  const workerConnection = createRedis(deps.config.redisUrl, 'worker');
  const worker = new Worker(
    REVIEW_QUEUE,
    async (job) => {
      if (job.name === 'recover') return recoverUnfinished();
      let runId: string = job.data.runId;
      if (job.name === 'scheduled') {
        // The occurrence the job stands for: a job that waited (a busy or restarted worker) still reviews
        // as of its own date and year, never as of whenever it happened to run.
        const occurrence: string | undefined = job.data?.occurrence;
        const today = occurrence ? todayIn({ now: () => new Date(occurrence) }) : todayIn(services.clock);
        const year = Number(today.slice(0, 4));
        const run = await services.reviews.create({
          key: `scheduled-${year}`,
          cycleId: null,
          regionCode: null,
          year,
          asOf: today,
          dryRun: false,
          trigger: 'SCHEDULE',
          by: 'scheduler',
        });
        runId = run.id;
      }
      return withStatementScope('review', () => runner.process(runId));
    },
    {
      connection: workerConnection,
      prefix: deps.config.bullPrefix,
      concurrency: 1,
      ...reviewLockOptions(config.reviewLockMs),
      maxStalledCount: 10,
    },
  );
  worker.on('failed', (job, err) => deps.logger.warn({ err, jobId: job?.id }, 're-review job failed'));
  worker.on('error', (err) => deps.logger.warn({ err }, 're-review worker error'));

  // Runs a killed worker left behind: re-enqueued (an active job of a dead worker is taken back by the stall check).
  await recoverUnfinished();
  // When Redis lost its data, both schedulers and every run's job are gone: the reconciler notices
  // (within RECONCILE_INTERVAL_MS), waits RECONCILE_GRACE_MS for a run still being processed, then
  // re-creates the schedulers and re-enqueues unfinished runs (a run's reviews are idempotent per station).
  const reconciler = new JobReconciler({
    name: 'accreditation-review',
    redis: producer,
    prefix: deps.config.bullPrefix,
    sources: [],
    restore: async () => {
      await upsertSchedulers();
      await recoverUnfinished();
    },
    intervalMs: deps.config.reconcileIntervalMs,
    graceMs: deps.config.reconcileGraceMs,
    logger: deps.logger,
  });
  reconciler.start();

  return {
    queue,
    worker,
    async close() {
      await reconciler.close();
      await sandboxCron?.close();
      await worker.close();
      await queue.close();
      await producer.quit().catch(() => undefined);
      await workerConnection.quit().catch(() => undefined);
    },
  };
}
