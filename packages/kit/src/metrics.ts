import { Queue, type Worker } from 'bullmq';
import client, { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { OutboxRelay } from './outbox';

/** Services add their own series through the kit (prom-client is the kit's dependency, not theirs). */
export { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One Prometheus registry per process. Request metrics are observed as they happen; pool, queue and
 * outbox gauges are read from their source at scrape time, so they cost nothing between scrapes.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly graphqlDuration: Histogram<'operation' | 'type' | 'outcome'>;
  readonly subgraphFetchDuration: Histogram<'subgraph' | 'outcome'>;
  readonly jobDuration: Histogram<'queue' | 'outcome'>;
  readonly jobsProcessed: Counter<'queue' | 'outcome'>;
  private readonly queues = new Map<string, Queue>();

  constructor(readonly process: string) {
    this.registry.setDefaultLabels({ process });
    client.collectDefaultMetrics({ register: this.registry });
    const r = [this.registry];
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by route',
      labelNames: ['method', 'route', 'status'],
      buckets: SECONDS,
      registers: r,
    });
    this.graphqlDuration = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operations by name',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: SECONDS,
      registers: r,
    });
    this.subgraphFetchDuration = new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Gateway fetches to each subgraph',
      labelNames: ['subgraph', 'outcome'],
      buckets: SECONDS,
      registers: r,
    });
    this.jobDuration = new Histogram({
      name: 'bullmq_job_duration_seconds',
      help: 'BullMQ job processing time',
      labelNames: ['queue', 'outcome'],
      buckets: [...SECONDS, 30, 60, 300],
      registers: r,
    });
    this.jobsProcessed = new Counter({
      name: 'bullmq_jobs_processed_total',
      help: 'BullMQ jobs finished by this process',
      labelNames: ['queue', 'outcome'],
      registers: r,
    });
  }

  /** pg pool use of a TypeORM data source, read at scrape time. */
  trackPool(ds: DataSource): void {
    const pool = () =>
      ds.isInitialized
        ? ((
            ds.driver as unknown as {
              master?: {
                totalCount: number;
                idleCount: number;
                waitingCount: number;
              };
            }
          ).master ?? null)
        : null;
    new Gauge({
      name: 'db_pool_connections',
      help: 'pg pool connections by state',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
  }

  /** Queue depth by state for a queue this process produces to or consumes. */
  trackQueue(queue: Queue): void {
    if (this.queues.size === 0) {
      const queues = this.queues;
      new Gauge({
        name: 'bullmq_queue_jobs',
        help: 'BullMQ jobs by queue and state',
        labelNames: ['queue', 'state'],
        registers: [this.registry],
        async collect() {
          await Promise.all(
            [...queues.values()].map(async (q) => {
              const counts = await q.getJobCounts('wait', 'active', 'delayed', 'failed', 'completed', 'prioritized');
              for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
            }),
          );
        },
      });
    }
    this.queues.set(queue.name, queue);
  }

  /** Job durations and outcomes of a worker, plus its queue's depth. */
  trackWorker(worker: Worker, queueFor: (name: string) => Queue): void {
    const observe = (
      job: { processedOn?: number; finishedOn?: number } | undefined,
      outcome: 'completed' | 'failed',
    ) => {
      this.jobsProcessed.inc({ queue: worker.name, outcome });
      if (job?.processedOn && job.finishedOn)
        this.jobDuration.observe({ queue: worker.name, outcome }, (job.finishedOn - job.processedOn) / 1000);
    };
    worker.on('completed', (job) => observe(job, 'completed'));
    worker.on('failed', (job) => observe(job, 'failed'));
    if (!this.queues.has(worker.name)) this.trackQueue(queueFor(worker.name));
  }

  /** Unsent outbox rows and the age of the oldest: how far the relay is behind. */
  trackOutbox(ds: DataSource): void {
    let last: Promise<{ count: number; oldestAgeSeconds: number }> | undefined;
    const read = () => (last ??= OutboxRelay.backlog(ds).finally(() => setTimeout(() => (last = undefined), 0)));
    new Gauge({
      name: 'outbox_backlog_events',
      help: 'Outbox events not yet relayed',
      registers: [this.registry],
      async collect() {
        if (ds.isInitialized) this.set((await read()).count);
      },
    });
    new Gauge({
      name: 'outbox_oldest_unsent_age_seconds',
      help: 'Age of the oldest unsent outbox event',
      registers: [this.registry],
      async collect() {
        if (ds.isInitialized) this.set((await read()).oldestAgeSeconds);
      },
    });
  }

  /** Closes the Queue handles opened only for depth metrics. */
  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}

/** Times every GraphQL operation by its name ('anonymous' when unnamed). */
export function graphqlMetricsPlugin<Ctx extends BaseContext>(metrics: Metrics): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, errors, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const failed =
            !!errors?.length || (response.body.kind === 'single' && !!response.body.singleResult.errors?.length);
          metrics.graphqlDuration.observe(
            {
              operation: operationName ?? 'anonymous',
              type: operation?.operation ?? 'unknown',
              outcome: failed ? 'error' : 'ok',
            },
            seconds,
          );
        },
      };
    },
  };
}
