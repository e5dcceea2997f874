/**
 * Donating points by the recipient's mobile number (donationRecipient, donatePoints.toPhone): matched through
 * the keyed hash, only volunteers sharing a current station with the giver, masked name only, the same answer
 * for a number of nobody and one of a volunteer elsewhere, a per-volunteer hourly allowance of look-ups.
 * And Station.upcomingActivities, which follows the platform clock (the sandbox offset), not the caller's.
 */
import { gql, typedQuery } from '@leifeng/kit/testing';
import { setSandboxOffset } from '@leifeng/kit';
import { maskNameForConfirmation } from '../src/domain/common';
import { RECIPIENT_LOOKUPS_PER_HOUR } from '../src/services/donation-recipient';
import {
  VERIFY,
  mobile,
  registerMember,
  seedStation,
  startVolunteers,
  tokens,
  type VolunteersUnderTest,
} from './helpers';

let t: VolunteersUnderTest;
let home: string;
let elsewhere: string;
let giver: string;
let recipient: string;
const giverSub = 'acct-giver';
const giverPhone = mobile();
const recipientPhone = mobile();
const elsewherePhone = mobile();
const nobodyPhone = mobile();

const LOOKUP = typedQuery<{ donationRecipient: { maskedName: string; stationNames: string[] } | null }>(
  `query($p: String!) { donationRecipient(phone: $p) { maskedName stationNames } }`,
);
const DONATE = typedQuery<{ donatePoints: { kind: string; amount: number } }>(
  `mutation($i: DonatePointsInput!) { donatePoints(input: $i) { kind amount } }`,
);
const BALANCE = typedQuery<{ volunteer: { timeBank: { balance: number } } }>(
  `query($id: ID!) { volunteer(id: $id) { timeBank { balance } } }`,
);
let keySeq = 0;
const key = () => `donate-test-${++keySeq}-${Date.now()}`;

async function balanceOf(id: string): Promise<number> {
  const res = await gql(t.svc.url, BALANCE, { id }, { token: await tokens.service() });
  return res.data!.volunteer.timeBank.balance;
}

beforeAll(async () => {
  t = await startVolunteers({ env: { TIMEBANK_MIN_STAR_TO_REDEEM: '0' } });
  home = await seedStation(t, { name: '芙蓉区文艺路学雷锋志愿服务站' });
  elsewhere = await seedStation(t, { name: '岳麓区桃子湖学雷锋志愿服务站' });
  giver = await registerMember(t, home, { name: '雷锋锋', phone: giverPhone }, await tokens.volunteer(giverSub));
  recipient = await registerMember(t, home, { name: '张三明', phone: recipientPhone });
  await registerMember(t, elsewhere, { name: '李四', phone: elsewherePhone });
  // 10 verified hours (GOOD) → 10 points for the giver.
  const { rows } = await t.db.query(
    `INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours, recorder, recorded_by)
     VALUES ($1, $2, '捐赠样例', '2026-03-02', '站点', '服务', '2026-03-02T08:00:00+08:00', '2026-03-02T18:00:00+08:00', 10, '记录人', 'fixture') RETURNING id`,
    [giver, home],
  );
  const verified = await gql(t.svc.url, VERIFY, { id: rows[0].id, q: 'GOOD' }, { token: await tokens.manager(home) });
  expect(verified.errors).toBeUndefined();
});
afterAll(() => t.stop());

describe('donation recipient by mobile number', () => {
  it('masks all but the first and last character', () => {
    expect(maskNameForConfirmation('张三明')).toBe('张*明');
    expect(maskNameForConfirmation('欧阳娜娜')).toBe('欧**娜');
    expect(maskNameForConfirmation('王芳')).toBe('王*');
  });

  it('shows a volunteer of my station by the masked name and the station we share', async () => {
    const res = await gql(t.svc.url, LOOKUP, { p: recipientPhone }, { token: await tokens.volunteer(giverSub) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.donationRecipient).toEqual({
      maskedName: '张*明',
      stationNames: ['芙蓉区文艺路学雷锋志愿服务站'],
    });
    // Spaces and dashes as people type them.
    const spaced = `${recipientPhone.slice(0, 3)} ${recipientPhone.slice(3, 7)}-${recipientPhone.slice(7)}`;
    const again = await gql(t.svc.url, LOOKUP, { p: spaced }, { token: await tokens.volunteer(giverSub) });
    expect(again.data!.donationRecipient!.maskedName).toBe('张*明');
  });

  it('answers a number of nobody and one of a volunteer elsewhere alike (no phone → name oracle)', async () => {
    const token = await tokens.volunteer(giverSub);
    const [nobody, other] = await Promise.all([
      gql(t.svc.url, LOOKUP, { p: nobodyPhone }, { token }),
      gql(t.svc.url, LOOKUP, { p: elsewherePhone }, { token }),
    ]);
    expect(nobody.data?.donationRecipient ?? null).toBeNull();
    expect(other.data?.donationRecipient ?? null).toBeNull();
    expect(nobody.errors?.[0].extensions?.code).toBe('RECIPIENT_NOT_FOUND');
    expect(other.errors?.[0].extensions?.code).toBe('RECIPIENT_NOT_FOUND');
    expect(other.errors?.[0].message).toBe(nobody.errors?.[0].message);
    expect(nobody.errors?.[0].message).toMatch(/不是与您同站点的志愿者/);
    const bad = await gql(t.svc.url, LOOKUP, { p: '12345' }, { token });
    expect(bad.errors?.[0].extensions?.code).toBe('INVALID_PHONE');
    const self = await gql(t.svc.url, LOOKUP, { p: giverPhone }, { token });
    expect(self.errors?.[0].extensions?.code).toBe('INVALID_RECIPIENT');
  });

  it('is for volunteers only', async () => {
    const res = await gql(t.svc.url, LOOKUP, { p: recipientPhone }, { token: await tokens.manager(home) });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_A_VOLUNTEER');
    const anonymous = await gql(t.svc.url, LOOKUP, { p: recipientPhone });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('donates by phone under the same rule; a refused number changes nothing', async () => {
    const token = await tokens.volunteer(giverSub);
    const ok = await gql(
      t.svc.url,
      DONATE,
      { i: { fromVolunteerId: giver, toPhone: recipientPhone, points: 3, idempotencyKey: key() } },
      { token },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.donatePoints).toEqual({ kind: 'DONATION', amount: 3 });
    expect(await balanceOf(giver)).toBe(7);
    expect(await balanceOf(recipient)).toBe(3);

    const refused = await gql(
      t.svc.url,
      DONATE,
      { i: { fromVolunteerId: giver, toPhone: elsewherePhone, points: 1, idempotencyKey: key() } },
      { token },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('RECIPIENT_NOT_FOUND');
    const both = await gql(
      t.svc.url,
      DONATE,
      {
        i: {
          fromVolunteerId: giver,
          toPhone: recipientPhone,
          toVolunteerId: recipient,
          points: 1,
          idempotencyKey: key(),
        },
      },
      { token },
    );
    expect(both.errors?.[0].extensions?.code).toBe('INVALID_RECIPIENT');
    const neither = await gql(
      t.svc.url,
      DONATE,
      { i: { fromVolunteerId: giver, points: 1, idempotencyKey: key() } },
      { token },
    );
    expect(neither.errors?.[0].extensions?.code).toBe('INVALID_RECIPIENT');
    expect(await balanceOf(giver)).toBe(7);
    expect(await balanceOf(recipient)).toBe(3);
  });

  it('stops finding a volunteer who left the station we shared', async () => {
    const leaverPhone = mobile();
    await registerMember(t, home, { name: '赵六', phone: leaverPhone });
    const token = await tokens.volunteer(giverSub);
    expect((await gql(t.svc.url, LOOKUP, { p: leaverPhone }, { token })).data!.donationRecipient!.maskedName).toBe(
      '赵*',
    );
    await t.db.query(
      `UPDATE memberships SET left_on = joined_on WHERE volunteer_id = (SELECT id FROM volunteers WHERE name = '赵六')`,
    );
    expect((await gql(t.svc.url, LOOKUP, { p: leaverPhone }, { token })).errors?.[0].extensions?.code).toBe(
      'RECIPIENT_NOT_FOUND',
    );
  });

  it('allows each volunteer a fixed number of look-ups an hour, found or not', async () => {
    const sub = 'acct-prober';
    await registerMember(t, home, { name: '钱七' }, await tokens.volunteer(sub));
    const token = await tokens.volunteer(sub);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < RECIPIENT_LOOKUPS_PER_HOUR + 1; i++) {
      const res = await gql(t.svc.url, LOOKUP, { p: i % 2 ? recipientPhone : mobile() }, { token });
      codes.push(res.errors?.[0].extensions?.code as string | undefined);
    }
    expect(
      codes.slice(0, RECIPIENT_LOOKUPS_PER_HOUR).every((c) => c === undefined || c === 'RECIPIENT_NOT_FOUND'),
    ).toBe(true);
    expect(codes[RECIPIENT_LOOKUPS_PER_HOUR]).toBe('RECIPIENT_LOOKUP_RATE_LIMITED');
    // Another volunteer's allowance is their own.
    const other = await gql(t.svc.url, LOOKUP, { p: recipientPhone }, { token: await tokens.volunteer(giverSub) });
    expect(other.errors).toBeUndefined();
  });
});

describe('upcoming activities by the platform clock', () => {
  const UPCOMING = typedQuery<{ _entities: { upcomingActivities: { title: string }[] }[] }>(
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station { upcomingActivities { title } } } }`,
  );
  const titles = async () => {
    const res = await gql(
      t.svc.url,
      UPCOMING,
      { reps: [{ __typename: 'Station', id: home }] },
      { token: await tokens.volunteer(giverSub) },
    );
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0].upcomingActivities.map((a) => a.title);
  };

  it('lists what has not ended (running ones too), soonest first, and drops what ends when the sandbox clock moves', async () => {
    const manager = await tokens.manager(home);
    const hour = 3600_000;
    const create = async (title: string, startsIn: number, endsIn: number) => {
      const res = await gql<{ createActivity: { id: string } }>(
        t.svc.url,
        `mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }`,
        {
          i: {
            stationId: home,
            title,
            category: 'CONVENIENCE',
            place: '站点门口',
            startsAt: new Date(Date.now() + startsIn * hour).toISOString(),
            endsAt: new Date(Date.now() + endsIn * hour).toISOString(),
          },
        },
        { token: manager },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.createActivity.id;
    };
    await create('昨天的活动', -26, -24);
    await create('下周的活动', 24 * 7, 24 * 7 + 2);
    await create('进行中的活动', -1, 2);
    await create('明天的活动', 24, 26);
    const cancelled = await create('取消的活动', 30, 32);
    const c = await gql(
      t.svc.url,
      `mutation($id: ID!) { cancelActivity(id: $id) { status } }`,
      { id: cancelled },
      {
        token: manager,
      },
    );
    expect(c.errors).toBeUndefined();
    expect(await titles()).toEqual(['进行中的活动', '明天的活动', '下周的活动']);
    // A rehearsal moves business time three days ahead: tomorrow's is over, the browser's clock is not asked.
    setSandboxOffset(3 * 24 * hour);
    expect(await titles()).toEqual(['下周的活动']);
  });
});
