import type { RequestContext, ServiceDeps } from '@leifeng/kit';
import type { StationsConfig } from './config';
import { LeaderPhoneCipher } from './domain/leader-phone';
import { StationImportService } from './services/station-import';
import { createLoaders, type Loaders } from './resolvers/loaders';
import { RegionFactsService } from './services/region-facts-service';
import { RegionService } from './services/region-service';
import { StationService } from './services/station-service';

interface StationsServices {
  stations: StationService;
  stationImport: StationImportService;
  regions: RegionService;
  facts: RegionFactsService;
  leaderPhones: LeaderPhoneCipher;
}

export interface StationsContext extends RequestContext, StationsServices {
  loaders: Loaders;
}

/** Services hold no request state (only the data source and keys): one set per process. */
const servicesOf = new WeakMap<ServiceDeps, StationsServices>();

function buildServices(deps: ServiceDeps, config: StationsConfig): StationsServices {
  const leaderPhones = new LeaderPhoneCipher(config.pii);
  const stations = new StationService(deps.ds, leaderPhones);
  return {
    stations,
    stationImport: new StationImportService(deps.ds, stations),
    regions: new RegionService(deps.ds),
    facts: new RegionFactsService(deps.ds),
    leaderPhones,
  };
}

/** Per request: the process's services plus new DataLoaders (a batch and cache never outlive the request). */
export function createContext(base: RequestContext, deps: ServiceDeps, config: StationsConfig): StationsContext {
  let services = servicesOf.get(deps);
  if (!services) servicesOf.set(deps, (services = buildServices(deps, config)));
  return {
    ...base,
    ...services,
    loaders: createLoaders(services.stations, services.regions, services.facts),
  };
}
