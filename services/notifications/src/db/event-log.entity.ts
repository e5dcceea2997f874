import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'event_log' })
export class EventLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'varchar', length: 40 })
  source!: string;

  @Column({ name: 'aggregate_type', type: 'varchar', length: 60 })
  aggregateType!: string;

  @Column({ name: 'aggregate_id', type: 'varchar', length: 100 })
  aggregateId!: string;

  @Column({ name: 'station_id', type: 'uuid', nullable: true })
  stationId!: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 12, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** A review event not yet published to live subscribers. */
  @Column({
    name: 'live_pending',
    type: 'boolean',
    default: false,
    select: false,
  })
  livePending!: boolean;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
