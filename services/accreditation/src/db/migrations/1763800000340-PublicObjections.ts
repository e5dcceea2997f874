import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Objections filed by the public (no account): the objector's name, phone (AES-GCM under the PII key,
 * never in clear), identity's keyed phone hash (limits per phone) and the client address (limits per address).
 */
export class PublicObjections1763800000340 implements MigrationInterface {
  name = 'PublicObjections1763800000340';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE objection
      ADD COLUMN objector_name varchar(30),
      ADD COLUMN objector_phone_enc text,
      ADD COLUMN objector_phone_hash varchar(128),
      ADD COLUMN client_ip varchar(64)`);
    await q.query(`CREATE INDEX objection_phone_idx ON objection (objector_phone_hash, notice_id)
      WHERE objector_phone_hash IS NOT NULL`);
    await q.query(`CREATE INDEX objection_client_ip_idx ON objection (client_ip, created_at)
      WHERE client_ip IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX objection_client_ip_idx`);
    await q.query(`DROP INDEX objection_phone_idx`);
    await q.query(`ALTER TABLE objection DROP COLUMN objector_name, DROP COLUMN objector_phone_enc,
      DROP COLUMN objector_phone_hash, DROP COLUMN client_ip`);
  }
}
