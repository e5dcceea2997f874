import { applyStationSnapshot, type DomainEvent, type StationReplicaSpec } from '@leifeng/kit';
import type { EntityManager } from 'typeorm';

export interface StationRef {
  stationId: string;
  name: string;
  regionCode: string;
  status: string;
  openingHours: { weekday: string; opens: string; closes: string }[];
  titleLevel: string | null;
}

const STATION_REPLICA: StationReplicaSpec = {
  table: 'station_ref',
  idColumn: 'station_id',
  versionColumn: 'updated_at',
  columns: {
    name: 'name',
    regionCode: 'region_code',
    status: 'status',
    openingHours: 'opening_hours',
  },
};

/** Keeps the local snapshot of stations (from station events) and their title (from accreditation). */
export async function applyToStationRef(m: EntityManager, event: DomainEvent): Promise<void> {
  const p = event.payload as { stationId?: string; level?: string };
  if (await applyStationSnapshot(m, event, STATION_REPLICA)) return;
  if (event.type === 'title.conferred' && p.stationId) {
    await m.query(`UPDATE station_ref SET title_level = $2 WHERE station_id = $1`, [p.stationId, p.level ?? null]);
  } else if (event.type === 'title.revoked' && p.stationId) {
    await m.query(
      `UPDATE station_ref SET title_level = NULL WHERE station_id = $1 AND title_level IS NOT DISTINCT FROM $2`,
      [p.stationId, p.level ?? null],
    );
  }
}

export async function findStationRefs(
  q: { query: EntityManager['query'] },
  ids: readonly string[],
): Promise<Map<string, StationRef>> {
  const rows: {
    station_id: string;
    name: StationRef['name'];
    region_code: StationRef['regionCode'];
    status: StationRef['status'];
    opening_hours: StationRef['openingHours'];
    title_level: StationRef['titleLevel'];
  }[] = ids.length
    ? await q.query(
        `SELECT station_id, name, region_code, status, opening_hours, title_level FROM station_ref WHERE station_id = ANY($1::uuid[])`,
        [ids],
      )
    : [];
  return new Map(
    rows.map((r) => [
      r.station_id,
      {
        stationId: r.station_id,
        name: r.name,
        regionCode: r.region_code,
        status: r.status,
        openingHours: r.opening_hours,
        titleLevel: r.title_level,
      },
    ]),
  );
}
