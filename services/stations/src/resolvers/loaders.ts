import DataLoader from 'dataloader';
import type { RegionEntity } from '../db/region.entity';
import type { StationEntity } from '../db/station.entity';
import type { RegionService } from '../domain/region-service';
import type { StationService } from '../domain/station-service';

/** Per-request batching: N references in one query plan cost one SQL statement per kind. */
export function createLoaders(stations: StationService, regions: RegionService) {
  return {
    station: new DataLoader<string, StationEntity | null>(async (ids) => {
      const rows = await stations.byIds(ids);
      const byId = new Map(rows.map((s) => [s.id, s]));
      return ids.map((id) => byId.get(id) ?? null);
    }, { maxBatchSize: 1000 }),
    region: new DataLoader<string, RegionEntity | null>(async (codes) => {
      const rows = await regions.byCodes(codes);
      const byCode = new Map(rows.map((r) => [r.code, r]));
      return codes.map((c) => byCode.get(c) ?? null);
    }, { maxBatchSize: 1000 }),
    /** Key '' asks for the top level (provinces): DataLoader keys cannot be null. */
    children: new DataLoader<string, RegionEntity[]>(async (parents) => {
      const rows = await regions.childrenOf(parents.map((p) => p || null));
      return parents.map((p) => rows.filter((r) => r.parentCode === (p || null)));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
