import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { Queue, Worker } from 'bullmq';
import type { DocumentNode } from 'graphql';
import type { Redis } from 'ioredis';
import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { createTokenVerifier } from './auth';
import { readServiceConfig, type ServiceConfig } from './config';
import { createDataSource, migrateDatabase, type DataSourceOptions } from './db';
import type { ConsumerName } from './events';
import { baseContext, formatError, type RequestContext } from './graphql';
import { createHealth } from './health';
import { closeServer, createHttpServer, listen, type HttpAppOptions, type RouteHandler } from './http';
import { createLogger, type Logger } from './logger';
import { graphqlMetricsPlugin, Metrics } from './metrics';
import { createEventWorker, OutboxRelay, type EventHandler } from './outbox';
import { publicMutationFields, requireCallerOnMutations } from './public-mutations';
import { createQueueDashboard, QUEUE_DASHBOARD_PATH } from './queue-dashboard';
import { createRedis, warnUnlessNoEviction } from './queues';
import { JobReconciler } from './reconciler';
import { startSandboxClockSync } from './sandbox-clock';
import { exitOnSignals, runShutdown, type ShutdownStep } from './shutdown';

type Env = Record<string, string | undefined>;

export interface ServiceDeps {
  config: ServiceConfig;
  ds: DataSource;
  redis: Redis;
  logger: Logger;
  /** This process's Prometheus registry (served at /metrics); register service queues with trackQueue. */
  metrics: Metrics;
  /** SANDBOX=true: this process follows the shared sandbox clock (systemClock) until stopped. */
  sandboxClock?: { stop(): void };
}

/** A resolver map: type name to field resolvers (or a scalar). Each service's codegen `Resolvers` fits it. */
export type SubgraphResolvers = Record<string, object>;

/**
 * Apollo's GraphQLResolverMap types __resolveReference as a field resolver (its arguments differ), so the
 * codegen map, which types it right, needs this one cast on its way into buildSubgraphSchema.
 */
const asResolverMap = (resolvers: SubgraphResolvers) => resolvers as GraphQLResolverMap<unknown>;

/** What a subgraph service declares; the kit turns it into API, worker and migration processes. */
export interface SubgraphModule<Ctx extends RequestContext = RequestContext> {
  name: ConsumerName;
  defaultPort: number;
  /** The SDL. Mutation fields need a caller unless tagged `@tag(name: "public")` (see public-mutations.ts). */
  typeDefs: DocumentNode;
  /** The service's codegen `Resolvers` (typed from its SDL; see codegen.ts). */
  resolvers: SubgraphResolvers;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  /** Adds the service's per-request state (DataLoaders, services) to the base context. */
  context(base: RequestContext, deps: ServiceDeps): Ctx;
  /** Serve the operators' queue dashboard (Bull Board, PROVINCE_ADMIN) at /admin/queues. */
  queueDashboard?: boolean;
  /** Extra HTTP routes served beside /graphql (e.g. public pages). */
  routes?(deps: ServiceDeps): {
    exact?: Record<string, RouteHandler>;
    prefix?: Record<string, RouteHandler>;
  };
}

export interface StartOptions {
  env?: Env;
  queryLogger?: TypeOrmLogger;
  /** Tests stop services themselves; processes exit on SIGTERM / SIGINT. */
  handleSignals?: boolean;
}

export interface RunningProcess {
  port: number;
  url: string;
  deps: ServiceDeps;
  stop(): Promise<boolean>;
}

async function connect(
  mod: SubgraphModule,
  config: ServiceConfig,
  logger: Logger,
  role: 'api' | 'worker',
  queryLogger?: TypeOrmLogger,
): Promise<ServiceDeps> {
  const ds = createDataSource({
    url: config.databaseUrl,
    entities: mod.entities,
    migrations: mod.migrations,
    poolMax: config.dbPoolMax,
    logger,
    queryLogger,
    applicationName: `${mod.name}-${role}`,
  });
  await ds.initialize();
  const redis = createRedis(config.redisUrl, role === 'worker' ? 'worker' : 'client');
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  await warnUnlessNoEviction(redis, logger);
  const metrics = new Metrics(`${mod.name}-${role}`);
  metrics.trackPool(ds);
  const sandboxClock = config.sandbox
    ? await startSandboxClockSync(redis, config.bullPrefix, logger, config.sandboxClockRefreshMs)
    : undefined;
  return { config, ds, redis, logger, metrics, sandboxClock };
}

function readinessChecks(deps: ServiceDeps) {
  return createHealth(
    {
      postgres: () => deps.ds.query('SELECT 1'),
      redis: () => deps.redis.ping(),
    },
    { logger: deps.logger },
  );
}

async function serve(server: Server, config: ServiceConfig): Promise<{ port: number; url: string }> {
  const port = await listen(server, config.port, config.host);
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  return { port, url: `http://${host}:${port}` };
}

/** The subgraph API process: GraphQL at /graphql, health at /healthz and /readyz. */
export async function startSubgraphApi<Ctx extends RequestContext>(
  mod: SubgraphModule<Ctx>,
  opts: StartOptions = {},
): Promise<RunningProcess> {
  const config = readServiceConfig(mod.name, mod.defaultPort, opts.env ?? process.env);
  const logger = createLogger(mod.name, config.logLevel);
  const deps = await connect(mod, config, logger, 'api', opts.queryLogger);
  const verifier = createTokenVerifier(config.auth);
  const health = readinessChecks(deps);
  const extra = mod.routes?.(deps) ?? {};
  const dashboard = mod.queueDashboard
    ? createQueueDashboard({
        redis: deps.redis,
        connection: deps.redis,
        prefix: config.bullPrefix,
        verifier,
        logger,
        secureCookie: config.isProduction,
      })
    : undefined;
  if (dashboard)
    extra.prefix = {
      ...extra.prefix,
      [QUEUE_DASHBOARD_PATH]: dashboard.handler,
    };

  // The app options are read per request, so /graphql is attached once Apollo has started.
  const app: HttpAppOptions<Ctx> = {
    routes: { ...health.routes, ...extra.exact },
    prefixRoutes: extra.prefix,
    metrics: deps.metrics,
  };
  const httpServer = createHttpServer<Ctx>(app);
  const apollo = new ApolloServer<Ctx>({
    // Anonymous callers are refused before any Mutation resolver runs, except on fields the SDL
    // tags @tag(name: "public") (see public-mutations.ts; the gateway applies the same list).
    schema: requireCallerOnMutations(
      buildSubgraphSchema([{ typeDefs: mod.typeDefs, resolvers: asResolverMap(mod.resolvers) }]),
      publicMutationFields(mod.typeDefs),
    ),
    formatError: formatError(config.isProduction, logger),
    introspection: !config.isProduction,
    // Shutdown is ours (readiness off, drain HTTP, then stop), not Apollo's own signal handler.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !config.isProduction,
    // No Apollo Studio: traces would only cost bytes on every subgraph response.
    plugins: [ApolloServerPluginInlineTraceDisabled(), graphqlMetricsPlugin<Ctx>(deps.metrics)],
  });
  await apollo.start();
  app.graphql = {
    path: '/graphql',
    server: apollo,
    context: async (req: IncomingMessage) => mod.context(await baseContext(req, verifier, logger), deps),
  };
  const { port, url } = await serve(httpServer, config);
  logger.info({ port }, `${mod.name} API ready at ${url}/graphql`);

  const steps: ShutdownStep[] = [
    ['readiness', () => health.markShuttingDown()],
    // Drain HTTP first (in-flight requests still need Apollo), then stop Apollo.
    ['http', () => closeServer(httpServer, config.shutdownTimeoutMs / 2)],
    ['graphql', () => apollo.stop()],
    ['metrics', () => deps.metrics.close()],
    ['queue dashboard', () => dashboard?.close()],
    ['sandbox clock', () => deps.sandboxClock?.stop()],
    ['redis', () => deps.redis.quit()],
    ['postgres', () => deps.ds.destroy()],
  ];
  const stop = () => runShutdown(steps, logger, config.shutdownTimeoutMs);
  if (opts.handleSignals) exitOnSignals(stop, logger);
  return { port, url, deps, stop };
}

export interface WorkerOptions extends StartOptions {
  /** Handles events routed to this service (see EVENT_ROUTES); runs idempotently per event id. */
  handleEvent?: EventHandler;
  /** Service-specific BullMQ workers and schedulers, closed on shutdown. */
  extraWorkers?(deps: ServiceDeps): Promise<Array<{ close(): Promise<void> }>> | Array<{ close(): Promise<void> }>;
}

/** The worker process: outbox relay, event consumer, service jobs, and health on PORT. */
export async function startSubgraphWorker(
  mod: SubgraphModule,
  opts: WorkerOptions = {},
): Promise<
  RunningProcess & {
    relay: OutboxRelay;
    reconciler: JobReconciler;
    eventWorker?: Worker;
  }
> {
  const config = readServiceConfig(mod.name, 0, opts.env ?? process.env);
  const logger = createLogger(`${mod.name}-worker`, config.logLevel);
  const deps = await connect(mod, config, logger, 'worker', opts.queryLogger);
  const producer = createRedis(config.redisUrl, 'producer');
  producer.on('error', (err) => logger.warn({ err: err.message }, 'redis producer connection error'));

  const relay = new OutboxRelay({
    ds: deps.ds,
    connection: producer,
    prefix: config.bullPrefix,
    logger,
    pollMs: config.outboxPollMs,
  });
  relay.start();
  // Sent events whose jobs Redis lost (restart without persistence) are published again: see reconciler.ts.
  const reconciler = new JobReconciler({
    name: `${mod.name}-outbox`,
    redis: producer,
    prefix: config.bullPrefix,
    sources: [relay.reconcileSource(config.outboxReconcileWindowMs)],
    intervalMs: config.reconcileIntervalMs,
    graceMs: config.reconcileGraceMs,
    logger,
  });
  reconciler.start();
  const eventWorker = opts.handleEvent
    ? createEventWorker({
        ds: deps.ds,
        consumer: mod.name,
        connection: deps.redis,
        prefix: config.bullPrefix,
        logger,
        handle: opts.handleEvent,
      })
    : undefined;
  const extraWorkers = (await opts.extraWorkers?.(deps)) ?? [];

  const { metrics } = deps;
  const queueFor = (name: string) => new Queue(name, { connection: producer, prefix: config.bullPrefix });
  metrics.trackOutbox(deps.ds);
  relay.consumerQueues().forEach((q) => metrics.trackQueue(q));
  for (const w of [eventWorker, ...extraWorkers]) if (w instanceof Worker) metrics.trackWorker(w, queueFor);

  const health = readinessChecks(deps);
  const httpServer = createHttpServer({ routes: health.routes, metrics });
  const { port, url } = await serve(httpServer, config);
  logger.info({ port }, `${mod.name} worker running (health at ${url}/healthz)`);

  const steps: ShutdownStep[] = [
    ['readiness', () => health.markShuttingDown()],
    ['outbox reconciler', () => reconciler.close()],
    ['outbox relay', () => relay.stop()],
    ['event worker', () => eventWorker?.close()],
    ...extraWorkers.map((w, i): ShutdownStep => [`worker ${i}`, () => w.close()]),
    ['http', () => closeServer(httpServer)],
    ['metrics', () => metrics.close()],
    ['sandbox clock', () => deps.sandboxClock?.stop()],
    [
      'redis',
      async () => {
        await producer.quit();
        await deps.redis.quit();
      },
    ],
    ['postgres', () => deps.ds.destroy()],
  ];
  const stop = () => runShutdown(steps, logger, config.shutdownTimeoutMs);
  if (opts.handleSignals) exitOnSignals(stop, logger);
  return { port, url, deps, stop, relay, reconciler, eventWorker };
}

/** The migrate entry point: create the database if missing, apply pending migrations, exit. */
export async function migrateSubgraph(mod: SubgraphModule, env: Env = process.env): Promise<string[]> {
  const config = readServiceConfig(mod.name, 0, env);
  const logger = createLogger(`${mod.name}-migrate`, config.logLevel);
  return migrateDatabase({
    url: config.databaseUrl,
    entities: mod.entities,
    migrations: mod.migrations,
    logger,
  });
}

/** Entry-point wrapper: a failed start (bad config, unreachable database) exits non-zero with the reason. */
export function runMain(start: () => Promise<unknown>, opts: { exitWhenDone?: boolean } = {}): void {
  start().then(
    () => {
      if (opts.exitWhenDone) process.exit(0);
    },
    (err: unknown) => {
      console.error(err instanceof Error && err.name === 'ConfigError' ? err.message : err);
      process.exit(1);
    },
  );
}
