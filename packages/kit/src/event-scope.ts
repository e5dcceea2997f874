import type { AuthUser } from './auth';
import { canAdministerRegion, hasRole } from './authz';
import { regionCovers } from './regions';

/**
 * What a partner agency may see: events of these types (`*` for every type) in these regions and
 * everything under them. Set by an admin whose region covers every region in it (notifications'
 * `setAgencyScope`); an agency without a scope sees nothing.
 */
export interface AgencyScope {
  regionCodes: readonly string[];
  eventTypes: readonly string[];
}

/** An event type the scope lists (or `*`), in a region under one of the scope's regions. */
export function agencyScopeAllows(
  scope: AgencyScope | null | undefined,
  e: { type?: string | null; regionCode: string | null },
): boolean {
  if (!scope || !e.regionCode || !e.type) return false;
  if (!scope.eventTypes.includes('*') && !scope.eventTypes.includes(e.type)) return false;
  return scope.regionCodes.some((r) => regionCovers(r, e.regionCode!));
}

/** Every event type of `types` is in the scope (`*` only when the scope has `*`). */
export function agencyScopeCoversTypes(scope: AgencyScope, types: readonly string[]): boolean {
  return scope.eventTypes.includes('*') || types.every((t) => t !== '*' && scope.eventTypes.includes(t));
}

/** The region lies under one of the scope's regions. */
export function agencyScopeCoversRegion(scope: AgencyScope, regionCode: string): boolean {
  return scope.regionCodes.some((r) => regionCovers(r, regionCode));
}

/**
 * Who may see a domain event about a station / region: inspectors and internal services all of
 * them; agencies those their scope allows (none without one: pass the caller's scope); admins those
 * in their region; station managers those of their station. Shared by the notifications event log
 * and the gateway's live subscriptions so both filter the same way.
 */
export function canSeeEventScope(
  user: AuthUser | undefined,
  e: {
    type?: string | null;
    stationId: string | null;
    regionCode: string | null;
  },
  agencyScope?: AgencyScope | null,
): boolean {
  if (!user) return false;
  if (hasRole(user, 'SERVICE', 'INSPECTOR')) return true;
  if (hasRole(user, 'AGENCY') && agencyScopeAllows(agencyScope, e)) return true;
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
