import type { Client } from 'pg';
import { DEV_PII_ENCRYPTION_KEY, DEV_PII_HASH_KEY } from '@leifeng/kit';
import { LeaderPhoneCipher } from '../../services/stations/src/domain/leader-phone';

const leaderPhones = new LeaderPhoneCipher({
  encryptionKey: Buffer.from(DEV_PII_ENCRYPTION_KEY, 'base64'),
  hashKey: Buffer.from(DEV_PII_HASH_KEY, 'base64'),
});

/**
 * A city's worth of dashboard facts in four databases, set-based (INSERT … SELECT generate_series):
 * `n` stations over 株洲市's counties; in volunteers the replica, 4 members each (1 leader), verified
 * records and activities of 2026; in accreditation the replica, a cycle and a CITY or COUNTY title for
 * every other station (both for some); in notifications the replica and 3 announcements per station.
 */
export async function seedDashboardFixture(
  db: Record<'stations' | 'volunteers' | 'accreditation' | 'notifications', Client>,
  n: number,
): Promise<void> {
  const { rows: counties } = await db.stations.query(
    `SELECT code FROM regions WHERE parent_code = '430200' ORDER BY code`,
  );
  const codes = counties.map((r) => r.code as string);
  const { rows } = await db.stations.query(
    `INSERT INTO stations (name, category, host_unit, region_code, address, leader_name, leader_phone_enc, unit_headcount, established_on, opening_hours)
     SELECT '株洲批量学雷锋志愿服务站' || g, 'COMMUNITY', '社区居委会' || g, ($2::text[])[1 + g % cardinality($2::text[])],
            '株洲市某路 ' || g || ' 号', '李站长', $3, 20, DATE '2020-01-01',
            '[{"weekday":"MONDAY","opens":"09:00","closes":"17:00"}]'::jsonb
       FROM generate_series(1, $1::int) g
     RETURNING id, name, region_code`,
    [n, codes, leaderPhones.seal('13800000001')],
  );
  // Issue 15: each station serves a community of its county (the k-th station of a county its k-th
  // community, while the county has any), and officers' population figures for Hunan's cities and counties.
  await db.stations.query(
    `INSERT INTO station_communities (station_id, community_code)
     SELECT s.id, c.code
       FROM (SELECT id, region_code, row_number() OVER (PARTITION BY region_code ORDER BY id) AS rn FROM stations) s
       JOIN (SELECT code, left(code, 6) AS county, row_number() OVER (PARTITION BY left(code, 6) ORDER BY code) AS rn FROM communities WHERE code LIKE '4302%') c
         ON c.county = s.region_code AND c.rn = s.rn`,
  );
  await db.stations.query(
    `UPDATE regions SET population = 100000, population_year = 2020, population_source = '第七次全国人口普查'
      WHERE code LIKE '43%' AND level IN ('CITY', 'COUNTY', 'TOWNSHIP')`,
  );
  const ids = rows.map((r) => r.id as string);
  const names = rows.map((r) => r.name as string);
  const regions = rows.map((r) => r.region_code as string);
  const stationsArg = [ids, names, regions];

  await db.volunteers.query(
    `INSERT INTO station_ref (id, name, region_code, status, unit_headcount, opening_hours, source_event_at)
     SELECT id, name, region_code, 'ACTIVE', 20, '[]', now() FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, name, region_code)`,
    stationsArg,
  );
  await db.volunteers.query(
    `INSERT INTO volunteers (name, gender, birth_date, phone_enc, phone_hash, id_number_enc, id_number_hash, political_status, registered_on, registered_by)
     SELECT '志愿者' || g, CASE WHEN g % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END, DATE '1990-01-01', 'v1.x.x.x', lpad(g::text, 64, 'a'),
            'v1.x.x.x', lpad(g::text, 64, 'b'), 'OTHER', DATE '2025-01-01', 'fixture'
       FROM generate_series(1, $1::int * 4) g`,
    [n],
  );
  await db.volunteers.query(
    `INSERT INTO memberships (volunteer_id, station_id, role, joined_on, added_by)
     SELECT v.id, s.id, CASE WHEN v.rn % 4 = 0 THEN 'LEADER' ELSE 'VOLUNTEER' END, DATE '2025-01-01', 'fixture'
       FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM volunteers) v
       JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM station_ref) s ON s.rn = v.rn / 4`,
  );
  await db.volunteers.query(
    `INSERT INTO activities (station_id, title, category, starts_at, ends_at, place, sign_in_code, created_by)
     SELECT s.id, '社区服务活动', 'VULNERABLE_GROUPS', make_timestamptz(2026, m, 10, 9, 0, 0, 'Asia/Shanghai'),
            make_timestamptz(2026, m, 10, 12, 0, 0, 'Asia/Shanghai'), '社区广场', 'F' || lpad((row_number() OVER ())::text, 7, '0'), 'fixture'
       FROM station_ref s CROSS JOIN generate_series(1, 3) m`,
  );
  await db.volunteers.query(
    `INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours,
                                  quality, recorder, status, recorded_by, decided_by, decided_at)
     SELECT m.volunteer_id, m.station_id, '社区服务活动', DATE '2026-01-01' + mo * 30, '社区广场', '助老服务',
            TIMESTAMPTZ '2026-01-01 09:00+08' + mo * INTERVAL '30 days', TIMESTAMPTZ '2026-01-01 12:00+08' + mo * INTERVAL '30 days',
            3, 'GOOD', '李记录', 'VERIFIED', 'fixture', 'fixture', now()
       FROM memberships m CROSS JOIN generate_series(0, 2) mo`,
  );

  await db.accreditation.query(
    `INSERT INTO station_ref (id, name, region_code, status, category, established_on)
     SELECT id, name, region_code, 'ACTIVE', 'COMMUNITY', DATE '2020-01-01' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, name, region_code)`,
    stationsArg,
  );
  const {
    rows: [cycle],
  } = await db.accreditation.query(
    `INSERT INTO cycle (issuing_region_code, year, standard_set_id, levels, phases, created_by)
     VALUES ('430000', 2025, 'hunan-2012-eight-haves@1', '["COUNTY","CITY","PROVINCE"]', '[]', 'fixture') RETURNING id`,
  );
  // Every other station holds a title; every sixth holds a COUNTY and a CITY one (currentTitle picks the higher).
  await db.accreditation.query(
    `INSERT INTO title (station_id, region_code, level, cycle_id, conferred_on, certificate_number)
     SELECT s.id, s.region_code, l.level, $2, DATE '2025-12-01', 'HN2025-' || l.level || '-' || s.ord
       FROM unnest($1::uuid[], $3::text[]) WITH ORDINALITY AS s(id, region_code, ord)
       CROSS JOIN (VALUES ('COUNTY'), ('CITY')) AS l(level)
      WHERE s.ord % 2 = 1 AND (l.level = 'COUNTY' OR s.ord % 6 = 1)`,
    [ids, cycle.id, regions],
  );

  await db.notifications.query(
    `INSERT INTO station_ref (station_id, name, region_code, status, opening_hours)
     SELECT id, name, region_code, 'ACTIVE', '[]' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, name, region_code)`,
    stationsArg,
  );
  await db.notifications.query(
    `INSERT INTO announcement (station_id, region_code, title, body, category, publish_from, author_sub)
     SELECT s.id, s.region_code, '第' || k || '期服务公告', '本周六上午在社区广场开展助老服务。', 'NOTICE',
            TIMESTAMPTZ '2026-01-01 08:00+08' + k * INTERVAL '7 days', 'fixture'
       FROM unnest($1::uuid[], $2::text[]) AS s(id, region_code) CROSS JOIN generate_series(1, 3) k`,
    [ids, regions],
  );
}
