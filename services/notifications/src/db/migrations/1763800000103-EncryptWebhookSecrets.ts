import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isSealed, openSecret, sealSecret } from '../../domain/webhook-secret';

/**
 * Webhook secrets were stored in plaintext: seal every existing one (current and previous) with the
 * PII key and forbid plaintext from now on. The key comes from the service's configuration, so the
 * migration class is made per key (TypeORM instantiates it itself).
 */
export function encryptWebhookSecretsMigration(key: Buffer): new () => MigrationInterface {
  return class EncryptWebhookSecrets1763800000103 implements MigrationInterface {
    name = 'EncryptWebhookSecrets1763800000103';

    async up(q: QueryRunner): Promise<void> {
      await q.query(
        `ALTER TABLE webhook_endpoint ALTER COLUMN secret TYPE varchar(400), ALTER COLUMN previous_secret TYPE varchar(400)`,
      );
      const rows: {
        id: string;
        secret: string;
        previous_secret: string | null;
      }[] = await q.query(`SELECT id, secret, previous_secret FROM webhook_endpoint FOR UPDATE`);
      for (const r of rows) {
        const seal = (v: string | null) => (v === null || isSealed(v) ? v : sealSecret(v, key, r.id));
        await q.query(`UPDATE webhook_endpoint SET secret = $2, previous_secret = $3 WHERE id = $1`, [
          r.id,
          seal(r.secret),
          seal(r.previous_secret),
        ]);
      }
      await q.query(
        `ALTER TABLE webhook_endpoint ADD CONSTRAINT webhook_endpoint_secret_sealed CHECK (secret LIKE 'v1.%' AND (previous_secret IS NULL OR previous_secret LIKE 'v1.%'))`,
      );
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE webhook_endpoint DROP CONSTRAINT webhook_endpoint_secret_sealed`);
      const rows: {
        id: string;
        secret: string;
        previous_secret: string | null;
      }[] = await q.query(`SELECT id, secret, previous_secret FROM webhook_endpoint FOR UPDATE`);
      for (const r of rows) {
        const open = (v: string | null) => (v === null || !isSealed(v) ? v : openSecret(v, key, r.id));
        await q.query(`UPDATE webhook_endpoint SET secret = $2, previous_secret = $3 WHERE id = $1`, [
          r.id,
          open(r.secret),
          open(r.previous_secret),
        ]);
      }
    }
  };
}
