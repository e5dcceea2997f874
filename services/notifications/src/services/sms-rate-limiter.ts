import { SHANGHAI_OFFSET_MS as SHANGHAI_MS } from '@leifeng/kit';
import type { Redis } from 'ioredis';
import type { SmsLimits } from '../config';
import type { TemplateKind } from '../domain/sms-templates';

// Checks every window first and increments only when all have room: one atomic step for all workers.
const CHECK_AND_TAKE = `
for i = 1, #KEYS do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used >= tonumber(ARGV[i * 2 - 1]) then return i end
end
for i = 1, #KEYS do
  redis.call('INCR', KEYS[i])
  redis.call('PEXPIRE', KEYS[i], ARGV[i * 2])
end
return 0`;

interface Window {
  key: string;
  limit: number;
  /** When the window ends (the message may go then). */
  endsAt: number;
}

/**
 * Per-phone limits kept in Redis, so they hold across every worker process. Fixed windows on the
 * injected clock (minute, hour, Asia/Shanghai day). Verification and marketing messages count against
 * 1/min, 5/h, 10/day per number; notifications against 50/day per template and number (and
 * marketing too).
 *
 * Kept instead of rate-limiter-flexible (issue 12 §5): its RateLimiterUnion consumes from every
 * limiter even when one refuses (a refused send would still use up the others' budget), its windows
 * start at the first send rather than at the Asia/Shanghai midnight the rules count in, and it reads
 * real time where these windows follow the injected clock (the sandbox clock and the tests move it).
 */
export class SmsRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: SmsLimits,
  ) {}

  private windows(phoneHash: string, template: string, kind: TemplateKind, now: Date): Window[] {
    const t = now.getTime();
    const base = `${this.prefix}:smsrl:${phoneHash}`;
    const minute = Math.floor(t / 60_000);
    const hour = Math.floor(t / 3600_000);
    const day = Math.floor((t + SHANGHAI_MS) / 86_400_000);
    const dayEnd = (day + 1) * 86_400_000 - SHANGHAI_MS;
    const out: Window[] = [];
    if (kind !== 'NOTIFICATION') {
      out.push(
        {
          key: `${base}:m:${minute}`,
          limit: this.limits.perMinute,
          endsAt: (minute + 1) * 60_000,
        },
        {
          key: `${base}:h:${hour}`,
          limit: this.limits.perHour,
          endsAt: (hour + 1) * 3600_000,
        },
        { key: `${base}:d:${day}`, limit: this.limits.perDay, endsAt: dayEnd },
      );
    }
    if (kind !== 'VERIFICATION')
      out.push({
        key: `${base}:t:${template}:${day}`,
        limit: this.limits.perTemplateDay,
        endsAt: dayEnd,
      });
    return out;
  }

  /** Takes one send from every window, or says until when the number must wait. */
  async take(
    phoneHash: string,
    template: string,
    kind: TemplateKind,
    now: Date,
  ): Promise<{ ok: true } | { ok: false; retryAt: Date }> {
    const windows = this.windows(phoneHash, template, kind, now);
    const args = windows.flatMap((w) => [String(w.limit), String(Math.max(1, w.endsAt - now.getTime()) + 60_000)]);
    const hit = Number(await this.redis.eval(CHECK_AND_TAKE, windows.length, ...windows.map((w) => w.key), ...args));
    return hit === 0 ? { ok: true } : { ok: false, retryAt: new Date(windows[hit - 1].endsAt) };
  }
}
