import DataLoader from 'dataloader';
import type { EventLogEntity } from '../db/event-log.entity';
import type { Announcement, AnnouncementService } from '../services/announcement-service';
import type { EventLogService } from '../services/event-log-service';
import type { AttemptRow, WebhookEndpointService } from '../services/webhook-endpoint-service';

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

export interface Loaders {
  /** Keyed by `${first}:${stationId}` so each page size batches separately. */
  recentEvents: DataLoader<string, EventLogEntity[]>;
  /** Keyed by `${first}:${includeExpired}:${stationId}`. */
  stationAnnouncements: DataLoader<string, Announcement[]>;
  /** Keyed by `${year}:${stationId}`. */
  announcementStats: DataLoader<string, { publishedCount: number; months: number[] }>;
  webhookAttempts: DataLoader<string, AttemptRow[]>;
}

/** The per-request DataLoaders (a batch and its cache never outlive the request). */
export function createLoaders(
  eventLog: EventLogService,
  announcements: AnnouncementService,
  webhooks: WebhookEndpointService,
): Loaders {
  return {
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
