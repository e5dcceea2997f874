import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCertificatesDemands1763800000206 implements MigrationInterface {
  name = 'CreateCertificatesDemands1763800000206';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE certificate_number_seq`);
    await q.query(`
      CREATE TABLE certificates (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number            varchar(30) NOT NULL UNIQUE,
        station_id        uuid NOT NULL REFERENCES station_ref (id),
        volunteer_id      uuid NOT NULL REFERENCES volunteers (id),
        record_ids        uuid[] NOT NULL,
        total_hours       numeric(8,2) NOT NULL,
        verification_code varchar(16) NOT NULL UNIQUE,
        issued_by         varchar(100) NOT NULL,
        issued_at         timestamptz NOT NULL DEFAULT now(),
        revoked_at        timestamptz,
        revoked_by        varchar(100),
        revoke_reason     varchar(500)
      )`);
    await q.query(`CREATE INDEX certificates_volunteer_idx ON certificates (volunteer_id)`);

    await q.query(`
      CREATE TABLE demands (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id           uuid NOT NULL REFERENCES station_ref (id),
        kind                 varchar(10) NOT NULL CHECK (kind IN ('PAIRING', 'ACTIVITY')),
        requester            varchar(50) NOT NULL,
        description          varchar(500) NOT NULL,
        skill                varchar(30),
        window_start         timestamptz NOT NULL,
        window_end           timestamptz NOT NULL,
        activity_id          uuid REFERENCES activities (id),
        status               varchar(10) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'MATCHED', 'CLOSED')),
        matched_volunteer_id uuid REFERENCES volunteers (id),
        matched_by           varchar(100),
        matched_at           timestamptz,
        created_by           varchar(100) NOT NULL,
        created_at           timestamptz NOT NULL DEFAULT now(),
        CHECK (window_end > window_start)
      )`);
    await q.query(`CREATE INDEX demands_station_idx ON demands (station_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE demands`);
    await q.query(`DROP TABLE certificates`);
    await q.query(`DROP SEQUENCE certificate_number_seq`);
  }
}
