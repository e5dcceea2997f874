import { Queue } from 'bullmq';
import { createRedis } from '@leifeng/kit';
import { TEST_REDIS_URL, waitFor } from '@leifeng/kit/testing';
import { SMS_QUEUE } from '../src/jobs/dispatcher';

type Pending = 'waiting' | 'delayed' | 'prioritized' | 'active';

/**
 * Barrier for "nothing more is sent": waits until the SMS queue under `prefix` has no job in the
 * given states (by default waiting, delayed, prioritized or running). Every text goes out through a
 * job there, so none can follow.
 */
export async function smsQueueDrained(prefix: string, states: Pending[] = ['waiting', 'delayed', 'prioritized', 'active'], timeoutMs = 15000): Promise<void> {
  const connection = createRedis(TEST_REDIS_URL, 'producer');
  const queue = new Queue(SMS_QUEUE, { connection, prefix });
  try {
    await waitFor(async () => {
      const counts = await queue.getJobCounts(...states);
      return states.every((state) => (counts[state] ?? 0) === 0);
    }, timeoutMs, 'SMS queue drained');
  } finally {
    await queue.close();
    await connection.quit();
  }
}
