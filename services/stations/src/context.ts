import type { RequestContext, ServiceDeps } from '@leifeng/kit';
import { RegionFactsService } from './domain/region-facts-service';
import { RegionService } from './domain/region-service';
import { StationService } from './domain/station-service';
import { createLoaders, type Loaders } from './resolvers/loaders';

export interface StationsContext extends RequestContext {
  stations: StationService;
  regions: RegionService;
  facts: RegionFactsService;
  loaders: Loaders;
}

export function createContext(base: RequestContext, deps: ServiceDeps): StationsContext {
  const stations = new StationService(deps.ds);
  const regions = new RegionService(deps.ds);
  const facts = new RegionFactsService(deps.ds);
  return { ...base, stations, regions, facts, loaders: createLoaders(stations, regions, facts) };
}
