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
  graphqlMetricsPlugin,
  Metrics,
  runShutdown,
  sendJson,
  type HttpAppOptions,
} from '@leifeng/kit';
import { readGatewayConfig } from './config';
import type { GatewayContext } from './context';
import { ForwardingDataSource } from './forwarding-data-source';
import { armorProtection, limitError } from './limits';
import { publicResponseCachePlugin } from './public-response-cache';
import { SUPERGRAPH_PATH, type SubgraphName } from './subgraphs';
import { operationResolutionPlugin } from './operation-guard';
import { attachSubscriptions } from './subscriptions';
import type { GraphQLSchema } from 'graphql';

export interface RunningGateway {
  port: number;
  url: string;
  stop(): Promise<boolean>;
}

export async function startGateway(opts: { env?: Record<string, string | undefined>; handleSignals?: boolean } = {}): Promise<RunningGateway> {
  const config = readGatewayConfig(opts.env ?? process.env);
  const logger = createLogger('gateway', config.logLevel);
  const verifier = createTokenVerifier(config.auth);
  const metrics = new Metrics('gateway');

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
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
  gateway.onSchemaLoadOrUpdate(({ apiSchema: s }) => (apiSchema = s));
  let started = false;
  const health = createHealth({
    gateway: async () => {
      if (!started) throw new Error('supergraph not loaded');
    },
  });
  // Identity's public keys on the gateway's origin, so browsers and partners need one host only.
  const jwksUrl = new URL('/.well-known/jwks.json', config.subgraphUrls.identity).toString();
  const jwks = async (_req: IncomingMessage, res: import('node:http').ServerResponse) => {
    try {
      const upstream = await fetch(jwksUrl, { signal: AbortSignal.timeout(5000) });
      const body = await upstream.text();
      res.writeHead(upstream.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': upstream.headers.get('cache-control') ?? 'no-store' });
      res.end(body);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'JWKS upstream unavailable');
      sendJson(res, 502, { error: 'identity unavailable' });
    }
  };
  const app: HttpAppOptions<GatewayContext> = { routes: { ...health.routes, '/.well-known/jwks.json': jwks }, maxBodyBytes: config.limits.maxBodyBytes, metrics };
  const httpServer = createHttpServer<GatewayContext>(app);
  const armor = armorProtection(config);
  const maskInternal = formatError(config.isProduction, logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: !config.isProduction,
    csrfPrevention: true,
    // Shutdown is ours (readiness off, drain HTTP, then stop), not Apollo's own signal handler.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, operationResolutionPlugin<GatewayContext>(), graphqlMetricsPlugin<GatewayContext>(metrics), publicResponseCachePlugin(config.publicCache, metrics)],
    formatError: (formatted, error) => limitError(formatted) ?? maskInternal(formatted, error),
  });
  await apollo.start();
  started = true;
  app.graphql = {
    path: '/graphql',
    server: apollo,
    context: async (req: IncomingMessage): Promise<GatewayContext> => {
      // Verified here too: a bad token is refused before any subgraph is asked.
      const base = await baseContext(req, verifier, logger, { trustedProxyHops: config.trustedProxyHops });
      return { ...base, authorization: base.user ? req.headers.authorization : undefined };
    },
  };
  // graphql-ws on the same server and path: subscriptions beside the gateway (see subscriptions.ts).
  const subscriptions = await attachSubscriptions({ httpServer, apollo, apiSchema: () => apiSchema!, verifier, logger, env: opts.env ?? process.env, metrics });
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
