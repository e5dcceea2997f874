import { gql, StatementCounter, tokenFor, typedQuery } from '@leifeng/kit/testing';
import type { OpeningSlot } from '../src/domain/station';
import { registerMember, seedStation, startVolunteers, tokens, type VolunteersUnderTest } from './helpers';

let t: VolunteersUnderTest;
const counter = new StatementCounter();
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai
const everyDay: OpeningSlot[] = (
  ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const
).flatMap((weekday) => [
  { weekday, opens: '08:30', closes: '12:00' },
  { weekday, opens: '14:00', closes: '17:30' },
]);

beforeAll(async () => {
  t = await startVolunteers({ queryLogger: counter });
});
afterAll(() => t.stop());

const DUTY = typedQuery<{ signUpForDuty: { id: string } }>(
  `mutation($i: DutySignUpInput!) { signUpForDuty(input: $i) { id } }`,
);
const ON_DUTY = typedQuery<{ _entities: { onDutyToday: unknown }[] }>(
  `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station { id onDutyToday { displayName role opens closes } } } }`,
);

describe('Station.onDutyToday (public, for the notice board)', () => {
  it("lists today's shifts with masked names, role and times; no contact data; cancelled, other days, former and inactive members left out", async () => {
    const station = await seedStation(t, { openingHours: everyDay });
    const other = await seedStation(t, { openingHours: everyDay });
    const admin = await tokens.city();
    const leader = await registerMember(t, station, {
      name: '张建国',
      role: 'LEADER',
    });
    const volunteer = await registerMember(t, station, { name: '欧阳娜娜' });
    const cancelled = await registerMember(t, station, { name: '李四' });
    const tomorrow = await registerMember(t, station, { name: '王五' });
    const suspended = await registerMember(t, station, { name: '赵六' });
    const elsewhere = await registerMember(t, other, { name: '孙七' });
    const sign = async (volunteerId: string, stationId: string, opens: string, date = today()) => {
      const res = await gql(t.svc.url, DUTY, { i: { stationId, volunteerId, date, opens } }, { token: admin });
      expect(res.errors).toBeUndefined();
      return res.data!.signUpForDuty.id;
    };
    await sign(volunteer, station, '14:00');
    await sign(leader, station, '08:30');
    const c = await sign(cancelled, station, '08:30');
    expect(
      (await gql(t.svc.url, `mutation($id: ID!) { cancelDuty(id: $id) { id } }`, { id: c }, { token: admin })).errors,
    ).toBeUndefined();
    const nextDay = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    await sign(tomorrow, station, '08:30', nextDay);
    await sign(suspended, station, '14:00');
    expect(
      (
        await gql(
          t.svc.url,
          `mutation($id: ID!) { setVolunteerStatus(id: $id, status: SUSPENDED, reason: "暂停服务") { status } }`,
          { id: suspended },
          { token: admin },
        )
      ).errors,
    ).toBeUndefined();
    await sign(elsewhere, other, '08:30');
    const former = await registerMember(t, station, { name: '周八' });
    await sign(former, station, '14:00');
    const { rows } = await t.db.query(`SELECT id FROM memberships WHERE volunteer_id = $1`, [former]);
    expect(
      (
        await gql(
          t.svc.url,
          `mutation($m: ID!) { leaveStation(membershipId: $m) { id } }`,
          { m: rows[0].id },
          { token: admin },
        )
      ).errors,
    ).toBeUndefined();

    const res = await gql(t.svc.url, ON_DUTY, {
      reps: [
        { __typename: 'Station', id: station },
        { __typename: 'Station', id: other },
      ],
    }); // anonymous
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0].onDutyToday).toEqual([
      { displayName: '张**', role: 'LEADER', opens: '08:30', closes: '12:00' },
      {
        displayName: '欧***',
        role: 'VOLUNTEER',
        opens: '14:00',
        closes: '17:30',
      },
    ]);
    expect(res.data!._entities[1].onDutyToday).toEqual([
      {
        displayName: '孙*',
        role: 'VOLUNTEER',
        opens: '08:30',
        closes: '12:00',
      },
    ]);
    // The type has no contact fields at all.
    const bad = await gql(
      t.svc.url,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station { onDutyToday { phone } } } }`,
      { reps: [{ __typename: 'Station', id: station }] },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('costs one statement for any number of stations', async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, () => seedStation(t, { openingHours: everyDay })));
    const counts: number[] = [];
    for (const n of [1, 30]) {
      counter.reset();
      const res = await gql(t.svc.url, ON_DUTY, {
        reps: ids.slice(0, n).map((id) => ({ __typename: 'Station', id })),
      });
      expect(res.data!._entities).toHaveLength(n);
      counts.push(counter.count);
    }
    expect(counts).toEqual([1, 1]);
  });
});

describe('volunteerContacts (SERVICE only)', () => {
  const Q = typedQuery<{ volunteerContacts: unknown[] }>(
    `query($ids: [ID!]!) { volunteerContacts(ids: $ids) { id phone } }`,
  );

  it('returns whole numbers in the order asked, null for unknown and withdrawn, in one statement', async () => {
    const station = await seedStation(t);
    const a = await registerMember(t, station, { phone: '13511112222' });
    const b = await registerMember(t, station, { phone: '13533334444' });
    const gone = await registerMember(t, station, { phone: '13555556666' });
    expect(
      (
        await gql(
          t.svc.url,
          `mutation($id: ID!) { setVolunteerStatus(id: $id, status: WITHDRAWN, reason: "本人申请退出") { status } }`,
          { id: gone },
          { token: await tokens.city() },
        )
      ).errors,
    ).toBeUndefined();
    const token = await tokens.service();
    counter.reset();
    const res = await gql(
      t.svc.url,
      Q,
      {
        ids: [b, 'not-a-uuid', a, '00000000-0000-4000-8000-000000000000', gone],
      },
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.volunteerContacts).toEqual([
      { id: b, phone: '13533334444' },
      null,
      { id: a, phone: '13511112222' },
      null,
      null,
    ]);
    expect(counter.count).toBe(1);

    // 500 ids are still one statement.
    const many = [
      ...Array.from({ length: 498 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
      a,
      b,
    ];
    counter.reset();
    const big = await gql(t.svc.url, Q, { ids: many }, { token });
    expect(big.data!.volunteerContacts.filter(Boolean)).toHaveLength(2);
    expect(counter.count).toBe(1);
  });

  it('is FORBIDDEN to everyone but SERVICE (even covering admins and the volunteer), and refuses more than 500 ids', async () => {
    const station = await seedStation(t);
    const a = await registerMember(t, station, { phone: '13577778888' });
    for (const token of [
      await tokens.city(),
      await tokens.manager(station),
      await tokenFor({ roles: ['PROVINCE_ADMIN'], regionCode: '430000' }),
      await tokenFor({ roles: ['INSPECTOR'] }),
      await tokenFor({ roles: ['AGENCY'], agencyId: 'a1' }),
      await tokens.volunteer('acct-any'),
    ]) {
      const res = await gql(t.svc.url, Q, { ids: [a] }, { token });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(res)).not.toContain('13577778888');
    }
    expect((await gql(t.svc.url, Q, { ids: [a] })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const tooMany = await gql(
      t.svc.url,
      Q,
      { ids: Array.from({ length: 501 }, () => a) },
      { token: await tokens.service() },
    );
    expect(tooMany.errors?.[0].extensions?.code).toBe('TOO_MANY_IDS');
    expect(tooMany.errors?.[0].message).toContain('500');
  });
});
