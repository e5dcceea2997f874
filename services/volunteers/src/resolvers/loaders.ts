import DataLoader from 'dataloader';
import type { MembershipScope } from '../domain/access';
import type { MembershipRow, MembershipService } from '../domain/membership-service';
import type { StationRef, StationRefs } from '../domain/station-ref';
import type { VolunteerRow, VolunteerService } from '../domain/volunteer-service';

const BATCH = { maxBatchSize: 1000 };

/** Splits composite keys "<params>|<id>" into one id list per parameter set. */
export function byParams(keys: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of keys) {
    const at = key.lastIndexOf('|');
    const params = key.slice(0, at);
    out.set(params, [...(out.get(params) ?? []), key.slice(at + 1)]);
  }
  return out;
}

/** A loader whose keys carry parameters: one fetch per distinct parameter set, whatever the number of ids. */
export function paramLoader<V>(fetch: (params: string, ids: string[]) => Promise<Map<string, V>>, empty: () => V): DataLoader<string, V> {
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
    members: paramLoader<MembershipRow[]>(async (params, ids) => group(await memberships.byStations(ids, params === '1'), (r) => r.stationId), () => []),
    membershipsOf: new DataLoader<string, MembershipRow[]>(async (ids) => {
      const found = group(await memberships.byVolunteers(ids), (r) => r.volunteerId);
      return ids.map((id) => found.get(id) ?? []);
    }, BATCH),
  };
}
