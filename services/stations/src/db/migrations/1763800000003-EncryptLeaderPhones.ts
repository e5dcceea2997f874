import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { PiiKeys } from '@leifeng/kit';
import { LeaderPhoneCipher } from '../../domain/leader-phone';

/**
 * Station leaders' phones were stored in plain text: move them to `leader_phone_enc` (AES-256-GCM with
 * the service's PII_ENCRYPTION_KEY) and drop the plain column. The keys come from the module (the same
 * environment the service runs with), so the class is built per module.
 */
export function encryptLeaderPhonesMigration(keys: () => PiiKeys): new () => MigrationInterface {
  return class EncryptLeaderPhones1763800000003 implements MigrationInterface {
    name = 'EncryptLeaderPhones1763800000003';

    async up(q: QueryRunner): Promise<void> {
      const cipher = new LeaderPhoneCipher(keys());
      await q.query(`ALTER TABLE stations ADD COLUMN leader_phone_enc text`);
      const rows: { id: string; leader_phone: string }[] = await q.query(`SELECT id, leader_phone FROM stations`);
      for (let i = 0; i < rows.length; i += 1000) {
        const batch = rows.slice(i, i + 1000);
        await q.query(
          `UPDATE stations s SET leader_phone_enc = v.enc FROM unnest($1::uuid[], $2::text[]) AS v(id, enc) WHERE s.id = v.id`,
          [batch.map((r) => r.id), batch.map((r) => cipher.seal(r.leader_phone))],
        );
      }
      await q.query(`ALTER TABLE stations ALTER COLUMN leader_phone_enc SET NOT NULL`);
      await q.query(`ALTER TABLE stations DROP COLUMN leader_phone`);
    }

    async down(q: QueryRunner): Promise<void> {
      const cipher = new LeaderPhoneCipher(keys());
      await q.query(`ALTER TABLE stations ADD COLUMN leader_phone varchar(30)`);
      const rows: { id: string; leader_phone_enc: string }[] = await q.query(
        `SELECT id, leader_phone_enc FROM stations`,
      );
      for (const r of rows)
        await q.query(`UPDATE stations SET leader_phone = $2 WHERE id = $1`, [r.id, cipher.open(r.leader_phone_enc)]);
      await q.query(`ALTER TABLE stations ALTER COLUMN leader_phone SET NOT NULL`);
      await q.query(`ALTER TABLE stations DROP COLUMN leader_phone_enc`);
    }
  };
}
