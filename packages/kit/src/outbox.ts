import { randomUUID } from 'node:crypto';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { EVENT_ROUTES, eventQueueName, type ConsumerName, type DomainEvent, type NewEvent } from './events';
import type { Logger } from './logger';
import { sleep } from './queues';
import type { ReconcileSource } from './reconciler';

/**
 * The outbox and the consumers' dedupe table. Every service includes this migration in its list,
 * so the tables live in each service's own database.
 */
export class CreateOutbox1763800000000 implements MigrationInterface {
  name = 'CreateOutbox1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE outbox (
        seq            bigserial PRIMARY KEY,
        id             uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        type           varchar(100) NOT NULL,
        source         varchar(40) NOT NULL,
        aggregate_type varchar(60) NOT NULL,
        aggregate_id   varchar(100) NOT NULL,
        payload        jsonb NOT NULL,
        request_id     varchar(100),
        occurred_at    timestamptz NOT NULL DEFAULT now(),
        sent_at        timestamptz
      )`);
    // The relay only ever scans unsent rows; keep that index tiny.
    await q.query(`CREATE INDEX outbox_unsent_idx ON outbox (seq) WHERE sent_at IS NULL`);
    await q.query(`
      CREATE TABLE processed_event (
        consumer     varchar(40) NOT NULL,
        event_id     uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE processed_event`);
    await q.query(`DROP TABLE outbox`);
  }
}

/**
 * Writes an event in the caller's transaction, so it commits or rolls back with the change itself.
 * (Never from TypeORM entity hooks: they run before commit and outside our control.)
 */
export async function recordEvent(manager: EntityManager, source: string, event: NewEvent): Promise<string> {
  const [id] = await recordEvents(manager, source, [event]);
  return id;
}

/**
 * Writes many events in the caller's transaction in ONE statement (batch jobs: a statement per
 * batch, not per event). Rows are the same as recordEvent's; `seq` follows the array order, so the
 * relay publishes them in that order. Returns the event ids in the same order.
 */
export async function recordEvents(
  manager: EntityManager,
  source: string,
  events: readonly NewEvent[],
): Promise<string[]> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('recordEvent must run inside a transaction with the change it describes');
  }
  if (events.length === 0) return [];
  // Ids made here, so they come back in input order without relying on RETURNING's row order.
  const rows = events.map((e) => ({
    id: randomUUID(),
    type: e.type,
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    payload: e.payload,
    requestId: e.requestId ?? null,
  }));
  await manager.query(
    `INSERT INTO outbox (id, type, source, aggregate_type, aggregate_id, payload, request_id)
     SELECT (e->>'id')::uuid, e->>'type', $1, e->>'aggregateType', e->>'aggregateId', e->'payload', e->>'requestId'
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(e, n)
      ORDER BY x.n`,
    [source, JSON.stringify(rows)],
  );
  return rows.map((r) => r.id);
}

interface OutboxRow {
  id: string;
  type: string;
  source: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  request_id: string | null;
  occurred_at: Date;
}

export interface RelayOptions {
  ds: DataSource;
  connection: ConnectionOptions;
  prefix: string;
  logger: Logger;
  batchSize?: number;
  pollMs?: number;
  routes?: Partial<Record<ConsumerName, (type: string) => boolean>>;
}

/**
 * Moves committed outbox rows to the consumers' BullMQ queues, at least once.
 * Rows are claimed with FOR UPDATE SKIP LOCKED inside a transaction, so concurrent relays never
 * publish the same row at the same time, and a relay that dies before commit leaves its rows to the
 * next one. A row published but not marked (crash between the two) is published again with the same
 * job id; consumers dedupe on the event id in their own database.
 */
export class OutboxRelay {
  private readonly queues: {
    consumer: ConsumerName;
    queue: Queue;
    wants: (type: string) => boolean;
  }[];
  private readonly batchSize: number;
  private readonly pollMs: number;
  private abort?: AbortController;
  private loop?: Promise<void>;

  constructor(private readonly opts: RelayOptions) {
    this.batchSize = opts.batchSize ?? 200;
    this.pollMs = opts.pollMs ?? 250;
    const routes = opts.routes ?? EVENT_ROUTES;
    this.queues = (Object.entries(routes) as [ConsumerName, (t: string) => boolean][]).map(([consumer, wants]) => ({
      consumer,
      wants,
      queue: new Queue(eventQueueName(consumer), {
        connection: opts.connection,
        prefix: opts.prefix,
      }),
    }));
  }

  /** The consumers' queues this relay publishes to. */
  consumerQueues(): Queue[] {
    return this.queues.map(({ queue }) => queue);
  }

  /** Publishes one batch; returns how many rows it moved. */
  async relayBatch(): Promise<number> {
    return this.opts.ds.transaction(async (m) => {
      const rows: OutboxRow[] = await m.query(
        `SELECT id, type, source, aggregate_type, aggregate_id, payload, request_id, occurred_at
           FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      for (const { queue, wants } of this.queues) {
        const jobs = rows
          .filter((r) => wants(r.type))
          .map((r) => ({
            name: r.type,
            data: toEvent(r),
            opts: jobOptions(r.id),
          }));
        if (jobs.length) await queue.addBulk(jobs);
      }
      await m.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.loop = (async () => {
      while (!signal.aborted) {
        try {
          const moved = await this.relayBatch();
          if (moved < this.batchSize) await sleep(this.pollMs, signal);
        } catch (err) {
          this.opts.logger.warn({ err }, 'outbox relay batch failed; retrying');
          await sleep(Math.max(this.pollMs, 1000), signal);
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
    await Promise.all(this.queues.map(({ queue }) => queue.close()));
  }

  /**
   * What the JobReconciler checks after Redis lost its data: every event SENT within `windowMs` (by
   * occurred_at, newest first along the primary key, so the scan stops at the window's edge) must still
   * have its job, under the event id, in each consumer's queue that wants its type; a missing one is
   * published again.
   *
   * Why a window and not "unprocessed events": whether a consumer processed an event is recorded in the
   * CONSUMER's database (processed_event), which the publisher cannot read. Re-publishing is safe
   * instead: the job id is the event id and consumers dedupe on it in the same transaction as the
   * handler, so an event already processed is skipped (a job completed earlier is normally still kept,
   * `removeOnComplete` 24 h, and then not even re-added). The window bounds the scan; it matches the
   * completed-job retention, and an event whose job was lost while it still waited or had failed more
   * than `windowMs` after it occurred is not recovered (a consumer down that long: see docs/operating.md).
   */
  reconcileSource(windowMs: number, pageSize = 1000): ReconcileSource {
    return {
      name: 'outbox',
      scan: async (cursor) => {
        const rows: (OutboxRow & {
          seq: string;
          sent: boolean;
          old: boolean;
        })[] = await this.opts.ds.query(
          `SELECT seq::text AS seq, id, type, source, aggregate_type, aggregate_id, payload, request_id, occurred_at,
                  sent_at IS NOT NULL AS sent, occurred_at < now() - $2::double precision * interval '1 millisecond' AS old
             FROM outbox WHERE ($1::bigint IS NULL OR seq < $1::bigint) ORDER BY seq DESC LIMIT $3`,
          [cursor ?? null, windowMs, pageSize],
        );
        const recent = rows.filter((r) => !r.old);
        const jobs = recent
          .filter((r) => r.sent)
          .flatMap((r) =>
            this.queues
              .filter(({ wants }) => wants(r.type))
              .map(({ queue }) => ({
                queue,
                jobId: r.id,
                name: r.type,
                data: toEvent(r),
                opts: jobOptions(r.id),
              })),
          );
        const next = rows.length === pageSize && recent.length === rows.length ? rows[rows.length - 1].seq : undefined;
        return { jobs, next };
      },
    };
  }

  /** Unsent rows and the age of the oldest: the relay's backlog. */
  static async backlog(ds: DataSource): Promise<{ count: number; oldestAgeSeconds: number }> {
    const [row] = await ds.query(
      `SELECT count(*)::int AS count, COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)), 0)::float AS age
         FROM outbox WHERE sent_at IS NULL`,
    );
    return { count: row.count, oldestAgeSeconds: row.age };
  }
}

function toEvent(r: OutboxRow): DomainEvent {
  return {
    id: r.id,
    type: r.type,
    source: r.source,
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    payload: r.payload,
    occurredAt: new Date(r.occurred_at).toISOString(),
    requestId: r.request_id ?? undefined,
  };
}

function jobOptions(eventId: string) {
  return {
    jobId: eventId,
    attempts: 10,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 10000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** `log` carries the originating request id, so one request can be followed into its jobs. */
export type EventHandler = (event: DomainEvent, manager: EntityManager, log: Logger) => Promise<void>;

export interface EventWorkerOptions {
  ds: DataSource;
  consumer: ConsumerName;
  connection: ConnectionOptions;
  prefix: string;
  logger: Logger;
  handle: EventHandler;
  concurrency?: number;
}

/**
 * Consumes one service's event queue. The handler runs in the same transaction as the insert into
 * processed_event, so an event redelivered by a retry or a second publish changes nothing.
 */
export function createEventWorker(opts: EventWorkerOptions): Worker {
  const worker = new Worker(
    eventQueueName(opts.consumer),
    async (job: Job<DomainEvent>) => {
      const event = job.data;
      const log = opts.logger.child({
        requestId: event.requestId,
        eventId: event.id,
        eventType: event.type,
      });
      const processed = await opts.ds.transaction(async (m) => {
        const inserted = await m.query(
          `INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
          [opts.consumer, event.id],
        );
        if (inserted.length === 0) return false;
        await opts.handle(event, m, log);
        return true;
      });
      log.debug(processed ? 'event processed' : 'duplicate event skipped');
      return processed ? 'processed' : 'duplicate';
    },
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency ?? 4,
    },
  );
  worker.on('failed', (job, err) =>
    opts.logger.warn({ err, jobId: job?.id, type: job?.name, attempts: job?.attemptsMade }, 'event handler failed'),
  );
  worker.on('error', (err) => opts.logger.warn({ err }, 'event worker error'));
  return worker;
}
