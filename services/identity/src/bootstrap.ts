import {
  createDataSource,
  createLogger,
  defaultDatabaseUrl,
  migrateSubgraph,
  runMain,
  systemClock,
} from '@leifeng/kit';
import { normalizePhone } from './domain/codes';
import { createIdentityModule } from './module';
import { ClientCredentials } from './services/client-credentials';
import { GrantService } from './services/grant-service';
import { phoneLookupHash, SignInService } from './services/sign-in-service';

/**
 * `npm run identity:bootstrap -- --phone 13800000000 [--province 430000]`: the first province admin of
 * a fresh deployment (migrates first; running it again changes nothing). The admin then signs in with
 * that phone and an SMS code, and invites everyone else.
 */
/** `npm run identity:bootstrap -- --service-client accreditation-worker`: a machine client; prints its secret once. */
export async function registerServiceClient(
  clientId: string,
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  const mod = createIdentityModule({ env });
  await migrateSubgraph(mod, env);
  const logger = createLogger('identity-bootstrap', env.LOG_LEVEL ?? 'info');
  const ds = createDataSource({
    url: env.DATABASE_URL || defaultDatabaseUrl('identity', env),
    entities: [],
    migrations: [],
    logger,
    applicationName: 'identity-bootstrap',
  });
  await ds.initialize();
  try {
    return await new ClientCredentials(ds, undefined as never, mod.config, systemClock).register(clientId);
  } finally {
    await ds.destroy();
  }
}

export async function bootstrap(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<{ accountId: string; grantId: string }> {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const phone = normalizePhone(arg('phone') ?? '');
  const province = arg('province') ?? '430000';
  if (!/^\d{2}0000$/.test(province))
    throw new Error(`--province must be a province code such as 430000, got ${province}`);
  const mod = createIdentityModule({ env });
  await migrateSubgraph(mod, env);
  const logger = createLogger('identity-bootstrap', env.LOG_LEVEL ?? 'info');
  const ds = createDataSource({
    url: env.DATABASE_URL || defaultDatabaseUrl('identity', env),
    entities: [],
    migrations: [],
    logger,
    applicationName: 'identity-bootstrap',
  });
  await ds.initialize();
  try {
    const grants = new GrantService(ds, { regionOf: async () => null }, mod.config, systemClock);
    const signIn = new SignInService(ds, undefined as never, undefined as never, mod.config, systemClock);
    return await ds.transaction(async (m) => {
      const account = await signIn.findOrCreateAccount(m, phone, phoneLookupHash(phone, mod.config.pii.hashKey));
      const grantId = await grants.bootstrapProvinceAdmin(m, account.id, province);
      return { accountId: account.id, grantId };
    });
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  runMain(
    async () => {
      const argv = process.argv.slice(2);
      const client = argv.indexOf('--service-client');
      if (client >= 0) {
        const secret = await registerServiceClient(argv[client + 1] ?? '');
        console.log(
          `Service client ${argv[client + 1]} ready. Secret (shown once): ${secret}\nIts processes set SERVICE_CLIENT_ID / SERVICE_CLIENT_SECRET and SERVICE_TOKEN_URL=http://identity:4005/oauth/token.`,
        );
        return;
      }
      const r = await bootstrap(argv);
      console.log(
        `Province admin ready: account ${r.accountId}, grant ${r.grantId}. Sign in with that phone and an SMS code (requestSignInCode, then signInWithCode).`,
      );
    },
    { exitWhenDone: true },
  );
}
