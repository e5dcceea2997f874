import { join } from 'node:path';
import { CreateOutbox1763800000000, loadSchema, type SubgraphModule } from '@leifeng/kit';
import { createContext, type NotificationsContext } from './context';
import { EventLogEntity } from './db/event-log.entity';
import { CreateEventLog1763800000101 } from './db/migrations/1763800000101-CreateEventLog';
import { resolvers } from './resolvers';

export const notificationsModule: SubgraphModule<NotificationsContext> = {
  name: 'notifications',
  defaultPort: 4004,
  typeDefs: loadSchema(join(__dirname, '..')),
  resolvers: resolvers as never,
  entities: [EventLogEntity],
  migrations: [CreateOutbox1763800000000, CreateEventLog1763800000101],
  context: createContext,
};
