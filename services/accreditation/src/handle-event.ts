import type { DomainEvent } from '@leifeng/kit';
import type { EntityManager } from 'typeorm';

/** Keeps station_ref (id, name, region, status, category, established_on) from station.* events. */
export async function handleEvent(event: DomainEvent, m: EntityManager): Promise<void> {
  if (!event.type.startsWith('station.')) return;
  const p = event.payload as { stationId: string; name: string; regionCode: string; status: string; category: string; establishedOn?: string | null };
  await m.query(
    `INSERT INTO station_ref (id, name, region_code, status, category, established_on, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, status = EXCLUDED.status,
       category = EXCLUDED.category, established_on = EXCLUDED.established_on, updated_at = EXCLUDED.updated_at
     WHERE station_ref.updated_at <= EXCLUDED.updated_at`,
    [p.stationId, p.name, p.regionCode, p.status, p.category, p.establishedOn ?? null, event.occurredAt],
  );
}
