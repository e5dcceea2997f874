import { REGION_ANCESTORS_FUNCTION } from '@leifeng/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applyFn, membershipSide, recordSide } from './1763800000210-MonthlySummaries';

/**
 * Per-region figures of issue 15 kept up to date, so a province-level request reads one row per region
 * and month instead of counting distinct volunteers over millions of summary rows (9.4 s p50 before):
 *  - region_months (region, month): volunteers joined, volunteers active (distinct per region), verified
 *    hours, activities — for every ancestor of a station's region (province, city, county, township);
 *  - region_members (region): distinct volunteers with a current membership at a not-closed station.
 * Exact under any write: statement-level triggers compute, for the volunteers a statement touched, the
 * set of regions each counts in before and after the statement and apply the difference. The sources
 * are volunteer_months / station_activity_months (migration 210), memberships and the station replica
 * (a station that moves or closes). Volunteers are locked (advisory, by bucket, in order) so two writers
 * touching one volunteer see each other's rows. Writes with triggers off (the scale seed) run the BACKFILLs.
 */
export const BACKFILL_REGION_MONTHS = `
  INSERT INTO region_months (region_code, month, joined, active, hours, activities)
  SELECT code, month, sum(joined)::int, sum(active)::int, sum(hours), sum(activities)::int FROM (
    SELECT r.code, v.month, count(DISTINCT v.volunteer_id) FILTER (WHERE v.joined > 0) AS joined,
           count(DISTINCT v.volunteer_id) FILTER (WHERE v.records > 0) AS active, sum(v.hours) AS hours, 0 AS activities
      FROM volunteer_months v JOIN station_ref s ON s.id = v.station_id, unnest(region_ancestors(s.region_code)) r(code)
     GROUP BY 1, 2
    UNION ALL
    SELECT r.code, a.month, 0, 0, 0, sum(a.activities)
      FROM station_activity_months a JOIN station_ref s ON s.id = a.station_id, unnest(region_ancestors(s.region_code)) r(code)
     GROUP BY 1, 2
  ) x GROUP BY 1, 2`;

export const BACKFILL_REGION_MEMBERS = `
  INSERT INTO region_members (region_code, registered)
  SELECT r.code, count(DISTINCT m.volunteer_id)::int
    FROM memberships m JOIN station_ref s ON s.id = m.station_id AND s.status <> 'CLOSED', unnest(region_ancestors(s.region_code)) r(code)
   WHERE m.left_on IS NULL GROUP BY 1`;

// Volunteers are locked by one of 256 buckets, in order: a bulk statement holds at most 256 advisory locks
// (Postgres' shared lock table is small), two writers of one volunteer still serialise.
const lockBuckets = (vols: string) =>
  `PERFORM pg_advisory_xact_lock(211, b) FROM (SELECT DISTINCT hashtext(volunteer_id::text) & 255 AS b FROM ${vols} ORDER BY 1) l`;
const lockVolunteers = (vols: string) => lockBuckets(`(SELECT volunteer_id FROM ${vols}) v`);

/** (region, month, volunteer) flags of summary rows `vm` over stations `st`, signed. */
const vmFlags = (vm: string, st: string, sign: string) => `
  SELECT r.code, x.month, ${sign}(bool_or(x.joined > 0))::int AS joined, ${sign}(bool_or(x.records > 0))::int AS active,
         ${sign}sum(x.hours) AS hours
    FROM ${vm} x JOIN ${st} s ON s.id = x.station_id, unnest(region_ancestors(s.region_code)) r(code)
   GROUP BY r.code, x.month, x.volunteer_id`;

const applyMonths = (flags: string) => `
  INSERT INTO region_months AS t (region_code, month, joined, active, hours)
  SELECT code, month, sum(joined), sum(active), sum(hours) FROM (${flags}) d
   GROUP BY 1, 2 HAVING sum(joined) <> 0 OR sum(active) <> 0 OR sum(hours) <> 0 ORDER BY 1, 2
  ON CONFLICT (region_code, month) DO UPDATE
    SET joined = t.joined + EXCLUDED.joined, active = t.active + EXCLUDED.active, hours = t.hours + EXCLUDED.hours`;

/** (region, volunteer) pairs of current memberships `ms` at not-closed stations `st`, signed. */
const memberFlags = (ms: string, st: string, sign: string) => `
  SELECT DISTINCT r.code, m.volunteer_id, ${sign}1 AS n
    FROM ${ms} m JOIN ${st} s ON s.id = m.station_id AND s.status <> 'CLOSED', unnest(region_ancestors(s.region_code)) r(code)
   WHERE m.left_on IS NULL`;

const applyMembers = (flags: string) => `
  INSERT INTO region_members AS t (region_code, registered)
  SELECT code, sum(n) FROM (${flags}) d GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1
  ON CONFLICT (region_code) DO UPDATE SET registered = t.registered + EXCLUDED.registered`;

const fn = (name: string, body: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${body};
    RETURN NULL;
  END $$`;

type Op = 'ins' | 'upd' | 'del';
const tt = (op: Op) => ({ hasNew: op !== 'del', hasOld: op !== 'ins' });
const union = (parts: (string | false)[]) => parts.filter(Boolean).join(' UNION ');
const unionAll = (parts: (string | false)[]) => parts.filter(Boolean).join(' UNION ALL ');

/**
 * Replaces migration 210's volunteer_months writers (memberships and service_records triggers): one
 * statement reads the touched (volunteer, month) pairs before the upsert, upserts, and applies the
 * region difference between the rows before and after (separate triggers on volunteer_months would
 * see an upsert's inserted and updated rows apart and miscount a volunteer active at two stations).
 */
function volunteerMonthsWriter(name: string, side: (t: string, sign: string) => string, op: Op) {
  const { hasNew, hasOld } = tt(op);
  const parts = unionAll([hasNew && side('new_rows', ''), hasOld && side('old_rows', '-')]);
  const key = 'station_id, month, volunteer_id';
  return `
    CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${lockVolunteers(`(${parts}) d`)};
      WITH d AS (
        SELECT ${key}, sum(joined) AS joined, sum(records) AS records, sum(hours) AS hours FROM (${parts}) x
         GROUP BY 1, 2, 3 HAVING sum(joined) <> 0 OR sum(records) <> 0 OR sum(hours) <> 0),
      pre AS (
        SELECT v.${key.split(', ').join(', v.')}, v.joined, v.records, v.hours
          FROM volunteer_months v JOIN (SELECT DISTINCT volunteer_id, month FROM d) k USING (volunteer_id, month)),
      up AS (
        INSERT INTO volunteer_months AS t (${key}, joined, records, hours)
        SELECT ${key}, joined, records, hours FROM d ORDER BY ${key}
        ON CONFLICT (${key}) DO UPDATE
          SET joined = t.joined + EXCLUDED.joined, records = t.records + EXCLUDED.records, hours = t.hours + EXCLUDED.hours
        RETURNING t.station_id, t.month, t.volunteer_id, t.joined, t.records, t.hours),
      post AS (
        SELECT p.* FROM pre p
         WHERE NOT EXISTS (SELECT 1 FROM up u WHERE u.station_id = p.station_id AND u.month = p.month AND u.volunteer_id = p.volunteer_id)
        UNION ALL SELECT * FROM up)
      ${applyMonths(`${vmFlags('post', 'station_ref', '')} UNION ALL ${vmFlags('pre', 'station_ref', '-')}`)};
      RETURN NULL;
    END $$`;
}

const WRITERS = [
  { prefix: 'vm_memberships', side: membershipSide },
  { prefix: 'vm_records', side: recordSide },
];

/** station_activity_months changed: plain sums to every ancestor. */
function onActivityMonths(op: Op) {
  const { hasNew, hasOld } = tt(op);
  const d = unionAll([
    hasNew && 'SELECT station_id, month, activities FROM new_rows',
    hasOld && 'SELECT station_id, month, -activities FROM old_rows',
  ]);
  return `
    INSERT INTO region_months AS t (region_code, month, activities)
    SELECT r.code, d.month, sum(d.activities) FROM (${d}) d JOIN station_ref s ON s.id = d.station_id, unnest(region_ancestors(s.region_code)) r(code)
     GROUP BY 1, 2 HAVING sum(d.activities) <> 0 ORDER BY 1, 2
    ON CONFLICT (region_code, month) DO UPDATE SET activities = t.activities + EXCLUDED.activities`;
}

/** memberships changed: the touched volunteers' regions before and after. */
function onMemberships(op: Op) {
  const { hasNew, hasOld } = tt(op);
  const vols = union([hasNew && 'SELECT volunteer_id FROM new_rows', hasOld && 'SELECT volunteer_id FROM old_rows']);
  const after = `(SELECT m.* FROM memberships m WHERE m.volunteer_id IN (${vols}))`;
  const before = `(${unionAll([
    `SELECT a.* FROM ${after} a${hasNew ? ' WHERE a.id NOT IN (SELECT id FROM new_rows)' : ''}`,
    hasOld && 'SELECT * FROM old_rows',
  ])})`;
  return [
    lockVolunteers(`(${vols}) k`),
    applyMembers(`${memberFlags(after, 'station_ref', '')} UNION ALL ${memberFlags(before, 'station_ref', '-')}`),
  ].join(';\n');
}

/** A station replica inserted, moved, closed/reopened or deleted: its volunteers' figures before and after. */
function onStationRef(op: Op) {
  const { hasNew, hasOld } = tt(op);
  const moved =
    op === 'upd'
      ? `SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.region_code IS DISTINCT FROM o.region_code OR n.status IS DISTINCT FROM o.status`
      : `SELECT id FROM ${hasNew ? 'new_rows' : 'old_rows'}`;
  const stBefore = `(${unionAll([
    `SELECT s.* FROM station_ref s${hasNew ? ' WHERE s.id NOT IN (SELECT id FROM new_rows)' : ''}`,
    hasOld && 'SELECT * FROM old_rows',
  ])})`;
  const pairs = `(SELECT DISTINCT v.volunteer_id, v.month FROM volunteer_months v WHERE v.station_id IN (${moved}))`;
  const vm = `(SELECT v.* FROM volunteer_months v JOIN ${pairs} k USING (volunteer_id, month))`;
  const vols = `(SELECT DISTINCT m.volunteer_id FROM memberships m WHERE m.station_id IN (${moved}) AND m.left_on IS NULL)`;
  const ms = `(SELECT m.* FROM memberships m WHERE m.volunteer_id IN ${vols})`;
  const activities = (st: string, sign: string) => `
    SELECT r.code, a.month, ${sign}a.activities AS activities
      FROM station_activity_months a JOIN ${st} s ON s.id = a.station_id, unnest(region_ancestors(s.region_code)) r(code)
     WHERE a.station_id IN (${moved})`;
  return [
    lockBuckets(`(SELECT volunteer_id FROM ${pairs} p UNION SELECT volunteer_id FROM ${vols} q) v`),
    applyMonths(`${vmFlags(vm, 'station_ref', '')} UNION ALL ${vmFlags(vm, stBefore, '-')}`),
    `INSERT INTO region_months AS t (region_code, month, activities)
     SELECT code, month, sum(activities) FROM (${activities('station_ref', '')} UNION ALL ${activities(stBefore, '-')}) d
      GROUP BY 1, 2 HAVING sum(activities) <> 0 ORDER BY 1, 2
     ON CONFLICT (region_code, month) DO UPDATE SET activities = t.activities + EXCLUDED.activities`,
    applyMembers(`${memberFlags(ms, 'station_ref', '')} UNION ALL ${memberFlags(ms, stBefore, '-')}`),
  ].join(';\n');
}

const SOURCES: { table: string; prefix: string; body: (op: Op) => string }[] = [
  {
    table: 'station_activity_months',
    prefix: 'rm_sam',
    body: onActivityMonths,
  },
  { table: 'memberships', prefix: 'rm_ms', body: onMemberships },
  { table: 'station_ref', prefix: 'rm_st', body: onStationRef },
];
const OPS: Op[] = ['ins', 'upd', 'del'];
const EVENT = { ins: 'INSERT', upd: 'UPDATE', del: 'DELETE' };
const REFS = {
  ins: 'NEW TABLE AS new_rows',
  upd: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
  del: 'OLD TABLE AS old_rows',
};

export class RegionSummaries1763800000211 implements MigrationInterface {
  name = 'RegionSummaries1763800000211';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `LOCK TABLE volunteer_months, station_activity_months, memberships, service_records, station_ref IN SHARE ROW EXCLUSIVE MODE`,
    );
    await q.query(REGION_ANCESTORS_FUNCTION);
    await q.query(`
      CREATE TABLE region_months (
        region_code varchar(12) NOT NULL,
        month       date NOT NULL,
        joined      integer NOT NULL DEFAULT 0,
        active      integer NOT NULL DEFAULT 0,
        hours       numeric NOT NULL DEFAULT 0,
        activities  integer NOT NULL DEFAULT 0,
        PRIMARY KEY (region_code, month) INCLUDE (joined, active, hours, activities)
      )`);
    await q.query(`
      CREATE TABLE region_members (
        region_code varchar(12) PRIMARY KEY,
        registered  integer NOT NULL DEFAULT 0
      )`);
    // The triggers look up a volunteer's rows of a month and a station's rows.
    await q.query(`CREATE INDEX volunteer_months_volunteer_idx ON volunteer_months (volunteer_id, month)`);
    await q.query(`CREATE INDEX memberships_volunteer_current_idx ON memberships (volunteer_id) WHERE left_on IS NULL`);
    for (const s of SOURCES) {
      for (const op of OPS) {
        await q.query(fn(`${s.prefix}_${op}`, s.body(op)));
        await q.query(
          `CREATE TRIGGER ${s.prefix}_${op} AFTER ${EVENT[op]} ON ${s.table} REFERENCING ${REFS[op]} FOR EACH STATEMENT EXECUTE FUNCTION ${s.prefix}_${op}()`,
        );
      }
    }
    for (const w of WRITERS)
      for (const op of OPS) await q.query(volunteerMonthsWriter(`${w.prefix}_${op}`, w.side, op));
    await q.query(BACKFILL_REGION_MONTHS);
    await q.query(BACKFILL_REGION_MEMBERS);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const w of WRITERS) {
      for (const op of OPS) {
        const { hasNew, hasOld } = tt(op);
        const key = ['station_id', 'month', 'volunteer_id'];
        await q.query(
          applyFn(
            `${w.prefix}_${op}`,
            'volunteer_months',
            key,
            ['joined', 'records', 'hours'],
            w.side,
            hasOld,
            hasNew,
          ).replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'),
        );
      }
    }
    for (const s of SOURCES) {
      for (const op of OPS) {
        await q.query(`DROP TRIGGER ${s.prefix}_${op} ON ${s.table}`);
        await q.query(`DROP FUNCTION ${s.prefix}_${op}()`);
      }
    }
    await q.query(`DROP INDEX memberships_volunteer_current_idx`);
    await q.query(`DROP INDEX volunteer_months_volunteer_idx`);
    await q.query(`DROP TABLE region_members`);
    await q.query(`DROP TABLE region_months`);
    await q.query(`DROP FUNCTION region_ancestors(text)`);
  }
}
