import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Honor exit across levels: what a review decided for each LOWER title the station held besides the
 * one reviewed ([{ titleId, level, revoked, reason }]); empty when there was none or the review passed.
 */
export class ReviewTitleDecisions1763800000307 implements MigrationInterface {
  name = 'ReviewTitleDecisions1763800000307';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review ADD COLUMN title_decisions jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review DROP COLUMN title_decisions`);
  }
}
