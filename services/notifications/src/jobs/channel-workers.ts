import { createRedis, withTimeout, type ServiceDeps } from '@leifeng/kit';
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { readNotificationsConfig, systemClock, type Clock, type NotificationsConfig } from '../config';
import { GraphClient } from '../graph-client';
import { AliyunSmsProvider } from '../sms/aliyun';
import type { SmsProvider } from '../sms/provider';
import { SmsRateLimiter } from '../sms/rate-limiter';
import { GraphRecipientDirectory, type RecipientDirectory } from '../sms/recipients';
import { SinkSmsProvider } from '../sms/sink';
import { SmsSender } from '../sms/sms-sender';
import { WebhookDeliverer } from '../webhooks/deliverer';
import { Dispatcher, SMS_QUEUE, WEBHOOK_QUEUE } from './dispatcher';

export interface ChannelOverrides {
  env?: Record<string, string | undefined>;
  provider?: SmsProvider;
  directory?: RecipientDirectory;
  now?: Clock;
}

export function smsProviderFor(config: NotificationsConfig, deps: ServiceDeps): SmsProvider {
  return config.sms.provider === 'aliyun'
    ? new AliyunSmsProvider({ endpoint: config.sms.endpoint, accessKeyId: config.sms.accessKeyId, accessKeySecret: config.sms.accessKeySecret, timeoutMs: config.sms.timeoutMs })
    : new SinkSmsProvider(deps.logger);
}

/** The worker process's sending side: dispatcher, SMS worker, webhook worker (extraWorkers). */
export async function createChannelWorkers(deps: ServiceDeps, o: ChannelOverrides = {}): Promise<Array<{ close(): Promise<void> }>> {
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
    defaultJobOptions: { attempts: config.sms.maxAttempts, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: { age: 7 * 86400 }, removeOnFail: { age: 30 * 86400 } },
  });
  const webhookQueue = new Queue(WEBHOOK_QUEUE, {
    connection: producer,
    prefix,
    defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 7 * 86400 }, removeOnFail: { age: 30 * 86400 } },
  });

  const sender = new SmsSender({
    ds: deps.ds,
    provider: o.provider ?? smsProviderFor(config, deps),
    directory: o.directory ?? new GraphRecipientDirectory(new GraphClient(config)),
    limiter: new SmsRateLimiter(connection, prefix, config.sms.limits),
    config: config.sms,
    hashKey: config.phoneHashKey,
    logger: deps.logger,
    now,
  });
  const smsWorker = new Worker(
    SMS_QUEUE,
    async (job: Job<{ messageId: string }>, token?: string) => {
      const outcome = await sender.process(job.data.messageId);
      if (outcome.kind === 'defer') {
        await job.moveToDelayed(Math.max(outcome.until.getTime(), Date.now() + 10), token);
        throw new DelayedError();
      }
      if (outcome.kind === 'retry') throw new Error(outcome.error);
      return outcome.status;
    },
    { connection, prefix, concurrency: 4 },
  );

  const deliverer = new WebhookDeliverer(deps.ds, config.webhook, deps.logger, now);
  const webhookWorker = new Worker(
    WEBHOOK_QUEUE,
    async (job: Job<{ deliveryId: string }>) => {
      const outcome = await deliverer.process(job.data.deliveryId);
      if (outcome.kind === 'retry') {
        // Our own schedule (immediately, 5 s, 5 min, … ±20 %), one job per attempt with a stable id.
        await webhookQueue.add('deliver', job.data, { jobId: `wh-${job.data.deliveryId}-${outcome.attempt + 1}`, delay: outcome.delayMs });
      }
      return outcome.kind === 'done' ? outcome.status : 'RETRY_SCHEDULED';
    },
    { connection, prefix, concurrency: 8 },
  );
  for (const w of [smsWorker, webhookWorker]) {
    w.on('failed', (job, err) => {
      if (!(err instanceof DelayedError) && !(err instanceof UnrecoverableError)) deps.logger.warn({ err: err.message, jobId: job?.id }, 'notification job failed');
    });
    w.on('error', (err) => deps.logger.warn({ err }, 'notification worker error'));
  }

  const dispatcher = new Dispatcher(deps.ds, { sms: smsQueue, webhook: webhookQueue }, producer, config.liveChannel, deps.logger, config.dispatchPollMs);
  dispatcher.start();

  return [
    dispatcher,
    { close: () => withTimeout(smsWorker.close(), 5000, 'sms worker close') },
    { close: () => withTimeout(webhookWorker.close(), 5000, 'webhook worker close') },
    {
      close: async () => {
        await Promise.all([smsQueue.close(), webhookQueue.close()]);
        await producer.quit();
      },
    },
  ];
}
