import { JobReconciler, type Logger, type ReconcileJob, type ReconcileSource } from '@leifeng/kit';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Clock } from '../config';

const PAGE = 1000;

/** Pages a table by id (uuid order) through `sql`, which takes ($1 cursor or null, $2 page size). */
function pagedSource<R extends { id: string }>(
  name: string,
  ds: DataSource,
  sql: string,
  toJob: (row: R) => ReconcileJob,
): ReconcileSource {
  return {
    name,
    async scan(cursor) {
      const rows: R[] = await ds.query(sql, [cursor ?? null, PAGE]);
      return {
        jobs: rows.map(toJob),
        next: rows.length === PAGE ? rows[rows.length - 1].id : undefined,
      };
    },
  };
}

const delayUntil = (at: Date | null, now: Clock) => (at ? Math.max(0, new Date(at).getTime() - now().getTime()) : 0);

/**
 * The notifications worker's unfinished work, as the dispatcher queued it: rows already dispatched
 * (dispatched_at set) and not final must have their job under the id the dispatcher (or the previous
 * attempt) gave it. Rows not yet dispatched are the dispatcher's; final rows need nothing.
 * Re-running a job is safe: SmsSender and WebhookDeliverer read the row's status first (a SENDING text
 * is looked up at the provider before any new send), expandBulk inserts each recipient once.
 */
function notificationSources(
  ds: DataSource,
  queues: { sms: Queue; webhook: Queue; bulk: Queue },
  now: Clock,
): ReconcileSource[] {
  return [
    pagedSource<{ id: string }>(
      'sms-bulk',
      ds,
      `SELECT id FROM sms_bulk WHERE status = 'PLANNED' AND dispatched_at IS NOT NULL AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      (r) => ({
        queue: queues.bulk,
        jobId: `bulk-${r.id}`,
        name: 'expand',
        data: { bulkId: r.id },
      }),
    ),
    pagedSource<{ id: string; deferred_until: Date | null }>(
      'sms',
      ds,
      `SELECT id, deferred_until FROM sms_message
        WHERE status IN ('PENDING', 'DEFERRED', 'SENDING', 'RETRYING') AND dispatched_at IS NOT NULL AND ($1::uuid IS NULL OR id > $1)
        ORDER BY id LIMIT $2`,
      (r) => ({
        queue: queues.sms,
        jobId: `sms-${r.id}`,
        name: 'send',
        data: { messageId: r.id },
        opts: { delay: delayUntil(r.deferred_until, now) },
      }),
    ),
    pagedSource<{
      id: string;
      attempt_count: number;
      next_attempt_at: Date | null;
    }>(
      'webhook',
      ds,
      `SELECT id, attempt_count, next_attempt_at FROM webhook_delivery
        WHERE status IN ('PENDING', 'RETRYING') AND dispatched_at IS NOT NULL AND ($1::uuid IS NULL OR id > $1)
        ORDER BY id LIMIT $2`,
      // The job of the next attempt: `wh-<id>-1` from the dispatcher, `wh-<id>-<n+1>` after attempt n failed.
      (r) => ({
        queue: queues.webhook,
        jobId: `wh-${r.id}-${r.attempt_count + 1}`,
        name: 'deliver',
        data: { deliveryId: r.id },
        opts: { delay: delayUntil(r.next_attempt_at, now) },
      }),
    ),
  ];
}

export function createNotificationsReconciler(opts: {
  ds: DataSource;
  redis: Redis;
  prefix: string;
  queues: { sms: Queue; webhook: Queue; bulk: Queue };
  /** Re-creates the job schedulers (the receipt poll), which Redis loses with its data. */
  restore: () => Promise<void>;
  now: Clock;
  intervalMs: number;
  graceMs: number;
  logger: Logger;
}): JobReconciler {
  return new JobReconciler({
    name: 'notifications-channels',
    redis: opts.redis,
    prefix: opts.prefix,
    sources: notificationSources(opts.ds, opts.queues, opts.now),
    restore: opts.restore,
    intervalMs: opts.intervalMs,
    graceMs: opts.graceMs,
    logger: opts.logger,
  });
}
