import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Machine clients (workers reading the graph) that get SERVICE tokens by client credentials. */
export class CreateServiceClients1763800000402 implements MigrationInterface {
  name = 'CreateServiceClients1763800000402';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_client (
        client_id    varchar(60) PRIMARY KEY,
        secret_hash  varchar(64) NOT NULL,
        created_at   timestamptz NOT NULL,
        disabled_at  timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_client`);
  }
}
