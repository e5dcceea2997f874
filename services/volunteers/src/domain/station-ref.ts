import { DomainError, type DomainEvent } from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';

export type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
export interface OpeningSlot {
  weekday: Weekday;
  opens: string;
  closes: string;
}

export interface StationRef {
  id: string;
  name: string;
  regionCode: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
  unitHeadcount: number | null;
  openingHours: OpeningSlot[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);

interface StationSnapshot {
  stationId: string;
  name: string;
  regionCode: string;
  status: StationRef['status'];
  unitHeadcount: number | null;
  openingHours: OpeningSlot[];
}

const COLUMNS = `id, name, region_code AS "regionCode", status, unit_headcount AS "unitHeadcount", opening_hours AS "openingHours"`;

/**
 * Applies station.created / updated / closed to the replica. Events may arrive out of order (several
 * consumer jobs run at once): a snapshot older than the stored one is ignored.
 */
export async function applyStationEvent(m: EntityManager, event: DomainEvent): Promise<void> {
  if (!event.type.startsWith('station.')) return;
  const s = event.payload as unknown as StationSnapshot;
  const id = s.stationId ?? event.aggregateId;
  if (!isUuid(id) || typeof s.regionCode !== 'string') return;
  await m.query(
    `INSERT INTO station_ref (id, name, region_code, status, unit_headcount, opening_hours, source_event_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, status = EXCLUDED.status,
       unit_headcount = EXCLUDED.unit_headcount, opening_hours = EXCLUDED.opening_hours,
       source_event_at = EXCLUDED.source_event_at, updated_at = now()
     WHERE station_ref.source_event_at <= EXCLUDED.source_event_at`,
    [id, s.name, s.regionCode, s.status, s.unitHeadcount ?? null, JSON.stringify(s.openingHours ?? []), event.occurredAt],
  );
}

export const stationNotFound = (id: string) => new DomainError('STATION_NOT_FOUND', `未找到站点：${id}`, { id });

/** Reads of the replica. */
export class StationRefs {
  constructor(private readonly ds: DataSource) {}

  async byIds(ids: readonly string[]): Promise<StationRef[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(`SELECT ${COLUMNS} FROM station_ref WHERE id = ANY($1::uuid[])`, [valid]);
  }

  /** The station or STATION_NOT_FOUND; `open` also refuses closed stations (no new work there). */
  static async require(m: EntityManager, id: string, opts: { open?: boolean } = {}): Promise<StationRef> {
    const [row] = isUuid(id) ? await m.query(`SELECT ${COLUMNS} FROM station_ref WHERE id = $1`, [id]) : [];
    if (!row) throw stationNotFound(id);
    if (opts.open && row.status === 'CLOSED') throw new DomainError('STATION_CLOSED', '站点已关闭，不能再登记新的内容', { id });
    return row;
  }
}
