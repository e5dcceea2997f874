import { createHmac } from 'node:crypto';
import { inShanghaiWindow, maskPhone, nextShanghaiTime, shanghaiCompactDate, type Logger } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { Clock, NotificationsConfig } from '../config';
import { SmsProviderError, type SmsProvider } from '../domain/sms-provider';
import type { ProviderRateLimiter } from './provider-rate';
import type { SmsRateLimiter } from './sms-rate-limiter';
import type { RecipientDirectory, RecipientKind } from './recipients';
import { openSealed } from './sealed-recipients';
import { SendTimePhones } from './send-time-phones';
import { templateOf, validateParams, type TemplateKind } from '../domain/sms-templates';

type SmsStatus = 'PENDING' | 'DEFERRED' | 'SENDING' | 'RETRYING' | 'SENT' | 'DELIVERED' | 'FAILED' | 'OPTED_OUT';
const FINAL: SmsStatus[] = ['SENT', 'DELIVERED', 'FAILED', 'OPTED_OUT'];
/** Longest a send waits for its provider slot (one window after the check, plus the slots concurrent jobs took meanwhile), with room to spare. */
const MAX_SLOT_WAIT_MS = 10_000;

/** What the job runner should do next. */
export type SmsOutcome =
  | { kind: 'done'; status: SmsStatus }
  | { kind: 'defer'; until: Date; reason: string }
  /** The provider's rate is taken further ahead than a job may wait: nothing changed, run again in retryInMs. */
  | { kind: 'throttle'; retryInMs: number }
  | { kind: 'retry'; error: string };

interface Row {
  id: string;
  recipient_kind: RecipientKind;
  recipient_id: string;
  template: string;
  params: Record<string, string>;
  kind: TemplateKind;
  urgent: boolean;
  status: SmsStatus;
  attempts: number;
  provider_id: string | null;
  sent_at: Date | null;
  phone_hash: string | null;
}

export function phoneHash(phone: string, key: string): string {
  return createHmac('sha256', key).update(phone).digest('hex');
}

export interface SmsSenderDeps {
  ds: DataSource;
  provider: SmsProvider;
  directory: RecipientDirectory;
  limiter: SmsRateLimiter;
  /** Account-wide provider rate (SMS_PROVIDER_PER_SECOND over any sliding second), shared through Redis. */
  providerRate: ProviderRateLimiter;
  config: NotificationsConfig['sms'];
  hashKey: string;
  /** Opens identity's sealed codes (SEALED recipients); without it such messages fail. */
  sealKey?: Buffer;
  logger: Logger;
  now: Clock;
  /** Batched, memory-only phone reads (default: one per dispatch batch, kept config.contactCacheMs). */
  phones?: SendTimePhones;
  /** A lost SendSms reply is only treated as "not sent" once the receipt had time to appear. */
  receiptGraceMs?: number;
}

/**
 * Sends one sms_message row. Idempotent per row: the row is the (event, recipient) message, so a
 * retried job never sends a second text; a send whose reply was lost is looked up by receipt first.
 */
export class SmsSender {
  private readonly phones: SendTimePhones;

  constructor(private readonly d: SmsSenderDeps) {
    this.phones = d.phones ?? new SendTimePhones(d.ds, d.directory, { ttlMs: d.config.contactCacheMs });
  }

  private async set(id: string, fields: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(fields);
    await this.d.ds.query(
      `UPDATE sms_message SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...keys.map((k) => fields[k])],
    );
  }

  async process(id: string): Promise<SmsOutcome> {
    const [row]: Row[] = await this.d.ds.query(`SELECT * FROM sms_message WHERE id = $1`, [id]);
    if (!row) return { kind: 'done', status: 'FAILED' };
    if (FINAL.includes(row.status)) return { kind: 'done', status: row.status };
    const now = this.d.now();
    const t = templateOf(row.template);
    let raw: Record<string, unknown> = row.params;
    if (row.recipient_kind === 'SEALED') {
      const opened = this.d.sealKey ? openSealed(row.params, this.d.sealKey) : null;
      if (!opened) return this.fail(row.id, 'SEALED_UNREADABLE: 无法解开身份服务的短信内容');
      // A code that arrives after it expired is useless and confusing: drop it.
      if (new Date(opened.expiresAt).getTime() <= now.getTime())
        return this.fail(row.id, 'EXPIRED: 验证码或邀请已过期，不再发送');
      raw = opened.params;
    }
    let params: Record<string, string>;
    try {
      params = validateParams(t, raw);
    } catch (err) {
      return this.fail(row.id, (err as Error).message);
    }

    // Read in memory at send time for the message's whole dispatch batch; never in job data.
    const phone = await this.phones.phoneFor(row);
    if (!phone) return this.fail(row.id, 'RECIPIENT_UNAVAILABLE: 收件人没有可用的手机号');
    const hash = phoneHash(phone, this.d.hashKey);
    if (row.phone_hash !== hash)
      await this.set(row.id, {
        phone_masked: maskPhone(phone),
        phone_hash: hash,
      });

    // A previous attempt may have reached the provider: ask before sending again.
    if (row.status === 'SENDING' && row.sent_at) {
      const receipt = await this.lookup(phone, row);
      if (receipt) return receipt;
    }

    if (t.kind === 'MARKETING') {
      const [opted] = await this.d.ds.query(`SELECT 1 FROM sms_opt_out WHERE phone_hash = $1`, [hash]);
      if (opted) {
        await this.set(row.id, { status: 'OPTED_OUT' });
        return { kind: 'done', status: 'OPTED_OUT' };
      }
      const c = this.d.config;
      if (!inShanghaiWindow(now, c.marketingStart, c.marketingEnd))
        return this.defer(row.id, nextShanghaiTime(now, c.marketingStart), '营销短信仅在 08:00–21:00 发送');
    } else if (!row.urgent && inShanghaiWindow(now, this.d.config.quietStart, this.d.config.quietEnd)) {
      return this.defer(row.id, nextShanghaiTime(now, this.d.config.quietEnd), '免打扰时段，顺延发送');
    }

    // Provider rate first, before anything is written or counted: a throttled job simply runs again.
    const free = await this.d.providerRate.check();
    if (!free.ok) return { kind: 'throttle', retryInMs: free.retryInMs };
    const room = await this.d.limiter.take(hash, t.name, t.kind, now);
    if (!room.ok) {
      // A code sent later than asked for is useless: identity's own limits tell the person when to ask again.
      if (t.kind === 'VERIFICATION') return this.fail(row.id, 'RATE_LIMITED: 超过验证码发送频率限制');
      return this.defer(row.id, room.retryAt, '超过发送频率限制，顺延发送');
    }

    // Committed before the provider call: a crash after it leaves SENDING, which means "look it up"
    // (sent_at may precede the request by the slot's wait: see lookup).
    await this.set(row.id, {
      status: 'SENDING',
      attempts: row.attempts + 1,
      sent_at: now,
      deferred_until: null,
    });
    // The slot is taken last and the request leaves at it: nothing runs between grant and request.
    const slot = await this.d.providerRate.reserve();
    await slot.ready();
    // When the request left: the provider files it under that day (receipt polls and lookups ask by day).
    const leftAt = new Date(now.getTime() + slot.waitMs);
    try {
      const { providerId } = await this.d.provider.send({
        phone,
        signName: this.d.config.signName,
        templateCode: t.providerCode,
        params,
        outId: row.id,
      });
      await this.set(row.id, {
        status: 'SENT',
        provider_id: providerId,
        last_error: null,
        sent_at: leftAt,
      });
      this.d.logger.info({ smsId: row.id, to: maskPhone(phone), template: t.name }, 'SMS sent');
      return { kind: 'done', status: 'SENT' };
    } catch (err) {
      if (!(err instanceof SmsProviderError)) throw err;
      const error = `${err.code}: ${err.message}`.slice(0, 500);
      if (err.kind === 'permanent') return this.fail(row.id, error);
      if (err.kind === 'timeout') {
        await this.set(row.id, { last_error: error, sent_at: leftAt });
        return { kind: 'retry', error };
      }
      await this.set(row.id, { status: 'RETRYING', last_error: error });
      return row.attempts + 1 >= this.d.config.maxAttempts ? this.fail(row.id, error) : { kind: 'retry', error };
    }
  }

  private async lookup(phone: string, row: Row): Promise<SmsOutcome | null> {
    const sentAt = new Date(row.sent_at!);
    try {
      let r = await this.d.provider.receipt({
        phone,
        outId: row.id,
        sentAt,
        providerId: row.provider_id,
      });
      // A crash while waiting for the slot left sent_at up to a slot's wait before the request: when that
      // wait crosses midnight (Shanghai), the provider filed it under the next day.
      const latest = new Date(sentAt.getTime() + MAX_SLOT_WAIT_MS);
      if (r.status === 'NOT_FOUND' && shanghaiCompactDate(latest) !== shanghaiCompactDate(sentAt)) {
        r = await this.d.provider.receipt({
          phone,
          outId: row.id,
          sentAt: latest,
          providerId: row.provider_id,
        });
      }
      if (r.status === 'NOT_FOUND') {
        const grace = this.d.receiptGraceMs ?? 60_000;
        const readyAt = sentAt.getTime() + grace;
        if (this.d.now().getTime() < readyAt)
          return {
            kind: 'defer',
            until: new Date(readyAt),
            reason: '等待回执',
          };
        return null; // never reached the provider: send again
      }
      const status: SmsStatus = r.status === 'DELIVERED' ? 'DELIVERED' : r.status === 'FAILED' ? 'FAILED' : 'SENT';
      await this.set(row.id, {
        status,
        provider_id: r.providerId ?? row.provider_id,
        last_error: r.error ?? null,
        ...(status === 'DELIVERED' ? { delivered_at: this.d.now() } : {}),
      });
      return { kind: 'done', status };
    } catch (err) {
      if (err instanceof SmsProviderError && err.kind !== 'permanent')
        return { kind: 'retry', error: `receipt: ${err.code}` };
      throw err;
    }
  }

  private async defer(id: string, until: Date, reason: string): Promise<SmsOutcome> {
    await this.set(id, { status: 'DEFERRED', deferred_until: until });
    return { kind: 'defer', until, reason };
  }

  private async fail(id: string, error: string): Promise<SmsOutcome> {
    await this.set(id, { status: 'FAILED', last_error: error.slice(0, 500) });
    return { kind: 'done', status: 'FAILED' };
  }
}
