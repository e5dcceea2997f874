import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { signDevToken, type DevTokenClaims } from '../auth';
import { DEFAULT_POSTGRES_URL, DEV_JWT_SECRET } from '../config';
import { dropDatabase, ensureDatabase } from '../db';

export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const url = new URL(process.env.POSTGRES_URL || DEFAULT_POSTGRES_URL);
  url.pathname = `/t_${label.replace(/[^a-z0-9_]/g, '_')}_${uniqueSuffix()}`;
  await ensureDatabase(url.toString());
  return { url: url.toString(), drop: () => dropDatabase(url.toString()) };
}

/** Environment for a service under test: random port, its own database and Redis prefix. */
export function testEnv(
  databaseUrl: string,
  bullPrefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'silent',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    BULLMQ_PREFIX: bullPrefix,
    JWT_SECRET: DEV_JWT_SECRET,
    OUTBOX_POLL_MS: '50',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...extra,
  };
}

export function tokenFor(claims: DevTokenClaims): Promise<string> {
  return signDevToken(claims, DEV_JWT_SECRET);
}

const reservedPorts = new Set<number>();

/**
 * A free port for a server that must be known before it starts (e.g. the gateway URL handed to
 * subgraphs first). Picked outside Linux's ephemeral range (32768–60999), where every other test
 * server listens with port 0, so none of them can take it before our server binds.
 */
export async function reservePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    if (reservedPorts.has(port)) continue;
    reservedPorts.add(port);
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
}
