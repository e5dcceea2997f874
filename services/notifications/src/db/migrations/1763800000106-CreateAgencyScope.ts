import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner agencies' scopes (regions and event types), set by admins; until the identity service
 * grants them, notifications keeps them. The current scope per agency with who set it and when, and
 * every change (old and new scope) in an append-only history.
 */
export class CreateAgencyScope1763800000106 implements MigrationInterface {
  name = 'CreateAgencyScope1763800000106';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency_scope (
        agency_id        varchar(100) PRIMARY KEY,
        region_codes     varchar(12)[] NOT NULL CHECK (cardinality(region_codes) BETWEEN 1 AND 50),
        region_prefixes  varchar(12)[] NOT NULL CHECK (cardinality(region_prefixes) = cardinality(region_codes)),
        event_types      varchar(100)[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 50),
        set_by           varchar(200) NOT NULL,
        set_by_region    varchar(12),
        set_at           timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE agency_scope_change (
        id               bigserial PRIMARY KEY,
        agency_id        varchar(100) NOT NULL,
        old_region_codes varchar(12)[],
        old_event_types  varchar(100)[],
        region_codes     varchar(12)[] NOT NULL,
        event_types      varchar(100)[] NOT NULL,
        set_by           varchar(200) NOT NULL,
        set_by_region    varchar(12),
        set_at           timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX agency_scope_change_agency_idx ON agency_scope_change (agency_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agency_scope_change`);
    await q.query(`DROP TABLE agency_scope`);
  }
}
