import { performance } from 'node:perf_hooks';
import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from './logger';
import { sleep } from './queues';

/**
 * Postgres is the source of truth for work, Redis only carries it. When Redis comes back without its
 * data (a restart without persistence, a failover to an empty replica, a FLUSHALL), every waiting,
 * delayed, active and failed job and every job scheduler is gone, while the rows that describe the work
 * still say "queued". The JobReconciler puts that work back:
 *
 * 1. Detection. Each reconciler keeps a marker key in Redis (`<prefix>:reconciler:<name>`). Every
 *    `intervalMs` it reads it (one GET: the steady state costs nothing else). A missing marker means
 *    Redis lost its data (or this is the first start on that Redis, or an operator deleted the marker to
 *    force a pass, e.g. after a failover to a replica that may have lagged).
 * 2. Grace. Jobs that were being processed when the data vanished are still running in some worker and
 *    will write their outcome to Postgres; re-enqueueing them at once could run them twice concurrently.
 *    The pass waits `graceMs` (longer than any job's run time) from the moment it saw the marker missing.
 * 3. Recovery. `restore` hooks run first (re-create job schedulers, which are Redis data too), then every
 *    source pages through its unfinished rows and names the job each row should have. A job whose key
 *    does not exist is added again under the SAME job id with the source's options, so a job that was
 *    re-created meanwhile by the normal path is not duplicated (BullMQ ignores an add whose id exists),
 *    and a consumer that already did the work recognises it (row status, processed_event).
 * 4. The marker is written back ("ok") only when the whole pass succeeded; a failed pass is retried.
 *    While the grace runs it says "pending", so a second loss during the grace restarts the grace.
 *
 * Bound: work is back in its queues at most `intervalMs + graceMs` (+ the scan) after Redis answers
 * again. What is not recovered: Redis keys that are not jobs (rate-limit counters start from zero, live
 * pub/sub messages sent during the outage), and a partial loss that leaves the marker in place — delete
 * the marker to force a pass then.
 */
export interface ReconcileJob {
  queue: Queue;
  jobId: string;
  name: string;
  data: unknown;
  opts?: JobsOptions;
}

export interface ReconcileSource {
  /** For logs. */
  name: string;
  /**
   * One page of unfinished work believed to be queued, and the cursor of the next page (undefined
   * when done). Each item names the job that must exist for that work.
   */
  scan(cursor: string | undefined): Promise<{ jobs: ReconcileJob[]; next?: string }>;
}

export interface ReconcilerOptions {
  /** Marker name, unique per set of sources (e.g. `stations-outbox`). */
  name: string;
  /** Any connection to the Redis the queues live on. */
  redis: Redis;
  prefix: string;
  sources: ReconcileSource[];
  /** Run at the start of every recovery pass, e.g. re-upserting job schedulers; must be idempotent. */
  restore?: () => Promise<void>;
  intervalMs: number;
  graceMs: number;
  logger: Logger;
}

export interface ReconcileResult {
  state: 'intact' | 'waiting' | 'recovered';
  /** Jobs added again by this pass, per source. */
  requeued: Record<string, number>;
}

const EXISTS_CHUNK = 1000;
const PENDING = 'pending';

export class JobReconciler {
  private emptiedAt?: number;
  private abort?: AbortController;
  private loop?: Promise<void>;

  constructor(private readonly opts: ReconcilerOptions) {}

  get markerKey(): string {
    return `${this.opts.prefix}:reconciler:${this.opts.name}`;
  }

  /**
   * One check: nothing to do while the marker says "ok"; otherwise wait out the grace, then recover.
   * While waiting the marker says "pending": if it vanishes again (Redis lost its data once more during
   * the grace), the grace starts over, so it always counts from the latest loss.
   */
  async reconcileOnce(): Promise<ReconcileResult> {
    const { redis, logger, graceMs } = this.opts;
    const marker = await redis.get(this.markerKey);
    if (marker !== null && marker !== PENDING) {
      this.emptiedAt = undefined;
      return { state: 'intact', requeued: {} };
    }
    const now = performance.now();
    if (marker === null) {
      if (this.emptiedAt === undefined) {
        logger.warn(
          { reconciler: this.opts.name, graceMs },
          'Redis has no reconciler marker (data lost, first start, or forced): recovering queued work from Postgres after the grace period',
        );
      }
      await redis.set(this.markerKey, PENDING);
      this.emptiedAt = now;
    }
    this.emptiedAt ??= now; // "pending" set by another worker: our grace starts when we saw it
    if (now - this.emptiedAt < graceMs) return { state: 'waiting', requeued: {} };
    const requeued = await this.recover();
    // Only when the loss we recovered from is the latest one: a marker gone meanwhile means another loss.
    if ((await redis.get(this.markerKey)) === null) {
      this.emptiedAt = undefined;
      return { state: 'waiting', requeued };
    }
    await redis.set(this.markerKey, `ok ${new Date().toISOString()}`);
    this.emptiedAt = undefined;
    const total = Object.values(requeued).reduce((a, b) => a + b, 0);
    (total ? logger.warn.bind(logger) : logger.info.bind(logger))(
      { reconciler: this.opts.name, requeued },
      total ? 'jobs lost by Redis enqueued again from Postgres' : 'reconciled: no job was missing',
    );
    return { state: 'recovered', requeued };
  }

  /** The recovery pass itself (restore hooks, then every source), whatever the marker says. */
  async recover(): Promise<Record<string, number>> {
    await this.opts.restore?.();
    const requeued: Record<string, number> = {};
    for (const source of this.opts.sources) {
      requeued[source.name] = 0;
      let cursor: string | undefined;
      do {
        const page = await source.scan(cursor);
        requeued[source.name] += await this.requeueMissing(page.jobs);
        cursor = page.next;
      } while (cursor !== undefined);
    }
    return requeued;
  }

  private async requeueMissing(jobs: ReconcileJob[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < jobs.length; i += EXISTS_CHUNK) {
      const chunk = jobs.slice(i, i + EXISTS_CHUNK);
      const pipeline = this.opts.redis.pipeline();
      for (const j of chunk) pipeline.exists(j.queue.toKey(j.jobId));
      const replies = (await pipeline.exec()) ?? [];
      const missing = chunk.filter((_, k) => {
        const [err, n] = replies[k] ?? [new Error('no reply'), 0];
        if (err) throw err;
        return n === 0;
      });
      const byQueue = new Map<Queue, ReconcileJob[]>();
      for (const j of missing) byQueue.set(j.queue, [...(byQueue.get(j.queue) ?? []), j]);
      for (const [queue, list] of byQueue) {
        await queue.addBulk(
          list.map((j) => ({
            name: j.name,
            data: j.data,
            opts: { ...j.opts, jobId: j.jobId },
          })),
        );
      }
      added += missing.length;
    }
    return added;
  }

  /** Checks every intervalMs until stopped (the first check at once). */
  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.loop = (async () => {
      while (!signal.aborted) {
        try {
          // Not connected (yet, or Redis is down): nothing can be checked; the next pass will.
          if (this.opts.redis.status === 'ready') await this.reconcileOnce();
        } catch (err) {
          this.opts.logger.warn({ err, reconciler: this.opts.name }, 'reconcile pass failed; retrying');
        }
        await sleep(this.opts.intervalMs, signal);
      }
    })();
  }

  async close(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
  }
}
