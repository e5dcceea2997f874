// volunteers: people (PII encrypted with the kit's helpers), memberships, activities, service records.
import { createRequire } from 'node:module';
import {
  ACTIVITY_TITLES,
  chunked,
  GIVEN,
  jsRandom,
  pick,
  sqlArray,
  sqlHash,
  sqlUuid,
  SURNAMES,
  withSecondaryIndexesDeferred,
} from './lib.mjs';

const require = createRequire(import.meta.url);
const kit = require('../../packages/kit/dist/pii-crypto.js');
// The migration's own backfill statement: the seed writes with triggers off, so it fills the summary the same way.
const {
  BACKFILL_VERIFIED_HOURS_YEARLY,
} = require('../../services/volunteers/dist/db/migrations/1763800000208-VerifiedHoursYearly.js');
const {
  BACKFILL_VOLUNTEER_MONTHS,
  BACKFILL_STATION_ACTIVITY_MONTHS,
} = require('../../services/volunteers/dist/db/migrations/1763800000210-MonthlySummaries.js');
const {
  BACKFILL_REGION_MONTHS,
  BACKFILL_REGION_MEMBERS,
} = require('../../services/volunteers/dist/db/migrations/1763800000211-RegionSummaries.js');
const KEYS = {
  enc: Buffer.from(kit.DEV_PII_ENCRYPTION_KEY, 'base64'),
  hash: Buffer.from(kit.DEV_PII_HASH_KEY, 'base64'),
};
const SKILLS = ['急救', '心理咨询', '法律咨询', '理发', '家电维修', '驾驶', '外语', '书法', '摄影', '电脑'];
const DAY = 86400000;
const REG_FROM = Date.UTC(2016, 0, 1);
const REG_SPAN_DAYS = 3257; // 2016-01-01 … 2024-12-01: everyone is registered before the records begin

/** GB 11643: 17 digits + ISO 7064 MOD 11-2 check character. */
function residentId(region6, birth8, seq3) {
  const body = `${region6}${birth8}${seq3}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * weights[i];
  return body + '10X98765432'[sum % 11];
}

/** Volunteer i, deterministic from (seed, i); unique phone (a bijection of i) and ID (birth day × sequence). */
function person(seed, i, counties) {
  const r = (salt) => jsRandom(seed, i, salt);
  const birth = new Date(Date.UTC(1955, 0, 1) + (i % 18000) * DAY); // 1955 … 2004
  const seq = Math.floor(i / 18000) % 1000;
  const gender = seq % 2 === 1 ? 'MALE' : 'FEMALE';
  const birth8 = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const idNumber = residentId(pick(counties, r(1)), birth8, String(seq).padStart(3, '0'));
  const phone = `1${pick(['3', '5', '7', '8', '9'], r(2))}${String((i * 7919 + 12345) % 1e9).padStart(9, '0')}`;
  // Phone uniqueness: the 9-digit tail is a bijection of i (7919 is coprime with 10⁹); the second digit may differ, that is fine.
  const registered = new Date(REG_FROM + Math.floor(r(3) * REG_SPAN_DAYS) * DAY).toISOString().slice(0, 10);
  const skills = SKILLS.filter((_, k) => r(10 + k) < 0.15);
  return {
    name: pick(SURNAMES, r(4)) + pick(GIVEN, r(5)),
    gender,
    birth: birth.toISOString().slice(0, 10),
    phoneEnc: kit.encryptPii(phone, KEYS.enc, 'volunteers.phone'),
    phoneHash: kit.piiLookupHash(phone, KEYS.hash, 'volunteers.phone'),
    idEnc: kit.encryptPii(idNumber, KEYS.enc, 'volunteers.idNumber'),
    idHash: kit.piiLookupHash(idNumber, KEYS.hash, 'volunteers.idNumber'),
    political: r(6) < 0.18 ? 'CPC_MEMBER' : r(6) < 0.4 ? 'CYL_MEMBER' : 'OTHER',
    skills: `{${skills.join(',')}}`,
    registered,
  };
}

export async function seedVolunteers(client, progress, { seed, volunteers, counties }) {
  progress.start('volunteers.volunteers (AES-GCM PII)', volunteers);
  const BATCH = 5000;
  for (let lo = 0; lo < volunteers; lo += BATCH) {
    const hi = Math.min(volunteers, lo + BATCH);
    const cols = {
      idx: [],
      name: [],
      gender: [],
      birth: [],
      phoneEnc: [],
      phoneHash: [],
      idEnc: [],
      idHash: [],
      political: [],
      skills: [],
      registered: [],
    };
    for (let i = lo; i < hi; i++) {
      const p = person(seed, i, counties);
      cols.idx.push(i);
      for (const k of Object.keys(p)) cols[k].push(p[k]);
    }
    await client.query(
      `INSERT INTO volunteers (id, name, gender, birth_date, phone_enc, phone_hash, id_number_enc, id_number_hash, political_status, skills, registered_on, registered_by, created_at)
       SELECT ${sqlUuid(seed, 'v', 'u.i')}, u.name, u.gender, u.birth, u.pe, u.ph, u.ie, u.ih, u.pol, u.sk::text[], u.reg, 'seed:scale', u.reg::timestamptz
         FROM unnest($1::int[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::date[])
              AS u(i, name, gender, birth, pe, ph, ie, ih, pol, sk, reg)`,
      [
        cols.idx,
        cols.name,
        cols.gender,
        cols.birth,
        cols.phoneEnc,
        cols.phoneHash,
        cols.idEnc,
        cols.idHash,
        cols.political,
        cols.skills,
        cols.registered,
      ],
    );
    progress.add(hi - lo);
  }
  return progress.finish();
}

/**
 * Volunteer i is a current member of station i mod S: i < S leads it, S ≤ i < 2S is its full-time staff,
 * the rest volunteer. One in twenty also left another station before joining.
 */
export async function seedMemberships(client, progress, { seed, volunteers, stations }) {
  const h = sqlHash(seed, 200);
  const sql = `
    INSERT INTO memberships (volunteer_id, station_id, role, joined_on, left_on, added_by, left_by, created_at)
    SELECT v.id, ${sqlUuid(seed, 's', `CASE WHEN f THEN (i + 1) % $3 ELSE i % $3 END`)},
           CASE WHEN f THEN 'VOLUNTEER' WHEN i < $3 THEN 'LEADER' WHEN i < 2 * $3 THEN 'STAFF' ELSE 'VOLUNTEER' END,
           CASE WHEN f THEN v.registered_on ELSE v.registered_on + 31 END,
           CASE WHEN f THEN v.registered_on + 30 END, 'seed:scale', CASE WHEN f THEN 'seed:scale' END, v.registered_on::timestamptz
      FROM generate_series($1::int, $2::int - 1) i
      JOIN volunteers v ON v.id = ${sqlUuid(seed, 'v', 'i')}
      CROSS JOIN LATERAL (VALUES (false, true), (true, ${h('i')} % 20 = 7 AND $3 > 1)) AS x(f, keep)
     WHERE keep`;
  return chunked(client, progress, 'volunteers.memberships', volunteers, 50000, sql, [stations]);
}

/** 1–2 activities in ~80 % of the months Jan 2025 … Nov 2026 per station (some planned ahead, 3 % cancelled). */
export async function seedActivities(client, progress, { seed, stations }) {
  await client.query(`CREATE FUNCTION pg_temp.sign_code(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', 1 + ((n / (31::bigint ^ k)::bigint) % 31)::int, 1), '' ORDER BY k)
      FROM generate_series(0, 5) k $$`);
  const h = sqlHash(seed, 300);
  const key = `(g::int8 * 64 + m * 2 + k)`;
  const sql = `
    INSERT INTO activities (station_id, title, category, starts_at, ends_at, place, description, capacity, sign_in_code, status, created_by, created_at)
    SELECT ${sqlUuid(seed, 's', 'g')}, ${sqlArray(ACTIVITY_TITLES)}[1 + ${h(key)} % ${ACTIVITY_TITLES.length}],
           (ARRAY['CENTRAL_WORK','KEY_YOUTH','VULNERABLE_GROUPS','PUBLIC_AFFAIRS'])[1 + ${h(`${key} + 1`)} % 4],
           t.starts, t.starts + (1 + ${h(`${key} + 2`)} % 3) * INTERVAL '1 hour', '站点活动室', '志愿服务活动', 10 + ${h(`${key} + 3`)} % 40,
           pg_temp.sign_code(${key}), CASE WHEN ${h(`${key} + 4`)} % 100 < 3 THEN 'CANCELLED' ELSE 'PLANNED' END, 'seed:scale', t.starts - INTERVAL '7 days'
      FROM generate_series($1::int, $2::int - 1) g
      CROSS JOIN generate_series(0, 22) m
      CROSS JOIN generate_series(0, 1) k
      CROSS JOIN LATERAL (SELECT make_timestamptz(2025 + m / 12, 1 + m % 12, 1 + (${h(`${key} + 5`)} % 27)::int, 9 + (${h(`${key} + 6`)} % 8)::int, 0, 0, 'Asia/Shanghai') AS starts) t
     WHERE ${h(`g::int8 * 64 + m`)} % 10 < 8 AND (k = 0 OR ${h(`${key} + 7`)} % 2 = 0)`;
  const res = await chunked(client, progress, 'volunteers.activities', stations, 2000, sql);
  return res;
}

/**
 * Record k belongs to volunteer v = k mod V (its j = k div V-th), at v's current station, on its own day
 * (day = (37v + 97j) mod 691 from 2024-12-30: distinct for j < 691, so no overlaps, ≤ 24 h a day),
 * 1–4.5 hours from 08:00–17:00; 92 % verified, 5 % pending, 3 % rejected.
 */
export async function seedServiceRecords(client, progress, { seed, volunteers, stations, records }) {
  const h = sqlHash(seed, 400);
  const sql = `
    INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, recipient, content, started_at, ended_at, hours,
                                 quality, activity_leader, recorder, status, recorded_by, recorded_at, decided_by, decided_at, reject_reason)
    SELECT ${sqlUuid(seed, 'v', 'x.v')}, ${sqlUuid(seed, 's', 'x.v % $4')}, x.title, x.day, '站点活动室', '社区居民', x.title || '：志愿服务',
           x.starts, x.starts + x.hours * INTERVAL '1 hour', x.hours,
           CASE WHEN x.status = 'PENDING' THEN NULL ELSE (ARRAY['EXCELLENT','GOOD','GOOD','GOOD','FAIR','POOR'])[1 + ${h('k + 1')} % 6] END,
           '站长', '记录员', x.status, 'seed:scale', x.starts + x.hours * INTERVAL '1 hour',
           CASE WHEN x.status <> 'PENDING' THEN 'seed:scale' END, CASE WHEN x.status <> 'PENDING' THEN x.starts + INTERVAL '1 day' END,
           CASE WHEN x.status = 'REJECTED' THEN '记录与活动签到不符' END
      FROM generate_series($1::int8, $2::int8 - 1) k
      CROSS JOIN LATERAL (SELECT k % $3 AS v, k / $3 AS j) vj
      CROSS JOIN LATERAL (
        SELECT vj.v, DATE '2024-12-30' + ((37 * vj.v + 97 * vj.j) % 691)::int AS day,
               ${sqlArray(ACTIVITY_TITLES)}[1 + ${h('k')} % ${ACTIVITY_TITLES.length}] AS title,
               (1 + ${h('k + 2')} % 8) / 2.0 + 0.5 AS hours,
               CASE WHEN ${h('k + 3')} % 100 < 92 THEN 'VERIFIED' WHEN ${h('k + 3')} % 100 < 97 THEN 'PENDING' ELSE 'REJECTED' END AS status,
               (DATE '2024-12-30' + ((37 * vj.v + 97 * vj.j) % 691)::int + (8 + ${h('k + 4')} % 10) * INTERVAL '1 hour') AT TIME ZONE 'Asia/Shanghai' AS starts
      ) x`;
  const res = await withSecondaryIndexesDeferred(client, progress, 'service_records', () =>
    chunked(client, progress, 'volunteers.service_records', records, 100000, sql, [volunteers, stations]),
  );
  await fillVerifiedHoursYearly(client, progress);
  return res;
}

/**
 * verified_hours_yearly from the records, set-based. The bulk load runs with session_replication_role =
 * replica, so the triggers that keep the summary did not fire; TRUNCATE first because --reset does not
 * empty it (its TRUNCATE … CASCADE of service_records fires no trigger either).
 */
export async function fillVerifiedHoursYearly(client, progress) {
  // The backfills are GROUP BYs (and count DISTINCTs) over every record: with the session's 64 MB they spill to disk
  // in many passes; one bulk session can afford a few GB for them.
  await client.query(`SET work_mem = '2GB'`);
  await client.query('TRUNCATE verified_hours_yearly');
  await backfill(client, progress, 'verified_hours_yearly', BACKFILL_VERIFIED_HOURS_YEARLY);
  // The monthly summaries of issue 15 (migration 1763800000210), filled the same way.
  await client.query('TRUNCATE volunteer_months, station_activity_months');
  await backfill(client, progress, 'volunteer_months', BACKFILL_VOLUNTEER_MONTHS);
  await backfill(client, progress, 'station_activity_months', BACKFILL_STATION_ACTIVITY_MONTHS);
  // The per-region summaries read by the province-level query (migration 1763800000211).
  await client.query('TRUNCATE region_months, region_members');
  await backfill(client, progress, 'region_months', BACKFILL_REGION_MONTHS);
  await backfill(client, progress, 'region_members', BACKFILL_REGION_MEMBERS);
  await client.query(`SET work_mem = '64MB'`);
}

/** One summary's backfill statement, with the table's secondary indexes built after it. */
async function backfill(client, progress, table, statement) {
  return withSecondaryIndexesDeferred(client, progress, table, async () => {
    progress.start(`volunteers.${table}`, 1);
    const inserted = await client.query(statement);
    progress.add(inserted.rowCount, 1);
    return progress.finish();
  });
}

/**
 * End-of-run checks (count must be 0, like seed-scale's ORPHANS): the summary equals a from-scratch
 * GROUP BY of the verified records, written independently of the backfill statement.
 */
export const VOLUNTEERS_SUMMARY_CHECKS = [
  `SELECT count(*) FROM (SELECT station_id, volunteer_id, extract(year FROM service_date)::int AS year, sum(hours) AS hours, count(*)::int AS records
                           FROM service_records WHERE status = 'VERIFIED' GROUP BY 1, 2, 3) r
     FULL JOIN verified_hours_yearly y USING (station_id, volunteer_id, year)
    WHERE r.hours IS DISTINCT FROM y.hours OR r.records IS DISTINCT FROM y.records`,
];
