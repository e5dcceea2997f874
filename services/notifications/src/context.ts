import DataLoader from 'dataloader';
import type { RequestContext, ServiceDeps } from '@leifeng/kit';
import type { EventLogEntity } from './db/event-log.entity';
import { EventLogService } from './domain/event-log';

export interface NotificationsContext extends RequestContext {
  eventLog: EventLogService;
  /** Keyed by `${first}:${stationId}` so each page size batches separately. */
  recentEvents: DataLoader<string, EventLogEntity[]>;
}

export function createContext(base: RequestContext, deps: ServiceDeps): NotificationsContext {
  const eventLog = new EventLogService(deps.ds);
  const recentEvents = new DataLoader<string, EventLogEntity[]>(async (keys) => {
    const byFirst = new Map<number, string[]>();
    for (const key of keys) {
      const [first, id] = key.split(':');
      byFirst.set(Number(first), [...(byFirst.get(Number(first)) ?? []), id]);
    }
    const results = new Map<string, EventLogEntity[]>();
    for (const [first, ids] of byFirst) {
      const found = await eventLog.recentByStation(ids, first);
      for (const [id, rows] of found) results.set(`${first}:${id}`, rows);
    }
    return keys.map((k) => results.get(k) ?? []);
  });
  return { ...base, eventLog, recentEvents };
}
