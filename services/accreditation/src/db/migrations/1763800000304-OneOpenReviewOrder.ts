import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one OPEN rectification order issued by re-reviews per station. A review orders one only when
 * the station has no open order (an expired one makes it FAIL instead), so two can only come from two
 * runs deciding the same station at the same time (a scheduled and a regional run): the second insert
 * now waits for the first and is skipped (InspectionService.insertOrders). Orders inspectors issue
 * (review_id NULL) are not limited.
 */
export class OneOpenReviewOrder1763800000304 implements MigrationInterface {
  name = 'OneOpenReviewOrder1763800000304';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX rectification_open_review_order_uq ON rectification (station_id) WHERE status = 'OPEN' AND review_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rectification_open_review_order_uq`);
  }
}
