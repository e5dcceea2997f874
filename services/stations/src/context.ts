import type { RequestContext, ServiceDeps } from '@leifeng/kit';
import { RegionService } from './domain/region-service';
import { StationService } from './domain/station-service';
import { createLoaders, type Loaders } from './resolvers/loaders';

export interface StationsContext extends RequestContext {
  stations: StationService;
  regions: RegionService;
  loaders: Loaders;
}

export function createContext(base: RequestContext, deps: ServiceDeps): StationsContext {
  const stations = new StationService(deps.ds);
  const regions = new RegionService(deps.ds);
  return { ...base, stations, regions, loaders: createLoaders(stations, regions) };
}
