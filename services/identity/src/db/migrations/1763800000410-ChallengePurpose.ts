import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A code proves a phone for one purpose: a sign-in code cannot prove an objection's phone, nor the reverse. */
export class ChallengePurpose1763800000410 implements MigrationInterface {
  name = 'ChallengePurpose1763800000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sign_in_challenge ADD COLUMN purpose varchar(20) NOT NULL DEFAULT 'SIGN_IN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sign_in_challenge DROP COLUMN purpose`);
  }
}
