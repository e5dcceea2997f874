import { DomainError } from '@leifeng/kit';
import type { Redis } from 'ioredis';
import type { IdentityConfig } from '../config';
import { lockedMessage } from '../domain/codes';

// INCR a counter, give it its window on first use, return the count.
const INCR_WINDOW = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * Sign-in attempt limits, shared by every identity API process through Redis:
 * - code requests: one per phone per resend interval, N per phone and M per client address per hour;
 * - failed verifications: after N per phone (or M per client address) within the lock-out period the
 *   phone (or address) is locked for that period, whatever code it then sends.
 */
export class SignInLimits {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly c: IdentityConfig,
  ) {}

  private key(...parts: string[]): string {
    return `${this.prefix}:idrl:${parts.join(':')}`;
  }

  private async count(key: string, windowMs: number): Promise<number> {
    return Number(await this.redis.eval(INCR_WINDOW, 1, key, String(windowMs)));
  }

  /** Throws SIGN_IN_LOCKED while the phone or the client address is locked out. */
  async assertNotLocked(phoneHash: string, ip: string | null): Promise<void> {
    const keys = [this.key('lock', 'p', phoneHash), ...(ip ? [this.key('lock', 'ip', ip)] : [])];
    const ttls = await Promise.all(keys.map((k) => this.redis.pttl(k)));
    const longest = Math.max(...ttls);
    if (longest > 0) {
      const minutes = Math.max(1, Math.ceil(longest / 60_000));
      throw new DomainError('SIGN_IN_LOCKED', lockedMessage(minutes), {
        retryAfterSeconds: Math.ceil(longest / 1000),
      });
    }
  }

  /** Takes one code request from the phone's and the address's allowances, or says why not. */
  async takeCodeRequest(phoneHash: string, ip: string | null): Promise<void> {
    await this.assertNotLocked(phoneHash, ip);
    if (this.c.codeResendSec > 0) {
      const resend = this.key('resend', phoneHash);
      const ok = await this.redis.set(resend, '1', 'PX', this.c.codeResendSec * 1000, 'NX');
      if (!ok) {
        const wait = Math.max(1, Math.ceil((await this.redis.pttl(resend)) / 1000));
        throw new DomainError('SIGN_IN_CODE_TOO_FREQUENT', `验证码发送过于频繁，请 ${wait} 秒后再试`, {
          retryAfterSeconds: wait,
        });
      }
    }
    if ((await this.count(this.key('req', 'p', phoneHash), 3600_000)) > this.c.codeRequestsPerPhoneHour) {
      throw new DomainError('SIGN_IN_RATE_LIMITED', '该手机号获取验证码次数过多，请 1 小时后再试');
    }
    if (ip && (await this.count(this.key('req', 'ip', ip), 3600_000)) > this.c.codeRequestsPerIpHour) {
      throw new DomainError('SIGN_IN_RATE_LIMITED', '当前网络获取验证码次数过多，请稍后再试');
    }
  }

  /** Counts a wrong code; returns true when this failure locked the phone or the address. */
  async recordFailure(phoneHash: string, ip: string | null): Promise<boolean> {
    const lockMs = this.c.lockoutSec * 1000;
    let locked = false;
    if ((await this.count(this.key('fail', 'p', phoneHash), lockMs)) >= this.c.failuresPerPhone) {
      await this.redis.set(this.key('lock', 'p', phoneHash), '1', 'PX', lockMs);
      locked = true;
    }
    if (ip && (await this.count(this.key('fail', 'ip', ip), lockMs)) >= this.c.failuresPerIp) {
      await this.redis.set(this.key('lock', 'ip', ip), '1', 'PX', lockMs);
      locked = true;
    }
    return locked;
  }

  /** A successful sign-in forgets the phone's failures (the address keeps its count). */
  async clearPhone(phoneHash: string): Promise<void> {
    await this.redis.del(this.key('fail', 'p', phoneHash));
  }
}
