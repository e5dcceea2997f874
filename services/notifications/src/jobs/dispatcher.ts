import { sleep, type LiveMessage, type Logger } from '@leifeng/kit';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

export const SMS_QUEUE = 'notify-sms';
export const WEBHOOK_QUEUE = 'notify-webhook';
export const BULK_QUEUE = 'notify-bulk';
export const RECEIPT_QUEUE = 'notify-sms-receipts';

/**
 * Turns committed rows into work, like the outbox relay: SMS and webhook jobs (job data = row id,
 * job id derived from it, so a second dispatch is a no-op) and live events on Redis pub/sub.
 * Rows are claimed with SKIP LOCKED, so several workers can run it.
 */
export class Dispatcher {
  private abort?: AbortController;
  private loop?: Promise<void>;

  constructor(
    private readonly ds: DataSource,
    private readonly queues: { sms: Queue; webhook: Queue; bulk: Queue },
    private readonly publisher: Redis,
    private readonly liveChannel: string,
    private readonly logger: Logger,
    private readonly pollMs: number,
    /** Ids per addBulk call: a bulk send of thousands goes out as jobs in batches of this many. */
    private readonly batch = 500,
  ) {}

  async dispatchOnce(): Promise<number> {
    let moved = 0;
    moved += await this.ds.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM sms_bulk WHERE dispatched_at IS NULL ORDER BY created_at LIMIT 20 FOR UPDATE SKIP LOCKED`,
      );
      if (!rows.length) return 0;
      await this.queues.bulk.addBulk(
        rows.map((r) => ({
          name: 'expand',
          data: { bulkId: r.id },
          opts: { jobId: `bulk-${r.id}` },
        })),
      );
      await m.query(`UPDATE sms_bulk SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
    moved += await this.ds.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM sms_message WHERE dispatched_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batch],
      );
      if (!rows.length) return 0;
      await this.queues.sms.addBulk(
        rows.map((r) => ({
          name: 'send',
          data: { messageId: r.id },
          opts: { jobId: `sms-${r.id}` },
        })),
      );
      await m.query(`UPDATE sms_message SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
    moved += await this.ds.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM webhook_delivery WHERE dispatched_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batch],
      );
      if (!rows.length) return 0;
      await this.queues.webhook.addBulk(
        rows.map((r) => ({
          name: 'deliver',
          data: { deliveryId: r.id },
          opts: { jobId: `wh-${r.id}-1` },
        })),
      );
      await m.query(`UPDATE webhook_delivery SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
    moved += await this.ds.transaction(async (m) => {
      const rows: {
        seq: string;
        event_id: string;
        type: LiveMessage['type'];
        station_id: LiveMessage['stationId'];
        region_code: LiveMessage['regionCode'];
      }[] = await m.query(
        `SELECT seq, event_id, type, station_id, region_code FROM event_log WHERE live_pending ORDER BY seq LIMIT 200 FOR UPDATE SKIP LOCKED`,
      );
      for (const r of rows) {
        const msg: LiveMessage = {
          id: r.event_id,
          seq: String(r.seq),
          type: r.type,
          stationId: r.station_id,
          regionCode: r.region_code,
        };
        await this.publisher.publish(this.liveChannel, JSON.stringify(msg));
      }
      if (rows.length)
        await m.query(`UPDATE event_log SET live_pending = false WHERE seq = ANY($1::bigint[])`, [
          rows.map((r) => r.seq),
        ]);
      return rows.length;
    });
    return moved;
  }

  start(): void {
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.loop = (async () => {
      while (!signal.aborted) {
        try {
          if ((await this.dispatchOnce()) === 0) await sleep(this.pollMs, signal);
        } catch (err) {
          this.logger.warn({ err }, 'notification dispatch failed; retrying');
          await sleep(Math.max(this.pollMs, 1000), signal);
        }
      }
    })();
  }

  async close(): Promise<void> {
    this.abort?.abort();
    await this.loop;
  }
}
