import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An officer's optional password: an argon2id PHC string (salt and parameters inside), never the password. */
export class AccountPassword1763800000403 implements MigrationInterface {
  name = 'AccountPassword1763800000403';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account ADD COLUMN password_hash text, ADD COLUMN password_set_at timestamptz`);
    await q.query(
      `ALTER TABLE account ADD CONSTRAINT account_password_argon2id CHECK (password_hash IS NULL OR password_hash LIKE '$argon2id$%')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE account DROP CONSTRAINT account_password_argon2id, DROP COLUMN password_hash, DROP COLUMN password_set_at`,
    );
  }
}
