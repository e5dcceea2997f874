import {
  DEV_JWT_SECRET,
  envReader,
  liveEventsChannel,
  readPiiKeys,
  readSmsCodeSealKey,
  systemClock as kitClock,
} from '@leifeng/kit';

type Env = Record<string, string | undefined>;

/** Settings of the notification channels (the kit's ServiceConfig covers database, Redis, auth). */
export interface NotificationsConfig {
  gatewayUrl: string;
  /** SERVICE-role token for reading the graph; self-signed with JWT_SECRET when absent. */
  serviceToken?: string;
  publicBaseUrl: string;
  /** Key of the HMAC that stands for phone numbers in rate limits and opt-outs. */
  phoneHashKey: string;
  dispatchPollMs: number;
  /** Rows turned into BullMQ jobs per addBulk call (bulk sends go out in batches of this many ids). */
  dispatchBatch: number;
  liveChannel: string;
  /** Opens identity's sealed sign-in codes and invitations (SMS_CODE_SEAL_KEY, kit sms-code-seal). */
  smsSealKey: Buffer;
  /** AES-256-GCM key (kit PII crypto, PII_ENCRYPTION_KEY) sealing webhook secrets at rest. */
  secretKey: Buffer;
  sms: {
    provider: 'aliyun' | 'sink';
    endpoint: string;
    accessKeyId: string;
    accessKeySecret: string;
    signName: string;
    /** Development sink only: also append each text as a JSON line here (SMS_SINK_FILE), e.g. to read sign-in codes. */
    sinkFile?: string;
    timeoutMs: number;
    /** Local time window when non-urgent messages are held back, e.g. 21:00-08:00. */
    quietStart: string;
    quietEnd: string;
    marketingStart: string;
    marketingEnd: string;
    limits: SmsLimits;
    maxAttempts: number;
    /** Provider-wide send rate shared by all workers (any sliding second, sms/provider-rate.ts). */
    providerPerSecond: number;
    /** SMS jobs one worker process runs at once: enough to reach the provider rate while some wait for their slot. */
    sendConcurrency: number;
    /** How long a phone number read at send time is reused in the worker's memory (one read per dispatch batch), ms. */
    contactCacheMs: number;
    /** Cron pattern of the delivery-receipt poll (QuerySendDetails for SENT messages). */
    receiptPollPattern: string;
    /** SENT messages older than this without a final receipt are left as SENT (provider keeps receipts ~3 days). */
    receiptMaxAgeMs: number;
  };
  webhook: {
    /** Delays before attempts 1…n, ms: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
    scheduleMs: number[];
    /** A timeout or 429 waits at least this long. */
    throttleMinMs: number;
    timeoutMs: number;
    disableAfterMs: number;
    secretOverlapMs: number;
    allowPrivateNetworks: boolean;
    jitter: number;
  };
}

export interface SmsLimits {
  perMinute: number;
  perHour: number;
  perDay: number;
  perTemplateDay: number;
}

const DEFAULT_WEBHOOK_SCHEDULE_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

export function readNotificationsConfig(env: Env = process.env): NotificationsConfig {
  const r = envReader(env);
  const schedule = r.list('WEBHOOK_RETRY_SCHEDULE_MS', DEFAULT_WEBHOOK_SCHEDULE_MS.map(String)).map(Number);
  if (schedule.some((n) => !Number.isFinite(n) || n < 0) || schedule.length === 0)
    r.problem('WEBHOOK_RETRY_SCHEDULE_MS must be a list of non-negative numbers');
  const hhmm = (name: string, def: string) => {
    const v = r.string(name, { default: def });
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) r.problem(`${name} must be HH:MM, got "${v}"`);
    return v;
  };
  // Loopback / private receivers: allowed by default under `npm run dev` (NODE_ENV=development) so a
  // receiver on 127.0.0.1 can be tried locally; refused by default in tests, never allowed in production.
  const allowPrivate =
    r.oneOf(
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
      ['true', 'false'] as const,
      (env.NODE_ENV ?? 'development') === 'development' ? 'true' : 'false',
    ) === 'true';
  if (allowPrivate && r.isProduction) r.problem('WEBHOOK_ALLOW_PRIVATE_NETWORKS must not be true in production');
  const provider = r.oneOf('SMS_PROVIDER', ['aliyun', 'sink'] as const, r.isProduction ? 'aliyun' : 'sink');
  if (r.isProduction && env.SMS_SINK_FILE) r.problem('SMS_SINK_FILE is for development only');
  const config: NotificationsConfig = {
    gatewayUrl: r.url('GATEWAY_URL', {
      default: 'http://127.0.0.1:4000/graphql',
      protocols: ['http', 'https'],
    }),
    serviceToken: r.optionalString('SERVICE_TOKEN'),
    phoneHashKey: r.string('PHONE_HASH_KEY', {
      devDefault: r.optionalString('JWT_SECRET') ?? DEV_JWT_SECRET,
    }),
    publicBaseUrl: r
      .url('PUBLIC_BASE_URL', {
        devDefault: 'http://127.0.0.1:4004',
        protocols: ['http', 'https'],
      })
      .replace(/\/$/, ''),
    dispatchPollMs: r.int('NOTIFY_DISPATCH_POLL_MS', 250, { min: 10 }),
    dispatchBatch: r.int('NOTIFY_DISPATCH_BATCH', 500, { min: 1, max: 5000 }),
    secretKey: readPiiKeys(r).encryptionKey,
    smsSealKey: readSmsCodeSealKey(r),
    liveChannel: liveEventsChannel(r.string('BULLMQ_PREFIX', { default: 'leifeng' })),
    sms: {
      provider,
      endpoint: r.url('SMS_ENDPOINT', {
        default: 'https://dysmsapi.aliyuncs.com/',
        protocols: ['http', 'https'],
      }),
      accessKeyId: provider === 'aliyun' ? r.string('SMS_ACCESS_KEY_ID', { devDefault: 'dev-key' }) : '',
      accessKeySecret: provider === 'aliyun' ? r.string('SMS_ACCESS_KEY_SECRET', { devDefault: 'dev-secret' }) : '',
      signName: r.string('SMS_SIGN_NAME', { default: '学雷锋志愿服务' }),
      sinkFile: r.optionalString('SMS_SINK_FILE'),
      timeoutMs: r.int('SMS_TIMEOUT_MS', 10_000, { min: 50 }),
      quietStart: hhmm('SMS_QUIET_START', '21:00'),
      quietEnd: hhmm('SMS_QUIET_END', '08:00'),
      marketingStart: hhmm('SMS_MARKETING_START', '08:00'),
      marketingEnd: hhmm('SMS_MARKETING_END', '21:00'),
      limits: {
        perMinute: r.int('SMS_LIMIT_PER_MINUTE', 1, { min: 1 }),
        perHour: r.int('SMS_LIMIT_PER_HOUR', 5, { min: 1 }),
        perDay: r.int('SMS_LIMIT_PER_DAY', 10, { min: 1 }),
        perTemplateDay: r.int('SMS_LIMIT_PER_TEMPLATE_DAY', 50, { min: 1 }),
      },
      maxAttempts: r.int('SMS_MAX_ATTEMPTS', 6, { min: 1, max: 50 }),
      providerPerSecond: r.int('SMS_PROVIDER_PER_SECOND', 100, { min: 1 }),
      sendConcurrency: r.int('SMS_SEND_CONCURRENCY', 16, { min: 1, max: 200 }),
      contactCacheMs: r.int('SMS_CONTACT_CACHE_MS', 60_000, {
        min: 1000,
        max: 3600_000,
      }),
      receiptPollPattern: r.string('SMS_RECEIPT_POLL_CRON', {
        default: '*/5 * * * *',
      }),
      receiptMaxAgeMs: r.int('SMS_RECEIPT_MAX_AGE_MS', 72 * 3600_000, {
        min: 60_000,
      }),
    },
    webhook: {
      scheduleMs: schedule,
      throttleMinMs: r.int('WEBHOOK_THROTTLE_MIN_MS', 60_000, { min: 0 }),
      timeoutMs: r.int('WEBHOOK_TIMEOUT_MS', 15_000, { min: 50, max: 15_000 }),
      disableAfterMs: r.int('WEBHOOK_DISABLE_AFTER_MS', 5 * 24 * 3600_000, {
        min: 1,
      }),
      secretOverlapMs: r.int('WEBHOOK_SECRET_OVERLAP_MS', 24 * 3600_000, {
        min: 0,
      }),
      allowPrivateNetworks: allowPrivate,
      jitter: Number(r.string('WEBHOOK_JITTER', { default: '0.2' })),
    },
  };
  r.done();
  return config;
}

export type Clock = () => Date;
/** Business time from the kit's clock (follows the sandbox clock in a SANDBOX deployment). */
export const systemClock: Clock = () => kitClock.now();
