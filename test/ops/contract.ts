/**
 * The process contract the ops files must follow (services, ports, entry points,
 * environment variable names). Mirrors the contract the service code is written
 * against; if it changes, change it here first and let the tests point at the
 * Dockerfile, compose and k8s lines that disagree.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SUBGRAPHS as GATEWAY_SUBGRAPHS } from '../../services/gateway/src/subgraphs';

export const REPO_ROOT = join(__dirname, '..', '..');

/** The services and their API ports: the one list the gateway and scripts/dev.mjs read too. */
export const SUBGRAPHS = GATEWAY_SUBGRAPHS.map(({ name, port }) => ({
  name,
  port,
}));
export const GATEWAY = { name: 'gateway', port: 4000 } as const;
export const WORKER_PORT = 8080;

export type Role = 'api' | 'worker' | 'migrate' | 'gateway';

export const ENTRY_FILE: Record<Role, string> = {
  api: 'index',
  worker: 'worker',
  migrate: 'migrate',
  gateway: 'index',
};

/** `services/<service>/dist/<file>.js`, the path a container command must run. */
export function entryPoint(service: string, role: Role): string {
  return `services/${service}/dist/${ENTRY_FILE[role]}.js`;
}

/** The TypeScript source that `npm run build` compiles to the given dist path. */
export function sourceOf(distPath: string): string {
  return distPath.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
}

export const sourceExists = (distPath: string): boolean => existsSync(join(REPO_ROOT, sourceOf(distPath)));

const ENV_ALL = [
  'NODE_ENV',
  'LOG_LEVEL',
  'PORT',
  'HOST',
  'REDIS_URL',
  'BULLMQ_PREFIX',
  'JWT_SECRET',
  'JWT_JWKS_URL',
  'JWT_ALGORITHMS',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'SHUTDOWN_TIMEOUT_MS',
  'SERVICE_TOKEN_URL',
];
const ENV_SUBGRAPH = ['DATABASE_URL', 'DB_POOL_MAX'];
const ENV_WORKER = ['OUTBOX_POLL_MS'];
const ENV_GATEWAY = [
  'STATIONS_URL',
  'VOLUNTEERS_URL',
  'ACCREDITATION_URL',
  'NOTIFICATIONS_URL',
  'IDENTITY_URL',
  'TRUSTED_PROXY_HOPS',
  'GRAPHQL_MAX_DEPTH',
  'GRAPHQL_MAX_ALIASES',
  'GRAPHQL_MAX_TOKENS',
  'GRAPHQL_MAX_COST',
  'GRAPHQL_MAX_BODY_BYTES',
  'PUBLIC_RESPONSE_CACHE_TTL_MS',
  'PUBLIC_RESPONSE_CACHE_MAX_MB',
];

/** Names every process reads: the only ones a shared ConfigMap may carry. */
export const SHARED_ENV = new Set(ENV_ALL);

/** What a subgraph reads beyond the common set (all of its processes share one config reader). */
const ENV_SERVICE: Record<string, string[]> = {
  stations: ['PII_ENCRYPTION_KEY', 'PII_HASH_KEY'],
  volunteers: ['PII_ENCRYPTION_KEY', 'PII_HASH_KEY', 'PUBLIC_BASE_URL'],
  accreditation: [
    'PII_ENCRYPTION_KEY',
    'PII_HASH_KEY',
    'GATEWAY_URL',
    'SERVICE_TOKEN',
    'SERVICE_CLIENT_ID',
    'SERVICE_CLIENT_SECRET',
  ],
  notifications: [
    'PII_ENCRYPTION_KEY',
    'PII_HASH_KEY',
    'GATEWAY_URL',
    'SERVICE_TOKEN',
    'PHONE_HASH_KEY',
    'PUBLIC_BASE_URL',
    'SERVICE_CLIENT_ID',
    'SERVICE_CLIENT_SECRET',
    'SMS_PROVIDER',
    'SMS_ACCESS_KEY_ID',
    'SMS_ACCESS_KEY_SECRET',
    'SMS_CODE_SEAL_KEY',
  ],
  identity: [
    'PII_ENCRYPTION_KEY',
    'PII_HASH_KEY',
    'GATEWAY_URL',
    'SERVICE_TOKEN',
    'IDENTITY_KEY_ENCRYPTION_KEY',
    'SIGN_IN_CODE_HASH_KEY',
    'SMS_CODE_SEAL_KEY',
    'IDENTITY_ISSUER',
    'SERVICE_CLIENTS',
    'ACCESS_TOKEN_TTL_SEC',
    'REFRESH_TOKEN_TTL_SEC',
    'SESSION_MAX_SEC',
    'SIGNING_KEY_ROTATION_DAYS',
  ],
};

export function allowedEnv(role: Role, service = ''): Set<string> {
  const extra = {
    api: ENV_SUBGRAPH,
    migrate: ENV_SUBGRAPH,
    worker: [...ENV_SUBGRAPH, ...ENV_WORKER],
    gateway: [...ENV_GATEWAY, 'GRAPHQL_MAX_DIRECTIVES'],
  }[role];
  return new Set([...ENV_ALL, ...extra, ...(ENV_SERVICE[service] ?? [])]);
}

/** Names a process cannot start without in production (NODE_ENV=production has no dev defaults). */
export function requiredEnv(role: Role): string[] {
  if (role === 'gateway')
    return [
      'NODE_ENV',
      'PORT',
      'STATIONS_URL',
      'VOLUNTEERS_URL',
      'ACCREDITATION_URL',
      'NOTIFICATIONS_URL',
      'IDENTITY_URL',
    ];
  if (role === 'migrate') return ['NODE_ENV', 'REDIS_URL', 'DATABASE_URL'];
  return ['NODE_ENV', 'REDIS_URL', 'PORT', 'DATABASE_URL'];
}

/** The Secret every environment creates by hand (k8s/README.md); never committed. */
export const EXTERNAL_SECRET = 'leifeng-secrets';
export const SECRET_EXAMPLE_FILE = 'k8s/secrets.example.env';
/** Values in committed files that stand in for secrets must say so. */
export const PLACEHOLDER = 'CHANGE_ME';

/**
 * The BullMQ queues each worker process consumes (`new Worker(` in services/<name>/src,
 * plus `events-<name>` when packages/kit/src/events.ts routes events to it), split into
 * the ones whose wait list drives the worker's KEDA ScaledObject and the ones that must
 * not (a cron-driven poller: one job per tick, more pods would not drain anything).
 * A worker with no scaled queue (stations: outbox relay only) runs a fixed replica count.
 * manifests.test.ts re-derives the union from the sources, so a new queue fails a test
 * until it is placed in one of the two lists.
 */
export const WORKER_QUEUES: Record<(typeof SUBGRAPHS)[number]['name'], readonly string[]> = {
  stations: [],
  volunteers: ['events-volunteers'],
  accreditation: ['events-accreditation', 'accreditation-review'],
  notifications: ['events-notifications', 'notify-sms', 'notify-webhook', 'notify-bulk'],
  identity: [],
};
export const UNSCALED_QUEUES: Record<(typeof SUBGRAPHS)[number]['name'], readonly string[]> = {
  stations: [],
  volunteers: ['volunteers-timebank-expiry'], // nightly points expiry on a cron job scheduler
  accreditation: [],
  notifications: ['notify-sms-receipts'], // receipt poller on a cron job scheduler
  identity: [],
};

/** BullMQ keys are `<prefix>:<queue>:<part>`; `wait` is the list of jobs no worker has taken yet. */
export const waitList = (prefix: string, queue: string): string => `${prefix}:${queue}:wait`;
