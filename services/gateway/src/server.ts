import type { IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  baseContext,
  closeServer,
  createHealth,
  createHttpServer,
  createLogger,
  createTokenVerifier,
  exitOnSignals,
  formatError,
  listen,
  publicMutationFields,
  graphqlMetricsPlugin,
  Metrics,
  runShutdown,
  type HttpAppOptions,
} from '@leifeng/kit';
import { readGatewayConfig } from './config';
import type { GatewayContext } from './context';
import { ForwardingDataSource } from './forwarding-data-source';
import { armorProtection, limitError, parseOptions } from './limits';
import { clientErrorFormatter, inputScalarsRule, installInputScalars } from './client-errors';
import { queryCostPlugin } from './query-cost';
import { publicResponseCachePlugin } from './public-response-cache';
import { SUPERGRAPH_PATH, type SubgraphName } from './subgraphs';
import { anonymousMutationPlugin, operationResolutionPlugin } from './operation-guard';
import { attachSubscriptions } from './subscriptions';
import { originOf, publicProxy } from './public-proxy';
import { parse, type GraphQLSchema } from 'graphql';
import { DEFAULT_WEB_DIST, devTokenRoute, warmWebCache, webAppRoute } from './web';

export interface RunningGateway {
  port: number;
  url: string;
  stop(): Promise<boolean>;
}

export async function startGateway(
  opts: {
    env?: Record<string, string | undefined>;
    handleSignals?: boolean;
  } = {},
): Promise<RunningGateway> {
  const config = readGatewayConfig(opts.env ?? process.env);
  const logger = createLogger('gateway', config.logLevel);
  const verifier = createTokenVerifier(config.auth);
  const metrics = new Metrics('gateway');

  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const publicMutations = publicMutationFields(parse(supergraphSdl));
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new ForwardingDataSource(
        {
          url: config.subgraphUrls[name as SubgraphName],
          // Node's fetch (undici) keeps connections to subgraphs alive and pooled.
          fetcher: globalThis.fetch as never,
        },
        name,
        metrics,
      ),
  });

  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: s }) => {
    installInputScalars(s);
    apiSchema = s;
  });
  let started = false;
  const health = createHealth(
    {
      gateway: async () => {
        if (!started) throw new Error('supergraph not loaded');
      },
    },
    { logger },
  );
  // Same origin as /graphql: the volunteers service's public pages and downloads (certificate checks —
  // the QR codes' URLs —, QR images, PDFs, ledger exports), development sign-in, then the console
  // (the catch-all '/', last).
  const volunteersPages = publicProxy(originOf(config.subgraphUrls.volunteers));
  const prefixRoutes: HttpAppOptions<GatewayContext>['prefixRoutes'] = {
    '/export/stations/': volunteersPages,
    '/certificates/': volunteersPages,
    '/verify/': volunteersPages,
    ...(config.devTokens ? { '/dev/token': devTokenRoute(config.auth, verifier) } : {}),
    '/': webAppRoute(config.webDist ?? DEFAULT_WEB_DIST),
  };
  warmWebCache(config.webDist ?? DEFAULT_WEB_DIST);
  // Identity's public keys on the gateway's origin, so browsers and partners need one host only.
  const jwks = publicProxy(originOf(config.subgraphUrls.identity));
  const app: HttpAppOptions<GatewayContext> = {
    routes: { ...health.routes, '/.well-known/jwks.json': jwks },
    prefixRoutes,
    maxBodyBytes: config.limits.maxBodyBytes,
    metrics,
  };
  const httpServer = createHttpServer<GatewayContext>(app);
  const armor = armorProtection(config);
  // Internal errors are masked everywhere but in development (a message may name a subgraph's URL).
  const maskInternal = formatError(!config.isDevelopment, logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: config.isDevelopment,
    csrfPrevention: true,
    // Shutdown is ours (readiness off, drain HTTP, then stop), not Apollo's own signal handler.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    parseOptions: parseOptions(config),
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      operationResolutionPlugin<GatewayContext>(),
      queryCostPlugin<GatewayContext>(config.limits.maxCost),
      // Authentication first, then the date literals (inputScalarsRule) of an authenticated caller.
      anonymousMutationPlugin<GatewayContext>(publicMutations, [inputScalarsRule]),
      graphqlMetricsPlugin<GatewayContext>(metrics),
      publicResponseCachePlugin(config.publicCache, metrics),
    ],
    formatError: clientErrorFormatter(
      config.isDevelopment,
      (formatted, error) => limitError(formatted) ?? maskInternal(formatted, error),
    ),
  });
  await apollo.start();
  started = true;
  app.graphql = {
    path: '/graphql',
    server: apollo,
    context: async (req: IncomingMessage): Promise<GatewayContext> => {
      // Verified here too: a bad token is refused before any subgraph is asked.
      const base = await baseContext(req, verifier, logger, {
        trustedProxyHops: config.trustedProxyHops,
      });
      return {
        ...base,
        authorization: base.user ? req.headers.authorization : undefined,
      };
    },
  };
  // graphql-ws on the same server and path: subscriptions beside the gateway (see subscriptions.ts).
  const subscriptions = await attachSubscriptions({
    httpServer,
    apollo,
    apiSchema: () => apiSchema!,
    verifier,
    logger,
    env: opts.env ?? process.env,
    metrics,
  });
  const port = await listen(httpServer, config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/graphql`;
  logger.info({ port }, `gateway ready at ${url}`);

  const stop = () =>
    runShutdown(
      [
        ['readiness', () => health.markShuttingDown()],
        ['subscriptions', () => subscriptions.close()],
        ['http', () => closeServer(httpServer, config.shutdownTimeoutMs / 2)],
        ['graphql', () => apollo.stop()],
      ],
      logger,
      config.shutdownTimeoutMs,
    );
  if (opts.handleSignals) exitOnSignals(stop, logger);
  return { port, url, stop };
}
