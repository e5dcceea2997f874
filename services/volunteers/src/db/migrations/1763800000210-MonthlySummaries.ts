import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly series of a region (issue 15) without scanning raw records per request:
 *  - volunteer_months: one row per (station, Asia/Shanghai month, volunteer) that joined the station
 *    in the month (memberships.joined_on) or has verified service there (service_records VERIFIED,
 *    by service_date); a region's month counts each volunteer once (count DISTINCT over these rows).
 *  - station_activity_months: activities not cancelled per (station, month of starts_at).
 * Kept exact by statement-level triggers with transition tables (like verified_hours_yearly, 208): each
 * statement applies the net change of the rows it added and removed, in the writer's transaction.
 * Rows whose counts fall to zero stay (they count for nothing). Writes with session_replication_role =
 * replica (the scale seed) skip triggers and must run the BACKFILL statements themselves.
 */
const MONTH_OF_DATE = (col: string) => `date_trunc('month', ${col})::date`;
const MONTH_OF_TS = (col: string) => `date_trunc('month', ${col} AT TIME ZONE 'Asia/Shanghai')::date`;

export const BACKFILL_VOLUNTEER_MONTHS = `
  INSERT INTO volunteer_months (station_id, month, volunteer_id, joined, records, hours)
  SELECT station_id, month, volunteer_id, sum(joined)::int, sum(records)::int, sum(hours) FROM (
    SELECT station_id, ${MONTH_OF_DATE('joined_on')} AS month, volunteer_id, 1 AS joined, 0 AS records, 0::numeric AS hours FROM memberships
    UNION ALL
    SELECT station_id, ${MONTH_OF_DATE('service_date')}, volunteer_id, 0, 1, hours FROM service_records WHERE status = 'VERIFIED'
  ) x GROUP BY 1, 2, 3
  ON CONFLICT (station_id, month, volunteer_id) DO UPDATE SET joined = EXCLUDED.joined, records = EXCLUDED.records, hours = EXCLUDED.hours`;

export const BACKFILL_STATION_ACTIVITY_MONTHS = `
  INSERT INTO station_activity_months (station_id, month, activities)
  SELECT station_id, ${MONTH_OF_TS('starts_at')}, count(*)::int FROM activities WHERE status <> 'CANCELLED' GROUP BY 1, 2
  ON CONFLICT (station_id, month) DO UPDATE SET activities = EXCLUDED.activities`;

/** Net change of one statement: `side(t, sign)` selects the contribution of transition table t. */
export function applyFn(
  name: string,
  target: string,
  key: string[],
  values: string[],
  side: (t: string, sign: string) => string,
  hasOld: boolean,
  hasNew: boolean,
) {
  const parts = [hasNew ? side('new_rows', '') : null, hasOld ? side('old_rows', '-') : null].filter(Boolean);
  const sums = values.map((v) => `sum(${v}) AS ${v}`).join(', ');
  return `
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ${target} AS t (${[...key, ...values].join(', ')})
      SELECT ${key.join(', ')}, ${sums} FROM (${parts.join(' UNION ALL ')}) d
       GROUP BY ${key.join(', ')} HAVING ${values.map((v) => `sum(${v}) <> 0`).join(' OR ')}
       ORDER BY ${key.join(', ')}
      ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${values.map((v) => `${v} = t.${v} + EXCLUDED.${v}`).join(', ')};
      RETURN NULL;
    END $$`;
}

export const membershipSide = (t: string, sign: string) =>
  `SELECT station_id, ${MONTH_OF_DATE('joined_on')} AS month, volunteer_id, ${sign}1 AS joined, 0 AS records, 0::numeric AS hours FROM ${t}`;
export const recordSide = (t: string, sign: string) =>
  `SELECT station_id, ${MONTH_OF_DATE('service_date')} AS month, volunteer_id, 0 AS joined, ${sign}1 AS records, ${sign}hours AS hours FROM ${t} WHERE status = 'VERIFIED'`;
const activitySide = (t: string, sign: string) =>
  `SELECT station_id, ${MONTH_OF_TS('starts_at')} AS month, ${sign}1 AS activities FROM ${t} WHERE status <> 'CANCELLED'`;

const SOURCES = [
  {
    table: 'memberships',
    prefix: 'vm_memberships',
    target: 'volunteer_months',
    key: ['station_id', 'month', 'volunteer_id'],
    values: ['joined', 'records', 'hours'],
    side: membershipSide,
  },
  {
    table: 'service_records',
    prefix: 'vm_records',
    target: 'volunteer_months',
    key: ['station_id', 'month', 'volunteer_id'],
    values: ['joined', 'records', 'hours'],
    side: recordSide,
  },
  {
    table: 'activities',
    prefix: 'sam_activities',
    target: 'station_activity_months',
    key: ['station_id', 'month'],
    values: ['activities'],
    side: activitySide,
  },
];

export class MonthlySummaries1763800000210 implements MigrationInterface {
  name = 'MonthlySummaries1763800000210';

  async up(q: QueryRunner): Promise<void> {
    // No write between the backfill's snapshot and the triggers taking over (held to commit).
    await q.query(`LOCK TABLE memberships, service_records, activities IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      CREATE TABLE volunteer_months (
        station_id   uuid NOT NULL,
        month        date NOT NULL,
        volunteer_id uuid NOT NULL,
        joined       integer NOT NULL DEFAULT 0,
        records      integer NOT NULL DEFAULT 0,
        hours        numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (station_id, month, volunteer_id) INCLUDE (joined, records, hours)
      )`);
    await q.query(`
      CREATE TABLE station_activity_months (
        station_id uuid NOT NULL,
        month      date NOT NULL,
        activities integer NOT NULL DEFAULT 0,
        PRIMARY KEY (station_id, month) INCLUDE (activities)
      )`);
    for (const s of SOURCES) {
      await q.query(applyFn(`${s.prefix}_ins`, s.target, s.key, s.values, s.side, false, true));
      await q.query(applyFn(`${s.prefix}_upd`, s.target, s.key, s.values, s.side, true, true));
      await q.query(applyFn(`${s.prefix}_del`, s.target, s.key, s.values, s.side, true, false));
      await q.query(
        `CREATE TRIGGER ${s.prefix}_ins AFTER INSERT ON ${s.table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s.prefix}_ins()`,
      );
      await q.query(
        `CREATE TRIGGER ${s.prefix}_upd AFTER UPDATE ON ${s.table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s.prefix}_upd()`,
      );
      await q.query(
        `CREATE TRIGGER ${s.prefix}_del AFTER DELETE ON ${s.table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s.prefix}_del()`,
      );
    }
    await q.query(BACKFILL_VOLUNTEER_MONTHS);
    await q.query(BACKFILL_STATION_ACTIVITY_MONTHS);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const s of SOURCES) {
      for (const op of ['ins', 'upd', 'del']) {
        await q.query(`DROP TRIGGER ${s.prefix}_${op} ON ${s.table}`);
        await q.query(`DROP FUNCTION ${s.prefix}_${op}()`);
      }
    }
    await q.query(`DROP TABLE station_activity_months`);
    await q.query(`DROP TABLE volunteer_months`);
  }
}
