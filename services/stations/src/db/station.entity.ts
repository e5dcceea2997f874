import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type StationCategory =
  | 'COMMUNITY'
  | 'SCHOOL'
  | 'UNIVERSITY'
  | 'ENTERPRISE'
  | 'GOVERNMENT'
  | 'TOWNSHIP'
  | 'SERVICE_WINDOW'
  | 'CULTURAL_FACILITY'
  | 'PARK_SCENIC'
  | 'RESIDENTIAL_POINT';
export type StationStatus = 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

export interface OpeningSlot {
  weekday: Weekday;
  opens: string;
  closes: string;
}
export interface ServiceItem {
  name: string;
  description?: string | null;
}
export interface Attachment {
  kind: string;
  fileName: string;
  url: string;
  contentType?: string | null;
  sizeBytes?: number | null;
}

@Entity({ name: 'stations' })
export class StationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 30 })
  category!: StationCategory;

  @Column({ name: 'host_unit', type: 'varchar', length: 100 })
  hostUnit!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 200 })
  address!: string;

  @Column({ name: 'postal_code', type: 'char', length: 6, nullable: true })
  postalCode!: string | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ name: 'leader_name', type: 'varchar', length: 50 })
  leaderName!: string;

  /** AES-256-GCM ciphertext of the leader's phone (see domain/leader-phone.ts); never plain. */
  @Column({ name: 'leader_phone_enc', type: 'text' })
  leaderPhoneEnc!: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  hotline!: string | null;

  @Column({ name: 'opening_hours', type: 'jsonb', default: () => `'[]'` })
  openingHours!: OpeningSlot[];

  @Column({ name: 'service_items', type: 'jsonb', default: () => `'[]'` })
  serviceItems!: ServiceItem[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  facilities!: string[];

  @Column({ name: 'unit_headcount', type: 'integer', nullable: true })
  unitHeadcount!: number | null;

  @Column({ name: 'established_on', type: 'date', nullable: true })
  establishedOn!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'ACTIVE' })
  status!: StationStatus;

  @Column({
    name: 'closed_reason',
    type: 'varchar',
    length: 500,
    nullable: true,
  })
  closedReason!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: Attachment[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
