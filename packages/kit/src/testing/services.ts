import type { Logger as TypeOrmLogger } from 'typeorm';
import type { EventHandler } from '../outbox';
import {
  migrateSubgraph,
  startSubgraphApi,
  startSubgraphWorker,
  type RunningProcess,
  type SubgraphModule,
  type WorkerOptions,
} from '../service';
import { createTestDatabase, testEnv, uniqueSuffix, type TestDatabase } from './env';

export interface TestSubgraph {
  db: TestDatabase;
  env: Record<string, string>;
  api: RunningProcess;
  worker?: RunningProcess;
  /** The API's GraphQL endpoint. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A subgraph on a fresh, migrated database and random ports, with its worker when asked.
 * Pass the same bullPrefix to services that must exchange events.
 */
export async function startTestSubgraph(
  mod: SubgraphModule,
  opts: {
    bullPrefix?: string;
    worker?: boolean;
    handleEvent?: EventHandler;
    extraWorkers?: WorkerOptions['extraWorkers'];
    queryLogger?: TypeOrmLogger;
    env?: Record<string, string>;
  } = {},
): Promise<TestSubgraph> {
  const db = await createTestDatabase(mod.name);
  const env = testEnv(db.url, opts.bullPrefix ?? `t${uniqueSuffix()}`, opts.env);
  await migrateSubgraph(mod, env);
  const api = await startSubgraphApi(mod, {
    env,
    queryLogger: opts.queryLogger,
  });
  // The worker's health port is its own (a fixed PORT given for the API, e.g. identity's JWKS, is not the worker's).
  const workerEnv = { ...env, PORT: '0' };
  const worker = opts.worker
    ? await startSubgraphWorker(mod, {
        env: workerEnv,
        handleEvent: opts.handleEvent,
        extraWorkers: opts.extraWorkers,
      })
    : undefined;
  return {
    db,
    env,
    api,
    worker,
    url: `${api.url}/graphql`,
    async stop() {
      await worker?.stop();
      await api.stop();
      await db.drop();
    },
  };
}
