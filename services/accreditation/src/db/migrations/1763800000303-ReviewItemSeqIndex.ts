import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The re-review walks a run's work list in seq order, one batch after another (keyset: seq > last
 * seen). Without this index every batch re-read and sorted the whole list (O(n²/batch) at province
 * scale); with it a batch reads only its own rows.
 */
export class ReviewItemSeqIndex1763800000303 implements MigrationInterface {
  name = 'ReviewItemSeqIndex1763800000303';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX IF NOT EXISTS review_item_run_seq_uq ON review_item (run_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS review_item_run_seq_uq`);
  }
}
