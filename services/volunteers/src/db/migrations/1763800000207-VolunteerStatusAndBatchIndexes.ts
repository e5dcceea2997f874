import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteer status with reason and its history (setVolunteerStatus), plus the indexes the batched
 * per-volunteer reads need (attendance by volunteer, time-bank transactions by counterparty, today's duty).
 */
export class VolunteerStatusAndBatchIndexes1763800000207 implements MigrationInterface {
  name = 'VolunteerStatusAndBatchIndexes1763800000207';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE volunteers ADD COLUMN status_reason varchar(200), ADD COLUMN status_changed_at timestamptz, ADD COLUMN status_changed_by varchar(100)`,
    );
    await q.query(`
      CREATE TABLE volunteer_status_changes (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        volunteer_id uuid NOT NULL REFERENCES volunteers (id),
        from_status  varchar(12) NOT NULL,
        to_status    varchar(12) NOT NULL CHECK (to_status IN ('ACTIVE', 'SUSPENDED', 'WITHDRAWN')),
        reason       varchar(200) NOT NULL,
        changed_by   varchar(100) NOT NULL,
        changed_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (from_status <> to_status)
      )`);
    await q.query(
      `CREATE INDEX volunteer_status_changes_volunteer_idx ON volunteer_status_changes (volunteer_id, changed_at)`,
    );
    await q.query(`CREATE INDEX training_attendance_volunteer_idx ON training_attendance (volunteer_id)`);
    await q.query(
      `CREATE INDEX tb_transactions_counterparty_idx ON tb_transactions (counterparty_id, created_at) WHERE counterparty_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tb_transactions_counterparty_idx`);
    await q.query(`DROP INDEX training_attendance_volunteer_idx`);
    await q.query(`DROP TABLE volunteer_status_changes`);
    await q.query(
      `ALTER TABLE volunteers DROP COLUMN status_changed_by, DROP COLUMN status_changed_at, DROP COLUMN status_reason`,
    );
  }
}
