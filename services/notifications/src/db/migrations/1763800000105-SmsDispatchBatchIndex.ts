import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Send jobs read their dispatch batch's unsent recipients (one phone lookup per batch): index that read. */
export class SmsDispatchBatchIndex1763800000105 implements MigrationInterface {
  name = 'SmsDispatchBatchIndex1763800000105';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX sms_dispatch_batch_idx ON sms_message (dispatched_at, recipient_kind)
        WHERE status IN ('PENDING', 'DEFERRED', 'RETRYING', 'SENDING') AND dispatched_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sms_dispatch_batch_idx`);
  }
}
