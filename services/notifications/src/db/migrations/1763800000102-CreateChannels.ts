import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notice boards, SMS, partner webhooks, the local station snapshot, and live publishing of events. */
export class CreateChannels1763800000102 implements MigrationInterface {
  name = 'CreateChannels1763800000102';

  async up(q: QueryRunner): Promise<void> {
    // Local copy of what station events say (scope checks, board fallback, title badge).
    await q.query(`
      CREATE TABLE station_ref (
        station_id    uuid PRIMARY KEY,
        name          varchar(200) NOT NULL,
        region_code   varchar(12) NOT NULL,
        status        varchar(20) NOT NULL,
        opening_hours jsonb NOT NULL DEFAULT '[]',
        title_level   varchar(20),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE announcement (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id      uuid,
        region_code     varchar(12) NOT NULL,
        title           varchar(60) NOT NULL,
        body            text NOT NULL,
        category        varchar(30) NOT NULL,
        pinned          boolean NOT NULL DEFAULT false,
        publish_from    timestamptz NOT NULL,
        publish_until   timestamptz,
        author_sub      varchar(100) NOT NULL,
        source_event_id uuid,
        withdrawn_at    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CHECK (publish_until IS NULL OR publish_until > publish_from)
      )`);
    // One automatic announcement per (event, board).
    await q.query(
      `CREATE UNIQUE INDEX announcement_event_board_uq ON announcement (source_event_id, coalesce(station_id::text, region_code)) WHERE source_event_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX announcement_station_idx ON announcement (station_id, publish_from DESC) WHERE station_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX announcement_region_idx ON announcement (region_code varchar_pattern_ops, publish_from DESC)`,
    );

    await q.query(`
      CREATE TABLE sms_message (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id           uuid,
        recipient_kind     varchar(20) NOT NULL,
        recipient_id       varchar(100) NOT NULL,
        template           varchar(60) NOT NULL,
        params             jsonb NOT NULL,
        kind               varchar(20) NOT NULL,
        urgent             boolean NOT NULL DEFAULT false,
        station_id         uuid,
        region_code        varchar(12),
        phone_masked       varchar(20),
        phone_hash         varchar(64),
        status             varchar(20) NOT NULL DEFAULT 'PENDING',
        provider_id        varchar(100),
        attempts           int NOT NULL DEFAULT 0,
        last_error         varchar(500),
        deferred_until     timestamptz,
        dispatched_at      timestamptz,
        sent_at            timestamptz,
        delivered_at       timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    // Provider sends are not idempotent: exactly one message row per (event, recipient, template).
    await q.query(
      `CREATE UNIQUE INDEX sms_event_recipient_uq ON sms_message (event_id, recipient_kind, recipient_id, template) WHERE event_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX sms_undispatched_idx ON sms_message (created_at) WHERE dispatched_at IS NULL`);
    await q.query(`CREATE INDEX sms_station_idx ON sms_message (station_id, created_at DESC)`);
    await q.query(
      `CREATE TABLE sms_opt_out (phone_hash varchar(64) PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())`,
    );

    await q.query(`
      CREATE TABLE webhook_endpoint (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id             varchar(100) NOT NULL,
        url                   varchar(2000) NOT NULL,
        event_types           text[] NOT NULL,
        region_code           varchar(12),
        region_prefix         varchar(12),
        secret                varchar(200) NOT NULL,
        previous_secret       varchar(200),
        previous_secret_until timestamptz,
        enabled               boolean NOT NULL DEFAULT true,
        disabled_reason       varchar(30),
        failing_since         timestamptz,
        last_success_at       timestamptz,
        created_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoint_agency_idx ON webhook_endpoint (agency_id)`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id    uuid NOT NULL REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
        event_id       uuid NOT NULL,
        event_type     varchar(100) NOT NULL,
        replay         boolean NOT NULL DEFAULT false,
        status         varchar(20) NOT NULL DEFAULT 'PENDING',
        attempt_count  int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        dispatched_at  timestamptz,
        succeeded_at   timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX webhook_delivery_uq ON webhook_delivery (endpoint_id, event_id) WHERE NOT replay`,
    );
    await q.query(
      `CREATE INDEX webhook_delivery_undispatched_idx ON webhook_delivery (created_at) WHERE dispatched_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE webhook_attempt (
        id               bigserial PRIMARY KEY,
        delivery_id      uuid NOT NULL REFERENCES webhook_delivery(id) ON DELETE CASCADE,
        attempt          int NOT NULL,
        status_code      int,
        error            varchar(200),
        latency_ms       int NOT NULL,
        response_excerpt varchar(500),
        attempted_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, attempt)`);

    // Live subscriptions: the dispatcher publishes each review event once after commit.
    await q.query(`ALTER TABLE event_log ADD COLUMN live_pending boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX event_log_live_pending_idx ON event_log (seq) WHERE live_pending`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event_log DROP COLUMN live_pending`);
    for (const t of [
      'webhook_attempt',
      'webhook_delivery',
      'webhook_endpoint',
      'sms_opt_out',
      'sms_message',
      'announcement',
      'station_ref',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
