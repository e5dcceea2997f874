// accreditation: yearly cycles 2022–2025 with the provincial quota table, NAMED applications and titles
// at COUNTY, CITY and PROVINCE level (CITY ⊂ COUNTY holders, PROVINCE ⊂ CITY holders), a few revoked.
import { chunked, sqlHash, sqlUuid } from './lib.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  BACKFILL_TITLE_MONTHS,
} = require('../../services/accreditation/dist/db/migrations/1763800000320-TitleMonths.js');

const YEARS = [2022, 2023, 2024, 2025];

function phases(year) {
  const d = (m, day) => `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return [
    { phase: 'DEPLOYMENT', startsOn: d(3, 1), endsOn: d(3, 31) },
    { phase: 'PREPARATION', startsOn: d(4, 1), endsOn: d(4, 30) },
    { phase: 'APPLICATION', startsOn: d(5, 1), endsOn: d(5, 31) },
    { phase: 'CULTIVATION', startsOn: d(6, 1), endsOn: d(8, 31) },
    { phase: 'REVIEW', startsOn: d(9, 1), endsOn: d(10, 31) },
    { phase: 'NAMING', startsOn: d(11, 1), endsOn: d(12, 15) },
  ];
}

export async function seedAccreditation(client, progress, { seed, stations, titled: titledPercent = 20 }) {
  progress.start('accreditation.cycle + quota', YEARS.length);
  const cycles = [];
  for (const year of YEARS) {
    const {
      rows: [c],
    } = await client.query(
      `INSERT INTO cycle (id, issuing_region_code, year, standard_set_id, levels, phases, created_by, created_at)
       VALUES (${sqlUuid(seed, 'cycle', '$1::int')}, '430000', $1, 'hunan-2012-eight-haves@1', '["COUNTY","CITY","PROVINCE"]', $2, 'seed:scale', make_timestamptz($1, 3, 1, 9, 0, 0, 'Asia/Shanghai'))
       RETURNING id`,
      [year, JSON.stringify(phases(year))],
    );
    await client.query(
      `INSERT INTO quota (cycle_id, region_code, level, amount) SELECT $1, region_code, level, amount FROM quota_template WHERE template_code = 'hunan-2012-provincial'`,
      [c.id],
    );
    cycles.push(c.id);
    progress.add(1);
  }
  progress.finish();

  // Station g: `titled` % (20 by default) hold a COUNTY title, 7 % also CITY (a later or the same cycle), 1 % also PROVINCE; 3 % of titles revoked.
  const h = sqlHash(seed, 500);
  const titled = `
    WITH t AS (
      SELECT g, s.id AS station_id, s.region_code, s.category, l.level, l.rank,
             ($3::int + least(3, ${h('g')} % 3 + l.rank))::int AS year
        FROM generate_series($1::int, $2::int - 1) g
        JOIN station_ref s ON s.id = ${sqlUuid(seed, 's', 'g')}
        CROSS JOIN (VALUES ('COUNTY', 0, ${Number(titledPercent)}), ('CITY', 1, 7), ('PROVINCE', 2, 1)) AS l(level, rank, pct)
       WHERE ${h('g + 1')} % 100 < l.pct
    )`;
  const applications = `${titled}
    INSERT INTO application (id, cycle_id, station_id, region_code, level, status, current_stage, stages, form, submitted_by, submitted_on, created_at, updated_at)
    SELECT ${sqlUuid(seed, 'app', "g || ':' || level")}, ${sqlUuid(seed, 'cycle', 'year')}, station_id, region_code, level, 'NAMED', NULL,
           CASE level WHEN 'COUNTY' THEN '["COUNTY"]' WHEN 'CITY' THEN '["COUNTY","CITY"]' ELSE '["COUNTY","CITY","PROVINCE"]' END::jsonb,
           jsonb_build_object('summary', '站点基本情况与服务成效', 'leaderName', '站长'), 'seed:scale',
           make_date(year, 5, 10), make_timestamptz(year, 5, 10, 9, 0, 0, 'Asia/Shanghai'), make_timestamptz(year, 11, 20, 9, 0, 0, 'Asia/Shanghai')
      FROM t`;
  const titles = `${titled}
    INSERT INTO title (station_id, region_code, level, cycle_id, application_id, conferred_on, certificate_number, status, revoked_on, revoked_reason)
    SELECT station_id, region_code, level, ${sqlUuid(seed, 'cycle', 'year')}, ${sqlUuid(seed, 'app', "g || ':' || level")}, make_date(year, 11, 20),
           'HN' || year || '-' || left(level, 1) || '-' || lpad(g::text, 7, '0'),
           CASE WHEN ${h('g + 2')} % 100 < 3 THEN 'REVOKED' ELSE 'ACTIVE' END,
           CASE WHEN ${h('g + 2')} % 100 < 3 THEN DATE '2026-10-20' END, CASE WHEN ${h('g + 2')} % 100 < 3 THEN '复核不合格，撤销称号' END
      FROM t`;
  await chunked(client, progress, 'accreditation.application', stations, 20000, applications, [YEARS[0]]);
  const done = await chunked(client, progress, 'accreditation.title', stations, 20000, titles, [YEARS[0]]);
  // Triggers are off for the seed (replica role): fill the monthly title summary (migration 1763800000320).
  await client.query('TRUNCATE title_months');
  await client.query(BACKFILL_TITLE_MONTHS);
  return done;
}
