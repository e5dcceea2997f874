import type { RouteHandler } from './http';
import { sendJson } from './http';
import type { Logger } from './logger';
import { withTimeout } from './queues';

export type Check = () => Promise<unknown>;

export interface Health {
  routes: Record<string, RouteHandler>;
  /** Readiness fails from now on, so load balancers stop routing here before we drain. */
  markShuttingDown(): void;
}

export interface HealthOptions {
  timeoutMs?: number;
  /** Where a failed check's error goes (the public answer carries only `unavailable`). */
  logger?: Pick<Logger, 'warn'>;
}

/**
 * `/healthz`: the process is up. `/readyz`: every dependency answers within the timeout.
 * The answer is public (probes, load balancers): it says which check failed, never why — the
 * error text (host names, ports, driver messages) goes to the log only.
 */
export function createHealth(checks: Record<string, Check>, opts: HealthOptions | number = {}): Health {
  const { timeoutMs = 2000, logger } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
  let shuttingDown = false;
  const readyz: RouteHandler = async (_req, res) => {
    if (shuttingDown) return sendJson(res, 503, { status: 'shutting-down' });
    const results: Record<string, 'ok' | 'unavailable'> = {};
    let ok = true;
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs, name);
          results[name] = 'ok';
        } catch (err) {
          ok = false;
          results[name] = 'unavailable';
          logger?.warn({ check: name, err: (err as Error)?.message ?? String(err) }, 'readiness check failed');
        }
      }),
    );
    sendJson(res, ok ? 200 : 503, {
      status: ok ? 'ready' : 'not-ready',
      checks: results,
    });
  };
  return {
    routes: {
      '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok' }),
      '/readyz': readyz,
    },
    markShuttingDown: () => {
      shuttingDown = true;
    },
  };
}
