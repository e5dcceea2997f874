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

/** Claims that name the caller instead of scoping them; never part of a visibility key. */
const IDENTITY_CLAIMS: ReadonlySet<string> = new Set(['sub']);

/**
 * The caller's authorization scope as a string: every AuthUser claim except the identity (`sub`),
 * roles as a set. The subgraphs see a caller only as the AuthUser they rebuild from the forwarded
 * token (userFromClaims: roles, regionCode, stationId, agencyId, sub; iat/exp/jti are dropped there),
 * and every check in authz.ts and canSeeEventScope reads only these scope claims, so two callers with
 * one key are answered alike by any resolver that does not compare `sub` (volunteers' isSelf does:
 * the gateway adds `sub` for selections that reach such fields). A claim added to AuthUser later
 * joins the key by default.
 */
export function visibilityKey(user: AuthUser): string {
  const claims = Object.entries(user)
    .filter(([name, value]) => !IDENTITY_CLAIMS.has(name) && value !== undefined && value !== null)
    .map(([name, value]) => [name, name === 'roles' ? [...new Set(value as string[])].sort() : value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(claims);
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
