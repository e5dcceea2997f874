import { DomainError } from '@leifeng/kit';

/** The service figures of stations and regions: the rules on their inputs and the shaping of their rows. */
export interface ServiceStats {
  year: number;
  memberCount: number;
  leaderCount: number;
  staffCount: number;
  activeVolunteerCount: number;
  verifiedHours: number;
  activityCount: number;
  monthsWithActivity: number[];
  volunteersMeetingThreshold: number | null;
  headcountShare: number | null;
}

export interface RegionServiceStats extends ServiceStats {
  regionCode: string;
  stationCount: number;
}

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new DomainError('INVALID_YEAR', `年份不正确：${year}`, {
      field: 'year',
    });
}

export function checkThreshold(threshold: number | null): void {
  if (threshold !== null && (!Number.isFinite(threshold) || threshold < 0 || threshold > 10000)) {
    throw new DomainError('INVALID_THRESHOLD', '时长门槛应为 0–10000 小时', {
      field: 'hoursThreshold',
    });
  }
}

export const share = (members: number, headcount: number | null) =>
  headcount && headcount > 0 ? Math.round((members / headcount) * 10000) / 10000 : null;

/** The per-station (or per-region) aggregates the stats statements select. */
export interface StatsRow {
  id: string;
  members: number;
  leaders: number;
  staff: number;
  active: number;
  hours: number;
  meeting: number;
  activities: number;
  months: number[];
  headcount: number | null;
}
export interface RegionStatsRow extends StatsRow {
  stations: number;
  counted: number;
}

export function toStats(r: StatsRow, year: number, threshold: number | null): ServiceStats {
  return {
    year,
    memberCount: r.members,
    leaderCount: r.leaders,
    staffCount: r.staff,
    activeVolunteerCount: r.active,
    verifiedHours: Math.round(r.hours * 100) / 100,
    activityCount: r.activities,
    monthsWithActivity: r.months,
    volunteersMeetingThreshold: threshold === null ? null : r.meeting,
    headcountShare: share(r.members, r.headcount),
  };
}
