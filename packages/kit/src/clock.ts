/**
 * The one source of business time. Services take a `Clock` (constructor or context) or read
 * `systemClock`, and never read `Date.now()` / `new Date()` for business rules, so tests and a sandbox
 * deployment can move time.
 */
export interface Clock {
  now(): Date;
}

/** The sandbox offset this process follows (always 0 outside a sandbox: see sandbox-clock.ts). */
let sandboxOffsetMs = 0;

/** Real time, plus the platform's sandbox offset when the deployment is a sandbox (SANDBOX=true). */
export const systemClock: Clock = {
  now: () => new Date(Date.now() + sandboxOffsetMs),
};

/** The offset systemClock adds (ms); set only by the sandbox clock sync. */
export function currentSandboxOffset(): number {
  return sandboxOffsetMs;
}

/** @internal the sandbox clock sync (sandbox-clock.ts) and tests; never moves backwards. */
export function setSandboxOffset(ms: number): void {
  if (Number.isFinite(ms) && ms > sandboxOffsetMs) sandboxOffsetMs = ms;
}
