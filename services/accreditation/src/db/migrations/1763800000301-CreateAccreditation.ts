import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccreditation1763800000301 implements MigrationInterface {
  name = 'CreateAccreditation1763800000301';

  async up(q: QueryRunner): Promise<void> {
    // Local replica of stations' station.* events (先建站, scope checks, direct-to-CITY categories).
    await q.query(`
      CREATE TABLE station_ref (
        id             uuid PRIMARY KEY,
        name           varchar(100) NOT NULL,
        region_code    varchar(12) NOT NULL,
        status         varchar(12) NOT NULL,
        category       varchar(30) NOT NULL,
        established_on date,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX station_ref_region_idx ON station_ref (region_code varchar_pattern_ops)`);

    await q.query(`
      CREATE TABLE standard_set (
        id          varchar(60) PRIMARY KEY,
        code        varchar(50) NOT NULL,
        version     integer NOT NULL CHECK (version >= 1),
        name        varchar(100) NOT NULL,
        issuer      varchar(100) NOT NULL,
        year        integer NOT NULL,
        levels      jsonb NOT NULL,
        criteria    jsonb NOT NULL,
        source      varchar(200),
        created_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (code, version)
      )`);

    await q.query(`
      CREATE TABLE quota_template (
        template_code varchar(50) NOT NULL,
        region_code   varchar(12) NOT NULL,
        level         varchar(10) NOT NULL,
        amount        integer NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (template_code, region_code, level)
      )`);

    await q.query(`
      CREATE TABLE cycle (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        issuing_region_code         varchar(12) NOT NULL,
        year                        integer NOT NULL,
        standard_set_id             varchar(60) NOT NULL REFERENCES standard_set (id),
        levels                      jsonb NOT NULL,
        phases                      jsonb NOT NULL,
        notice_working_days         integer NOT NULL DEFAULT 5 CHECK (notice_working_days BETWEEN 1 AND 30),
        county_recommendation_limit integer NOT NULL DEFAULT 3 CHECK (county_recommendation_limit BETWEEN 1 AND 20),
        direct_to_city_categories   jsonb NOT NULL DEFAULT '["UNIVERSITY","ENTERPRISE"]',
        created_by                  varchar(100) NOT NULL,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (issuing_region_code, year)
      )`);

    await q.query(`
      CREATE TABLE quota (
        cycle_id    uuid NOT NULL REFERENCES cycle (id),
        region_code varchar(12) NOT NULL,
        level       varchar(10) NOT NULL,
        amount      integer NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (cycle_id, region_code, level)
      )`);

    await q.query(`
      CREATE TABLE application (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cycle_id      uuid NOT NULL REFERENCES cycle (id),
        station_id    uuid NOT NULL,
        region_code   varchar(12) NOT NULL,
        level         varchar(10) NOT NULL,
        status        varchar(12) NOT NULL CHECK (status IN ('SUBMITTED', 'RETURNED', 'REJECTED', 'CANDIDATE', 'NAMED')),
        current_stage varchar(10),
        stages        jsonb NOT NULL,
        form          jsonb NOT NULL,
        attachments   jsonb NOT NULL DEFAULT '[]',
        outstanding   boolean NOT NULL DEFAULT false,
        submitted_by  varchar(100) NOT NULL,
        submitted_on  date NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // 一个站点在一个年度只能有一份进行中的申报.
    await q.query(
      `CREATE UNIQUE INDEX application_open_uq ON application (station_id, cycle_id) WHERE status IN ('SUBMITTED', 'RETURNED', 'CANDIDATE')`,
    );
    await q.query(`CREATE INDEX application_cycle_idx ON application (cycle_id, region_code varchar_pattern_ops)`);
    await q.query(`CREATE INDEX application_station_idx ON application (station_id)`);

    await q.query(`
      CREATE TABLE endorsement (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        stage          varchar(10) NOT NULL,
        decision       varchar(10) NOT NULL CHECK (decision IN ('RECOMMEND', 'RETURN', 'REJECT')),
        comment        varchar(2000) NOT NULL,
        outstanding    boolean NOT NULL DEFAULT false,
        signer         varchar(100) NOT NULL,
        signer_region  varchar(12),
        signed_at      timestamptz NOT NULL DEFAULT now(),
        superseded     boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX endorsement_application_idx ON endorsement (application_id)`);

    await q.query(`
      CREATE TABLE inspection (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id   uuid NOT NULL,
        cycle_id     uuid REFERENCES cycle (id),
        kind         varchar(12) NOT NULL CHECK (kind IN ('ACCEPTANCE', 'SPOT_CHECK')),
        inspector    varchar(100) NOT NULL,
        inspected_on date NOT NULL,
        verdict      varchar(10) NOT NULL CHECK (verdict IN ('PASS', 'RECTIFY', 'FAIL')),
        findings     jsonb NOT NULL,
        photos       jsonb NOT NULL DEFAULT '[]',
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inspection_station_idx ON inspection (station_id, inspected_on DESC, created_at DESC)`);

    await q.query(`
      CREATE TABLE title (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id         uuid NOT NULL,
        region_code        varchar(12) NOT NULL,
        level              varchar(10) NOT NULL,
        cycle_id           uuid NOT NULL REFERENCES cycle (id),
        application_id     uuid REFERENCES application (id),
        conferred_on       date NOT NULL,
        certificate_number varchar(60) NOT NULL UNIQUE,
        status             varchar(10) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'REVOKED')),
        revoked_on         date,
        revoked_reason     varchar(500),
        revoked_review_id  uuid,
        reinstated_on      date,
        appeal             jsonb,
        history            jsonb NOT NULL DEFAULT '[]'
      )`);
    await q.query(`CREATE UNIQUE INDEX title_station_level_cycle_uq ON title (station_id, level, cycle_id)`);
    await q.query(`CREATE INDEX title_region_idx ON title (region_code varchar_pattern_ops, level)`);

    await q.query(`
      CREATE TABLE rectification (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id     uuid NOT NULL,
        title_id       uuid REFERENCES title (id),
        inspection_id  uuid REFERENCES inspection (id),
        review_id      uuid,
        requirements   varchar(2000) NOT NULL,
        deadline       date NOT NULL,
        status         varchar(10) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'MET', 'UNMET')),
        follow_up_note varchar(2000),
        followed_up_on date,
        ordered_by     varchar(100) NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX rectification_station_idx ON rectification (station_id)`);

    await q.query(`
      CREATE TABLE public_notice (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cycle_id        uuid NOT NULL REFERENCES cycle (id),
        level           varchar(10) NOT NULL,
        region_code     varchar(12) NOT NULL,
        starts_on       date NOT NULL,
        ends_on         date NOT NULL,
        application_ids jsonb NOT NULL,
        published_by    varchar(100) NOT NULL,
        named_at        timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE objection (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notice_id      uuid NOT NULL REFERENCES public_notice (id),
        application_id uuid NOT NULL REFERENCES application (id),
        content        varchar(2000) NOT NULL,
        filed_by       varchar(100) NOT NULL,
        status         varchar(10) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'UPHELD', 'DISMISSED')),
        resolution     varchar(2000),
        resolved_by    varchar(100),
        resolved_at    timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);

    // Re-review: a run, its work list (snapshot at start), one review per (run, station).
    await q.query(`
      CREATE TABLE review_run (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_key      varchar(120) NOT NULL UNIQUE,
        cycle_id     uuid REFERENCES cycle (id),
        region_code  varchar(12),
        year         integer NOT NULL,
        as_of        date NOT NULL,
        dry_run      boolean NOT NULL DEFAULT false,
        trigger      varchar(12) NOT NULL CHECK (trigger IN ('SCHEDULE', 'ON_DEMAND')),
        status       varchar(10) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED')),
        total        integer NOT NULL DEFAULT 0,
        started_by   varchar(100) NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE review_item (
        run_id     uuid NOT NULL REFERENCES review_run (id),
        station_id uuid NOT NULL,
        title_id   uuid NOT NULL REFERENCES title (id),
        seq        integer NOT NULL,
        PRIMARY KEY (run_id, station_id)
      )`);
    await q.query(`
      CREATE TABLE review (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id      uuid NOT NULL REFERENCES review_run (id),
        station_id  uuid NOT NULL,
        title_id    uuid NOT NULL REFERENCES title (id),
        outcome     varchar(10) NOT NULL CHECK (outcome IN ('PASS', 'RECTIFY', 'FAIL')),
        deadline    date,
        reasons     jsonb NOT NULL,
        facts       jsonb NOT NULL,
        compliance  jsonb NOT NULL,
        dry_run     boolean NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, station_id)
      )`);
    await q.query(`CREATE INDEX review_station_idx ON review (station_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'review',
      'review_item',
      'review_run',
      'objection',
      'public_notice',
      'rectification',
      'title',
      'inspection',
      'endorsement',
      'application',
      'quota',
      'cycle',
      'quota_template',
      'standard_set',
      'station_ref',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
