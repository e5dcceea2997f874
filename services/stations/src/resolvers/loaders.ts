import DataLoader from 'dataloader';
import type { RegionEntity } from '../db/region.entity';
import type { StationEntity } from '../db/station.entity';
import type { CommunityRow, RegionFactsService, UncoveredKey } from '../services/region-facts-service';
import { monthsBetween, type StationMonth } from '../domain/region-facts';
import type { RegionService } from '../services/region-service';
import type { StationService } from '../services/station-service';

/** Per-request batching: N references in one query plan cost one SQL statement per kind. */
export function createLoaders(stations: StationService, regions: RegionService, facts: RegionFactsService) {
  return {
    coverage: new DataLoader<string, { urban: number; rural: number }>(
      async (codes) => {
        const counts = await facts.coveredCounts(codes);
        return codes.map((c) => counts.get(c) ?? { urban: 0, rural: 0 });
      },
      { maxBatchSize: 1000 },
    ),
    /** Key: JSON of an UncoveredKey. */
    uncovered: new DataLoader<string, CommunityRow[]>(
      (keys) => facts.uncovered(keys.map((k) => JSON.parse(k) as UncoveredKey)),
      { maxBatchSize: 1000 },
    ),
    stationCommunities: new DataLoader<string, CommunityRow[]>(
      async (ids) => {
        const byStation = await facts.communitiesOfStations(ids);
        return ids.map((id) => byStation.get(id) ?? []);
      },
      { maxBatchSize: 1000 },
    ),
    /** Key: `${from}|${to}|${regionCode}`; one statement per period asked in the request. */
    stationSeries: new DataLoader<string, StationMonth[]>(async (keys) => {
      const byPeriod = new Map<string, string[]>();
      for (const k of keys) {
        const [from, to, code] = k.split('|');
        byPeriod.set(`${from}|${to}`, [...(byPeriod.get(`${from}|${to}`) ?? []), code]);
      }
      const results = new Map<string, StationMonth[]>();
      for (const [period, codes] of byPeriod) {
        const [from, to] = period.split('|');
        const series = await facts.stationSeries(codes, monthsBetween(from, to));
        for (const [code, s] of series) results.set(`${period}|${code}`, s);
      }
      return keys.map((k) => results.get(k) ?? []);
    }),
    station: new DataLoader<string, StationEntity | null>(
      async (ids) => {
        const rows = await stations.byIds(ids);
        const byId = new Map(rows.map((s) => [s.id, s]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      { maxBatchSize: 1000 },
    ),
    region: new DataLoader<string, RegionEntity | null>(
      async (codes) => {
        const rows = await regions.byCodes(codes);
        const byCode = new Map(rows.map((r) => [r.code, r]));
        return codes.map((c) => byCode.get(c) ?? null);
      },
      { maxBatchSize: 1000 },
    ),
    /** Key '' asks for the top level (provinces): DataLoader keys cannot be null. */
    children: new DataLoader<string, RegionEntity[]>(async (parents) => {
      const rows = await regions.childrenOf(parents.map((p) => p || null));
      return parents.map((p) => rows.filter((r) => r.parentCode === (p || null)));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
