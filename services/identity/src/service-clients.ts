import { createDataSource, createLogger, defaultDatabaseUrl, systemClock } from '@leifeng/kit';
import type { IdentityConfig } from './config';
import { ClientCredentials } from './services/client-credentials';

/**
 * `SERVICE_CLIENTS="accreditation=<secret>,notifications=<secret>"` on identity's migrate job: the machine
 * clients of a deployment, registered (secret stored only as an HMAC) each time the job runs, so the
 * deployment's Secret is the one place a client secret lives. Each service gets its own entry as
 * SERVICE_CLIENT_SECRET (with SERVICE_CLIENT_ID and SERVICE_TOKEN_URL) and fetches SERVICE tokens by
 * client credentials: no shared signing secret anywhere.
 */
function parseServiceClients(raw: string | undefined): { clientId: string; secret: string }[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((pair) => {
    const i = pair.indexOf('=');
    if (i <= 0) throw new Error('SERVICE_CLIENTS must look like "name=secret,name2=secret2"');
    return {
      clientId: pair.slice(0, i).trim(),
      secret: pair.slice(i + 1).trim(),
    };
  });
}

export async function registerServiceClients(
  config: IdentityConfig,
  env: Record<string, string | undefined>,
): Promise<string[]> {
  const clients = parseServiceClients(env.SERVICE_CLIENTS);
  if (!clients.length) return [];
  const logger = createLogger('identity-migrate', env.LOG_LEVEL ?? 'info');
  const url = env.DATABASE_URL || defaultDatabaseUrl('identity', env);
  const ds = createDataSource({
    url,
    entities: [],
    migrations: [],
    logger,
    applicationName: 'identity-service-clients',
  });
  await ds.initialize();
  try {
    const registry = new ClientCredentials(ds, undefined as never, config, systemClock);
    for (const c of clients) await registry.register(c.clientId, c.secret);
  } finally {
    await ds.destroy();
  }
  return clients.map((c) => c.clientId);
}
