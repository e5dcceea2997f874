/** Delay before the next attempt, or null when attempts are exhausted. `attempt` is the one that just failed (1-based). */
export function nextDelay(opts: {
  scheduleMs: number[];
  attempt: number;
  jitter: number;
  random?: () => number;
  throttled: boolean;
  throttleMinMs: number;
  retryAfterMs?: number | null;
}): number | null {
  const base = opts.scheduleMs[opts.attempt];
  if (base === undefined) return null;
  const rnd = opts.random ?? Math.random;
  let delay = Math.round(base * (1 + (rnd() * 2 - 1) * opts.jitter));
  if (opts.retryAfterMs != null) delay = Math.min(Math.max(opts.retryAfterMs, delay), 2 * delay);
  if (opts.throttled) delay = Math.max(delay, opts.throttleMinMs);
  return delay;
}

/** Retry-After in seconds or as an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
