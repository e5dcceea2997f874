import type { AuthUser, Role } from './auth';
import { forbidden, unauthenticated } from './errors';
import { regionCovers } from './regions';

/** The region admins, highest level first (the one list: services spread it into `hasRole`). */
export const ADMIN_ROLES: readonly Role[] = ['PROVINCE_ADMIN', 'CITY_ADMIN', 'COUNTY_ADMIN'];

export function hasRole(user: AuthUser | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}

/** Throws UNAUTHENTICATED for anonymous callers. */
export function requireUser(user: AuthUser | undefined): AuthUser {
  if (!user) throw unauthenticated();
  return user;
}

/** An admin whose region is the target or an ancestor of it; SERVICE (internal jobs) is unscoped. */
export function canAdministerRegion(user: AuthUser | undefined, regionCode: string): boolean {
  if (!user) return false;
  if (user.roles.includes('SERVICE')) return true;
  return (
    !!user.regionCode && user.roles.some((r) => ADMIN_ROLES.includes(r)) && regionCovers(user.regionCode, regionCode)
  );
}

export interface StationScope {
  id: string;
  regionCode: string;
}

export function canManageStation(user: AuthUser | undefined, station: StationScope): boolean {
  if (!user) return false;
  if (canAdministerRegion(user, station.regionCode)) return true;
  return user.roles.includes('STATION_MANAGER') && user.stationId === station.id;
}

/** Anonymous → UNAUTHENTICATED; authenticated but out of scope → FORBIDDEN. */
export function assertAllowed(user: AuthUser | undefined, allowed: boolean, message?: string): void {
  requireUser(user);
  if (!allowed) throw forbidden(message);
}
