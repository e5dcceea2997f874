import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change of a cycle's phase calendar with who and when (business time), the calendar before and
 * after; existing cycles get their current calendar as the first entry (who: the cycle's creator).
 */
export class CycleCalendarChanges1763800000306 implements MigrationInterface {
  name = 'CycleCalendarChanges1763800000306';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cycle_calendar_change (
        id         bigserial PRIMARY KEY,
        cycle_id   uuid NOT NULL REFERENCES cycle (id),
        changed_by varchar(100) NOT NULL,
        changed_at timestamptz NOT NULL,
        before     jsonb,
        after      jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX cycle_calendar_change_cycle_idx ON cycle_calendar_change (cycle_id, id)`);
    await q.query(
      `INSERT INTO cycle_calendar_change (cycle_id, changed_by, changed_at, before, after) SELECT id, created_by, created_at, NULL, phases FROM cycle`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cycle_calendar_change`);
  }
}
