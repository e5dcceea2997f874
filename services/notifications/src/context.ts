import { systemClock as kitSystemClock, type RequestContext, type ServiceDeps } from '@leifeng/kit';
import { AgencyScopeService, type StoredAgencyScope } from './services/agency-scope-service';
import { AnnouncementService } from './services/announcement-service';
import { systemClock, type NotificationsConfig } from './config';
import { EventLogService } from './services/event-log-service';
import { BulkSmsService } from './services/bulk-sms-service';
import { WebhookEndpointService } from './services/webhook-endpoint-service';
import { SmsService } from './services/sms-service';
import { createLoaders, type Loaders } from './resolvers/loaders';

export interface NotificationsContext extends RequestContext {
  deps: ServiceDeps;
  config: NotificationsConfig;
  eventLog: EventLogService;
  announcements: AnnouncementService;
  webhooks: WebhookEndpointService;
  agencyScopes: AgencyScopeService;
  bulkSms: BulkSmsService;
  sms: SmsService;
  loaders: Loaders;
}

export function createContext(
  base: RequestContext,
  deps: ServiceDeps,
  config: NotificationsConfig,
): NotificationsContext {
  const agencyScopes = new AgencyScopeService(deps.ds, kitSystemClock);
  let callerScope: Promise<StoredAgencyScope | null> | undefined;
  const scopeOfCaller = () => (callerScope ??= agencyScopes.ofCaller(base.user));
  const eventLog = new EventLogService(deps.ds, (user) =>
    user === base.user ? scopeOfCaller() : agencyScopes.ofCaller(user),
  );
  const announcements = new AnnouncementService(deps.ds, systemClock);
  const webhooks = new WebhookEndpointService(
    deps.ds,
    config.webhook,
    deps.config.isProduction,
    systemClock,
    config.secretKey,
    agencyScopes,
  );
  return {
    ...base,
    deps,
    config,
    eventLog,
    announcements,
    webhooks,
    agencyScopes,
    bulkSms: new BulkSmsService(deps.ds),
    sms: new SmsService(deps.ds, config.phoneHashKey),
    loaders: createLoaders(eventLog, announcements, webhooks),
  };
}
