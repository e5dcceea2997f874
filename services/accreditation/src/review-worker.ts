import { createRedis, startSandboxCron, type ServiceDeps } from '@leifeng/kit';
import { Worker, type Queue } from 'bullmq';
import { readAccreditationConfig } from './config';
import { buildServices, factsSourceFrom, type ModuleOptions } from './context';
import { todayIn } from './domain/dates';
import { ReviewRunner } from './domain/review-runner';
import { createReviewQueue, enqueueRun, RECOVERY_SCHEDULER_ID, REVIEW_QUEUE, SCHEDULER_ID } from './review-queue';
import { withStatementScope } from './statement-metrics';

/**
 * The re-review in the worker process: a job scheduler (cron, upserted at every start: exactly one
 * scheduler, no early run), a worker processing runs, and recovery of runs left unfinished.
 */
export async function startReviewWorker(deps: ServiceDeps, opts: ModuleOptions = {}): Promise<{ close(): Promise<void>; queue: Queue; worker: Worker }> {
  const env = opts.env ?? process.env;
  const config = readAccreditationConfig(env);
  const producer = createRedis(deps.config.redisUrl, 'producer');
  const queue = createReviewQueue(producer, deps.config.bullPrefix);
  const enqueue = (runId: string) => enqueueRun(queue, runId);
  const services = buildServices(deps, { ...opts, env: { ...env, JWT_SECRET: env.JWT_SECRET ?? deps.config.auth.secret } }, enqueue);
  const facts = opts.factsSource ?? factsSourceFrom({ ...config, jwtSecret: config.jwtSecret ?? deps.config.auth.secret });
  const runner = new ReviewRunner({
    ds: deps.ds,
    facts,
    titles: services.titles,
    inspections: services.inspections,
    policy: { rectifyDays: config.rectifyDays, maxUnmetForRectify: config.maxUnmetForRectify },
    batchSize: config.reviewBatchSize,
    batchPauseMs: config.reviewBatchPauseMs,
    logger: deps.logger,
  });

  // A cron pattern (never `every`, which fires at once); upsert replaces rather than duplicates.
  await queue.upsertJobScheduler(SCHEDULER_ID, { pattern: config.reviewCron, tz: config.reviewTimezone }, { name: 'scheduled', data: {} });
  // A run whose job used up its retries (a subgraph down for longer than ~30 s) stays RUNNING: every
  // REVIEW_RECOVERY_MS it is enqueued again (a waiting or active job is left alone), so it finishes
  // once the graph answers, without waiting for a worker restart.
  await queue.upsertJobScheduler(RECOVERY_SCHEDULER_ID, { every: config.reviewRecoveryMs }, { name: 'recover', data: {}, opts: { removeOnComplete: true, removeOnFail: 50 } });
  // A sandbox (SANDBOX=true) also fires the schedule when the sandbox clock passes it (kit sandbox-clock.ts).
  await services.sandbox.restore();
  const sandboxCron = deps.config.sandbox
    ? startSandboxCron({
        redis: producer, prefix: deps.config.bullPrefix, name: SCHEDULER_ID, pattern: config.reviewCron, tz: config.reviewTimezone, logger: deps.logger,
        fire: async (occurrence) => void (await queue.add('scheduled', {}, { jobId: `sandbox-scheduled-${occurrence.getTime()}` })),
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
        const today = todayIn(services.clock);
        const year = Number(today.slice(0, 4));
        const run = await services.reviews.create({ key: `scheduled-${year}`, cycleId: null, regionCode: null, year, asOf: today, dryRun: false, trigger: 'SCHEDULE', by: 'scheduler' });
        runId = run.id;
      }
      return withStatementScope('review', () => runner.process(runId));
    },
    { connection: workerConnection, prefix: deps.config.bullPrefix, concurrency: 1, lockDuration: config.reviewLockMs, stalledInterval: Math.max(500, Math.floor(config.reviewLockMs / 2)), maxStalledCount: 10 },
  );
  worker.on('failed', (job, err) => deps.logger.warn({ err, jobId: job?.id }, 're-review job failed'));
  worker.on('error', (err) => deps.logger.warn({ err }, 're-review worker error'));

  // Runs a killed worker left behind: re-enqueued (an active job of a dead worker is taken back by the stall check).
  await recoverUnfinished();

  return {
    queue,
    worker,
    async close() {
      await sandboxCron?.close();
      await worker.close();
      await queue.close();
      await producer.quit().catch(() => undefined);
      await workerConnection.quit().catch(() => undefined);
    },
  };
}
