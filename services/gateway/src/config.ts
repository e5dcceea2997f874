import { envReader, readAuthConfig, type AuthConfig } from '@leifeng/kit';
import { SUBGRAPHS, type SubgraphName } from './subgraphs';

export interface GatewayConfig {
  isProduction: boolean;
  /** NODE_ENV=development: stack traces and unmasked internal errors in responses. */
  isDevelopment: boolean;
  host: string;
  port: number;
  logLevel: string;
  shutdownTimeoutMs: number;
  subgraphUrls: Record<SubgraphName, string>;
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
    maxDirectives: number;
    maxBodyBytes: number;
  };
  auth: AuthConfig;
  /** Proxies in front of the gateway whose X-Forwarded-For entries are trusted (an ingress: 1). */
  trustedProxyHops: number;
  /** Anonymous query answers reused for a few seconds (public-response-cache.ts). */
  publicCache: { ttlMs: number; maxBytes: number };
  /** The built web console served at `/` (web.ts); WEB_DIST, default apps/web/dist of the repository. */
  webDist?: string;
  /** `POST /dev/token` for the console's development sign-in: never in production. */
  devTokens: boolean;
}

export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const r = envReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((s) => [
      s.name,
      r.url(s.env, {
        devDefault: `http://127.0.0.1:${s.port}/graphql`,
        protocols: ['http', 'https'],
      }),
    ]),
  ) as Record<SubgraphName, string>;
  const config: GatewayConfig = {
    isProduction: nodeEnv === 'production',
    isDevelopment: nodeEnv === 'development',
    host: r.string('HOST', { default: '0.0.0.0' }),
    port: r.int('PORT', 4000, { min: 0, max: 65535 }),
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 10000, { min: 100 }),
    subgraphUrls,
    // Defaults sit in graphql-armor's range, raised where real dashboard queries need it: federated
    // station pages nest connection → node → region → parent, and armor's cost grows 1.5× per level,
    // so the city dashboard query (test/gateway.test.ts) costs about 15 000.
    limits: {
      maxDepth: r.int('GRAPHQL_MAX_DEPTH', 10, { min: 2, max: 50 }),
      maxAliases: r.int('GRAPHQL_MAX_ALIASES', 15, { min: 0, max: 200 }),
      maxTokens: r.int('GRAPHQL_MAX_TOKENS', 2000, { min: 50, max: 100000 }),
      maxCost: r.int('GRAPHQL_MAX_COST', 20000, { min: 10, max: 1000000 }),
      maxDirectives: r.int('GRAPHQL_MAX_DIRECTIVES', 20, { min: 0, max: 500 }),
      maxBodyBytes: r.int('GRAPHQL_MAX_BODY_BYTES', 100_000, {
        min: 1000,
        max: 10_000_000,
      }),
    },
    auth: readAuthConfig(r),
    trustedProxyHops: r.int('TRUSTED_PROXY_HOPS', 0, { min: 0, max: 5 }),
    publicCache: {
      ttlMs: r.int('PUBLIC_RESPONSE_CACHE_TTL_MS', 5000, {
        min: 0,
        max: 300_000,
      }),
      maxBytes: r.int('PUBLIC_RESPONSE_CACHE_MAX_MB', 64, { min: 1, max: 4096 }) * 1024 * 1024,
    },
    webDist: r.optionalString('WEB_DIST'),
    devTokens: nodeEnv !== 'production',
  };
  r.done();
  return config;
}
