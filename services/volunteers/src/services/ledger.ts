import { DomainError, recordEvent } from '@leifeng/kit';
import type { EntityManager } from 'typeorm';
import { actorSub, round2, SOURCE, type Actor } from '../domain/common';

type TxKind = 'SERVICE_CREDIT' | 'CREDIT_REVERSAL' | 'REDEMPTION' | 'SERVICE_WITHDRAWAL' | 'DONATION' | 'EXPIRY';
export type SystemAccount = 'ISSUANCE' | 'REDEMPTION' | 'EXPIRY';

export interface TxRow {
  id: string;
  kind: TxKind;
  idempotencyKey: string;
  volunteerId: string;
  counterpartyId: string | null;
  serviceRecordId: string | null;
  catalogueItemId: string | null;
  quantity: number | null;
  amount: number;
  memo: Record<string, unknown>;
  createdAt: Date;
  replayed?: boolean;
}

export const TX_COLUMNS = `t.id, t.kind, t.idempotency_key AS "idempotencyKey", t.volunteer_id AS "volunteerId", t.counterparty_id AS "counterpartyId",
  t.service_record_id AS "serviceRecordId", t.catalogue_item_id AS "catalogueItemId", t.quantity, t.amount::float8 AS amount, t.memo, t.created_at AS "createdAt"`;

/** The volunteer's points account, created on first use and row-locked for the rest of the transaction. */
export async function lockAccount(m: EntityManager, volunteerId: string): Promise<string> {
  await m.query(`INSERT INTO tb_accounts (volunteer_id) VALUES ($1) ON CONFLICT (volunteer_id) DO NOTHING`, [
    volunteerId,
  ]);
  const [row] = await m.query(`SELECT id FROM tb_accounts WHERE volunteer_id = $1 FOR UPDATE`, [volunteerId]);
  return row.id;
}

export async function systemAccount(m: EntityManager, code: SystemAccount): Promise<string> {
  const [row] = await m.query(`SELECT id FROM tb_accounts WHERE system_code = $1`, [code]);
  return row.id;
}

/** Derived balance: the sum of the account's entries. */
export async function balanceOf(m: EntityManager, accountId: string): Promise<number> {
  const [row] = await m.query(`SELECT COALESCE(sum(amount), 0)::float8 AS b FROM tb_entries WHERE account_id = $1`, [
    accountId,
  ]);
  return round2(row.b);
}

/**
 * Points that have expired but are not yet written off: credits older than the cut-off minus
 * everything ever debited (spending uses the oldest points first).
 */
export async function expirableOf(m: EntityManager, accountId: string, cutoff: Date): Promise<number> {
  const [row] = await m.query(
    `SELECT GREATEST(0, COALESCE(sum(amount) FILTER (WHERE amount > 0 AND created_at < $2), 0) + COALESCE(sum(amount) FILTER (WHERE amount < 0), 0))::float8 AS e
       FROM tb_entries WHERE account_id = $1`,
    [accountId, cutoff],
  );
  return round2(row.e);
}

export async function findByKey(m: EntityManager, key: string): Promise<TxRow | undefined> {
  const [row] = await m.query(`SELECT ${TX_COLUMNS} FROM tb_transactions t WHERE t.idempotency_key = $1`, [key]);
  return row;
}

export interface Posting {
  kind: TxKind;
  key: string;
  volunteerId: string;
  counterpartyId?: string | null;
  serviceRecordId?: string | null;
  catalogueItemId?: string | null;
  quantity?: number | null;
  amount: number;
  memo?: Record<string, unknown>;
  /** Entry legs; they must sum to zero (the database checks it again at commit). */
  legs: { accountId: string; amount: number }[];
}

/** Writes one balanced transaction and its timebank.posted event. The caller holds the account locks. */
export async function post(m: EntityManager, actor: Actor, p: Posting): Promise<TxRow> {
  const legs = p.legs.map((l) => ({ ...l, amount: round2(l.amount) })).filter((l) => l.amount !== 0);
  if (Math.abs(legs.reduce((s, l) => s + l.amount, 0)) > 1e-9) throw new Error('unbalanced ledger posting');
  if (!legs.length) throw new DomainError('INVALID_AMOUNT', '积分数额应大于 0');
  const [tx]: TxRow[] = await m.query(
    `INSERT INTO tb_transactions AS t (kind, idempotency_key, volunteer_id, counterparty_id, service_record_id, catalogue_item_id, quantity, amount, memo, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${TX_COLUMNS}`,
    [
      p.kind,
      p.key,
      p.volunteerId,
      p.counterpartyId ?? null,
      p.serviceRecordId ?? null,
      p.catalogueItemId ?? null,
      p.quantity ?? null,
      round2(p.amount),
      JSON.stringify(p.memo ?? {}),
      actorSub(actor),
    ],
  );
  for (const leg of legs)
    await m.query(`INSERT INTO tb_entries (transaction_id, account_id, amount) VALUES ($1, $2, $3)`, [
      tx.id,
      leg.accountId,
      leg.amount,
    ]);
  await recordEvent(m, SOURCE, {
    type: 'timebank.posted',
    aggregateType: 'TimeBankTransaction',
    aggregateId: tx.id,
    payload: {
      transactionId: tx.id,
      kind: tx.kind,
      volunteerId: tx.volunteerId,
      counterpartyId: tx.counterpartyId,
      amount: tx.amount,
      serviceRecordId: tx.serviceRecordId,
    },
    requestId: actor.requestId,
  });
  return tx;
}
