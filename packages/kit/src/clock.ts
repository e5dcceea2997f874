/**
 * The one source of business time. Services take a `Clock` (constructor or context) and never read
 * `Date.now()` / `new Date()` for business rules, so tests and a sandbox deployment can move time.
 */
export interface Clock {
  now(): Date;
}

/** Real time. */
export const systemClock: Clock = { now: () => new Date() };
