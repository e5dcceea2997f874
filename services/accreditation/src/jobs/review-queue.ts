import { Queue, type ConnectionOptions } from 'bullmq';

export const REVIEW_QUEUE = 'accreditation-review';
export const SCHEDULER_ID = 'accreditation-yearly-review';
export const RECOVERY_SCHEDULER_ID = 'accreditation-review-recovery';
/** BullMQ job ids: no ':' and not all digits. */
export const runJobId = (runId: string) => `run-${runId}`;

/** Adds the job that processes a run, unless one is waiting or running; a finished or failed one is replaced. */
export async function enqueueRun(queue: Queue, runId: string): Promise<void> {
  const id = runJobId(runId);
  const existing = await queue.getJob(id);
  if (existing) {
    const state = await existing.getState();
    if (
      state === 'active' ||
      state === 'waiting' ||
      state === 'delayed' ||
      state === 'prioritized' ||
      state === 'waiting-children'
    )
      return;
    await existing.remove();
  }
  await queue.add(
    'run',
    { runId },
    {
      jobId: id,
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  );
}

export function createReviewQueue(connection: ConnectionOptions, prefix: string): Queue {
  return new Queue(REVIEW_QUEUE, { connection, prefix });
}
