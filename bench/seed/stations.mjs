// stations: N stations over the counties under --region (regions come from the service's GB/T 2260 seed).
import { createRequire } from 'node:module';
import { chunked, COMMUNITIES, GIVEN, sqlArray, sqlHash, sqlUuid, STREETS, SURNAMES } from './lib.mjs';

const require = createRequire(import.meta.url);
const kit = require('../../packages/kit/dist/pii-crypto.js');
const { LeaderPhoneCipher } = require('../../services/stations/dist/domain/leader-phone.js');
// Leaders' phones are stored encrypted (dev keys, as the services use outside production): a pool of
// 256 sealed numbers, picked per station, keeps the seed set-based.
const cipher = new LeaderPhoneCipher({
  encryptionKey: Buffer.from(kit.DEV_PII_ENCRYPTION_KEY, 'base64'),
  hashKey: Buffer.from(kit.DEV_PII_HASH_KEY, 'base64'),
});
const LEADER_PHONES = Array.from({ length: 256 }, (_, i) =>
  cipher.seal(`13${String(700000000 + i * 104729).padStart(9, '0')}`),
);
// The migration's own backfill: the seed writes with triggers off, so it fills the summary the same way.
const {
  BACKFILL_STATION_MONTH_CHANGES,
} = require('../../services/stations/dist/db/migrations/1763800000010-CommunitiesCoveragePopulation.js');

const OPENING = [
  // Mon–Fri 09–17; Mon–Sat 08:30–17:30; every day 09–12 and 14–18; weekends only.
  JSON.stringify(
    ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({
      weekday,
      opens: '09:00',
      closes: '17:00',
    })),
  ),
  JSON.stringify(
    ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'].map((weekday) => ({
      weekday,
      opens: '08:30',
      closes: '17:30',
    })),
  ),
  JSON.stringify(
    ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].flatMap((weekday) => [
      { weekday, opens: '09:00', closes: '12:00' },
      { weekday, opens: '14:00', closes: '18:00' },
    ]),
  ),
  JSON.stringify(
    ['SATURDAY', 'SUNDAY'].map((weekday) => ({
      weekday,
      opens: '09:00',
      closes: '16:00',
    })),
  ),
];
const ITEMS = [
  JSON.stringify([
    { name: '便民服务', description: '免费提供饮水、雨伞、针线包' },
    { name: '政策咨询', description: '社保、医保政策解答' },
  ]),
  JSON.stringify([{ name: '助老服务', description: '上门探访空巢老人' }]),
  JSON.stringify([
    { name: '文明劝导' },
    { name: '应急救护', description: '配备急救箱，志愿者持证' },
    { name: '爱心托管' },
  ]),
];
const FACILITIES = [
  JSON.stringify(['DRINKING_WATER', 'UMBRELLA', 'SEWING_KIT', 'FIRST_AID']),
  JSON.stringify(['DRINKING_WATER', 'PHONE_CHARGING', 'REST_AREA']),
  JSON.stringify(['DRINKING_WATER', 'UMBRELLA', 'STATIONERY', 'ACCESSIBILITY_AIDS', 'REST_AREA']),
];
// Category by share (per cent): communities dominate; universities and enterprises go straight to CITY.
const CATEGORY_CASE = (
  h,
) => `CASE WHEN ${h} < 60 THEN 'COMMUNITY' WHEN ${h} < 70 THEN 'SCHOOL' WHEN ${h} < 73 THEN 'UNIVERSITY'
  WHEN ${h} < 80 THEN 'ENTERPRISE' WHEN ${h} < 85 THEN 'GOVERNMENT' WHEN ${h} < 90 THEN 'TOWNSHIP' WHEN ${h} < 95 THEN 'SERVICE_WINDOW'
  WHEN ${h} < 97 THEN 'CULTURAL_FACILITY' WHEN ${h} < 98 THEN 'PARK_SCENIC' ELSE 'RESIDENTIAL_POINT' END`;

export async function seedStations(client, progress, { seed, stations, region }) {
  const prefix = region.replace(/(00)+$/, '');
  const { rows: counties } = await client.query(
    `SELECT c.code, coalesce(p.name, '') || c.name AS place FROM regions c LEFT JOIN regions p ON p.code = c.parent_code
      WHERE c.level = 'COUNTY' AND c.code LIKE $1 || '%' AND c.code <> '439900' ORDER BY c.code`,
    [prefix],
  );
  if (!counties.length) throw new Error(`no counties under region ${region}`);
  const h = (salt) => sqlHash(seed, salt)('g');
  const sql = `
    INSERT INTO stations (id, name, category, host_unit, region_code, address, postal_code, longitude, latitude, leader_name, leader_phone_enc,
                          hotline, opening_hours, service_items, facilities, unit_headcount, established_on, status, closed_reason, closed_at,
                          created_at, updated_at)
    SELECT ${sqlUuid(seed, 's', 'g')}, x.street || x.community || '社区学雷锋志愿服务站·' || g, x.category,
           CASE x.category WHEN 'COMMUNITY' THEN x.community || '社区居民委员会' WHEN 'SCHOOL' THEN x.community || '中学'
             WHEN 'UNIVERSITY' THEN x.community || '学院' WHEN 'ENTERPRISE' THEN x.community || '实业有限公司' ELSE x.street || '街道办事处' END,
           x.code, x.place || x.street || (1 + ${h(3)} % 300) || '号', '41' || lpad((${h(4)} % 10000)::text, 4, '0'),
           108.8 + (${h(5)} % 54000) / 10000.0, 24.6 + (${h(6)} % 55000) / 10000.0,
           ($3::text[])[1 + ${h(7)} % cardinality($3::text[])] || ($4::text[])[1 + ${h(8)} % cardinality($4::text[])],
           ($10::text[])[1 + ${h(9)} % cardinality($10::text[])], '0731-' || lpad((${h(10)} % 100000000)::text, 8, '0'),
           ($5::jsonb[])[1 + ${h(11)} % cardinality($5::jsonb[])], ($6::jsonb[])[1 + ${h(12)} % cardinality($6::jsonb[])],
           ($7::jsonb[])[1 + ${h(13)} % cardinality($7::jsonb[])], 20 + ${h(14)} % 2000, DATE '2012-03-05' + (${h(15)} % 4000)::int,
           x.status, CASE WHEN x.status = 'CLOSED' THEN '依托单位撤并' END, CASE WHEN x.status = 'CLOSED' THEN TIMESTAMPTZ '2025-06-30 10:00+08' END,
           TIMESTAMPTZ '2023-01-01 00:00+08' + g * INTERVAL '1 second', TIMESTAMPTZ '2023-01-01 00:00+08' + g * INTERVAL '1 second'
      FROM generate_series($1::int, $2::int - 1) g,
      LATERAL (SELECT ${sqlArray(STREETS)}[1 + ${h(1)} % ${STREETS.length}] AS street, ${sqlArray(COMMUNITIES)}[1 + ${h(2)} % ${COMMUNITIES.length}] AS community,
                      ${CATEGORY_CASE(`${h(16)} % 100`)} AS category,
                      CASE WHEN ${h(17)} % 100 < 97 THEN 'ACTIVE' WHEN ${h(17)} % 100 < 99 THEN 'SUSPENDED' ELSE 'CLOSED' END AS status,
                      ($8::text[])[1 + ${h(18)} % cardinality($8::text[])] AS code, ($9::text[])[1 + ${h(18)} % cardinality($9::text[])] AS place) x`;
  const extra = [
    SURNAMES,
    GIVEN,
    OPENING,
    ITEMS,
    FACILITIES,
    counties.map((c) => c.code),
    counties.map((c) => c.place),
    LEADER_PHONES,
  ];
  return chunked(client, progress, 'stations.stations', stations, 10000, sql, extra);
}

/**
 * Issue 15: each station serves one community of its county (the k-th station of a county its k-th
 * community, wrapping round when a county has more stations than communities), and the monthly station
 * summary, which the triggers did not fill (session_replication_role = replica).
 */
export async function seedStationCommunities(client, progress) {
  progress.start('stations.station_communities', 1);
  await client.query('TRUNCATE station_communities, station_month_changes');
  const res = await client.query(`
    INSERT INTO station_communities (station_id, community_code)
    SELECT s.id, c.code
      FROM (SELECT id, region_code, row_number() OVER (PARTITION BY region_code ORDER BY id) - 1 AS rn FROM stations) s
      JOIN (SELECT left(code, 6) AS county, count(*) AS n FROM communities GROUP BY 1) k ON k.county = s.region_code
      JOIN (SELECT code, left(code, 6) AS county, row_number() OVER (PARTITION BY left(code, 6) ORDER BY code) - 1 AS rn FROM communities) c
        ON c.county = s.region_code AND c.rn = s.rn % k.n`);
  await client.query(BACKFILL_STATION_MONTH_CHANGES);
  progress.add(res.rowCount, 1);
  return progress.finish();
}
