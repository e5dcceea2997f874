import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly station summary from scratch (writers with triggers off, e.g. the scale seed, run it into an empty table).
 * @public read by bench/seed
 */
export const BACKFILL_STATION_MONTH_CHANGES = `
  INSERT INTO station_month_changes (region_code, month, opened, closed)
  SELECT region_code, month, sum(o)::int, sum(c)::int FROM (
    SELECT region_code, date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date AS month, 1 AS o, 0 AS c FROM stations
    UNION ALL
    SELECT region_code, date_trunc('month', COALESCE(closed_at, updated_at) AT TIME ZONE 'Asia/Shanghai')::date, 0, 1 FROM stations WHERE status = 'CLOSED'
  ) x GROUP BY 1, 2`;

/**
 * Issue 15, schema half: village-level divisions (communities), the communities a station serves,
 * officer-entered population figures with their source and year, and the monthly station summary.
 * The data itself comes in 1763800000011 (communities) and from officers (population).
 */
export class CommunitiesCoveragePopulation1763800000010 implements MigrationInterface {
  name = 'CommunitiesCoveragePopulation1763800000010';

  async up(q: QueryRunner): Promise<void> {
    // 12-digit NBS codes; kind decided by the generator from the code (scripts/generate-regions.mjs).
    await q.query(`
      CREATE TABLE communities (
        code          varchar(12) PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
        name          varchar(100) NOT NULL,
        kind          varchar(5) NOT NULL CHECK (kind IN ('URBAN', 'RURAL')),
        township_code varchar(12) NOT NULL REFERENCES regions (code),
        CHECK (left(code, 9) = township_code)
      )`);
    // Counts per region, fixed by the data (refreshed by the seed migration that loads the data).
    await q.query(`ALTER TABLE regions
      ADD COLUMN urban_community_count integer NOT NULL DEFAULT 0 CHECK (urban_community_count >= 0),
      ADD COLUMN rural_community_count integer NOT NULL DEFAULT 0 CHECK (rural_community_count >= 0),
      ADD COLUMN population_year integer CHECK (population_year BETWEEN 1949 AND 2200),
      ADD COLUMN population_source varchar(200),
      ADD COLUMN population_updated_at timestamptz,
      ADD COLUMN population_updated_by varchar(100),
      ADD CONSTRAINT regions_population_stated CHECK ((population IS NULL) = (population_year IS NULL) AND (population IS NULL) = (population_source IS NULL))`);

    await q.query(`
      CREATE TABLE station_communities (
        station_id     uuid NOT NULL REFERENCES stations (id),
        community_code varchar(12) NOT NULL REFERENCES communities (code),
        PRIMARY KEY (station_id, community_code)
      )`);
    // Coverage of a region: the served communities in a code range (all codes have 12 digits).
    await q.query(`CREATE INDEX station_communities_community_idx ON station_communities (community_code, station_id)`);

    // Monthly station summary (Asia/Shanghai months): stations registered (created_at) and closed
    // (closed_at) per station region and month, kept by a row trigger in the writer's transaction.
    await q.query(`
      CREATE TABLE station_month_changes (
        region_code varchar(12) NOT NULL,
        month       date NOT NULL,
        opened      integer NOT NULL DEFAULT 0,
        closed      integer NOT NULL DEFAULT 0,
        PRIMARY KEY (region_code, month)
      )`);
    await q.query(
      `CREATE INDEX station_month_changes_prefix_idx ON station_month_changes (region_code varchar_pattern_ops, month)`,
    );
    await q.query(`
      CREATE FUNCTION station_month_bump(r varchar, at timestamptz, d_open int, d_closed int) RETURNS void LANGUAGE sql AS $$
        INSERT INTO station_month_changes AS c (region_code, month, opened, closed)
        VALUES (r, date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date, d_open, d_closed)
        ON CONFLICT (region_code, month) DO UPDATE SET opened = c.opened + d_open, closed = c.closed + d_closed
      $$`);
    // A station counts from its creation month in its region; closing counts in the closing month.
    // A move (region change) is the old row undone and the new one applied.
    await q.query(`
      CREATE FUNCTION station_month_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM station_month_bump(OLD.region_code, OLD.created_at, -1, 0);
          IF OLD.status = 'CLOSED' THEN PERFORM station_month_bump(OLD.region_code, OLD.closed_at, 0, -1); END IF;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          PERFORM station_month_bump(NEW.region_code, NEW.created_at, 1, 0);
          IF NEW.status = 'CLOSED' THEN PERFORM station_month_bump(NEW.region_code, COALESCE(NEW.closed_at, NEW.updated_at), 0, 1); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER station_month_ins AFTER INSERT OR DELETE ON stations FOR EACH ROW EXECUTE FUNCTION station_month_apply()`,
    );
    await q.query(`CREATE TRIGGER station_month_upd AFTER UPDATE OF region_code, status, closed_at, created_at ON stations FOR EACH ROW
      WHEN (OLD.region_code IS DISTINCT FROM NEW.region_code OR OLD.status IS DISTINCT FROM NEW.status OR OLD.closed_at IS DISTINCT FROM NEW.closed_at OR OLD.created_at IS DISTINCT FROM NEW.created_at)
      EXECUTE FUNCTION station_month_apply()`);
    await q.query(BACKFILL_STATION_MONTH_CHANGES);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER station_month_upd ON stations`);
    await q.query(`DROP TRIGGER station_month_ins ON stations`);
    await q.query(`DROP FUNCTION station_month_apply()`);
    await q.query(`DROP FUNCTION station_month_bump(varchar, timestamptz, int, int)`);
    await q.query(`DROP TABLE station_month_changes`);
    await q.query(`DROP TABLE station_communities`);
    await q.query(`ALTER TABLE regions DROP CONSTRAINT regions_population_stated, DROP COLUMN urban_community_count, DROP COLUMN rural_community_count,
      DROP COLUMN population_year, DROP COLUMN population_source, DROP COLUMN population_updated_at, DROP COLUMN population_updated_by`);
    await q.query(`DROP TABLE communities`);
  }
}
