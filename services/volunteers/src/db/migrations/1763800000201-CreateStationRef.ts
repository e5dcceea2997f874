import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Local replica of stations (from station.* events) for scope checks, headcount and opening hours. */
export class CreateStationRef1763800000201 implements MigrationInterface {
  name = 'CreateStationRef1763800000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE station_ref (
        id              uuid PRIMARY KEY,
        name            varchar(100) NOT NULL,
        region_code     varchar(12) NOT NULL,
        status          varchar(12) NOT NULL,
        unit_headcount  integer,
        opening_hours   jsonb NOT NULL DEFAULT '[]',
        source_event_at timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    // Region pages select stations by code prefix (a region and everything under it).
    await q.query(`CREATE INDEX station_ref_region_idx ON station_ref (region_code varchar_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE station_ref`);
  }
}
