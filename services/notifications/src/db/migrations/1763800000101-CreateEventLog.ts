import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEventLog1763800000101 implements MigrationInterface {
  name = 'CreateEventLog1763800000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_log (
        seq            bigserial PRIMARY KEY,
        event_id       uuid NOT NULL UNIQUE,
        type           varchar(100) NOT NULL,
        source         varchar(40) NOT NULL,
        aggregate_type varchar(60) NOT NULL,
        aggregate_id   varchar(100) NOT NULL,
        station_id     uuid,
        region_code    varchar(12),
        payload        jsonb NOT NULL,
        occurred_at    timestamptz NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX event_log_station_idx ON event_log (station_id, seq DESC) WHERE station_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX event_log_region_idx ON event_log (region_code varchar_pattern_ops, seq DESC)`);
    await q.query(`CREATE INDEX event_log_type_idx ON event_log (type, seq DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_log`);
  }
}
