import type { RequestContext, ServiceDeps } from '@leifeng/kit';
import type { VolunteersConfig } from './config';
import { MembershipService } from './domain/membership-service';
import { VolunteerPii } from './domain/pii';
import { StationRefs } from './domain/station-ref';
import { VolunteerService } from './domain/volunteer-service';
import { createCoreLoaders } from './resolvers/loaders';

export function createServices(deps: ServiceDeps, config: VolunteersConfig) {
  const stationRefs = new StationRefs(deps.ds);
  const volunteers = new VolunteerService(deps.ds, new VolunteerPii(config.pii));
  const memberships = new MembershipService(deps.ds);
  return { config, stationRefs, volunteers, memberships };
}

export type Services = ReturnType<typeof createServices>;

export interface VolunteersContext extends RequestContext, Services {
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(s: Services) {
  return { ...createCoreLoaders(s.stationRefs, s.volunteers, s.memberships) };
}

/** Services are cheap wrappers over the data source; loaders are new per request. */
const cache = new WeakMap<ServiceDeps, Services>();

export function createContext(base: RequestContext, deps: ServiceDeps, config: VolunteersConfig): VolunteersContext {
  let services = cache.get(deps);
  if (!services) cache.set(deps, (services = createServices(deps, config)));
  return { ...base, ...services, loaders: createLoaders(services) };
}
