import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** services/stations/seed/communities.json.gz, written by scripts/generate-regions.mjs (same depth from src/ and dist/). */
const COMMUNITIES_FILE = join(__dirname, '../../../seed/communities.json.gz');

export interface CommunitySeed {
  source: string;
  rule: string;
  columns: ['code', 'name', 'kind'];
  rows: [string, string, 'URBAN' | 'RURAL'][];
}

export function readCommunitySeed(file = COMMUNITIES_FILE): CommunitySeed {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as CommunitySeed;
}

/** Region counts recomputed from the communities table (every level at once: the code prefixes). */
const REFRESH_COMMUNITY_COUNTS = `
  WITH up AS (
    SELECT left(code, 2) || '0000' AS region, kind FROM communities
    UNION ALL SELECT left(code, 4) || '00', kind FROM communities
    UNION ALL SELECT left(code, 6), kind FROM communities
    UNION ALL SELECT left(code, 9), kind FROM communities),
  counts AS (SELECT region, count(*) FILTER (WHERE kind = 'URBAN')::int AS urban, count(*) FILTER (WHERE kind = 'RURAL')::int AS rural FROM up GROUP BY region),
  target AS (SELECT r.code, COALESCE(counts.urban, 0) AS urban, COALESCE(counts.rural, 0) AS rural FROM regions r LEFT JOIN counts ON counts.region = r.code)
  UPDATE regions r SET urban_community_count = t.urban, rural_community_count = t.rural, community_count = t.urban + t.rural
    FROM target t WHERE t.code = r.code`;

/**
 * The village-level divisions (居委会 / 村委会, ~139 k rows) of the four provinces, and the counts on
 * every region. Upserts, so a data refresh is a new migration running the same statements.
 */
export class SeedCommunities1763800000011 implements MigrationInterface {
  name = 'SeedCommunities1763800000011';

  async up(q: QueryRunner): Promise<void> {
    const { rows } = readCommunitySeed();
    const chunk = 20_000;
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await q.query(
        `INSERT INTO communities (code, name, kind, township_code)
         SELECT code, name, kind, left(code, 9) FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS x(code, name, kind)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind`,
        [part.map((r) => r[0]), part.map((r) => r[1]), part.map((r) => r[2])],
      );
    }
    await q.query(REFRESH_COMMUNITY_COUNTS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE regions SET urban_community_count = 0, rural_community_count = 0, community_count = NULL`);
    await q.query(
      `DELETE FROM communities c WHERE NOT EXISTS (SELECT 1 FROM station_communities sc WHERE sc.community_code = c.code)`,
    );
  }
}
