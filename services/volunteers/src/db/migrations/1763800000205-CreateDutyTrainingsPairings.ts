import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDutyTrainingsPairings1763800000205 implements MigrationInterface {
  name = 'CreateDutyTrainingsPairings1763800000205';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE duty_shifts (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id   uuid NOT NULL REFERENCES station_ref (id),
        volunteer_id uuid NOT NULL REFERENCES volunteers (id),
        shift_date   date NOT NULL,
        opens        char(5) NOT NULL,
        closes       char(5) NOT NULL,
        created_by   varchar(100) NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX duty_shifts_uq ON duty_shifts (station_id, shift_date, opens, volunteer_id) WHERE cancelled_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX duty_shifts_station_date_idx ON duty_shifts (station_id, shift_date) WHERE cancelled_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE trainings (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id uuid NOT NULL REFERENCES station_ref (id),
        kind       varchar(10) NOT NULL CHECK (kind IN ('INITIAL', 'PERIODIC', 'AD_HOC', 'ADVANCED')),
        title      varchar(100) NOT NULL,
        held_on    date NOT NULL,
        hours      numeric(5,2) NOT NULL CHECK (hours > 0 AND hours <= 24),
        trainer    varchar(50),
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX trainings_station_idx ON trainings (station_id, held_on)`);
    await q.query(`
      CREATE TABLE training_attendance (
        training_id  uuid NOT NULL REFERENCES trainings (id),
        volunteer_id uuid NOT NULL REFERENCES volunteers (id),
        attended     boolean NOT NULL,
        recorded_by  varchar(100) NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (training_id, volunteer_id)
      )`);

    await q.query(`
      CREATE TABLE pairings (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id    uuid NOT NULL REFERENCES station_ref (id),
        kind          varchar(12) NOT NULL CHECK (kind IN ('ONE_TO_ONE', 'MANY_TO_ONE', 'ONE_TO_MANY')),
        volunteer_ids uuid[] NOT NULL,
        beneficiaries jsonb NOT NULL,
        started_on    date NOT NULL,
        ended_on      date,
        note          varchar(500),
        demand_id     uuid,
        created_by    varchar(100) NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX pairings_station_idx ON pairings (station_id, started_on)`);
    await q.query(`CREATE INDEX pairings_volunteers_idx ON pairings USING gin (volunteer_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pairings`);
    await q.query(`DROP TABLE training_attendance`);
    await q.query(`DROP TABLE trainings`);
    await q.query(`DROP TABLE duty_shifts`);
  }
}
