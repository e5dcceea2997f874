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

  @Column({ name: 'urban_community_count', type: 'integer', default: 0 })
  urbanCommunityCount!: number;

  @Column({ name: 'rural_community_count', type: 'integer', default: 0 })
  ruralCommunityCount!: number;

  @Column({ name: 'population_year', type: 'integer', nullable: true })
  populationYear!: number | null;

  @Column({
    name: 'population_source',
    type: 'varchar',
    length: 200,
    nullable: true,
  })
  populationSource!: string | null;

  @Column({
    name: 'population_updated_at',
    type: 'timestamptz',
    nullable: true,
  })
  populationUpdatedAt!: Date | null;

  @Column({
    name: 'population_updated_by',
    type: 'varchar',
    length: 100,
    nullable: true,
  })
  populationUpdatedBy!: string | null;
}
