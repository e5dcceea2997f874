import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable copy of the sandbox clock (SANDBOX=true deployments): every advance with who, when (real
 * time) and the sandbox time before and after; the newest offset is put back into Redis if Redis lost it.
 */
export class SandboxClock1763800000309 implements MigrationInterface {
  name = 'SandboxClock1763800000309';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sandbox_clock_change (
        id           bigserial PRIMARY KEY,
        offset_ms    bigint NOT NULL CHECK (offset_ms >= 0),
        sandbox_from timestamptz NOT NULL,
        sandbox_to   timestamptz NOT NULL,
        advanced_by  varchar(100) NOT NULL,
        advanced_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sandbox_clock_change`);
  }
}
