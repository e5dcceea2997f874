import { share } from './stats';

/** What VolunteerShare states next to the figure (the dashboard shows it verbatim). */
const SHARE_DEFINITION =
  '注册志愿者占常住人口比例 = 在本地区（含下辖地区）未关闭站点有在册成员身份的志愿者人数（每人计一次）÷ 本地区人口（由所辖地区管理员按统计来源和年份填报）';

export interface VolunteerShare {
  registeredVolunteers: number;
  population: number | null;
  share: number | null;
  definition: string;
}

/** Share of population: a plain rule, never estimated (no population → no share). */
export function volunteerShare(registeredVolunteers: number, population: number | null | undefined): VolunteerShare {
  const pop = population ?? null;
  return {
    registeredVolunteers,
    population: pop,
    share: share(registeredVolunteers, pop),
    definition: SHARE_DEFINITION,
  };
}

export interface VolunteerMonth {
  month: string;
  registeredVolunteers: number;
  activeVolunteers: number;
  verifiedHours: number;
  activityCount: number;
}
