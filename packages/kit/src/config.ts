/**
 * Typed, validated configuration from environment variables.
 * All problems are collected and reported together so a misconfigured deployment fails once, clearly.
 *
 * Kept instead of env-var or zod (issue 12 §5): env-var throws at the first bad variable (an operator
 * fixes one per deploy), and neither has the two rules every service relies on — a `devDefault` that
 * applies only outside production (so production must set the variable) and cross-field problems
 * (`problem()`) reported in the same list. With zod both would be hand-written refinements per service;
 * this reader is the ~80 lines below and has no dependency.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export interface EnvReader {
  readonly isProduction: boolean;
  string(name: string, opts?: { default?: string; devDefault?: string; optional?: false }): string;
  optionalString(name: string): string | undefined;
  int(name: string, defaultValue: number, range?: { min?: number; max?: number }): number;
  url(name: string, opts?: { default?: string; devDefault?: string; protocols?: string[] }): string;
  list(name: string, defaultValue: string[]): string[];
  oneOf<T extends string>(name: string, allowed: readonly T[], defaultValue: T): T;
  /** Records a problem found by a cross-field check. */
  problem(message: string): void;
  /** Throws ConfigError when any read failed. Call once after reading everything. */
  done(): void;
}

export function envReader(env: Env = process.env): EnvReader {
  const problems: string[] = [];
  const isProduction = env.NODE_ENV === 'production';

  const raw = (name: string, def?: string, devDef?: string): string | undefined => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (def !== undefined) return def;
    if (!isProduction && devDef !== undefined) return devDef;
    return undefined;
  };

  const reader: EnvReader = {
    isProduction,
    string(name, opts = {}) {
      const value = raw(name, opts.default, opts.devDefault);
      if (value === undefined) {
        problems.push(`${name} is required${opts.devDefault !== undefined ? ' in production' : ''}`);
        return '';
      }
      return value;
    },
    optionalString(name) {
      return raw(name);
    },
    int(name, defaultValue, range = {}) {
      const value = raw(name, String(defaultValue))!;
      const n = Number(value);
      if (!Number.isInteger(n)) {
        problems.push(`${name} must be an integer, got "${value}"`);
        return defaultValue;
      }
      if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max)) {
        problems.push(`${name} must be within [${range.min ?? '-∞'}, ${range.max ?? '∞'}], got ${n}`);
        return defaultValue;
      }
      return n;
    },
    url(name, opts = {}) {
      const value = raw(name, opts.default, opts.devDefault);
      if (value === undefined) {
        problems.push(`${name} is required (a URL)`);
        return '';
      }
      try {
        const parsed = new URL(value);
        if (opts.protocols && !opts.protocols.includes(parsed.protocol.replace(/:$/, ''))) {
          problems.push(`${name} must use ${opts.protocols.join(' or ')}, got ${parsed.protocol}`);
        }
      } catch {
        problems.push(`${name} is not a valid URL`);
      }
      return value;
    },
    list(name, defaultValue) {
      const value = raw(name);
      if (value === undefined) return defaultValue;
      return value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    },
    oneOf(name, allowed, defaultValue) {
      const value = raw(name, defaultValue)!;
      if (!allowed.includes(value as never)) {
        problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
        return defaultValue;
      }
      return value as (typeof allowed)[number];
    },
    problem(message) {
      problems.push(message);
    },
    done() {
      if (problems.length) throw new ConfigError(problems);
    },
  };
  return reader;
}

/** Settings every process of a subgraph service shares. */
export interface ServiceConfig {
  serviceName: string;
  nodeEnv: 'development' | 'test' | 'production';
  isProduction: boolean;
  host: string;
  port: number;
  logLevel: string;
  databaseUrl: string;
  dbPoolMax: number;
  redisUrl: string;
  bullPrefix: string;
  shutdownTimeoutMs: number;
  outboxPollMs: number;
  /** How often each worker's JobReconciler checks that Redis still has its data (see reconciler.ts). */
  reconcileIntervalMs: number;
  /** How long a reconciler waits after noticing lost Redis data before re-enqueueing (> any job's run time). */
  reconcileGraceMs: number;
  /** Outbox events sent within this window (by occurred_at) are re-published when Redis lost its data. */
  outboxReconcileWindowMs: number;
  /** Rehearsal deployment: business time follows the shared sandbox clock (never with production). */
  sandbox: boolean;
  /** How often a sandbox process reads the shared clock. */
  sandboxClockRefreshMs: number;
  auth: AuthConfig;
}

export interface AuthConfig {
  /** HS256 shared secret (development default; production should prefer a JWKS URL). */
  secret?: string;
  jwksUrl?: string;
  algorithms: string[];
  issuer?: string;
  audience?: string;
  /**
   * Outside production with a JWKS URL: HS256 development tokens (`npm run token`) are still accepted,
   * verified with this secret and only with HS256. Never set in production.
   */
  devSecret?: string;
  /** Client credentials at identity's token endpoint for this process's SERVICE calls through the graph. */
  serviceClient?: ServiceClientCredentials;
}

/** OAuth 2.0 client credentials (identity's `POST /oauth/token`). */
export interface ServiceClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export const DEV_JWT_SECRET = 'leifeng-dev-secret-change-me-in-production-0123456789';
export const DEFAULT_POSTGRES_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/** The per-service database URL: DATABASE_URL, else POSTGRES_URL's server with database leifeng_<service>. */
export function defaultDatabaseUrl(serviceName: string, env: Env = process.env): string {
  const base = new URL(env.POSTGRES_URL || DEFAULT_POSTGRES_URL);
  base.pathname = `/leifeng_${serviceName}`;
  return base.toString();
}

const SIGNING_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

export function readAuthConfig(r: EnvReader): AuthConfig {
  const jwksUrl = r.optionalString('JWT_JWKS_URL');
  const secret = jwksUrl ? r.optionalString('JWT_SECRET') : r.string('JWT_SECRET', { devDefault: DEV_JWT_SECRET });
  const algorithms = r.list('JWT_ALGORITHMS', jwksUrl ? ['RS256', 'ES256'] : ['HS256']);
  for (const alg of algorithms) {
    if (!SIGNING_ALGORITHMS.includes(alg)) r.problem(`JWT_ALGORITHMS contains unsupported "${alg}"`);
  }
  const symmetric = algorithms.filter((a) => a.startsWith('HS'));
  if (symmetric.length && symmetric.length !== algorithms.length) {
    // Mixing lets a public key be abused as an HMAC secret (algorithm confusion).
    r.problem('JWT_ALGORITHMS must not mix HS* with asymmetric algorithms');
  }
  if (symmetric.length && (!secret || secret.length < 32))
    r.problem('JWT_SECRET must be at least 32 characters for HS* algorithms');
  if (!symmetric.length && !jwksUrl) r.problem('JWT_JWKS_URL is required for asymmetric JWT_ALGORITHMS');
  const tokenUrl = r.optionalString('SERVICE_TOKEN_URL');
  const clientId = r.optionalString('SERVICE_CLIENT_ID');
  const clientSecret = r.optionalString('SERVICE_CLIENT_SECRET');
  if (clientSecret && !(tokenUrl && clientId)) {
    r.problem('SERVICE_CLIENT_SECRET needs SERVICE_TOKEN_URL and SERVICE_CLIENT_ID (client credentials at identity)');
  }
  // Production verifies through identity's JWKS: a shared HMAC secret beside it would be a second way in.
  if (r.isProduction && jwksUrl && secret)
    r.problem('JWT_SECRET must not be set in production with JWT_JWKS_URL (no shared secret)');
  return {
    secret,
    jwksUrl,
    algorithms,
    issuer: r.optionalString('JWT_ISSUER'),
    audience: r.optionalString('JWT_AUDIENCE'),
    // Development and tests keep HS256 dev tokens working beside identity's ES256 tokens.
    devSecret: jwksUrl && !r.isProduction && !symmetric.length ? secret || DEV_JWT_SECRET : undefined,
    serviceClient: tokenUrl && clientId && clientSecret ? { tokenUrl, clientId, clientSecret } : undefined,
  };
}

export function readServiceConfig(serviceName: string, defaultPort: number, env: Env = process.env): ServiceConfig {
  const r = envReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const config: ServiceConfig = {
    serviceName,
    nodeEnv,
    isProduction: nodeEnv === 'production',
    host: r.string('HOST', { default: '0.0.0.0' }),
    port: r.int('PORT', defaultPort, { min: 0, max: 65535 }),
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    databaseUrl: r.url('DATABASE_URL', {
      devDefault: defaultDatabaseUrl(serviceName, env),
      protocols: ['postgres', 'postgresql'],
    }),
    dbPoolMax: r.int('DB_POOL_MAX', 10, { min: 1, max: 200 }),
    redisUrl: r.url('REDIS_URL', {
      devDefault: 'redis://127.0.0.1:6379',
      protocols: ['redis', 'rediss'],
    }),
    bullPrefix: r.string('BULLMQ_PREFIX', { default: 'leifeng' }),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 10000, { min: 100 }),
    outboxPollMs: r.int('OUTBOX_POLL_MS', 250, { min: 10 }),
    reconcileIntervalMs: r.int('RECONCILE_INTERVAL_MS', 10_000, { min: 100 }),
    reconcileGraceMs: r.int('RECONCILE_GRACE_MS', 30_000, { min: 0 }),
    outboxReconcileWindowMs: r.int('OUTBOX_RECONCILE_WINDOW_MS', 24 * 3600_000, { min: 60_000 }),
    sandbox: r.oneOf('SANDBOX', ['true', 'false'] as const, 'false') === 'true',
    sandboxClockRefreshMs: r.int('SANDBOX_CLOCK_REFRESH_MS', 250, {
      min: 10,
      max: 60000,
    }),
    auth: readAuthConfig(r),
  };
  if (config.sandbox && nodeEnv === 'production')
    r.problem('SANDBOX=true cannot be combined with NODE_ENV=production (a sandbox clock moves business time)');
  r.done();
  return config;
}
