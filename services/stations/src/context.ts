import type { RequestContext, ServiceDeps } from '@leifeng/kit';
import type { StationsConfig } from './config';
import { LeaderPhoneCipher } from './domain/leader-phone';
import { RegionService } from './domain/region-service';
import { StationService } from './domain/station-service';
import { createLoaders, type Loaders } from './resolvers/loaders';

export interface StationsContext extends RequestContext {
  stations: StationService;
  regions: RegionService;
  loaders: Loaders;
  leaderPhones: LeaderPhoneCipher;
}

export function createContext(base: RequestContext, deps: ServiceDeps, config: StationsConfig): StationsContext {
  const leaderPhones = new LeaderPhoneCipher(config.pii);
  const stations = new StationService(deps.ds, leaderPhones);
  const regions = new RegionService(deps.ds);
  return { ...base, stations, regions, leaderPhones, loaders: createLoaders(stations, regions) };
}
