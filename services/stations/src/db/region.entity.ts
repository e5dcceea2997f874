import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RegionLevel } from '@leifeng/kit';

@Entity({ name: 'regions' })
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  level!: RegionLevel;

  @Index()
  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true })
  parentCode!: string | null;

  @Column({ type: 'integer', nullable: true })
  population!: number | null;

  @Column({ name: 'community_count', type: 'integer', nullable: true })
  communityCount!: number | null;
}
