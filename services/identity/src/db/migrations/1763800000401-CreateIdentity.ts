import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, one-time sign-in codes, session families with rotating refresh tokens, signing keys, role grants. */
export class CreateIdentity1763800000401 implements MigrationInterface {
  name = 'CreateIdentity1763800000401';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone_hash    varchar(64) NOT NULL UNIQUE,
        phone_enc     text NOT NULL,
        phone_masked  varchar(20) NOT NULL,
        display_name  varchar(60),
        status        varchar(20) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
        volunteer_id  uuid,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per code sent; only its HMAC is kept. The newest open one per phone is the live one.
    await q.query(`
      CREATE TABLE sign_in_challenge (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone_hash   varchar(64) NOT NULL,
        code_hash    varchar(64) NOT NULL,
        expires_at   timestamptz NOT NULL,
        attempts     int NOT NULL DEFAULT 0,
        consumed_at  timestamptz,
        client_ip    varchar(64),
        created_at   timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sign_in_challenge_phone_idx ON sign_in_challenge (phone_hash, created_at DESC)`);
    await q.query(`
      CREATE TABLE role_grant (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id   uuid NOT NULL REFERENCES account(id),
        role         varchar(30) NOT NULL,
        region_code  varchar(12),
        station_id   uuid,
        agency_id    varchar(100),
        granted_by   varchar(100) NOT NULL,
        granted_at   timestamptz NOT NULL,
        valid_until  timestamptz,
        revoked_at   timestamptz,
        revoked_by   varchar(100)
      )`);
    await q.query(`CREATE INDEX role_grant_account_idx ON role_grant (account_id)`);
    // A family: every refresh token descends from one sign-in. Replaying a used token ends the family.
    await q.query(`
      CREATE TABLE session (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id     uuid NOT NULL REFERENCES account(id),
        grant_id       uuid REFERENCES role_grant(id),
        created_at     timestamptz NOT NULL,
        expires_at     timestamptz NOT NULL,
        last_used_at   timestamptz NOT NULL,
        ended_at       timestamptz,
        end_reason     varchar(30),
        client_ip      varchar(64)
      )`);
    await q.query(`CREATE INDEX session_account_open_idx ON session (account_id) WHERE ended_at IS NULL`);
    await q.query(`
      CREATE TABLE refresh_token (
        token_hash   varchar(64) PRIMARY KEY,
        session_id   uuid NOT NULL REFERENCES session(id),
        created_at   timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        used_at      timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_session_idx ON refresh_token (session_id)`);
    await q.query(`
      CREATE TABLE signing_key (
        kid          varchar(64) PRIMARY KEY,
        alg          varchar(10) NOT NULL,
        public_jwk   jsonb NOT NULL,
        private_enc  text NOT NULL,
        state        varchar(10) NOT NULL CHECK (state IN ('NEXT', 'CURRENT', 'PREVIOUS', 'RETIRED')),
        created_at   timestamptz NOT NULL,
        retired_at   timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX signing_key_one_current ON signing_key (state) WHERE state IN ('NEXT', 'CURRENT')`,
    );
    // Every grant, revoke and refused attempt, readable by the admins whose region covers its scope.
    await q.query(`
      CREATE TABLE grant_audit (
        id           bigserial PRIMARY KEY,
        at           timestamptz NOT NULL,
        actor_sub    varchar(100) NOT NULL,
        action       varchar(20) NOT NULL,
        outcome      varchar(20) NOT NULL,
        reason       varchar(200),
        role         varchar(30),
        region_code  varchar(12),
        station_id   uuid,
        agency_id    varchar(100),
        grant_id     uuid,
        target_phone_masked varchar(20)
      )`);
    await q.query(`CREATE INDEX grant_audit_region_idx ON grant_audit (region_code, at DESC)`);
    await q.query(`
      CREATE TABLE invitation (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone_hash   varchar(64) NOT NULL,
        phone_masked varchar(20) NOT NULL,
        role         varchar(30) NOT NULL,
        region_code  varchar(12),
        station_id   uuid,
        agency_id    varchar(100),
        audit_region varchar(12),
        invited_by   varchar(100) NOT NULL,
        created_at   timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        grant_valid_until timestamptz,
        accepted_at  timestamptz,
        grant_id     uuid REFERENCES role_grant(id),
        cancelled_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX invitation_phone_open_idx ON invitation (phone_hash) WHERE accepted_at IS NULL AND cancelled_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'invitation',
      'grant_audit',
      'signing_key',
      'refresh_token',
      'session',
      'role_grant',
      'sign_in_challenge',
      'account',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
