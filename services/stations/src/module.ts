import { join } from 'node:path';
import { CreateOutbox1763800000000, loadSchema, type SubgraphModule } from '@leifeng/kit';
import { readStationsConfig, type StationsConfig } from './config';
import { createContext, type StationsContext } from './context';
import { CreateRegionsAndStations1763800000001 } from './db/migrations/1763800000001-CreateRegionsAndStations';
import { SeedRegions1763800000002 } from './db/migrations/1763800000002-SeedRegions';
import { encryptLeaderPhonesMigration } from './db/migrations/1763800000003-EncryptLeaderPhones';
import { CommunitiesCoveragePopulation1763800000010 } from './db/migrations/1763800000010-CommunitiesCoveragePopulation';
import { SeedCommunities1763800000011 } from './db/migrations/1763800000011-SeedCommunities';
import { RegionEntity } from './db/region.entity';
import { StationEntity } from './db/station.entity';
import { resolvers } from './resolvers';

type Env = Record<string, string | undefined>;

/**
 * The module reads its settings (PII keys) lazily from `env`, so importing it never throws; the entry
 * points call readStationsConfig first to fail fast.
 */
function createStationsModule(env: Env = process.env): SubgraphModule<StationsContext> {
  let config: StationsConfig | undefined;
  const settings = () => (config ??= readStationsConfig(env));
  return {
    name: 'stations',
    defaultPort: 4001,
    typeDefs: loadSchema(join(__dirname, '..')),
    resolvers,
    entities: [RegionEntity, StationEntity],
    migrations: [
      CreateOutbox1763800000000,
      CreateRegionsAndStations1763800000001,
      SeedRegions1763800000002,
      encryptLeaderPhonesMigration(() => settings().pii),
      CommunitiesCoveragePopulation1763800000010,
      SeedCommunities1763800000011,
    ],
    context: (base, deps) => createContext(base, deps, settings()),
  };
}

export const stationsModule = createStationsModule();
