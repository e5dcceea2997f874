import type { Logger } from './logger';
import { withTimeout } from './queues';

export type ShutdownStep = [name: string, run: () => Promise<unknown> | unknown];

/** Runs steps in order, each bounded by the timeout, logging but not stopping on failures. */
export async function runShutdown(steps: ShutdownStep[], logger: Logger, timeoutMs: number): Promise<boolean> {
  let clean = true;
  for (const [name, run] of steps) {
    try {
      await withTimeout(Promise.resolve().then(run), timeoutMs, name);
    } catch (err) {
      clean = false;
      logger.error({ err, step: name }, 'shutdown step failed');
    }
  }
  return clean;
}

/** SIGTERM / SIGINT run the steps once, then exit. */
export function exitOnSignals(stop: () => Promise<boolean>, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      (clean) => process.exit(clean ? 0 : 1),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
