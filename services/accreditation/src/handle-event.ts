import { applyStationSnapshot, type DomainEvent, type StationReplicaSpec } from '@leifeng/kit';
import type { EntityManager } from 'typeorm';

/** station_ref: what the campaign rules need (先建站, scope, university/enterprise direct to CITY). */
const STATION_REPLICA: StationReplicaSpec = {
  table: 'station_ref',
  idColumn: 'id',
  versionColumn: 'updated_at',
  columns: {
    name: 'name',
    regionCode: 'region_code',
    status: 'status',
    category: 'category',
    establishedOn: 'established_on',
  },
};

/** Keeps station_ref from station.* events. */
export async function handleEvent(event: DomainEvent, m: EntityManager): Promise<void> {
  await applyStationSnapshot(m, event, STATION_REPLICA);
}
