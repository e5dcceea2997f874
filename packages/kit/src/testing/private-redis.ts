import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { reservePort } from './env';

/**
 * A redis-server of the test's own, without persistence, on a random port: for tests that must make
 * Redis lose its data (FLUSHALL here, or kill and start it again empty) without touching the shared one.
 */
export interface PrivateRedis {
  url: string;
  port: number;
  /** Empties it, as a restart without persistence would. */
  flushAll(): Promise<void>;
  /** Kills the server (SIGKILL) and starts a new, empty one on the same port. */
  restartEmpty(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await reservePort();
  let server: ChildProcess | undefined;
  const start = async () => {
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis({
        port,
        host: '127.0.0.1',
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error(`private redis-server on port ${port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        probe.disconnect();
      }
    }
  };
  const kill = async () => {
    const s = server;
    if (!s || s.exitCode !== null) return;
    const exited = new Promise((r) => s.once('exit', r));
    s.kill('SIGKILL');
    await exited;
  };
  await start();
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    port,
    async flushAll() {
      const c = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        await c.flushall();
      } finally {
        c.disconnect();
      }
    },
    async restartEmpty() {
      await kill();
      await start();
    },
    stop: kill,
  };
}
