import type { AuthUser } from './auth';
import { canAdministerRegion, hasRole } from './authz';

/**
 * Who may see a domain event about a station / region: agencies, inspectors and internal services
 * all of them; admins those in their region; station managers those of their station. Shared by the
 * notifications event log and the gateway's live subscriptions so both filter the same way.
 */
export function canSeeEventScope(user: AuthUser | undefined, e: { stationId: string | null; regionCode: string | null }): boolean {
  if (!user) return false;
  if (hasRole(user, 'AGENCY', 'SERVICE', 'INSPECTOR')) return true;
  if (e.regionCode && canAdministerRegion(user, e.regionCode)) return true;
  return hasRole(user, 'STATION_MANAGER') && !!e.stationId && e.stationId === user.stationId;
}

/** What the notifications worker publishes for each review event (ids and scope only) and the gateway reads. */
export interface LiveMessage {
  id: string;
  seq: string;
  type: string;
  stationId: string | null;
  regionCode: string | null;
}

/** The Redis pub/sub channel carrying LiveMessages, under the deployment's BullMQ prefix. */
export function liveEventsChannel(prefix: string): string {
  return `${prefix}:live:review-events`;
}
