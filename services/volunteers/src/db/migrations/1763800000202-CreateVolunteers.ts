import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People and their station memberships. Phone and ID number only encrypted, with keyed lookup hashes. */
export class CreateVolunteers1763800000202 implements MigrationInterface {
  name = 'CreateVolunteers1763800000202';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE volunteers (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name             varchar(50) NOT NULL,
        gender           varchar(6) NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
        birth_date       date NOT NULL,
        phone_enc        text NOT NULL,
        phone_hash       char(64) NOT NULL,
        id_number_enc    text NOT NULL,
        id_number_hash   char(64) NOT NULL,
        political_status varchar(12) NOT NULL CHECK (political_status IN ('CPC_MEMBER', 'CYL_MEMBER', 'OTHER')),
        skills           text[] NOT NULL DEFAULT '{}',
        registered_on    date NOT NULL,
        status           varchar(12) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'WITHDRAWN')),
        account_sub      varchar(100),
        registered_by    varchar(100) NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX volunteers_phone_hash_uq ON volunteers (phone_hash)`);
    await q.query(`CREATE UNIQUE INDEX volunteers_id_number_hash_uq ON volunteers (id_number_hash)`);
    await q.query(
      `CREATE UNIQUE INDEX volunteers_account_sub_uq ON volunteers (account_sub) WHERE account_sub IS NOT NULL`,
    );
    await q.query(`CREATE INDEX volunteers_skills_idx ON volunteers USING gin (skills)`);

    await q.query(`
      CREATE TABLE memberships (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        volunteer_id uuid NOT NULL REFERENCES volunteers (id),
        station_id   uuid NOT NULL REFERENCES station_ref (id),
        role         varchar(10) NOT NULL CHECK (role IN ('LEADER', 'STAFF', 'VOLUNTEER')),
        joined_on    date NOT NULL,
        left_on      date,
        added_by     varchar(100) NOT NULL,
        left_by      varchar(100),
        created_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (left_on IS NULL OR left_on >= joined_on)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX memberships_current_uq ON memberships (volunteer_id, station_id) WHERE left_on IS NULL`,
    );
    await q.query(
      `CREATE INDEX memberships_station_current_idx ON memberships (station_id, role) WHERE left_on IS NULL`,
    );
    await q.query(`CREATE INDEX memberships_station_idx ON memberships (station_id, joined_on)`);
    await q.query(`CREATE INDEX memberships_volunteer_idx ON memberships (volunteer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE memberships`);
    await q.query(`DROP TABLE volunteers`);
  }
}
