import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time bank's points ledger: double entry, append-only. Every transaction's entries sum to zero
 * (checked at commit), a volunteer account never ends a transaction below zero, nothing is updated or
 * deleted. Hours are not here: they are the verified service records themselves.
 */
export class CreateTimeBank1763800000204 implements MigrationInterface {
  name = 'CreateTimeBank1763800000204';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tb_accounts (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        volunteer_id uuid UNIQUE REFERENCES volunteers (id),
        system_code  varchar(20) UNIQUE,
        created_at   timestamptz NOT NULL DEFAULT now(),
        CHECK ((volunteer_id IS NULL) <> (system_code IS NULL))
      )`);
    await q.query(`INSERT INTO tb_accounts (system_code) VALUES ('ISSUANCE'), ('REDEMPTION'), ('EXPIRY')`);
    await q.query(`
      CREATE TABLE tb_catalogue (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id uuid NOT NULL REFERENCES station_ref (id),
        name       varchar(100) NOT NULL,
        points     numeric(12,2) NOT NULL CHECK (points > 0),
        active     boolean NOT NULL DEFAULT true,
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE tb_transactions (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind              varchar(16) NOT NULL CHECK (kind IN ('SERVICE_CREDIT', 'CREDIT_REVERSAL', 'REDEMPTION', 'SERVICE_WITHDRAWAL', 'DONATION', 'EXPIRY')),
        idempotency_key   varchar(200) NOT NULL UNIQUE,
        volunteer_id      uuid NOT NULL REFERENCES volunteers (id),
        counterparty_id   uuid REFERENCES volunteers (id),
        service_record_id uuid REFERENCES service_records (id),
        catalogue_item_id uuid REFERENCES tb_catalogue (id),
        quantity          integer,
        amount            numeric(12,2) NOT NULL CHECK (amount >= 0),
        memo              jsonb NOT NULL DEFAULT '{}',
        created_by        varchar(100) NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tb_transactions_volunteer_idx ON tb_transactions (volunteer_id, created_at)`);
    await q.query(
      `CREATE UNIQUE INDEX tb_transactions_credit_uq ON tb_transactions (service_record_id, kind) WHERE service_record_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE tb_entries (
        id             bigserial PRIMARY KEY,
        transaction_id uuid NOT NULL REFERENCES tb_transactions (id),
        account_id     uuid NOT NULL REFERENCES tb_accounts (id),
        amount         numeric(12,2) NOT NULL CHECK (amount <> 0),
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tb_entries_account_idx ON tb_entries (account_id, created_at) INCLUDE (amount)`);
    await q.query(`CREATE INDEX tb_entries_transaction_idx ON tb_entries (transaction_id)`);
    await q.query(`
      CREATE FUNCTION tb_entries_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT sum(amount) FROM tb_entries WHERE transaction_id = NEW.transaction_id) <> 0 THEN
          RAISE EXCEPTION 'ledger transaction % does not balance', NEW.transaction_id;
        END IF;
        IF EXISTS (SELECT 1 FROM tb_accounts a WHERE a.id = NEW.account_id AND a.volunteer_id IS NOT NULL)
           AND (SELECT sum(amount) FROM tb_entries WHERE account_id = NEW.account_id) < 0 THEN
          RAISE EXCEPTION 'ledger account % would go negative', NEW.account_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER tb_entries_check AFTER INSERT ON tb_entries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tb_entries_check()`,
    );
    await q.query(`
      CREATE FUNCTION tb_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the time bank ledger is append-only'; END $$`);
    await q.query(
      `CREATE TRIGGER tb_entries_append_only BEFORE UPDATE OR DELETE ON tb_entries FOR EACH ROW EXECUTE FUNCTION tb_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER tb_transactions_append_only BEFORE UPDATE OR DELETE ON tb_transactions FOR EACH ROW EXECUTE FUNCTION tb_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tb_entries`);
    await q.query(`DROP TABLE tb_transactions`);
    await q.query(`DROP TABLE tb_catalogue`);
    await q.query(`DROP TABLE tb_accounts`);
    await q.query(`DROP FUNCTION tb_entries_check`);
    await q.query(`DROP FUNCTION tb_append_only`);
  }
}
