import { assertAllowed, canAdministerRegion, canManageStation, hasRole, type AuthUser } from '@leifeng/kit';
import type { StationRef } from './station';

/** A station a volunteer belongs or belonged to, with its region (from the replica). */
export interface MembershipScope {
  stationId: string;
  regionCode: string;
  current: boolean;
}

export const canManage = (user: AuthUser | undefined, s: Pick<StationRef, 'id' | 'regionCode'>) =>
  canManageStation(user, { id: s.id, regionCode: s.regionCode });

export function assertManage(
  user: AuthUser | undefined,
  s: Pick<StationRef, 'id' | 'regionCode'>,
  message = '只有本站站长或所辖地区管理员可以操作',
): void {
  assertAllowed(user, canManage(user, s), message);
}

export const isSelf = (user: AuthUser | undefined, v: { accountSub: string | null }) =>
  !!user && !!v.accountSub && v.accountSub === user.sub;

/** Readers of the station ledger beyond its managers: inspectors, partner agencies, internal jobs. */
export const isLedgerReader = (user: AuthUser | undefined) => hasRole(user, 'INSPECTOR', 'AGENCY', 'SERVICE');

/** Who may see a volunteer's file at all: themself, managers/admins of any of their stations, ledger readers. */
export function canReadVolunteer(
  user: AuthUser | undefined,
  v: { accountSub: string | null },
  scopes: MembershipScope[],
): boolean {
  if (!user) return false;
  if (isSelf(user, v) || isLedgerReader(user)) return true;
  return scopes.some((s) => canManageStation(user, { id: s.stationId, regionCode: s.regionCode }));
}

/**
 * Phone and ID number in clear: the volunteer, admins whose region covers one of the volunteer's
 * current stations, and internal services (SMS). Station managers and everyone else see them masked.
 */
export function canSeePii(
  user: AuthUser | undefined,
  v: { accountSub: string | null },
  scopes: MembershipScope[],
): boolean {
  if (!user) return false;
  if (isSelf(user, v) || hasRole(user, 'SERVICE')) return true;
  return scopes.some((s) => s.current && canAdministerRegion(user, s.regionCode));
}
