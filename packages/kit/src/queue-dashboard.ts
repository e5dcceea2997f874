import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue, type ConnectionOptions } from 'bullmq';
import express from 'express';
import type { Redis } from 'ioredis';
import { userFromAuthorization, type TokenVerifier } from './auth';
import type { RouteHandler } from './http';
import type { Logger } from './logger';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'lf_ops_token';
const REFRESH_MS = 30_000;

/** Every BullMQ queue under the prefix, found from its meta key, so new queues show up unlisted. */
export async function discoverQueueNames(redis: Redis, prefix: string): Promise<string[]> {
  const names = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*:meta`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) names.add(key.slice(prefix.length + 1, -':meta'.length));
  } while (cursor !== '0');
  return [...names].sort();
}

function tokenFrom(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header) return header;
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`));
  return cookie ? `Bearer ${decodeURIComponent(cookie.slice(COOKIE.length + 1))}` : undefined;
}

function deny(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(message);
}

export interface QueueDashboard {
  handler: RouteHandler;
  close(): Promise<void>;
}

/**
 * Bull Board for operators, PROVINCE_ADMIN only. Browsers cannot send a bearer header, so
 * `?token=<jwt>` is exchanged once for an HttpOnly, SameSite=Strict cookie scoped to the dashboard.
 */
export function createQueueDashboard(opts: {
  redis: Redis;
  connection: ConnectionOptions;
  prefix: string;
  verifier: TokenVerifier;
  logger: Logger;
  secureCookie: boolean;
}): QueueDashboard {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  const board = createBullBoard({
    queues: [],
    serverAdapter,
    options: { uiConfig: { boardTitle: '雷锋站平台 任务队列' } },
  });
  const app = express();
  app.use(QUEUE_DASHBOARD_PATH, serverAdapter.getRouter());
  const queues = new Map<string, Queue>();
  let refreshedAt = 0;

  const refresh = async () => {
    if (Date.now() - refreshedAt < REFRESH_MS && queues.size) return;
    refreshedAt = Date.now();
    for (const name of await discoverQueueNames(opts.redis, opts.prefix)) {
      if (!queues.has(name)) queues.set(name, new Queue(name, { connection: opts.connection, prefix: opts.prefix }));
    }
    board.replaceQueues([...queues.values()].map((q) => new BullMQAdapter(q)));
  };

  const handler: RouteHandler = async (req, res): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const login = url.searchParams.get('token');
    let user;
    try {
      user = await userFromAuthorization(opts.verifier, login ? `Bearer ${login}` : tokenFrom(req));
    } catch {
      return deny(res, 401, '登录凭证无效或已过期');
    }
    if (!user) return deny(res, 401, '请先登录：在地址后附加 ?token=<省级管理员凭证>');
    if (!user.roles.includes('PROVINCE_ADMIN')) return deny(res, 403, '任务队列面板仅限省级管理员');
    if (login) {
      // Drop the token from the address bar (and from history) once it is in the cookie.
      const secure = opts.secureCookie ? '; Secure' : '';
      res.writeHead(303, {
        'set-cookie': `${COOKIE}=${encodeURIComponent(login)}; HttpOnly; SameSite=Strict; Path=${QUEUE_DASHBOARD_PATH}; Max-Age=3600${secure}`,
        location: QUEUE_DASHBOARD_PATH,
      });
      res.end();
      return;
    }
    await refresh();
    opts.logger.debug({ sub: user.sub, path: url.pathname }, 'queue dashboard access');
    app(req as never, res as never);
  };

  return {
    handler,
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
