import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Current members of a set of stations with their volunteer and role, answered from the index alone:
 * every statistics read (serviceStats, region stats, belowHours, the re-review's pages of 500 stations)
 * joins current memberships to the yearly hours summary by (station, volunteer). It replaces
 * (station_id, role), whose lookups the new index serves with role in its INCLUDE part.
 */
export class CurrentMembersCoveringIndex1763800000209 implements MigrationInterface {
  name = 'CurrentMembersCoveringIndex1763800000209';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX memberships_station_current_cover_idx ON memberships (station_id, volunteer_id) INCLUDE (role) WHERE left_on IS NULL`,
    );
    await q.query(`DROP INDEX memberships_station_current_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX memberships_station_current_idx ON memberships (station_id, role) WHERE left_on IS NULL`,
    );
    await q.query(`DROP INDEX memberships_station_current_cover_idx`);
  }
}
