import { applyStationSnapshot, DomainError, isUuid, type DomainEvent, type StationReplicaSpec } from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { StationRef } from '../domain/station';

export { isUuid };

const COLUMNS = `id, name, region_code AS "regionCode", status, unit_headcount AS "unitHeadcount", opening_hours AS "openingHours"`;

/** The replica's shape; events may arrive out of order, so the event time guards every write. */
const STATION_REPLICA: StationReplicaSpec = {
  table: 'station_ref',
  idColumn: 'id',
  versionColumn: 'source_event_at',
  columns: {
    name: 'name',
    regionCode: 'region_code',
    status: 'status',
    unitHeadcount: 'unit_headcount',
    openingHours: 'opening_hours',
  },
};

/** Applies station.created / updated / closed to the replica. */
export async function applyStationEvent(m: EntityManager, event: DomainEvent): Promise<void> {
  await applyStationSnapshot(m, event, STATION_REPLICA);
}

const stationNotFound = (id: string) => new DomainError('STATION_NOT_FOUND', `未找到站点：${id}`, { id });

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
    if (opts.open && row.status === 'CLOSED')
      throw new DomainError('STATION_CLOSED', '站点已关闭，不能再登记新的内容', { id });
    return row;
  }
}
