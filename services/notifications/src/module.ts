import { join } from 'node:path';
import { CreateOutbox1763800000000, loadSchema, type SubgraphModule } from '@leifeng/kit';
import { boardRoutes } from './http/board';
import { readNotificationsConfig } from './config';
import { createContext, type NotificationsContext } from './context';
import { EventLogEntity } from './db/event-log.entity';
import { CreateEventLog1763800000101 } from './db/migrations/1763800000101-CreateEventLog';
import { CreateChannels1763800000102 } from './db/migrations/1763800000102-CreateChannels';
import { encryptWebhookSecretsMigration } from './db/migrations/1763800000103-EncryptWebhookSecrets';
import { CreateBulkSms1763800000104 } from './db/migrations/1763800000104-CreateBulkSms';
import { SmsDispatchBatchIndex1763800000105 } from './db/migrations/1763800000105-SmsDispatchBatchIndex';
import { CreateAgencyScope1763800000106 } from './db/migrations/1763800000106-CreateAgencyScope';
import { resolvers } from './resolvers';

const typeDefs = loadSchema(join(__dirname, '..'));

/** The module reads its channel settings from `env` (tests pass their own). */
export function createNotificationsModule(
  env: Record<string, string | undefined> = process.env,
): SubgraphModule<NotificationsContext> {
  const config = readNotificationsConfig(env);
  return {
    name: 'notifications',
    defaultPort: 4004,
    typeDefs,
    resolvers,
    entities: [EventLogEntity],
    migrations: [
      CreateOutbox1763800000000,
      CreateEventLog1763800000101,
      CreateChannels1763800000102,
      encryptWebhookSecretsMigration(config.secretKey),
      CreateBulkSms1763800000104,
      SmsDispatchBatchIndex1763800000105,
      CreateAgencyScope1763800000106,
    ],
    context: (base, deps) => createContext(base, deps, config),
    routes: (deps) => boardRoutes(deps, config),
    // Operators' Bull Board over every queue of the platform, for province admins.
    queueDashboard: true,
  };
}

export const notificationsModule = createNotificationsModule();
