import { Queue, Worker } from 'bullmq';
import { startSandboxCron, type ServiceDeps } from '@leifeng/kit';
import type { VolunteersConfig } from '../config';
import { TimeBankService } from '../services/timebank-service';

export const EXPIRY_QUEUE = 'volunteers-timebank-expiry';
export const EXPIRY_SCHEDULER = 'daily-points-expiry';

/**
 * Writes off expired time-bank points every night at 02:30 Asia/Shanghai (a BullMQ job scheduler:
 * one schedule however many workers run). Each posting is idempotent per account and day.
 */
export async function startExpiryJob(
  deps: ServiceDeps,
  config: VolunteersConfig,
): Promise<Array<{ close(): Promise<void> }>> {
  const bank = new TimeBankService(deps.ds, config.timeBank, config.starThresholds);
  const queue = new Queue(EXPIRY_QUEUE, {
    connection: deps.redis,
    prefix: deps.config.bullPrefix,
  });
  await queue.upsertJobScheduler(
    EXPIRY_SCHEDULER,
    { pattern: '0 30 2 * * *', tz: 'Asia/Shanghai' },
    { name: 'expire', opts: { removeOnComplete: 100, removeOnFail: 1000 } },
  );
  // A sandbox (SANDBOX=true) also runs it when the sandbox clock passes 02:30 (kit sandbox-clock.ts).
  const sandboxCron = deps.config.sandbox
    ? startSandboxCron({
        redis: deps.redis,
        prefix: deps.config.bullPrefix,
        name: EXPIRY_SCHEDULER,
        pattern: '0 30 2 * * *',
        tz: 'Asia/Shanghai',
        logger: deps.logger,
        fire: async (at) =>
          void (await queue.add(
            'expire',
            {},
            {
              jobId: `sandbox-expire-${at.getTime()}`,
              removeOnComplete: 100,
              removeOnFail: 1000,
            },
          )),
      })
    : undefined;
  const worker = new Worker(
    EXPIRY_QUEUE,
    async () => ({
      posted: await bank.expireAll({
        user: { sub: 'volunteers-expiry-job', roles: ['SERVICE'] },
      }),
    }),
    { connection: deps.redis, prefix: deps.config.bullPrefix, concurrency: 1 },
  );
  worker.on('failed', (job, err) => deps.logger.warn({ err, jobId: job?.id }, 'points expiry failed'));
  worker.on('error', (err) => deps.logger.warn({ err }, 'points expiry worker error'));
  return [...(sandboxCron ? [sandboxCron] : []), worker, queue];
}
