import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegionsAndStations1763800000001 implements MigrationInterface {
  name = 'CreateRegionsAndStations1763800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE regions (
        code            varchar(12) PRIMARY KEY,
        name            varchar(60) NOT NULL,
        level           varchar(10) NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP')),
        parent_code     varchar(12) REFERENCES regions (code),
        population      integer CHECK (population >= 0),
        community_count integer CHECK (community_count >= 0)
      )`);
    await q.query(`CREATE INDEX regions_parent_code_idx ON regions (parent_code)`);

    await q.query(`
      CREATE TABLE stations (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name            varchar(100) NOT NULL,
        category        varchar(30) NOT NULL,
        host_unit       varchar(100) NOT NULL,
        region_code     varchar(12) NOT NULL REFERENCES regions (code),
        address         varchar(200) NOT NULL,
        postal_code     char(6),
        longitude       double precision,
        latitude        double precision,
        leader_name     varchar(50) NOT NULL,
        leader_phone    varchar(30) NOT NULL,
        hotline         varchar(30),
        opening_hours   jsonb NOT NULL DEFAULT '[]',
        service_items   jsonb NOT NULL DEFAULT '[]',
        facilities      jsonb NOT NULL DEFAULT '[]',
        unit_headcount  integer CHECK (unit_headcount >= 0),
        established_on  date,
        status          varchar(12) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
        closed_reason   varchar(500),
        closed_at       timestamptz,
        evidence        jsonb NOT NULL DEFAULT '[]',
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        updated_at      timestamptz(3) NOT NULL DEFAULT now(),
        version         integer NOT NULL DEFAULT 1
      )`);
    // "Everything under a region" is a prefix match on the GB/T 2260 code.
    await q.query(`CREATE INDEX stations_region_code_idx ON stations (region_code varchar_pattern_ops)`);
    // One open station of a name per region; a closed station's name may be reused.
    await q.query(
      `CREATE UNIQUE INDEX stations_region_name_uq ON stations (region_code, lower(name)) WHERE status <> 'CLOSED'`,
    );
    await q.query(`CREATE INDEX stations_name_trgm_idx ON stations USING gin (name gin_trgm_ops)`);
    // Keyset pagination order (millisecond timestamps so cursors round-trip through JavaScript dates).
    await q.query(`CREATE INDEX stations_created_idx ON stations (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stations`);
    await q.query(`DROP TABLE regions`);
  }
}
