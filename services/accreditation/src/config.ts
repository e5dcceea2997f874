import { envReader, readPiiKeys, type PiiKeys } from '@leifeng/kit';
import { loadHolidayCalendar } from './services/holiday-calendar-file';

type Env = Record<string, string | undefined>;

export interface AccreditationConfig {
  gatewayUrl: string;
  serviceToken?: string;
  /** Cron of the scheduled re-review (default: 03:00 on 15 October, the review month). */
  reviewCron: string;
  reviewTimezone: string;
  /** Stations per batch: one read of each kind and one write transaction per batch (default 500 = one facts page). */
  reviewBatchSize: number;
  /** Pause between batches, to spare the gateway. */
  reviewBatchPauseMs: number;
  /** BullMQ lock of a running review job: a killed worker's run is picked up after this. */
  reviewLockMs: number;
  /** How often the worker re-enqueues unfinished runs whose job gave up (e.g. a subgraph down longer than its retries). */
  reviewRecoveryMs: number;
  rectifyDays: number;
  maxUnmetForRectify: number;
  /** JSON file adding or replacing years of the public holiday calendar used for 公示 working days. */
  holidayCalendarFile?: string;
  /** PII_ENCRYPTION_KEY / PII_HASH_KEY: the 附件2 leader phone is stored encrypted. */
  pii: PiiKeys;
}

export function readAccreditationConfig(env: Env = process.env): AccreditationConfig {
  const r = envReader(env);
  const config: AccreditationConfig = {
    gatewayUrl: r.url('GATEWAY_URL', {
      default: 'http://127.0.0.1:4000/graphql',
      protocols: ['http', 'https'],
    }),
    serviceToken: r.optionalString('SERVICE_TOKEN'),
    reviewCron: r.string('REVIEW_CRON', { default: '0 3 15 10 *' }),
    reviewTimezone: r.string('REVIEW_TZ', { default: 'Asia/Shanghai' }),
    reviewBatchSize: r.int('REVIEW_BATCH_SIZE', 500, { min: 1, max: 500 }),
    reviewBatchPauseMs: r.int('REVIEW_BATCH_PAUSE_MS', 0, { min: 0 }),
    reviewLockMs: r.int('REVIEW_LOCK_MS', 30000, { min: 500 }),
    reviewRecoveryMs: r.int('REVIEW_RECOVERY_MS', 600000, { min: 1000 }),
    rectifyDays: r.int('REVIEW_RECTIFY_DAYS', 60, { min: 1, max: 365 }),
    maxUnmetForRectify: r.int('REVIEW_MAX_UNMET_FOR_RECTIFY', 2, {
      min: 0,
      max: 20,
    }),
    holidayCalendarFile: r.optionalString('HOLIDAY_CALENDAR_FILE'),
    pii: readPiiKeys(r),
  };
  if (config.reviewCron.trim().split(/\s+/).length < 5) r.problem('REVIEW_CRON must be a cron pattern (5 or 6 fields)');
  if (config.holidayCalendarFile) {
    try {
      loadHolidayCalendar(config.holidayCalendarFile);
    } catch (err) {
      r.problem(`HOLIDAY_CALENDAR_FILE: ${(err as Error).message}`);
    }
  }
  r.done();
  return config;
}

/** Only the PII keys (the migration that encrypts stored forms needs nothing else). */
export function readAccreditationPii(env: Env = process.env): PiiKeys {
  const r = envReader(env);
  const keys = readPiiKeys(r);
  r.done();
  return keys;
}
