import DataLoader from 'dataloader';
import { systemClock as kitSystemClock, type RequestContext, type ServiceDeps } from '@leifeng/kit';
import { AgencyScopeService, type StoredAgencyScope } from './agencies/agency-scope-service';
import { AnnouncementService, type Announcement } from './announcements/announcement-service';
import { systemClock, type NotificationsConfig } from './config';
import type { EventLogEntity } from './db/event-log.entity';
import { EventLogService } from './domain/event-log';
import { BulkSmsService } from './sms/bulk';
import { WebhookEndpointService, type AttemptRow } from './webhooks/endpoint-service';

export interface NotificationsContext extends RequestContext {
  deps: ServiceDeps;
  config: NotificationsConfig;
  eventLog: EventLogService;
  announcements: AnnouncementService;
  webhooks: WebhookEndpointService;
  agencyScopes: AgencyScopeService;
  /** The calling agency's scope, read once per request (null: not an agency, or no scope set). */
  callerScope: () => Promise<StoredAgencyScope | null>;
  bulkSms: BulkSmsService;
  /** Keyed by `${first}:${stationId}` so each page size batches separately. */
  recentEvents: DataLoader<string, EventLogEntity[]>;
  /** Keyed by `${first}:${includeExpired}:${stationId}`. */
  stationAnnouncements: DataLoader<string, Announcement[]>;
  /** Keyed by `${year}:${stationId}`. */
  announcementStats: DataLoader<string, { publishedCount: number; months: number[] }>;
  webhookAttempts: DataLoader<string, AttemptRow[]>;
}

/** Batches keys of the form `a:b:…:id` by everything before the id. */
function grouped<V>(load: (group: string, ids: string[]) => Promise<Map<string, V>>, empty: () => V) {
  return new DataLoader<string, V>(async (keys) => {
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const cut = key.lastIndexOf(':');
      const g = key.slice(0, cut);
      groups.set(g, [...(groups.get(g) ?? []), key.slice(cut + 1)]);
    }
    const results = new Map<string, V>();
    for (const [g, ids] of groups) {
      for (const [id, v] of await load(g, ids)) results.set(`${g}:${id}`, v);
    }
    return keys.map((k) => results.get(k) ?? empty());
  });
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
    callerScope: scopeOfCaller,
    bulkSms: new BulkSmsService(deps.ds),
    recentEvents: grouped(
      (g, ids) => eventLog.recentByStation(ids, Number(g)),
      () => [],
    ),
    stationAnnouncements: grouped(
      (g, ids) => {
        const [first, expired] = g.split(':');
        return announcements.byStations(ids, Number(first), expired === 'true');
      },
      () => [],
    ),
    announcementStats: grouped(
      (g, ids) => announcements.statsByStations(ids, Number(g)),
      () => ({ publishedCount: 0, months: [] }),
    ),
    webhookAttempts: new DataLoader(async (ids) => {
      const map = await webhooks.attemptsOf(ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
  };
}
