import { systemClock as kitSystemClock, type AuthUser, type ServiceDeps } from '@leifeng/kit';
import { systemClock, type NotificationsConfig } from './config';
import { AgencyScopeService, type StoredAgencyScope } from './services/agency-scope-service';
import { AnnouncementService } from './services/announcement-service';
import { BulkSmsService } from './services/bulk-sms-service';
import { EventLogService } from './services/event-log-service';
import { SmsService } from './services/sms-service';
import { WebhookEndpointService } from './services/webhook-endpoint-service';

export type NotificationsServices = ReturnType<typeof buildServices>;

/** The per-process services over one data source (context.ts caches them per deps). */
export function buildServices(deps: ServiceDeps, config: NotificationsConfig) {
  const agencyScopes = new AgencyScopeService(deps.ds, kitSystemClock);
  // The caller's scope is read once per request: the verified user object is new for every request, so a
  // WeakMap on it is a per-request memo that never outlives the request (a scope change applies at once).
  const scopes = new WeakMap<AuthUser, Promise<StoredAgencyScope | null>>();
  const scopeOfCaller = (user: AuthUser | undefined) => {
    if (!user) return Promise.resolve(null);
    let scope = scopes.get(user);
    if (!scope) scopes.set(user, (scope = agencyScopes.ofCaller(user)));
    return scope;
  };
  return {
    deps,
    config,
    agencyScopes,
    eventLog: new EventLogService(deps.ds, scopeOfCaller),
    announcements: new AnnouncementService(deps.ds, systemClock),
    webhooks: new WebhookEndpointService(
      deps.ds,
      config.webhook,
      deps.config.isProduction,
      systemClock,
      config.secretKey,
      agencyScopes,
    ),
    bulkSms: new BulkSmsService(deps.ds),
    sms: new SmsService(deps.ds, config.phoneHashKey),
  };
}
