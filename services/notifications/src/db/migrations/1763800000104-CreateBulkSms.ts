import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk sends (one row per send, one sms_message per recipient) and the receipt poll's index. */
export class CreateBulkSms1763800000104 implements MigrationInterface {
  name = 'CreateBulkSms1763800000104';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sms_bulk (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_code     varchar(12) NOT NULL,
        audience        varchar(20) NOT NULL,
        template        varchar(60) NOT NULL,
        params          jsonb NOT NULL,
        status          varchar(20) NOT NULL DEFAULT 'PLANNED',
        recipient_count int,
        last_error      varchar(500),
        requested_by    varchar(100) NOT NULL,
        dispatched_at   timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sms_bulk_undispatched_idx ON sms_bulk (created_at) WHERE dispatched_at IS NULL`);
    await q.query(`ALTER TABLE sms_message ADD COLUMN bulk_id uuid REFERENCES sms_bulk(id)`);
    // One message per (bulk send, recipient), however often the expansion job runs.
    await q.query(
      `CREATE UNIQUE INDEX sms_bulk_recipient_uq ON sms_message (bulk_id, recipient_kind, recipient_id) WHERE bulk_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX sms_sent_receipt_idx ON sms_message (sent_at) WHERE status = 'SENT'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sms_sent_receipt_idx`);
    await q.query(`ALTER TABLE sms_message DROP COLUMN bulk_id`);
    await q.query(`DROP TABLE sms_bulk`);
  }
}
