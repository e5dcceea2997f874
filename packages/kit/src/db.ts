import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource, type Logger as TypeOrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from './logger';

export interface DataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolMax?: number;
  logger: Logger;
  /** Extra TypeORM logger, e.g. a statement counter in tests. */
  queryLogger?: TypeOrmLogger;
  applicationName?: string;
}

/**
 * One database per service, schema changes only through reviewed migrations (never synchronize).
 * The pool has an error handler: an idle client losing its server (database restart) must not crash the process.
 */
export function createDataSource(opts: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    applicationName: opts.applicationName,
    poolErrorHandler: (err: Error) => opts.logger.warn({ err }, 'postgres pool client error'),
    extra: {
      max: opts.poolMax ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
    },
    logger: opts.queryLogger,
    logging: opts.queryLogger ? ['query'] : false,
  });
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`database name must be a lower-case identifier: "${name}"`);
  return name;
}

/** Creates the service's database when missing (connecting to the server's `postgres` database). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (err) {
      // Another process created it between our check and create.
      if ((err as { code?: string }).code !== '42P04') throw err;
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Arbitrary constant: every service's migration runner serialises on it in its own database. */
const MIGRATION_LOCK_KEY = 20120305;

/**
 * TypeORM has no lock against concurrent runs (two pods starting at once): hold a session-level
 * advisory lock on one pooled connection for the whole run.
 */
export async function runMigrations(ds: DataSource, logger: Logger): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const m of applied) logger.info({ migration: m.name }, 'migration applied');
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** Creates the database if needed, migrates, and closes: the body of every `migrate` entry point. */
export async function migrateDatabase(opts: DataSourceOptions): Promise<string[]> {
  if (await ensureDatabase(opts.url)) opts.logger.info('database created');
  const ds = createDataSource({ ...opts, poolMax: 2 });
  await ds.initialize();
  try {
    return await runMigrations(ds, opts.logger);
  } finally {
    await ds.destroy();
  }
}
