import { join } from 'node:path';
import { CreateOutbox1763800000000, loadSchema, type SubgraphModule } from '@leifeng/kit';

export const volunteersModule: SubgraphModule = {
  name: 'volunteers',
  defaultPort: 4002,
  typeDefs: loadSchema(join(__dirname, '..')),
  resolvers: {},
  entities: [],
  migrations: [CreateOutbox1763800000000],
  context: (base) => base,
};
