import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { PiiKeys } from '@leifeng/kit';
import { FormPhoneCipher } from '../../domain/application-privacy';

/**
 * 附件2 forms kept the leader's phone in plain text in `application.form` (jsonb): replace
 * `form.leaderPhone` with `form.leaderPhoneEnc` (AES-256-GCM under the service's PII_ENCRYPTION_KEY).
 * The keys come from the module (the environment the service runs with), so the class is built per module.
 */
export function encryptFormLeaderPhonesMigration(keys: () => PiiKeys): new () => MigrationInterface {
  return class EncryptFormLeaderPhones1763800000310 implements MigrationInterface {
    name = 'EncryptFormLeaderPhones1763800000310';

    async up(q: QueryRunner): Promise<void> {
      const cipher = new FormPhoneCipher(keys());
      const rows: { id: string; phone: string }[] = await q.query(
        `SELECT id, form->>'leaderPhone' AS phone FROM application WHERE form ? 'leaderPhone'`,
      );
      for (let i = 0; i < rows.length; i += 1000) {
        const batch = rows.slice(i, i + 1000);
        await q.query(
          `UPDATE application a SET form = (a.form - 'leaderPhone') || jsonb_build_object('leaderPhoneEnc', v.enc)
             FROM unnest($1::uuid[], $2::text[]) AS v(id, enc) WHERE a.id = v.id`,
          [batch.map((r) => r.id), batch.map((r) => cipher.seal({ leaderPhone: r.phone }).leaderPhoneEnc)],
        );
      }
    }

    async down(q: QueryRunner): Promise<void> {
      const cipher = new FormPhoneCipher(keys());
      const rows: { id: string; enc: string }[] = await q.query(
        `SELECT id, form->>'leaderPhoneEnc' AS enc FROM application WHERE form ? 'leaderPhoneEnc'`,
      );
      for (const r of rows) {
        await q.query(
          `UPDATE application SET form = (form - 'leaderPhoneEnc') || jsonb_build_object('leaderPhone', $2::text) WHERE id = $1`,
          [r.id, cipher.open(r.enc)],
        );
      }
    }
  };
}
