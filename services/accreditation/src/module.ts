import { join } from 'node:path';
import { CreateOutbox1763800000000, loadSchema, type SubgraphModule } from '@leifeng/kit';

export const accreditationModule: SubgraphModule = {
  name: 'accreditation',
  defaultPort: 4003,
  typeDefs: loadSchema(join(__dirname, '..')),
  resolvers: {},
  entities: [],
  migrations: [CreateOutbox1763800000000],
  context: (base) => base,
};
