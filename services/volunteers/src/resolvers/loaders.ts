import { monthsBetween } from '@leifeng/kit';
import type { VolunteerMonth } from '../domain/region-trends';
import type { RegionTrendsService } from '../services/region-trends-service';
import DataLoader from 'dataloader';
import type { ServiceDeps } from '@leifeng/kit';
import type { ActivityRow, ActivityService, SignUpRow } from '../services/activity-service';
import type { DutyCoverage, DutyService } from '../services/duty-service';
import type { AttendanceRow, TrainingService } from '../services/training-service';
import type { RecordRow, RecordService } from '../services/record-service';
import type { StatsService } from '../services/stats-service';
import type { RegionServiceStats, ServiceStats } from '../domain/stats';
import type { MembershipScope } from '../domain/access';
import type { MembershipRow } from '../services/membership-rows';
import type { MembershipService } from '../services/membership-service';
import { isUuid, type StationRefs } from '../services/station-ref';
import { type StationRef } from '../domain/station';
import type { VolunteerRow, VolunteerService } from '../services/volunteer-service';

const BATCH = { maxBatchSize: 1000 };

/** Splits composite keys "<params>|<id>" into one id list per parameter set. */
function byParams(keys: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of keys) {
    const at = key.lastIndexOf('|');
    const params = key.slice(0, at);
    out.set(params, [...(out.get(params) ?? []), key.slice(at + 1)]);
  }
  return out;
}

/** A loader whose keys carry parameters: one fetch per distinct parameter set, whatever the number of ids. */
export function paramLoader<V>(
  fetch: (params: string, ids: string[]) => Promise<Map<string, V>>,
  empty: () => V,
): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => {
    const results = new Map<string, V>();
    for (const [params, ids] of byParams(keys)) {
      const found = await fetch(params, ids);
      for (const id of ids) results.set(`${params}|${id}`, found.get(id) ?? empty());
    }
    return keys.map((k) => results.get(k) ?? empty());
  }, BATCH);
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

export function createCoreLoaders(stations: StationRefs, volunteers: VolunteerService, memberships: MembershipService) {
  return {
    station: new DataLoader<string, StationRef | null>(async (ids) => {
      const byId = new Map((await stations.byIds(ids)).map((s) => [s.id, s]));
      return ids.map((id) => byId.get(id) ?? null);
    }, BATCH),
    volunteer: new DataLoader<string, VolunteerRow | null>(async (ids) => {
      const byId = new Map((await volunteers.byIds(ids)).map((v) => [v.id, v]));
      return ids.map((id) => byId.get(id) ?? null);
    }, BATCH),
    scopes: new DataLoader<string, MembershipScope[]>(async (ids) => {
      const found = await memberships.scopesOf(ids);
      return ids.map((id) => found.get(id) ?? []);
    }, BATCH),
    /** Key "<includeFormer 0|1>|<stationId>". */
    members: paramLoader<MembershipRow[]>(
      async (params, ids) => group(await memberships.byStations(ids, params === '1'), (r) => r.stationId),
      () => [],
    ),
    membershipsOf: new DataLoader<string, MembershipRow[]>(async (ids) => {
      const found = group(await memberships.byVolunteers(ids), (r) => r.volunteerId);
      return ids.map((id) => found.get(id) ?? []);
    }, BATCH),
  };
}

/** Loaders over activities, records and stats: each costs one statement per batch (and per parameter set). */
export function createLedgerLoaders(
  deps: ServiceDeps,
  activities: ActivityService,
  records: RecordService,
  stats: StatsService,
  duty: DutyService,
  stationRefs: StationRefs,
  trainings: TrainingService,
) {
  const ds = deps.ds;
  return {
    attendance: new DataLoader<string, AttendanceRow[]>(async (ids) => {
      const found = group(await trainings.attendance(ids), (r) => r.trainingId);
      return ids.map((id) => found.get(id) ?? []);
    }, BATCH),
    /** Key "<weekOf>|<stationId>": the replica's opening hours and the week's shifts, two statements per week asked. */
    dutyCoverage: paramLoader<DutyCoverage>(
      async (weekOf, ids) => duty.coverage(await stationRefs.byIds(ids), weekOf),
      () => ({
        weekOf: '',
        openingSlotCount: 0,
        uncoveredSlots: [],
        uncoveredSlotCount: 0,
        fullyCovered: true,
      }),
    ),
    activity: new DataLoader<string, ActivityRow | null>(async (ids) => {
      const byId = new Map((await activities.byIds(ids)).map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id) ?? null);
    }, BATCH),
    record: new DataLoader<string, RecordRow | null>(async (ids) => {
      const byId = new Map((await records.byIds(ids)).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }, BATCH),
    signUpCount: new DataLoader<string, number>(async (ids) => {
      const rows: { id: string; n: number }[] = await ds.query(
        `SELECT activity_id AS id, count(*)::int AS n FROM activity_signups WHERE activity_id = ANY($1::uuid[]) GROUP BY 1`,
        [ids.filter(isUuid)],
      );
      const byId = new Map(rows.map((r) => [r.id, r.n]));
      return ids.map((id) => byId.get(id) ?? 0);
    }, BATCH),
    /** Key "<year or 'all'>|<volunteerId>". */
    verifiedHours: paramLoader<number>(
      (params, ids) => stats.verifiedHoursOf(ids, params === 'all' ? null : Number(params)),
      () => 0,
    ),
    /** Key "<year>|<threshold or ''>|<stationId>". */
    stationStats: paramLoader<ServiceStats | null>(
      async (params, ids) => {
        const [year, threshold] = params.split('|');
        return stats.forStations(ids, Number(year), threshold === '' ? null : Number(threshold));
      },
      () => null,
    ),
    regionStats: paramLoader<RegionServiceStats | null>(
      async (params, codes) => {
        const [year, threshold] = params.split('|');
        return stats.forRegions(codes, Number(year), threshold === '' ? null : Number(threshold));
      },
      () => null,
    ),
  };
}

/** Region share and monthly series (issue 15): one statement per batch of regions (and per period). */
export function createRegionLoaders(trends: RegionTrendsService) {
  return {
    registeredVolunteers: new DataLoader<string, number>(async (codes) => {
      const found = await trends.registeredVolunteers(codes);
      return codes.map((c) => found.get(c) ?? 0);
    }, BATCH),
    /** Key "<from>|<to>|<regionCode>". */
    volunteerSeries: paramLoader<VolunteerMonth[]>(
      async (params, codes) => {
        const [from, to] = params.split('|');
        return trends.series(codes, monthsBetween(from, to));
      },
      () => [],
    ),
  };
}

/** The caller's sign-up of each activity (null when none): per request, so per caller. */
export function createAttendanceLoader(activities: ActivityService, sub: string | null) {
  return new DataLoader<string, SignUpRow | null>(async (ids) => {
    const byId = new Map((sub ? await activities.attendanceOf(sub, ids) : []).map((r) => [r.activityId, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }, BATCH);
}
