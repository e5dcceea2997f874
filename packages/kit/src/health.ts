import type { RouteHandler } from './http';
import { sendJson } from './http';
import { withTimeout } from './queues';

export type Check = () => Promise<unknown>;

export interface Health {
  routes: Record<string, RouteHandler>;
  /** Readiness fails from now on, so load balancers stop routing here before we drain. */
  markShuttingDown(): void;
}

/** `/healthz`: the process is up. `/readyz`: every dependency answers within the timeout. */
export function createHealth(checks: Record<string, Check>, timeoutMs = 2000): Health {
  let shuttingDown = false;
  const readyz: RouteHandler = async (_req, res) => {
    if (shuttingDown) return sendJson(res, 503, { status: 'shutting-down' });
    const results: Record<string, string> = {};
    let ok = true;
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs, name);
          results[name] = 'ok';
        } catch (err) {
          ok = false;
          results[name] = `error: ${(err as Error).message}`;
        }
      }),
    );
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not-ready', checks: results });
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
