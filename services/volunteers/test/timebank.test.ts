import { randomUUID } from 'node:crypto';
import { gql, typedQuery } from '@leifeng/kit/testing';
import { TimeBankService } from '../src/services/timebank-service';
import { readVolunteersConfig } from '../src/config';
import { VERIFY, registerMember, seedStation, startVolunteers, tokens, type VolunteersUnderTest } from './helpers';

let t: VolunteersUnderTest;
let station: string;
let manager: string;
let item: string;

const REDEEM = typedQuery<{ redeemPoints: { id: string; kind: string; amount: number; replayed: boolean } }>(
  `mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id kind amount replayed } }`,
);
const DONATE = typedQuery<{ donatePoints: unknown }>(
  `mutation($i: DonatePointsInput!) { donatePoints(input: $i) { id kind amount } }`,
);
const ACCOUNT = typedQuery<{
  volunteer: { starLevel: number; timeBank: { balance: number; available: number; transactions: unknown[] } };
}>(`query($id: ID!) { volunteer(id: $id) { starLevel timeBank { balance available transactions { kind amount } } } }`);

/** Verified service through the API: pending rows, then verifyServiceRecord (which posts the credit). */
async function earn(volunteerId: string, days: string[], hours: number, quality = 'GOOD'): Promise<string[]> {
  const ids: string[] = [];
  for (const day of days) {
    const { rows } = await t.db.query(
      `INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours, recorder, recorded_by)
       VALUES ($1, $2, '积分样例', $3, '站点', '服务', $4, $5, $6, '记录人', 'fixture') RETURNING id`,
      [
        volunteerId,
        station,
        day,
        new Date(`${day}T00:00:00+08:00`),
        new Date(new Date(`${day}T00:00:00+08:00`).getTime() + hours * 3600_000),
        hours,
      ],
    );
    const res = await gql(t.svc.url, VERIFY, { id: rows[0].id, q: quality }, { token: manager });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    ids.push(rows[0].id);
  }
  return ids;
}

async function balance(volunteerId: string): Promise<number> {
  const { rows } = await t.db.query(
    `SELECT COALESCE(sum(e.amount), 0)::float8 AS b FROM tb_entries e JOIN tb_accounts a ON a.id = e.account_id WHERE a.volunteer_id = $1`,
    [volunteerId],
  );
  return rows[0].b;
}

async function ledgerBalanced(): Promise<boolean> {
  const { rows } = await t.db.query(
    `SELECT count(*)::int AS bad FROM (SELECT transaction_id FROM tb_entries GROUP BY 1 HAVING sum(amount) <> 0) x`,
  );
  const total = await t.db.query(`SELECT COALESCE(sum(amount), 0)::float8 AS s FROM tb_entries`);
  return rows[0].bad === 0 && total.rows[0].s === 0;
}

beforeAll(async () => {
  t = await startVolunteers({
    env: { TIMEBANK_BALANCE_CAP: '200', TIMEBANK_EXPIRY_YEARS: '2' },
  });
  station = await seedStation(t);
  manager = await tokens.manager(station);
  const res = await gql<{ addCatalogueItem: { id: string; points: number } }>(
    t.svc.url,
    `mutation($i: CatalogueItemInput!) { addCatalogueItem(input: $i) { id points } }`,
    { i: { stationId: station, name: '雨伞', points: 15 } },
    { token: manager },
  );
  item = res.data!.addCatalogueItem.id;
});
afterAll(() => t.stop());

describe('time bank', () => {
  let rich: string;
  const richToken = () => tokens.volunteer('acct-rich');

  beforeAll(async () => {
    rich = await registerMember(t, station, {}, await richToken());
    await earn(rich, ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09'], 20); // 100 h GOOD → 100 points, 1★
  });

  it('credits verified hours × the quality factor and derives the balance from balanced entry pairs', async () => {
    const res = await gql(t.svc.url, ACCOUNT, { id: rich }, { token: await richToken() });
    expect(res.data!.volunteer).toMatchObject({
      starLevel: 1,
      timeBank: { balance: 100, available: 100 },
    });
    expect(res.data!.volunteer.timeBank.transactions).toHaveLength(5);
    expect(await ledgerBalanced()).toBe(true);
    const events = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE type = 'timebank.posted'`);
    expect(events.rows[0].n).toBe(5);
  });

  it('never overdraws under concurrent redemptions of the same balance', async () => {
    const token = await richToken();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gql(
          t.svc.url,
          REDEEM,
          {
            i: {
              volunteerId: rich,
              itemId: item,
              idempotencyKey: `parallel-${i}-${randomUUID()}`,
            },
          },
          { token },
        ),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors?.[0].extensions?.code === 'INSUFFICIENT_POINTS');
    expect(ok).toHaveLength(6); // 6 × 15 = 90 ≤ 100
    expect(refused).toHaveLength(4);
    expect(await balance(rich)).toBe(10);
    expect(await ledgerBalanced()).toBe(true);
  });

  it('posts once for retries with one idempotency key, even when they race, and refuses the key for other terms', async () => {
    const other = await registerMember(t, station, {}, await tokens.volunteer('acct-retry'));
    await earn(other, ['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05'], 20, 'FAIR'); // 100 h × 0.8 = 80
    const token = await tokens.volunteer('acct-retry');
    const key = `retry-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        gql(
          t.svc.url,
          REDEEM,
          {
            i: {
              volunteerId: other,
              itemId: item,
              quantity: 2,
              idempotencyKey: key,
            },
          },
          { token },
        ),
      ),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(new Set(results.map((r) => r.data!.redeemPoints.id)).size).toBe(1);
    expect(results.filter((r) => !r.data!.redeemPoints.replayed)).toHaveLength(1);
    expect(await balance(other)).toBe(50);
    const misuse = await gql(
      t.svc.url,
      REDEEM,
      {
        i: {
          volunteerId: other,
          itemId: item,
          quantity: 1,
          idempotencyKey: key,
        },
      },
      { token },
    );
    expect(misuse.errors?.[0].extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await balance(other)).toBe(50);
  });

  it('requires the configured star level, the owner, and a sane key; changes nothing when refused', async () => {
    const novice = await registerMember(t, station, {}, await tokens.volunteer('acct-novice'));
    await earn(novice, ['2026-03-01'], 10);
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM tb_entries`)).rows[0].n;
    const low = await gql(
      t.svc.url,
      REDEEM,
      {
        i: {
          volunteerId: novice,
          itemId: item,
          idempotencyKey: 'novice-key-1',
        },
      },
      { token: await tokens.volunteer('acct-novice') },
    );
    expect(low.errors?.[0].extensions?.code).toBe('STAR_LEVEL_TOO_LOW');
    const notMine = await gql(
      t.svc.url,
      REDEEM,
      {
        i: { volunteerId: rich, itemId: item, idempotencyKey: 'thief-key-01' },
      },
      { token: await tokens.volunteer('acct-novice') },
    );
    expect(notMine.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const badKey = await gql(
      t.svc.url,
      REDEEM,
      { i: { volunteerId: rich, itemId: item, idempotencyKey: 'x' } },
      { token: await richToken() },
    );
    expect(badKey.errors?.[0].extensions?.code).toBe('INVALID_IDEMPOTENCY_KEY');
    const withdraw = await gql(
      t.svc.url,
      `mutation($i: WithdrawPointsInput!) { withdrawPointsForService(input: $i) { id } }`,
      {
        i: {
          volunteerId: rich,
          points: 50,
          description: '上门理发',
          idempotencyKey: 'withdraw-too-much',
        },
      },
      { token: await richToken() },
    );
    expect(withdraw.errors?.[0].extensions?.code).toBe('INSUFFICIENT_POINTS');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM tb_entries`)).rows[0].n).toBe(before);
  });

  it('withdraws points for received service (the kind SERVICE_WITHDRAWAL fits its column)', async () => {
    const sub = 'acct-haircut';
    const v = await registerMember(t, station, {}, await tokens.volunteer(sub));
    await earn(v, ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'], 20); // 100 points, 1★
    const res = await gql<{ withdrawPointsForService: { kind: string; amount: number } }>(
      t.svc.url,
      `mutation($i: WithdrawPointsInput!) { withdrawPointsForService(input: $i) { kind amount } }`,
      { i: { volunteerId: v, points: 2.5, description: '上门理发', idempotencyKey: 'withdraw-haircut-1' } },
      { token: await tokens.volunteer(sub) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.withdrawPointsForService).toEqual({ kind: 'SERVICE_WITHDRAWAL', amount: 2.5 });
    expect(await balance(v)).toBe(97.5);
    expect(await ledgerBalanced()).toBe(true);
  });

  it("donates to another volunteer within the recipient's balance cap", async () => {
    const giver = await registerMember(t, station, {}, await tokens.volunteer('acct-giver'));
    await earn(giver, ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05'], 20, 'EXCELLENT'); // 120
    const taker = await registerMember(t, station, {}, await tokens.volunteer('acct-taker'));
    await earn(
      taker,
      ['2026-04-06', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10', '2026-04-11', '2026-04-12', '2026-04-13'],
      20,
    ); // 160
    const token = await tokens.volunteer('acct-giver');
    const over = await gql(
      t.svc.url,
      DONATE,
      {
        i: {
          fromVolunteerId: giver,
          toVolunteerId: taker,
          points: 50,
          idempotencyKey: 'gift-too-much',
        },
      },
      { token },
    );
    expect(over.errors?.[0].extensions?.code).toBe('BALANCE_CAP_EXCEEDED'); // 160 + 50 > 200
    const ok = await gql(
      t.svc.url,
      DONATE,
      {
        i: {
          fromVolunteerId: giver,
          toVolunteerId: taker,
          points: 40,
          idempotencyKey: 'gift-forty-1',
        },
      },
      { token },
    );
    expect(ok.errors).toBeUndefined();
    expect([await balance(giver), await balance(taker)]).toEqual([80, 200]);
    // At the cap, further verified service still counts as hours but credits no points.
    await earn(taker, ['2026-04-20'], 5);
    expect(await balance(taker)).toBe(200);
    const hours = await gql<{ volunteer: { verifiedHours: number } }>(
      t.svc.url,
      `query($id: ID!) { volunteer(id: $id) { verifiedHours } }`,
      { id: taker },
      { token: manager },
    );
    expect(hours.data!.volunteer.verifiedHours).toBe(165);
    const reverse = await gql(
      t.svc.url,
      DONATE,
      {
        i: {
          fromVolunteerId: taker,
          toVolunteerId: giver,
          points: 1,
          idempotencyKey: 'not-my-money',
        },
      },
      { token },
    );
    expect(reverse.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("reverses a record's credit on reversal, never below zero (the shortfall is noted)", async () => {
    const spender = await registerMember(t, station, {}, await tokens.volunteer('acct-spender'));
    const [first] = await earn(spender, ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'], 20); // 100
    const token = await tokens.volunteer('acct-spender');
    for (let i = 0; i < 6; i++)
      await gql(
        t.svc.url,
        REDEEM,
        {
          i: {
            volunteerId: spender,
            itemId: item,
            idempotencyKey: `spend-${i}-abcdefgh`,
          },
        },
        { token },
      );
    expect(await balance(spender)).toBe(10);
    const res = await gql(
      t.svc.url,
      `mutation($id: ID!) { reverseServiceRecord(id: $id, reason: "重复登记") { reversed { status } } }`,
      { id: first },
      { token: manager },
    );
    expect(res.errors).toBeUndefined();
    expect(await balance(spender)).toBe(0);
    const { rows } = await t.db.query(
      `SELECT amount::float8 AS amount, memo FROM tb_transactions WHERE service_record_id = $1 AND kind = 'CREDIT_REVERSAL'`,
      [first],
    );
    expect(rows).toEqual([{ amount: 10, memo: { credited: 20, shortfall: 10 } }]);
  });

  it('expires points after N years, oldest first, once per day', async () => {
    const old = await registerMember(t, station, {}, await tokens.volunteer('acct-old'));
    // A credit from three years ago (written as the service would have, then back-dated: the ledger itself refuses edits).
    await t.db.query(`ALTER TABLE tb_entries DISABLE TRIGGER tb_entries_append_only`);
    try {
      await earn(old, ['2026-06-01'], 10); // 10 points now
      await t.db.query(
        `UPDATE tb_entries SET created_at = now() - interval '3 years' WHERE account_id = (SELECT id FROM tb_accounts WHERE volunteer_id = $1)`,
        [old],
      );
    } finally {
      await t.db.query(`ALTER TABLE tb_entries ENABLE TRIGGER tb_entries_append_only`);
    }
    await earn(old, ['2026-06-02'], 4); // 4 fresh points
    const before = await gql(t.svc.url, ACCOUNT, { id: old }, { token: await tokens.volunteer('acct-old') });
    expect(before.data!.volunteer.timeBank).toMatchObject({
      balance: 14,
      available: 4,
    });
    const bank = new TimeBankService(
      t.svc.api.deps.ds,
      readVolunteersConfig({ TIMEBANK_EXPIRY_YEARS: '2' }).timeBank,
      [100, 300, 600, 1000, 1500],
    );
    const actor = { user: { sub: 'expiry-job', roles: ['SERVICE' as const] } };
    // The nightly run (02:30 in Shanghai, 18:30 UTC the day before) and a rerun at 09:00 the same Shanghai day
    // post once, keyed by the Shanghai date.
    const nightly = new Date('2026-12-03T18:30:00Z');
    expect(await bank.expireAll(actor, nightly)).toBeGreaterThanOrEqual(1);
    expect(await balance(old)).toBe(4);
    const keys = await t.db.query(
      `SELECT idempotency_key AS key FROM tb_transactions WHERE volunteer_id = $1 AND kind = 'EXPIRY'`,
      [old],
    );
    expect(keys.rows).toEqual([{ key: `expiry-${old}-2026-12-04` }]);
    await bank.expireAll(actor, new Date('2026-12-04T01:00:00Z'));
    expect(await balance(old)).toBe(4);
    expect(await ledgerBalanced()).toBe(true);
  });

  it('the database itself refuses unbalanced postings, edits and deletes', async () => {
    const [acc] = (await t.db.query(`SELECT id FROM tb_accounts WHERE volunteer_id = $1`, [rich])).rows;
    const [tx] = (await t.db.query(`SELECT id FROM tb_transactions WHERE volunteer_id = $1 LIMIT 1`, [rich])).rows;
    await expect(
      t.db.query(`INSERT INTO tb_entries (transaction_id, account_id, amount) VALUES ($1, $2, 5)`, [tx.id, acc.id]),
    ).rejects.toThrow(/does not balance/);
    await expect(
      t.db.query(`UPDATE tb_entries SET amount = amount * 2 WHERE account_id = $1`, [acc.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM tb_transactions WHERE id = $1`, [tx.id])).rejects.toThrow(/append-only/);
  });
});
