import type { RequestContext, ServiceDeps } from '@leifeng/kit';
import type { StationsConfig } from './config';
import { LeaderPhoneCipher } from './domain/leader-phone';
import { RegionFactsService } from './domain/region-facts-service';
import { RegionService } from './domain/region-service';
import { StationImportService } from './domain/station-import';
import { StationService } from './domain/station-service';
import { createLoaders, type Loaders } from './resolvers/loaders';

export interface StationsContext extends RequestContext {
  stations: StationService;
  stationImport: StationImportService;
  regions: RegionService;
  facts: RegionFactsService;
  loaders: Loaders;
  leaderPhones: LeaderPhoneCipher;
}

export function createContext(base: RequestContext, deps: ServiceDeps, config: StationsConfig): StationsContext {
  const leaderPhones = new LeaderPhoneCipher(config.pii);
  const stations = new StationService(deps.ds, leaderPhones);
  const regions = new RegionService(deps.ds);
  const facts = new RegionFactsService(deps.ds);
  const stationImport = new StationImportService(deps.ds, stations);
  return { ...base, stations, stationImport, regions, facts, leaderPhones, loaders: createLoaders(stations, regions, facts) };
}
