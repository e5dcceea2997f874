import { regionCovers, regionLevelOfCode, type Role } from '@leifeng/kit';

/** Roles a person may be granted (SERVICE is for machines, never a person). */
const GRANTABLE_ROLES = [
  'PROVINCE_ADMIN',
  'CITY_ADMIN',
  'COUNTY_ADMIN',
  'STATION_MANAGER',
  'VOLUNTEER',
  'INSPECTOR',
  'AGENCY',
] as const;
export type GrantRole = (typeof GRANTABLE_ROLES)[number];

/** What one grant lets its holder act on. */
export interface GrantScope {
  role: Role;
  regionCode?: string | null;
  stationId?: string | null;
  agencyId?: string | null;
}

/** A requested grant; the station's region comes from the stations subgraph. */
export interface GrantRequest extends GrantScope {
  stationRegionCode?: string | null;
}

export type GrantDecision =
  | { ok: true }
  | {
      ok: false;
      code: 'GRANT_ESCALATION' | 'GRANT_OUT_OF_SCOPE' | 'GRANT_INVALID';
      reason: string;
    };

const REGION_LEVEL: Partial<Record<Role, 'PROVINCE' | 'CITY' | 'COUNTY'>> = {
  PROVINCE_ADMIN: 'PROVINCE',
  CITY_ADMIN: 'CITY',
  COUNTY_ADMIN: 'COUNTY',
};

/**
 * Who may grant what (DESIGN: delegated administration):
 * - PROVINCE_ADMIN → CITY_ADMIN of a city in its province;
 * - CITY_ADMIN → COUNTY_ADMIN of a county in its city, STATION_MANAGER of a station in its city;
 * - COUNTY_ADMIN → STATION_MANAGER of a station in its county;
 * - any admin → INSPECTOR or AGENCY within its own region.
 * Nothing else: no role above or equal to one's own admin level, nothing outside one's region.
 */
const MAY_GRANT: Record<string, GrantRole[]> = {
  PROVINCE_ADMIN: ['CITY_ADMIN', 'INSPECTOR', 'AGENCY'],
  CITY_ADMIN: ['COUNTY_ADMIN', 'STATION_MANAGER', 'INSPECTOR', 'AGENCY'],
  COUNTY_ADMIN: ['STATION_MANAGER', 'INSPECTOR', 'AGENCY'],
};

/** Checks the shape of a grant (the scope its role needs), independent of who grants it. */
function checkGrantShape(g: GrantRequest): GrantDecision {
  if (!(GRANTABLE_ROLES as readonly string[]).includes(g.role))
    return {
      ok: false,
      code: 'GRANT_INVALID',
      reason: `不能授予角色 ${g.role}`,
    };
  const level = REGION_LEVEL[g.role];
  if (level) {
    if (!g.regionCode || regionLevelOfCode(g.regionCode) !== level)
      return {
        ok: false,
        code: 'GRANT_INVALID',
        reason: `${g.role} 需要${level === 'PROVINCE' ? '省' : level === 'CITY' ? '市' : '县（区）'}级行政区划代码`,
      };
  }
  if (g.role === 'STATION_MANAGER' && (!g.stationId || !g.stationRegionCode))
    return {
      ok: false,
      code: 'GRANT_INVALID',
      reason: '站长授权需要一个已登记的站点',
    };
  if (g.role === 'AGENCY' && !g.agencyId)
    return {
      ok: false,
      code: 'GRANT_INVALID',
      reason: '合作单位授权需要 agencyId',
    };
  if ((g.role === 'INSPECTOR' || g.role === 'AGENCY') && !g.regionCode)
    return {
      ok: false,
      code: 'GRANT_INVALID',
      reason: `${g.role} 授权需要一个行政区划范围`,
    };
  return { ok: true };
}

/** The grant the actor is using decides; it is checked against the requested grant's role and scope. */
export function decideGrant(actor: GrantScope | undefined, g: GrantRequest): GrantDecision {
  const shape = checkGrantShape(g);
  if (!shape.ok) return shape;
  if (!actor || !MAY_GRANT[actor.role])
    return {
      ok: false,
      code: 'GRANT_ESCALATION',
      reason: '只有管理员可以授予角色',
    };
  if (!MAY_GRANT[actor.role].includes(g.role as GrantRole))
    return {
      ok: false,
      code: 'GRANT_ESCALATION',
      reason: `${actor.role} 不能授予 ${g.role}`,
    };
  const target = g.role === 'STATION_MANAGER' ? g.stationRegionCode! : g.regionCode!;
  if (!actor.regionCode || !regionCovers(actor.regionCode, target))
    return {
      ok: false,
      code: 'GRANT_OUT_OF_SCOPE',
      reason: `授权范围 ${target} 不在您的管辖区域 ${actor.regionCode ?? '（无）'} 内`,
    };
  return { ok: true };
}

/** The region a grant's audit entry is filed under (read by admins whose region covers it). */
export function auditRegionOf(g: GrantRequest): string | null {
  return g.role === 'STATION_MANAGER' ? (g.stationRegionCode ?? null) : (g.regionCode ?? null);
}
