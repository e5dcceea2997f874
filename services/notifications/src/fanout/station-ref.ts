import type { DomainEvent } from '@leifeng/kit';
import type { EntityManager } from 'typeorm';

export interface StationRef {
  stationId: string;
  name: string;
  regionCode: string;
  status: string;
  openingHours: { weekday: string; opens: string; closes: string }[];
  titleLevel: string | null;
}

interface Snapshot {
  stationId: string;
  name: string;
  regionCode: string;
  status: string;
  openingHours?: unknown[];
}

/** Keeps the local snapshot of stations (from station events) and their title (from accreditation). */
export async function applyToStationRef(m: EntityManager, event: DomainEvent): Promise<void> {
  const p = event.payload as Partial<Snapshot> & { level?: string };
  if (event.type.startsWith('station.') && p.stationId && p.name && p.regionCode) {
    await m.query(
      `INSERT INTO station_ref (station_id, name, region_code, status, opening_hours, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (station_id) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code,
         status = EXCLUDED.status, opening_hours = EXCLUDED.opening_hours, updated_at = EXCLUDED.updated_at
       WHERE station_ref.updated_at <= EXCLUDED.updated_at`,
      [p.stationId, p.name, p.regionCode, p.status ?? 'ACTIVE', JSON.stringify(p.openingHours ?? []), event.occurredAt],
    );
  } else if (event.type === 'title.conferred' && p.stationId) {
    await m.query(`UPDATE station_ref SET title_level = $2 WHERE station_id = $1`, [p.stationId, p.level ?? null]);
  } else if (event.type === 'title.revoked' && p.stationId) {
    await m.query(`UPDATE station_ref SET title_level = NULL WHERE station_id = $1 AND title_level IS NOT DISTINCT FROM $2`, [p.stationId, p.level ?? null]);
  }
}

export async function findStationRefs(q: { query: EntityManager['query'] }, ids: readonly string[]): Promise<Map<string, StationRef>> {
  const rows: any[] = ids.length
    ? await q.query(`SELECT station_id, name, region_code, status, opening_hours, title_level FROM station_ref WHERE station_id = ANY($1::uuid[])`, [ids])
    : [];
  return new Map(
    rows.map((r) => [
      r.station_id,
      { stationId: r.station_id, name: r.name, regionCode: r.region_code, status: r.status, openingHours: r.opening_hours, titleLevel: r.title_level },
    ]),
  );
}
