import { assertAllowed, DomainError, requireUser, shanghaiDate, systemClock } from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { TimeBankPolicy } from '../config';
import { assertManage, canManage, isSelf } from '../domain/access';
import { round2, text, type Actor } from '../domain/common';
import { balanceOf, expirableOf, findByKey, lockAccount, post, systemAccount, TX_COLUMNS, type TxRow } from './ledger';
import type { RecordLedger, RecordRow } from './record-service';
import { starLevel } from '../domain/stars';
import { StationRefs, isUuid } from './station-ref';
import { VolunteerService, type VolunteerRow } from './volunteer-service';

export interface CatalogueItem {
  id: string;
  stationId: string;
  name: string;
  points: number;
  active: boolean;
}

const ITEM_COLUMNS = `c.id, c.station_id AS "stationId", c.name, c.points::float8 AS points, c.active`;

function checkKey(key: string): string {
  const k = String(key ?? '').trim();
  if (k.length < 8 || k.length > 100 || !/^[A-Za-z0-9._-]+$/.test(k)) {
    throw new DomainError('INVALID_IDEMPOTENCY_KEY', '幂等键应为 8–100 位字母、数字或 ._-', {
      field: 'idempotencyKey',
    });
  }
  return k;
}

function checkPoints(points: number): number {
  if (!Number.isFinite(points) || points <= 0 || round2(points) !== points)
    throw new DomainError('INVALID_AMOUNT', '积分数额应为正数，最多两位小数', {
      field: 'points',
    });
  return points;
}

/** A retried request with the same key returns the first result; the same key with other terms is refused. */
function replay(existing: TxRow, expected: { kind: string; amount: number; volunteerId: string }): TxRow {
  if (
    existing.kind !== expected.kind ||
    existing.amount !== round2(expected.amount) ||
    existing.volunteerId !== expected.volunteerId
  ) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', '该幂等键已用于另一笔不同的操作');
  }
  return { ...existing, replayed: true };
}

/**
 * 志愿服务银行: points are credited for verified service (hours × quality factor), withdrawn as
 * received service or redeemed for goods, donated, and expire; hours themselves are never touched.
 * Each operation locks the volunteer's account row first, so concurrent spends of one balance queue
 * up and none can overdraw it; the database re-checks balance ≥ 0 and Σ entries = 0 at commit.
 */
export class TimeBankService implements RecordLedger {
  constructor(
    private readonly ds: DataSource,
    private readonly policy: TimeBankPolicy,
    private readonly starThresholds: number[],
  ) {}

  async creditForRecord(m: EntityManager, actor: Actor, record: RecordRow): Promise<void> {
    const account = await lockAccount(m, record.volunteerId);
    const earned = round2(record.hours! * this.policy.qualityFactors[record.quality!]);
    const balance = await balanceOf(m, account);
    const credit = round2(Math.min(earned, Math.max(0, this.policy.balanceCap - balance)));
    if (credit <= 0) return; // at the cap: the hours count, the points do not
    await post(m, actor, {
      kind: 'SERVICE_CREDIT',
      key: `credit-${record.id}`,
      volunteerId: record.volunteerId,
      serviceRecordId: record.id,
      amount: credit,
      memo: {
        hours: record.hours,
        quality: record.quality,
        factor: this.policy.qualityFactors[record.quality!],
        earned,
        cappedBy: round2(earned - credit),
      },
      legs: [
        { accountId: await systemAccount(m, 'ISSUANCE'), amount: -credit },
        { accountId: account, amount: credit },
      ],
    });
  }

  /** Withdraws what the record earned; if some was already spent, only the rest (the shortfall is noted). */
  async reverseForRecord(m: EntityManager, actor: Actor, record: RecordRow): Promise<void> {
    const account = await lockAccount(m, record.volunteerId);
    const [credit] = await m.query(
      `SELECT amount::float8 AS amount FROM tb_transactions WHERE service_record_id = $1 AND kind = 'SERVICE_CREDIT'`,
      [record.id],
    );
    if (!credit) return;
    const balance = await balanceOf(m, account);
    const debit = round2(Math.min(credit.amount, balance));
    if (debit <= 0) return;
    await post(m, actor, {
      kind: 'CREDIT_REVERSAL',
      key: `reversal-${record.id}`,
      volunteerId: record.volunteerId,
      serviceRecordId: record.id,
      amount: debit,
      memo: {
        credited: credit.amount,
        shortfall: round2(credit.amount - debit),
      },
      legs: [
        { accountId: account, amount: -debit },
        { accountId: await systemAccount(m, 'ISSUANCE'), amount: debit },
      ],
    });
  }

  async verifiedHours(m: EntityManager | DataSource, volunteerId: string): Promise<number> {
    // Every year of the summary (kept in the writer's transaction, so this sees the caller's own writes).
    const [row] = await m.query(
      `SELECT COALESCE(sum(hours), 0)::float8 AS h FROM verified_hours_yearly WHERE volunteer_id = $1`,
      [volunteerId],
    );
    return round2(row.h);
  }

  private cutoff(now = systemClock.now()): Date {
    const d = new Date(now);
    d.setUTCFullYear(d.getUTCFullYear() - this.policy.expiryYears);
    return d;
  }

  /** Spendable now: the balance less points already past expiry. */
  private async available(m: EntityManager, account: string): Promise<number> {
    return round2((await balanceOf(m, account)) - (await expirableOf(m, account, this.cutoff())));
  }

  private async spendable(m: EntityManager, volunteer: VolunteerRow, account: string, amount: number): Promise<void> {
    const stars = starLevel(await this.verifiedHours(m, volunteer.id), this.starThresholds);
    if (stars < this.policy.minStarToRedeem) {
      throw new DomainError(
        'STAR_LEVEL_TOO_LOW',
        `星级达到 ${this.policy.minStarToRedeem} 星才能使用积分（当前 ${stars} 星）`,
        { stars },
      );
    }
    const available = await this.available(m, account);
    if (available < amount)
      throw new DomainError('INSUFFICIENT_POINTS', `可用积分不足：需要 ${amount}，可用 ${available}`, { available });
  }

  /** Goods from a station's catalogue: the volunteer, or a manager/admin of that station at the counter. */
  async redeem(
    actor: Actor,
    input: {
      volunteerId: string;
      itemId: string;
      quantity?: number | null;
      idempotencyKey: string;
    },
  ): Promise<TxRow> {
    const user = requireUser(actor.user);
    const key = `redeem-${input.volunteerId}-${checkKey(input.idempotencyKey)}`;
    const quantity = input.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 100)
      throw new DomainError('INVALID_NUMBER', '兑换数量应为 1–100', {
        field: 'quantity',
      });
    return this.ds.transaction(async (m) => {
      const volunteer = await VolunteerService.lock(m, input.volunteerId);
      const [item]: CatalogueItem[] = isUuid(input.itemId)
        ? await m.query(`SELECT ${ITEM_COLUMNS} FROM tb_catalogue c WHERE c.id = $1`, [input.itemId])
        : [];
      if (!item || !item.active)
        throw new DomainError('CATALOGUE_ITEM_NOT_FOUND', '兑换物品不存在或已下架', { field: 'itemId' });
      const station = await StationRefs.require(m, item.stationId);
      assertAllowed(
        user,
        isSelf(user, volunteer) || canManage(user, station),
        '只能兑换本人积分，或由物品所属站点的站长、管理员办理',
      );
      const amount = round2(item.points * quantity);
      const account = await lockAccount(m, volunteer.id);
      const existing = await findByKey(m, key);
      if (existing)
        return replay(existing, {
          kind: 'REDEMPTION',
          amount,
          volunteerId: volunteer.id,
        });
      await this.spendable(m, volunteer, account, amount);
      return post(m, actor, {
        kind: 'REDEMPTION',
        key,
        volunteerId: volunteer.id,
        catalogueItemId: item.id,
        quantity,
        amount,
        memo: { item: item.name, unitPoints: item.points },
        legs: [
          { accountId: account, amount: -amount },
          { accountId: await systemAccount(m, 'REDEMPTION'), amount },
        ],
      });
    });
  }

  /** Points withdrawn as service the volunteer receives (the volunteer only). */
  async withdrawForService(
    actor: Actor,
    input: {
      volunteerId: string;
      points: number;
      description: string;
      idempotencyKey: string;
    },
  ): Promise<TxRow> {
    const user = requireUser(actor.user);
    const key = `withdraw-${input.volunteerId}-${checkKey(input.idempotencyKey)}`;
    const amount = checkPoints(input.points);
    const description = text(input.description, 'description', '所需服务说明', 200)!;
    return this.ds.transaction(async (m) => {
      const volunteer = await VolunteerService.lock(m, input.volunteerId);
      assertAllowed(user, isSelf(user, volunteer), '只能使用本人的积分');
      const account = await lockAccount(m, volunteer.id);
      const existing = await findByKey(m, key);
      if (existing)
        return replay(existing, {
          kind: 'SERVICE_WITHDRAWAL',
          amount,
          volunteerId: volunteer.id,
        });
      await this.spendable(m, volunteer, account, amount);
      return post(m, actor, {
        kind: 'SERVICE_WITHDRAWAL',
        key,
        volunteerId: volunteer.id,
        amount,
        memo: { description },
        legs: [
          { accountId: account, amount: -amount },
          { accountId: await systemAccount(m, 'REDEMPTION'), amount },
        ],
      });
    });
  }

  /** Gives points to another volunteer; the recipient's balance cap applies. */
  async donate(
    actor: Actor,
    input: {
      fromVolunteerId: string;
      toVolunteerId: string;
      points: number;
      idempotencyKey: string;
    },
  ): Promise<TxRow> {
    const user = requireUser(actor.user);
    const key = `donate-${input.fromVolunteerId}-${checkKey(input.idempotencyKey)}`;
    const amount = checkPoints(input.points);
    if (input.fromVolunteerId === input.toVolunteerId)
      throw new DomainError('INVALID_RECIPIENT', '不能捐赠给自己', {
        field: 'toVolunteerId',
      });
    return this.ds.transaction(async (m) => {
      // Lock both people and accounts in id order, so two opposite donations cannot deadlock.
      const [first, second] = [input.fromVolunteerId, input.toVolunteerId].sort();
      const locked = new Map<string, VolunteerRow>();
      for (const id of [first, second]) locked.set(id, await VolunteerService.lock(m, id));
      const accounts = new Map<string, string>();
      for (const id of [first, second]) accounts.set(id, await lockAccount(m, id));
      const from = locked.get(input.fromVolunteerId)!;
      assertAllowed(user, isSelf(user, from), '只能捐赠本人的积分');
      const existing = await findByKey(m, key);
      if (existing)
        return replay(existing, {
          kind: 'DONATION',
          amount,
          volunteerId: from.id,
        });
      await this.spendable(m, from, accounts.get(from.id)!, amount);
      const toBalance = await balanceOf(m, accounts.get(input.toVolunteerId)!);
      if (toBalance + amount > this.policy.balanceCap) {
        throw new DomainError('BALANCE_CAP_EXCEEDED', `受赠人积分将超过上限 ${this.policy.balanceCap}`, {
          cap: this.policy.balanceCap,
        });
      }
      return post(m, actor, {
        kind: 'DONATION',
        key,
        volunteerId: from.id,
        counterpartyId: input.toVolunteerId,
        amount,
        legs: [
          { accountId: accounts.get(from.id)!, amount: -amount },
          { accountId: accounts.get(input.toVolunteerId)!, amount },
        ],
      });
    });
  }

  /** Writes off expired points of every account (daily job; idempotent per account and day). */
  async expireAll(actor: Actor, now = systemClock.now()): Promise<number> {
    const cutoff = this.cutoff(now);
    // The business day in Shanghai: the nightly run at 02:30 and a rerun later that day share one key.
    const day = shanghaiDate(now);
    const candidates: { volunteerId: string }[] = await this.ds.query(
      `SELECT DISTINCT a.volunteer_id AS "volunteerId" FROM tb_accounts a JOIN tb_entries e ON e.account_id = a.id
        WHERE a.volunteer_id IS NOT NULL AND e.amount > 0 AND e.created_at < $1`,
      [cutoff],
    );
    let posted = 0;
    for (const { volunteerId } of candidates) {
      await this.ds.transaction(async (m) => {
        await VolunteerService.lock(m, volunteerId);
        const account = await lockAccount(m, volunteerId);
        const key = `expiry-${volunteerId}-${day}`;
        if (await findByKey(m, key)) return;
        const amount = Math.min(await expirableOf(m, account, cutoff), await balanceOf(m, account));
        if (amount <= 0) return;
        await post(m, actor, {
          kind: 'EXPIRY',
          key,
          volunteerId,
          amount,
          memo: { cutoff: cutoff.toISOString() },
          legs: [
            { accountId: account, amount: -amount },
            { accountId: await systemAccount(m, 'EXPIRY'), amount },
          ],
        });
        posted++;
      });
    }
    return posted;
  }

  async addCatalogueItem(
    actor: Actor,
    input: { stationId: string; name: string; points: number },
  ): Promise<CatalogueItem> {
    const name = text(input.name, 'name', '物品名称', 100)!;
    const points = checkPoints(input.points);
    return this.ds.transaction(async (m) => {
      const station = await StationRefs.require(m, input.stationId, {
        open: true,
      });
      assertManage(actor.user, station);
      const [row] = await m.query(
        `INSERT INTO tb_catalogue AS c (station_id, name, points, created_by) VALUES ($1, $2, $3, $4) RETURNING ${ITEM_COLUMNS}`,
        [station.id, name, points, requireUser(actor.user).sub],
      );
      return row;
    });
  }

  async catalogue(stationId: string): Promise<CatalogueItem[]> {
    if (!isUuid(stationId)) return [];
    return this.ds.query(
      `SELECT ${ITEM_COLUMNS} FROM tb_catalogue c WHERE c.station_id = $1 AND c.active ORDER BY c.points, c.name`,
      [stationId],
    );
  }

  /** Balance and available points of many volunteers in one statement (no account yet: 0). */
  async summaries(volunteerIds: readonly string[]): Promise<Map<string, { balance: number; available: number }>> {
    const valid = volunteerIds.filter(isUuid);
    if (!valid.length) return new Map();
    const rows: { id: string; balance: number; expirable: number }[] = await this.ds.query(
      `SELECT a.volunteer_id AS id, COALESCE(sum(e.amount), 0)::float8 AS balance,
              GREATEST(0, COALESCE(sum(e.amount) FILTER (WHERE e.amount > 0 AND e.created_at < $2), 0) + COALESCE(sum(e.amount) FILTER (WHERE e.amount < 0), 0))::float8 AS expirable
         FROM tb_accounts a LEFT JOIN tb_entries e ON e.account_id = a.id WHERE a.volunteer_id = ANY($1::uuid[]) GROUP BY 1`,
      [valid, this.cutoff()],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          balance: round2(r.balance),
          available: round2(r.balance - r.expirable),
        },
      ]),
    );
  }

  /** The latest `first` transactions of many volunteers (as owner or counterparty) in one statement. */
  async transactionsOf(volunteerIds: readonly string[], first = 20): Promise<(TxRow & { ownerId: string })[]> {
    const valid = volunteerIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT p.id AS "ownerId", ${TX_COLUMNS} FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL (
         SELECT * FROM tb_transactions x WHERE x.volunteer_id = p.id OR x.counterparty_id = p.id ORDER BY x.created_at DESC LIMIT $2) t`,
      [valid, Math.min(Math.max(first, 1), 200)],
    );
  }
}
