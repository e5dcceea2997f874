import {
  canSeeEventScope,
  isRegionCode,
  isUuid,
  type AgencyScope,
  type AuthUser,
  type DomainEvent,
} from '@leifeng/kit';
import type { EventLogEntity } from '../db/event-log.entity';

export const MAX_EVENTS_PAGE = 200;

export interface EventFilter {
  types?: string[] | null;
  stationId?: string | null;
  regionCode?: string | null;
  since?: Date | null;
}

/** Which station and region an event is about, from its aggregate or its payload. */
export function eventSubject(event: DomainEvent): {
  stationId: string | null;
  regionCode: string | null;
} {
  const p = event.payload as { stationId?: unknown; regionCode?: unknown };
  const stationId =
    event.aggregateType === 'Station' ? event.aggregateId : typeof p.stationId === 'string' ? p.stationId : null;
  const regionCode = typeof p.regionCode === 'string' && isRegionCode(p.regionCode) ? p.regionCode : null;
  return {
    stationId: stationId && isUuid(stationId) ? stationId : null,
    regionCode,
  };
}

/** Inspectors and internal services read the whole log; agencies their scope; admins their region; managers their station. */
export function canSeeEvent(
  user: AuthUser | undefined,
  e: Pick<EventLogEntity, 'type' | 'stationId' | 'regionCode'>,
  agencyScope?: AgencyScope | null,
): boolean {
  return canSeeEventScope(user, e, agencyScope);
}
