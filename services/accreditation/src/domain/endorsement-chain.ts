import type { AuthUser } from '@leifeng/kit';
import { regionCovers } from '@leifeng/kit';
import type { TitleLevel } from './standards';

/** Group levels that sign after the unit's own opinion: county → city → province. */
export type Stage = 'COUNTY' | 'CITY' | 'PROVINCE';
export type Decision = 'RECOMMEND' | 'RETURN' | 'REJECT';
const ORDER: Stage[] = ['COUNTY', 'CITY', 'PROVINCE'];
const ADMIN_ROLE: Record<Stage, 'COUNTY_ADMIN' | 'CITY_ADMIN' | 'PROVINCE_ADMIN'> = {
  COUNTY: 'COUNTY_ADMIN',
  CITY: 'CITY_ADMIN',
  PROVINCE: 'PROVINCE_ADMIN',
};

/**
 * The stages an application passes, stopping at its target level. Bottom-up (county first), except
 * that universities and large enterprises may apply straight to CITY (Linyi).
 */
export function stagesFor(target: TitleLevel, category: string, directToCityCategories: string[]): Stage[] {
  const stages = ORDER.slice(0, ORDER.indexOf(target) + 1);
  if (target !== 'COUNTY' && directToCityCategories.includes(category)) return stages.filter((s) => s !== 'COUNTY');
  return stages;
}

export function nextStage(stages: Stage[], current: Stage): Stage | null {
  const i = stages.indexOf(current);
  return i >= 0 && i + 1 < stages.length ? stages[i + 1] : null;
}

/** Only an admin of exactly that level whose region covers the station signs a stage. */
export function maySign(user: AuthUser | undefined, stage: Stage, stationRegion: string): boolean {
  return !!user?.regionCode && user.roles.includes(ADMIN_ROLE[stage]) && regionCovers(user.regionCode, stationRegion);
}

/** Naming (and publishing the notice) of a level belongs to the admin of that level over the station. */
export const mayName = maySign;
