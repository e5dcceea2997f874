import { createRedis, serviceGraphClient, withTimeout, type ServiceDeps } from '@leifeng/kit';
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { readNotificationsConfig, systemClock, type Clock, type NotificationsConfig } from '../config';
import { AliyunSmsProvider } from '../services/aliyun-sms-provider';
import type { SmsProvider } from '../domain/sms-provider';
import { SmsRateLimiter } from '../services/sms-rate-limiter';
import { ProviderRateLimiter } from '../services/provider-rate';
import { GraphRecipientDirectory, type RecipientDirectory } from '../services/recipients';
import { SealedAwareDirectory } from '../services/sealed-recipients';
import { SinkSmsProvider } from '../services/sms-sink';
import { SmsSender } from '../services/sms-sender';
import { WebhookDeliverer } from '../services/webhook-deliverer';
import { expandBulk } from '../services/bulk-sms-service';
import { ReceiptPoller } from './receipt-poller';
import { GraphRecipientSource, type RecipientSource } from '../services/recipient-source';
import { BULK_QUEUE, Dispatcher, RECEIPT_QUEUE, SMS_QUEUE, WEBHOOK_QUEUE } from './dispatcher';
import { createNotificationsReconciler } from './reconcile';

export interface ChannelOverrides {
  env?: Record<string, string | undefined>;
  provider?: SmsProvider;
  directory?: RecipientDirectory;
  recipients?: RecipientSource;
  now?: Clock;
}

function smsProviderFor(config: NotificationsConfig, deps: ServiceDeps): SmsProvider {
  return config.sms.provider === 'aliyun'
    ? new AliyunSmsProvider({
        endpoint: config.sms.endpoint,
        accessKeyId: config.sms.accessKeyId,
        accessKeySecret: config.sms.accessKeySecret,
        timeoutMs: config.sms.timeoutMs,
      })
    : new SinkSmsProvider(deps.logger, config.sms.sinkFile);
}

/** The `notify-sms` job: one SmsSender.process, its outcome mapped onto BullMQ. */
export function smsJobProcessor(sender: SmsSender, smsQueue: Queue) {
  return async (job: Job<{ messageId: string }>, token?: string): Promise<string> => {
    const outcome = await sender.process(job.data.messageId);
    if (outcome.kind === 'defer') {
      await job.moveToDelayed(Math.max(outcome.until.getTime(), Date.now() + 10), token);
      throw new DelayedError();
    }
    if (outcome.kind === 'throttle') {
      // Only when the provider's slots are taken more than a window ahead (many workers, a small
      // SMS_PROVIDER_PER_SECOND): back to the head of the wait list without using an attempt, and this
      // worker takes no job for that long. Nothing was written for the message.
      await smsQueue.rateLimit(outcome.retryInMs);
      throw Worker.RateLimitError();
    }
    if (outcome.kind === 'retry') throw new Error(outcome.error);
    return outcome.status;
  };
}

/** The worker process's sending side: dispatcher, SMS worker, webhook worker (extraWorkers). */
export async function createChannelWorkers(
  deps: ServiceDeps,
  o: ChannelOverrides = {},
): Promise<Array<{ close(): Promise<void> }>> {
  const env = o.env ?? process.env;
  const config = readNotificationsConfig(env);
  const now = o.now ?? systemClock;
  const prefix = deps.config.bullPrefix;
  const producer = createRedis(deps.config.redisUrl, 'producer');
  producer.on('error', (err) => deps.logger.warn({ err: err.message }, 'redis producer error'));
  const connection = deps.redis;
  const smsQueue = new Queue(SMS_QUEUE, {
    connection: producer,
    prefix,
    defaultJobOptions: {
      attempts: config.sms.maxAttempts,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: 7 * 86400 },
      removeOnFail: { age: 30 * 86400 },
    },
  });
  const webhookQueue = new Queue(WEBHOOK_QUEUE, {
    connection: producer,
    prefix,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 86400 },
      removeOnFail: { age: 30 * 86400 },
    },
  });

  const graph = serviceGraphClient(deps.config.auth, {
    url: config.gatewayUrl,
    token: config.serviceToken,
    subject: 'svc-notifications',
  });
  const provider = o.provider ?? smsProviderFor(config, deps);
  // Identity's sealed codes carry their own number; everyone else is looked up through the graph.
  const directory = new SealedAwareDirectory(
    deps.ds,
    o.directory ?? new GraphRecipientDirectory(graph),
    config.smsSealKey,
  );
  const bulkQueue = new Queue(BULK_QUEUE, {
    connection: producer,
    prefix,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: { age: 7 * 86400 },
      removeOnFail: { age: 30 * 86400 },
    },
  });
  const receiptQueue = new Queue(RECEIPT_QUEUE, {
    connection: producer,
    prefix,
    defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100 },
  });
  const sender = new SmsSender({
    ds: deps.ds,
    provider,
    directory,
    limiter: new SmsRateLimiter(connection, prefix, config.sms.limits),
    providerRate: new ProviderRateLimiter(connection, prefix, {
      max: config.sms.providerPerSecond,
      durationMs: 1000,
    }),
    config: config.sms,
    hashKey: config.phoneHashKey,
    sealKey: config.smsSealKey,
    logger: deps.logger,
    now,
  });
  const smsWorker = new Worker(
    SMS_QUEUE,
    smsJobProcessor(sender, smsQueue),
    // The provider's rate (account QPS over any sliding second) is ProviderRateLimiter in SmsSender, not
    // BullMQ's limiter: that one counts job starts in fixed 1 s windows (up to ~1.5 × the limit in a
    // sliding second) and also counts jobs that send nothing (deferred, final). A send whose slot is
    // at most one window (~1 s) away waits for it inside the job (the job lock is renewed meanwhile)
    // instead of going back through RateLimitError: it keeps its phone read and per-phone count, costs
    // no extra fetch, and leaves exactly at its slot, which keeps the rate at ~0.98 × the limit.
    // Jobs waiting for their slot hold a concurrency place: 4 capped one worker at ~150/s when a
    // send takes ~25 ms, below a 200/s account; the provider rate, not concurrency, is the limit.
    { connection, prefix, concurrency: config.sms.sendConcurrency },
  );

  const recipients = o.recipients ?? new GraphRecipientSource(graph);
  const bulkWorker = new Worker(
    BULK_QUEUE,
    async (job: Job<{ bulkId: string }>) => {
      try {
        return await expandBulk(deps.ds, recipients, job.data.bulkId);
      } catch (err) {
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          await deps.ds.query(
            `UPDATE sms_bulk SET status = 'FAILED', last_error = $2 WHERE id = $1 AND status = 'PLANNED'`,
            [job.data.bulkId, String((err as Error).message).slice(0, 500)],
          );
        }
        throw err;
      }
    },
    { connection, prefix, concurrency: 1 },
  );

  // Delivery receipts of SENT messages, on a cron pattern (one scheduler, whatever the number of workers).
  const poller = new ReceiptPoller({
    ds: deps.ds,
    provider,
    directory,
    logger: deps.logger,
    now,
    maxAgeMs: config.sms.receiptMaxAgeMs,
  });
  const upsertSchedulers = () =>
    receiptQueue.upsertJobScheduler(
      'sms-receipts',
      { pattern: config.sms.receiptPollPattern, tz: 'Asia/Shanghai' },
      { name: 'poll' },
    );
  await upsertSchedulers();
  const receiptWorker = new Worker(RECEIPT_QUEUE, async () => poller.pollOnce(), {
    connection,
    prefix,
    concurrency: 1,
  });

  const deliverer = new WebhookDeliverer(deps.ds, config.webhook, deps.logger, now, config.secretKey);
  const webhookWorker = new Worker(
    WEBHOOK_QUEUE,
    async (job: Job<{ deliveryId: string }>) => {
      const outcome = await deliverer.process(job.data.deliveryId);
      if (outcome.kind === 'retry') {
        // Our own schedule (immediately, 5 s, 5 min, … ±20 %), one job per attempt with a stable id.
        await webhookQueue.add('deliver', job.data, {
          jobId: `wh-${job.data.deliveryId}-${outcome.attempt + 1}`,
          delay: outcome.delayMs,
        });
      }
      return outcome.kind === 'done' ? outcome.status : 'RETRY_SCHEDULED';
    },
    { connection, prefix, concurrency: 8 },
  );
  for (const w of [smsWorker, webhookWorker, bulkWorker, receiptWorker]) {
    w.on('failed', (job, err) => {
      if (!(err instanceof DelayedError) && !(err instanceof UnrecoverableError))
        deps.logger.warn({ err: err.message, jobId: job?.id }, 'notification job failed');
    });
    w.on('error', (err) => deps.logger.warn({ err }, 'notification worker error'));
  }

  const dispatcher = new Dispatcher(
    deps.ds,
    { sms: smsQueue, webhook: webhookQueue, bulk: bulkQueue },
    producer,
    config.liveChannel,
    deps.logger,
    config.dispatchPollMs,
    config.dispatchBatch,
  );
  dispatcher.start();
  // Dispatched rows whose jobs Redis lost (a restart without persistence) are queued again under the
  // same job ids, and the receipt poll's scheduler is re-created: see JobReconciler.
  const reconciler = createNotificationsReconciler({
    ds: deps.ds,
    redis: producer,
    prefix,
    queues: { sms: smsQueue, webhook: webhookQueue, bulk: bulkQueue },
    restore: async () => {
      await upsertSchedulers();
    },
    now,
    intervalMs: deps.config.reconcileIntervalMs,
    graceMs: deps.config.reconcileGraceMs,
    logger: deps.logger,
  });
  reconciler.start();

  return [
    reconciler,
    dispatcher,
    { close: () => withTimeout(smsWorker.close(), 5000, 'sms worker close') },
    {
      close: () => withTimeout(webhookWorker.close(), 5000, 'webhook worker close'),
    },
    { close: () => withTimeout(bulkWorker.close(), 5000, 'bulk worker close') },
    {
      close: () => withTimeout(receiptWorker.close(), 5000, 'receipt worker close'),
    },
    {
      close: async () => {
        await Promise.all([smsQueue.close(), webhookQueue.close(), bulkQueue.close(), receiptQueue.close()]);
        await producer.quit();
      },
    },
  ];
}
