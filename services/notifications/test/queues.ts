import { Queue } from 'bullmq';
import { createRedis } from '@leifeng/kit';
import { TEST_REDIS_URL, waitFor } from '@leifeng/kit/testing';
import { SMS_QUEUE } from '../src/jobs/dispatcher';

type Pending = 'waiting' | 'delayed' | 'prioritized' | 'active';
const ALL: Pending[] = ['waiting', 'delayed', 'prioritized', 'active'];

/**
 * Barrier for "nothing more arrives": waits until none of `queues` under `prefix` has a job in the
 * given states. Every text, webhook and event is sent from such a job, so none can follow.
 */
export async function queuesIdle(
  redisUrl: string,
  prefix: string,
  queues: string[],
  states: Pending[] = ALL,
  timeoutMs = 15000,
): Promise<void> {
  const connection = createRedis(redisUrl, 'producer');
  const open = queues.map((name) => new Queue(name, { connection, prefix }));
  try {
    await waitFor(
      async () => {
        for (const queue of open) {
          const counts = await queue.getJobCounts(...states);
          if (!states.every((state) => (counts[state] ?? 0) === 0)) return false;
        }
        return true;
      },
      timeoutMs,
      `queues idle: ${queues.join(', ')}`,
    );
  } finally {
    await Promise.all(open.map((q) => q.close()));
    await connection.quit();
  }
}

/** The SMS queue on the shared test Redis has no job in `states` (by default none pending at all). */
export function smsQueueDrained(prefix: string, states: Pending[] = ALL): Promise<void> {
  return queuesIdle(TEST_REDIS_URL, prefix, [SMS_QUEUE], states);
}
