import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Activities, sign-ups and service records (志愿服务记录办法 art. 7), append-only once decided. */
export class CreateActivitiesAndRecords1763800000203 implements MigrationInterface {
  name = 'CreateActivitiesAndRecords1763800000203';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activities (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id   uuid NOT NULL REFERENCES station_ref (id),
        title        varchar(100) NOT NULL,
        category     varchar(30) NOT NULL,
        starts_at    timestamptz NOT NULL,
        ends_at      timestamptz NOT NULL,
        place        varchar(200) NOT NULL,
        description  varchar(2000),
        photos       jsonb NOT NULL DEFAULT '[]',
        capacity     integer CHECK (capacity > 0),
        sign_in_code varchar(8) NOT NULL UNIQUE,
        status       varchar(10) NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'CANCELLED')),
        created_by   varchar(100) NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(
      `CREATE INDEX activities_station_start_idx ON activities (station_id, starts_at) WHERE status <> 'CANCELLED'`,
    );

    await q.query(`
      CREATE TABLE service_records (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        volunteer_id    uuid NOT NULL REFERENCES volunteers (id),
        station_id      uuid NOT NULL REFERENCES station_ref (id),
        activity_id     uuid REFERENCES activities (id),
        activity_name   varchar(100) NOT NULL,
        service_date    date NOT NULL,
        place           varchar(200) NOT NULL,
        recipient       varchar(100),
        content         varchar(1000) NOT NULL,
        started_at      timestamptz NOT NULL,
        ended_at        timestamptz,
        hours           numeric(5,2),
        quality         varchar(10) CHECK (quality IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR')),
        activity_leader varchar(50),
        recorder        varchar(50) NOT NULL,
        status          varchar(10) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'VERIFIED', 'REJECTED', 'REVERSED')),
        recorded_by     varchar(100) NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        decided_by      varchar(100),
        decided_at      timestamptz,
        reject_reason   varchar(500),
        reversed_by     varchar(100),
        reversed_at     timestamptz,
        reversal_reason varchar(500),
        corrects_id     uuid REFERENCES service_records (id),
        CHECK (ended_at IS NULL OR ended_at > started_at),
        CHECK (hours IS NULL OR (hours > 0 AND hours <= 24)),
        CHECK (status = 'PENDING' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL)),
        CHECK (status NOT IN ('VERIFIED', 'REVERSED') OR (ended_at IS NOT NULL AND hours IS NOT NULL AND quality IS NOT NULL))
      )`);
    // serviceStats: verified hours per station and year, answered from the index.
    await q.query(
      `CREATE INDEX service_records_station_verified_idx ON service_records (station_id, service_date) INCLUDE (volunteer_id, hours) WHERE status = 'VERIFIED'`,
    );
    await q.query(`CREATE INDEX service_records_volunteer_idx ON service_records (volunteer_id, started_at)`);
    await q.query(
      `CREATE INDEX service_records_pending_idx ON service_records (station_id, recorded_at) WHERE status = 'PENDING'`,
    );
    // One correction per reversed record.
    await q.query(
      `CREATE UNIQUE INDEX service_records_corrects_uq ON service_records (corrects_id) WHERE corrects_id IS NOT NULL`,
    );
    // History is never edited: a decided record only moves VERIFIED → REVERSED, nothing is deleted.
    await q.query(`
      CREATE FUNCTION service_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'service records are never deleted'; END IF;
        IF OLD.status IN ('REJECTED', 'REVERSED') THEN RAISE EXCEPTION 'service record % is final', OLD.id; END IF;
        IF OLD.status = 'VERIFIED' AND (NEW.status <> 'REVERSED' OR
            (NEW.volunteer_id, NEW.station_id, NEW.activity_name, NEW.service_date, NEW.place, NEW.recipient, NEW.content,
             NEW.started_at, NEW.ended_at, NEW.hours, NEW.quality, NEW.decided_by, NEW.decided_at)
            IS DISTINCT FROM
            (OLD.volunteer_id, OLD.station_id, OLD.activity_name, OLD.service_date, OLD.place, OLD.recipient, OLD.content,
             OLD.started_at, OLD.ended_at, OLD.hours, OLD.quality, OLD.decided_by, OLD.decided_at)) THEN
          RAISE EXCEPTION 'verified service record % can only be reversed', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER service_records_guard BEFORE UPDATE OR DELETE ON service_records FOR EACH ROW EXECUTE FUNCTION service_records_guard()`,
    );

    await q.query(`
      CREATE TABLE activity_signups (
        activity_id   uuid NOT NULL REFERENCES activities (id),
        volunteer_id  uuid NOT NULL REFERENCES volunteers (id),
        signed_up_at  timestamptz NOT NULL DEFAULT now(),
        checked_in_at timestamptz,
        record_id     uuid REFERENCES service_records (id),
        PRIMARY KEY (activity_id, volunteer_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_signups`);
    await q.query(`DROP TABLE service_records`);
    await q.query(`DROP FUNCTION service_records_guard`);
    await q.query(`DROP TABLE activities`);
  }
}
