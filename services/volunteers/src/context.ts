import type { RequestContext, ServiceDeps } from '@leifeng/kit';
import type { VolunteersConfig } from './config';
import { createListLoaders } from './resolvers/list-loaders';
import {
  createAttendanceLoader,
  createCoreLoaders,
  createLedgerLoaders,
  createRegionLoaders,
} from './resolvers/loaders';
import { buildServices, type VolunteersServices } from './service-set';

export interface VolunteersContext extends RequestContext, VolunteersServices {
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(s: VolunteersServices, sub: string | null) {
  return {
    myAttendance: createAttendanceLoader(s.activities, sub),
    ...createCoreLoaders(s.stationRefs, s.volunteers, s.memberships),
    ...createLedgerLoaders(s.deps, s.activities, s.records, s.stats, s.duty, s.stationRefs, s.trainings),
    ...createListLoaders(s),
    ...createRegionLoaders(s.regionTrends),
  };
}

/** Services are cheap wrappers over the data source; loaders are new per request. */
const cache = new WeakMap<ServiceDeps, VolunteersServices>();

export function createContext(base: RequestContext, deps: ServiceDeps, config: VolunteersConfig): VolunteersContext {
  let services = cache.get(deps);
  if (!services) cache.set(deps, (services = buildServices(deps, config)));
  return {
    ...base,
    ...services,
    loaders: createLoaders(services, base.user?.sub ?? null),
  };
}
