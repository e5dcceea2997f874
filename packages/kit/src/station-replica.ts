import { isUuid } from './ids';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from './events';

/** The PII-free station snapshot that station.created / updated / closed carry (docs/graph-contract.md). */
export interface StationSnapshot {
  stationId: string;
  name: string;
  regionCode: string;
  category: string;
  status: string;
  unitHeadcount: number | null;
  openingHours: { weekday: string; opens: string; closes: string }[];
  establishedOn: string | null;
}

/** How a service stores its local copy: which snapshot fields, in which columns. */
export interface StationReplicaSpec {
  table: string;
  idColumn: string;
  /** Holds the event time; an older snapshot never overwrites a newer one (consumers run concurrently). */
  versionColumn: string;
  columns: Partial<Record<Exclude<keyof StationSnapshot, 'stationId'>, string>>;
}

const JSON_FIELDS = new Set<keyof StationSnapshot>(['openingHours']);

/**
 * Upserts the snapshot of a station.* event into the service's replica table, in the consumer's
 * transaction. Returns false for events that are not station snapshots.
 */
export async function applyStationSnapshot(
  m: EntityManager,
  event: DomainEvent,
  spec: StationReplicaSpec,
): Promise<boolean> {
  if (!event.type.startsWith('station.')) return false;
  const p = event.payload as Partial<StationSnapshot>;
  const id = p.stationId ?? event.aggregateId;
  if (!isUuid(id) || typeof p.name !== 'string' || typeof p.regionCode !== 'string') return false;
  const fields = Object.entries(spec.columns) as [keyof StationSnapshot, string][];
  const columns = [spec.idColumn, ...fields.map(([, c]) => c), spec.versionColumn];
  const values = [
    id,
    ...fields.map(([f]) => (JSON_FIELDS.has(f) ? JSON.stringify(p[f] ?? []) : (p[f] ?? null))),
    event.occurredAt,
  ];
  const updates = [...fields.map(([, c]) => c), spec.versionColumn].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  await m.query(
    `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (${spec.idColumn}) DO UPDATE SET ${updates}
     WHERE ${spec.table}.${spec.versionColumn} <= EXCLUDED.${spec.versionColumn}`,
    values,
  );
  return true;
}
