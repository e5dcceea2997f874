// notifications: title badges in the station replica, and notice boards (station and county boards).
import { chunked, sqlHash, sqlUuid } from './lib.mjs';

const TITLES = [
  '本周六助老服务招募志愿者',
  '学雷锋志愿服务站开放时间调整',
  '文明交通劝导活动通知',
  '义诊活动预告',
  '防诈骗宣传进社区',
  '垃圾分类知识讲座',
];
const BODY = '请有意参加的志愿者到站点登记，或联系站点值班人员。服务时长由站点记录并审核。';

/** 0–5 announcements per station in 2025–2026 (a third pinned, some expired, a few withdrawn), 3 per county board. */
export async function seedAnnouncements(client, progress, { seed, stations }) {
  const h = sqlHash(seed, 600);
  const key = '(g::int8 * 8 + k)';
  const sql = `
    INSERT INTO announcement (station_id, region_code, title, body, category, pinned, publish_from, publish_until, author_sub, withdrawn_at, created_at)
    SELECT s.station_id, s.region_code, ($3::text[])[1 + ${h(key)} % cardinality($3::text[])], $4,
           (ARRAY['ACTIVITY_RECRUITMENT','SERVICE_DEMAND','NOTICE','NOTICE'])[1 + ${h(`${key} + 1`)} % 4], k = 1 AND ${h(`${key} + 2`)} % 3 = 0,
           p.at, CASE WHEN ${h(`${key} + 3`)} % 4 = 0 THEN p.at + INTERVAL '30 days' END, 'seed:scale',
           CASE WHEN ${h(`${key} + 4`)} % 50 = 0 THEN p.at + INTERVAL '2 days' END, p.at
      FROM generate_series($1::int, $2::int - 1) g
      JOIN station_ref s ON s.station_id = ${sqlUuid(seed, 's', 'g')}
      CROSS JOIN generate_series(1, 5) k
      CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2025-01-01 08:00+08' + (${h(`${key} + 5`)} % 690) * INTERVAL '1 day' AS at) p
     WHERE k <= ${h('g')} % 6`;
  await chunked(client, progress, 'notifications.announcement', stations, 20000, sql, [TITLES, BODY]);
  const boards = await client.query(
    `INSERT INTO announcement (station_id, region_code, title, body, category, pinned, publish_from, author_sub, created_at)
     SELECT NULL, r.region_code, '全县学雷锋志愿服务月活动安排', $1, 'NOTICE', k = 1, TIMESTAMPTZ '2026-03-01 08:00+08' + k * INTERVAL '10 days', 'seed:scale', now()
       FROM (SELECT DISTINCT region_code FROM station_ref) r CROSS JOIN generate_series(1, 3) k`,
    [BODY],
  );
  return boards.rowCount;
}

/** title_level of the notifications replica: the highest ACTIVE title level per station, as title.* events would leave it. */
export async function applyTitleBadges(notifications, accreditation, progress) {
  const { rows } = await accreditation.query(
    `SELECT DISTINCT ON (station_id) station_id, level FROM title WHERE status = 'ACTIVE'
      ORDER BY station_id, CASE level WHEN 'PROVINCE' THEN 3 WHEN 'CITY' THEN 2 ELSE 1 END DESC`,
  );
  progress.start('notifications.station_ref.title_level', rows.length);
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    await notifications.query(
      `UPDATE station_ref r SET title_level = u.level FROM unnest($1::uuid[], $2::text[]) AS u(id, level) WHERE r.station_id = u.id`,
      [part.map((r) => r.station_id), part.map((r) => r.level)],
    );
    progress.add(part.length);
  }
  return progress.finish();
}
