import { CronExpressionParser } from 'cron-parser';
import type { Redis } from 'ioredis';
import { currentSandboxOffset, setSandboxOffset, systemClock } from './clock';
import type { Logger } from './logger';

/**
 * The sandbox clock (rehearsal mode, SANDBOX=true, refused with NODE_ENV=production): one offset ahead
 * of real time shared by every API, worker and scheduled job of every service. The offset lives in
 * Redis (`<prefix>:sandbox:clock`, only ever increased, by an atomic script); the service that changes
 * it keeps the durable copy in Postgres and puts it back when Redis lost it (accreditation). Every
 * process polls it (SANDBOX_CLOCK_REFRESH_MS, default 250 ms) into the kit's `systemClock`, so a
 * process sees an advance within one refresh; a process that advanced it sees it at once.
 */
export const sandboxClockKey = (prefix: string) => `${prefix}:sandbox:clock`;

const ADVANCE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local wanted = tonumber(ARGV[1])
if wanted > current then redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1] end
return tostring(current)`;

/** The shared offset (ms), or null when Redis holds none (never set, or lost). */
export async function readSandboxOffset(redis: Redis, prefix: string): Promise<number | null> {
  const raw = await redis.get(sandboxClockKey(prefix));
  return raw === null ? null : Number(raw);
}

/** Moves the shared offset forward to `offsetMs` (never back); returns the offset now in force, and applies it here. */
export async function advanceSandboxOffset(redis: Redis, prefix: string, offsetMs: number): Promise<number> {
  const now = Number(await redis.eval(ADVANCE, 1, sandboxClockKey(prefix), String(Math.floor(offsetMs))));
  setSandboxOffset(now);
  return now;
}

/** Puts the durable offset back into Redis when Redis has none (after a flush or a fresh Redis). */
export async function restoreSandboxOffset(redis: Redis, prefix: string, durableOffsetMs: number): Promise<void> {
  await redis.set(sandboxClockKey(prefix), String(Math.floor(durableOffsetMs)), 'NX');
  const now = await readSandboxOffset(redis, prefix);
  if (now !== null) setSandboxOffset(now);
}

/** Follows the shared offset in this process until stopped (first read awaited). */
export async function startSandboxClockSync(
  redis: Redis,
  prefix: string,
  logger: Logger,
  refreshMs = 250,
): Promise<{ stop(): void }> {
  const pull = async () => {
    try {
      const offset = await readSandboxOffset(redis, prefix);
      if (offset !== null) setSandboxOffset(offset);
    } catch (err) {
      logger.warn(
        { err: (err as Error).message },
        'sandbox clock: could not read the shared offset; keeping the last one',
      );
    }
  };
  await pull();
  logger.warn({ offsetMs: currentSandboxOffset() }, 'SANDBOX: business time follows the shared sandbox clock');
  const timer = setInterval(() => void pull(), refreshMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * A cron schedule on sandbox time: fires `fire` once (across every replica) when the sandbox clock has
 * passed the schedule's next occurrence since the last one — e.g. the yearly re-review or the nightly
 * expiry when an officer advances the clock past them. The first start only records "now", so past
 * occurrences never fire; several occurrences passed by one advance fire once (the latest).
 */
export function startSandboxCron(opts: {
  redis: Redis;
  prefix: string;
  name: string;
  pattern: string;
  tz: string;
  logger: Logger;
  fire(occurrence: Date): Promise<void>;
  pollMs?: number;
}): { close(): Promise<void>; tick(): Promise<void> } {
  const key = `${opts.prefix}:sandbox:cron:${opts.name}`;
  // Compare-and-set: only the replica that moves `last` from the value it read fires.
  const CLAIM = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`;
  let running: Promise<void> | undefined;
  const tick = async () => {
    const now = systemClock.now();
    await opts.redis.set(key, now.toISOString(), 'NX');
    const last = await opts.redis.get(key);
    if (!last) return;
    const it = CronExpressionParser.parse(opts.pattern, {
      currentDate: new Date(last),
      tz: opts.tz,
    });
    let due: Date | null = null;
    for (let next = it.next().toDate(); next <= now; next = it.next().toDate()) due = next;
    if (!due) return;
    if ((await opts.redis.eval(CLAIM, 1, key, last, now.toISOString())) !== 1) return;
    opts.logger.info(
      { schedule: opts.name, occurrence: due.toISOString() },
      'sandbox clock passed a scheduled occurrence',
    );
    await opts.fire(due);
  };
  const guarded = () => {
    running ??= tick()
      .catch((err) =>
        opts.logger.warn({ err: (err as Error).message, schedule: opts.name }, 'sandbox cron tick failed'),
      )
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void guarded(), opts.pollMs ?? 500);
  timer.unref();
  void guarded();
  return {
    tick: guarded,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
