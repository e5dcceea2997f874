import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The yearly statistics' source: verified hours per (station, volunteer, year), where year is the
 * Asia/Shanghai calendar year of service_date. Aggregating raw records on every dashboard request cost
 * ~200 ms for 100 stations of a 2 M-record city (bench/results/gateway-tax.md).
 *
 * Kept exact by statement-level triggers on service_records (transition tables): each statement adds
 * the VERIFIED rows it leaves and subtracts the VERIFIED rows it removed, as one set-based delta, in
 * the writer's transaction. That covers every write path — verify, reject, reversal, a moved or edited
 * record (station, volunteer, date, hours, status), deletes, bulk imports — without the application
 * knowing. Writes with session_replication_role = replica (the scale seed) skip triggers and must fill
 * the table with BACKFILL_VERIFIED_HOURS_YEARLY themselves.
 */
/** @public read by bench/seed (the scale seed writes with triggers off and fills the summary the same way). */
export const BACKFILL_VERIFIED_HOURS_YEARLY = `
  INSERT INTO verified_hours_yearly (station_id, volunteer_id, year, hours, records)
  SELECT station_id, volunteer_id, extract(year FROM service_date)::int, sum(hours), count(*)
    FROM service_records WHERE status = 'VERIFIED'
   GROUP BY 1, 2, 3`;

/** Net change per key from transition tables `sources` (new_rows counted +, old_rows −), zero nets dropped. */
const delta = (sources: string[]) => `
  SELECT station_id, volunteer_id, year, sum(hours) AS hours, sum(records)::int AS records
    FROM (${sources.join(' UNION ALL ')}) d
   GROUP BY 1, 2, 3 HAVING sum(records) <> 0 OR sum(hours) <> 0`;
const side = (table: 'new_rows' | 'old_rows') => `
  SELECT station_id, volunteer_id, extract(year FROM service_date)::int AS year,
         ${table === 'new_rows' ? '' : '-'}sum(hours) AS hours, ${table === 'new_rows' ? '' : '-'}count(*) AS records
    FROM ${table} WHERE status = 'VERIFIED' GROUP BY 1, 2, 3`;
// Rows in key order so concurrent writers lock summary rows in the same order (no deadlock between them).
const upsert = (sources: string[]) => `
  INSERT INTO verified_hours_yearly AS y (station_id, volunteer_id, year, hours, records)
  SELECT station_id, volunteer_id, year, hours, records FROM (${delta(sources)}) n ORDER BY station_id, year, volunteer_id
  ON CONFLICT (station_id, year, volunteer_id) DO UPDATE SET hours = y.hours + EXCLUDED.hours, records = y.records + EXCLUDED.records`;
// Only keys that lost a verified row can fall to zero records. Below zero means the summary missed
// records (written with triggers off and not backfilled): refuse rather than serve wrong statistics.
const dropEmpty = `
  WITH gone AS (
    DELETE FROM verified_hours_yearly y
     WHERE y.records <= 0
       AND (y.station_id, y.year, y.volunteer_id) IN (SELECT station_id, extract(year FROM service_date)::int, volunteer_id FROM old_rows WHERE status = 'VERIFIED')
    RETURNING y.station_id, y.year, y.volunteer_id, y.records)
  SELECT format('%s/%s/%s', station_id, year, volunteer_id) INTO broken FROM gone WHERE records < 0 LIMIT 1;
  IF broken IS NOT NULL THEN
    RAISE EXCEPTION 'verified_hours_yearly is missing verified service records of station/year/volunteer %', broken
      USING HINT = 'records were written with triggers disabled: refill it with BACKFILL_VERIFIED_HOURS_YEARLY';
  END IF`;

export class VerifiedHoursYearly1763800000208 implements MigrationInterface {
  name = 'VerifiedHoursYearly1763800000208';

  async up(q: QueryRunner): Promise<void> {
    // No record may be written between the backfill's snapshot and the triggers taking over (held to commit).
    await q.query(`LOCK TABLE service_records IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      CREATE TABLE verified_hours_yearly (
        station_id   uuid NOT NULL,
        year         integer NOT NULL,
        volunteer_id uuid NOT NULL,
        hours        numeric NOT NULL,
        records      integer NOT NULL,
        PRIMARY KEY (station_id, year, volunteer_id) INCLUDE (hours)
      )`);
    // Volunteer.verifiedHours(year) and star levels: one volunteer's years.
    await q.query(
      `CREATE INDEX verified_hours_yearly_volunteer_idx ON verified_hours_yearly (volunteer_id, year) INCLUDE (hours)`,
    );

    await q.query(`
      CREATE FUNCTION verified_hours_yearly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE broken text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${upsert([side('new_rows')])};
        ELSIF TG_OP = 'UPDATE' THEN
          ${upsert([side('new_rows'), side('old_rows')])};
          ${dropEmpty};
        ELSIF TG_OP = 'DELETE' THEN
          ${upsert([side('old_rows')])};
          ${dropEmpty};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE FUNCTION verified_hours_yearly_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN TRUNCATE verified_hours_yearly; RETURN NULL; END $$`,
    );
    // Transition tables allow one event per trigger.
    await q.query(
      `CREATE TRIGGER verified_hours_yearly_ins AFTER INSERT ON service_records REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION verified_hours_yearly_apply()`,
    );
    await q.query(
      `CREATE TRIGGER verified_hours_yearly_upd AFTER UPDATE ON service_records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION verified_hours_yearly_apply()`,
    );
    await q.query(
      `CREATE TRIGGER verified_hours_yearly_del AFTER DELETE ON service_records REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION verified_hours_yearly_apply()`,
    );
    await q.query(
      `CREATE TRIGGER verified_hours_yearly_trunc AFTER TRUNCATE ON service_records FOR EACH STATEMENT EXECUTE FUNCTION verified_hours_yearly_truncate()`,
    );

    // Existing records, one set-based statement (30 M records on the province benchmark).
    await q.query(BACKFILL_VERIFIED_HOURS_YEARLY);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER verified_hours_yearly_trunc ON service_records`);
    await q.query(`DROP TRIGGER verified_hours_yearly_del ON service_records`);
    await q.query(`DROP TRIGGER verified_hours_yearly_upd ON service_records`);
    await q.query(`DROP TRIGGER verified_hours_yearly_ins ON service_records`);
    await q.query(`DROP FUNCTION verified_hours_yearly_truncate()`);
    await q.query(`DROP FUNCTION verified_hours_yearly_apply()`);
    await q.query(`DROP TABLE verified_hours_yearly`);
  }
}
