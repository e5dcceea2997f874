import {
  ADMIN_ROLES,
  canAdministerRegion,
  hasRole,
  isRegionCode,
  regionCovers,
  ValidationErrors,
  type AgencyScope,
  type AuthUser,
} from '@leifeng/kit';

/** Event types as webhooks name them: `title.revoked`, or `*` for every type. */
export const EVENT_TYPE = /^(\*|[a-z]+(\.[a-z_]+)+)$/;
const MAX_SCOPE_ENTRIES = 50;

export interface AgencyScopeInput {
  regionCodes: string[];
  eventTypes: string[];
}

/** Checks the shape of a scope; returns it without duplicates and without regions already covered by another of its regions. */
export function normaliseScope(agencyId: string, input: AgencyScopeInput, errors: ValidationErrors): AgencyScope {
  if (!agencyId || agencyId.length > 100 || /\s/.test(agencyId))
    errors.add('INVALID_AGENCY_ID', 'agencyId', '合作单位编号应为 1–100 个非空白字符');
  const regions = [...new Set(input.regionCodes ?? [])];
  const bad = regions.filter((r) => !isRegionCode(r));
  if (!regions.length || regions.length > MAX_SCOPE_ENTRIES)
    errors.add('INVALID_REGION_CODE', 'regionCodes', `地区应为 1–${MAX_SCOPE_ENTRIES} 个行政区划代码`);
  if (bad.length)
    errors.add('INVALID_REGION_CODE', 'regionCodes', `行政区划代码格式不正确：${bad.slice(0, 5).join('、')}`);
  const types = [...new Set(input.eventTypes ?? [])];
  if (!types.length || types.length > MAX_SCOPE_ENTRIES || types.some((t) => t.length > 100 || !EVENT_TYPE.test(t))) {
    errors.add(
      'INVALID_EVENT_TYPES',
      'eventTypes',
      `事件类型应为 1–${MAX_SCOPE_ENTRIES} 个，如 title.revoked，或 * 表示全部`,
    );
  }
  const valid = regions.filter((r) => isRegionCode(r));
  const minimal = valid.filter((r) => !valid.some((o) => o !== r && regionCovers(o, r)));
  return {
    regionCodes: minimal.sort(),
    eventTypes: types.includes('*') ? ['*'] : types.sort(),
  };
}

/**
 * An admin may set or replace an agency's scope only when their region covers every region of the
 * new scope (no widening beyond their own region) and of the scope it replaces (no taking away
 * what an admin of another region granted). Returns the regions the admin does not cover.
 */
export function regionsBeyondAdmin(admin: AuthUser, next: AgencyScope, previous: AgencyScope | null): string[] {
  const all = [...new Set([...next.regionCodes, ...(previous?.regionCodes ?? [])])];
  return all.filter((r) => !canAdministerRegion(admin, r));
}

/** Admins (and internal services, which the identity service will use) set scopes. */
export function maySetScopes(user: AuthUser): boolean {
  return hasRole(user, ...ADMIN_ROLES, 'SERVICE');
}

/** The agency itself, internal services, and admins covering every region of the scope read it. */
export function mayReadScope(user: AuthUser, agencyId: string, scope: AgencyScope): boolean {
  if (hasRole(user, 'SERVICE')) return true;
  if (hasRole(user, 'AGENCY') && user.agencyId === agencyId) return true;
  return hasRole(user, ...ADMIN_ROLES) && scope.regionCodes.every((r) => canAdministerRegion(user, r));
}
