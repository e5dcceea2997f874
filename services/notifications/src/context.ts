import type { RequestContext, ServiceDeps } from '@leifeng/kit';
import type { NotificationsConfig } from './config';
import { createLoaders, type Loaders } from './resolvers/loaders';
import { buildServices, type NotificationsServices } from './service-set';

export interface NotificationsContext extends RequestContext, NotificationsServices {
  loaders: Loaders;
}

/** Services are cheap wrappers over the data source, built once per process; loaders are new per request. */
const cache = new WeakMap<ServiceDeps, NotificationsServices>();

export function createContext(
  base: RequestContext,
  deps: ServiceDeps,
  config: NotificationsConfig,
): NotificationsContext {
  let services = cache.get(deps);
  if (!services) cache.set(deps, (services = buildServices(deps, config)));
  return {
    ...base,
    ...services,
    loaders: createLoaders(services.eventLog, services.announcements, services.webhooks),
  };
}
