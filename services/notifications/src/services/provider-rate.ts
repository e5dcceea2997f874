import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

/**
 * Sliding log of granted send times (µs, Redis server clock) in one sorted set. A new grant goes at
 * the earliest time t ≥ now with t ≥ (the `max`-th latest grant) + window, so sorted grants satisfy
 * g[i + max] − g[i] ≥ window: no half-open interval of `window` holds more than `max`. The slot may be
 * in the future (a reservation). With a member it is taken; without one (a check) nothing is written.
 * Redis TIME is the only clock, so every machine agrees.
 *
 * KEYS[1] log · ARGV max, window µs, member or '', clock-step threshold µs · returns {waitµs, atµs}
 */
const SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
-- A grant further ahead than any queue of senders could reserve means the clock stepped back (e.g. a
-- failover to a server behind): forget those "future" grants (at most one window of over-grant, which
-- the provider answers with throttling, retried) rather than stall every sender for the step.
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if newest[2] and tonumber(newest[2]) - now > tonumber(ARGV[4]) then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
end
local at = now
local n = redis.call('ZCARD', KEYS[1])
if n >= max then
  local e = redis.call('ZRANGE', KEYS[1], n - max, n - max, 'WITHSCORES')
  at = math.max(at, tonumber(e[2]) + window)
end
-- Grants stay in order even if the server clock steps back.
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then at = math.max(at, tonumber(last[2])) end
if ARGV[3] ~= '' then
  redis.call('ZADD', KEYS[1], at, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.floor((at - now + window) / 1000) + 1000)
end
return {at - now, at}`;

export interface ProviderRateOptions {
  /** Sends allowed in any interval of `durationMs` (SMS_PROVIDER_PER_SECOND over 1000 ms). */
  max: number;
  durationMs: number;
  /**
   * Extra spacing on top of `durationMs`, against jitter between the grant and the request reaching the
   * provider (timer, HTTP). Default 2 % of the duration: throughput ≈ 0.98 × max / duration.
   */
  marginMs?: number;
  /** `check` says "not now" when the next slot is further away than this. Default: one window. */
  maxWaitMs?: number;
}

export interface ProviderSlot {
  /** Redis time of the slot, µs. */
  atUs: number;
  waitMs: number;
  /** Resolves at the slot (never early on this process's clock). */
  ready(): Promise<void>;
}

/**
 * The provider's account-wide send rate (QPS over a sliding window, as Aliyun and Tencent enforce it),
 * shared by every worker process through one Redis key. A sender first `check`s (before it changes
 * anything, so a "not now" can simply be retried later), does its own bookkeeping, then `reserve`s a
 * slot as the very last step and waits in process until it: the request leaves right at its slot, so
 * the provider sees the spacing the log granted (work done between the grant and the request would
 * add jitter to immediate slots only).
 */
export class ProviderRateLimiter {
  readonly key: string;
  private readonly windowUs: number;
  private readonly aheadUs: number;
  /** Grants further ahead than this are taken for a backward clock step (60 windows, at least a minute). */
  private readonly clockStepUs: number;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    readonly opts: ProviderRateOptions,
  ) {
    if (!(opts.max >= 1) || !(opts.durationMs > 0)) throw new Error('provider rate: max ≥ 1 and durationMs > 0');
    this.key = `${prefix}:smsprovider:rate`;
    const window = opts.durationMs + (opts.marginMs ?? opts.durationMs * 0.02);
    this.windowUs = Math.ceil(window * 1000);
    this.aheadUs = Math.ceil((opts.maxWaitMs ?? window) * 1000);
    this.clockStepUs = Math.max(60_000_000, 60 * this.windowUs);
  }

  private async run(member: string): Promise<[waitUs: number, atUs: number]> {
    const r = (await this.redis.eval(
      SLOT,
      1,
      this.key,
      String(this.opts.max),
      String(this.windowUs),
      member,
      String(this.clockStepUs),
    )) as number[];
    return [Number(r[0]), Number(r[1])];
  }

  /** Whether a slot is free within `maxWaitMs` (takes none). Otherwise: when to ask again, ms. */
  async check(): Promise<{ ok: true } | { ok: false; retryInMs: number }> {
    const [waitUs] = await this.run('');
    return waitUs <= this.aheadUs
      ? { ok: true }
      : {
          ok: false,
          retryInMs: Math.max(1, Math.ceil((waitUs - this.aheadUs) / 1000)),
        };
  }

  /**
   * Takes the earliest slot, however far (after a check it is within maxWaitMs, plus what concurrent
   * callers took in between: at most the workers' total concurrency).
   */
  async reserve(): Promise<ProviderSlot> {
    const [waitUs, atUs] = await this.run(randomUUID());
    // Measured from the reply: the slot's Redis time has not passed before this instant.
    const deadline = performance.now() + waitUs / 1000;
    return {
      atUs,
      waitMs: waitUs / 1000,
      async ready() {
        // Node timers may fire up to ~1 ms early: loop until the deadline has really passed.
        for (let left = deadline - performance.now(); left > 0; left = deadline - performance.now())
          await sleep(Math.ceil(left));
      },
    };
  }
}
