import type { AuthUser } from '@leifeng/kit';
import { regionCovers } from '@leifeng/kit';

/** Group levels that sign after the unit's own opinion: county → city → province. */
export type Stage = 'COUNTY' | 'CITY' | 'PROVINCE';
export type Decision = 'RECOMMEND' | 'RETURN' | 'REJECT';
const ADMIN_ROLE: Record<Stage, 'COUNTY_ADMIN' | 'CITY_ADMIN' | 'PROVINCE_ADMIN'> = {
  COUNTY: 'COUNTY_ADMIN',
  CITY: 'CITY_ADMIN',
  PROVINCE: 'PROVINCE_ADMIN',
};

export function nextStage(stages: Stage[], current: Stage): Stage | null {
  const i = stages.indexOf(current);
  return i >= 0 && i + 1 < stages.length ? stages[i + 1] : null;
}

/** Only an admin of exactly that level whose region covers the station signs a stage. */
export function maySign(user: AuthUser | undefined, stage: Stage, stationRegion: string): boolean {
  return !!user?.regionCode && user.roles.includes(ADMIN_ROLE[stage]) && regionCovers(user.regionCode, stationRegion);
}

/** The stages a user signs (by role); empty for anyone who is not a county, city or province admin. */
export function stagesSignedBy(user: AuthUser | undefined): Stage[] {
  return (Object.keys(ADMIN_ROLE) as Stage[]).filter((s) => !!user?.roles.includes(ADMIN_ROLE[s]));
}
