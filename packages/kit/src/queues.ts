import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from './logger';

/**
 * Connection settings from BullMQ's production guide: workers retry forever (a blocked BRPOPLPUSH
 * must survive a Redis restart), producers fail fast instead of queueing commands while Redis is down.
 */
export function createRedis(url: string, role: 'worker' | 'producer' | 'client'): Redis {
  const base: RedisOptions = {
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  };
  const opts: RedisOptions =
    role === 'worker'
      ? { ...base, maxRetriesPerRequest: null, enableReadyCheck: true }
      : role === 'producer'
        ? {
            ...base,
            maxRetriesPerRequest: 1,
            enableOfflineQueue: false,
            connectTimeout: 5000,
          }
        : { ...base, maxRetriesPerRequest: 1, connectTimeout: 5000 };
  return new Redis(url, opts);
}

/** BullMQ loses jobs when Redis evicts keys: warn at start-up unless the policy is noeviction. */
export async function warnUnlessNoEviction(redis: Redis, logger: Logger): Promise<void> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy !== 'noeviction') {
      logger.warn(
        { policy },
        'Redis maxmemory-policy is not noeviction: BullMQ jobs can be evicted; set maxmemory-policy noeviction',
      );
    }
  } catch (err) {
    // Managed Redis often forbids CONFIG; the operator must check the policy there.
    logger.warn({ err: (err as Error).message }, 'could not read Redis maxmemory-policy; make sure it is noeviction');
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Promise that rejects after ms: BullMQ's close() has no timeout of its own. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
