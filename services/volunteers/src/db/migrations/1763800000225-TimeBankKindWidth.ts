import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * tb_transactions.kind was varchar(16), but 'SERVICE_WITHDRAWAL' has 18 characters: every withdrawal of
 * points for received service failed with an internal error. Widened to fit every kind its CHECK allows.
 */
export class TimeBankKindWidth1763800000225 implements MigrationInterface {
  name = 'TimeBankKindWidth1763800000225';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tb_transactions ALTER COLUMN kind TYPE varchar(24)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails (and changes nothing) once a withdrawal was posted: the ledger is never rewritten to go back.
    await q.query(`ALTER TABLE tb_transactions ALTER COLUMN kind TYPE varchar(16)`);
  }
}
