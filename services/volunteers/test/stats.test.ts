import { gql, StatementCounter, tokenFor, typedQuery } from '@leifeng/kit/testing';
import { registerMember, seedStation, startVolunteers, tokens, type VolunteersUnderTest } from './helpers';

/**
 * Hand-computed fixture (year 2025, Asia/Shanghai):
 *   A (430102, headcount 10): L LEADER 10 h, S STAFF 0 h, V1 60 h (+20 h in 2024, +9 h reversed, +8 h pending elsewhere),
 *     V2 30 h (+8 h pending), V3 former member 5 h. Activities: 2025-01-01 00:30 (= 2024-12-31 UTC), 2025-01-20,
 *     2025-03-08, 2025-03-09 cancelled, 2025-12-05, 2024-06-01.
 *   B (430103, headcount unknown): V1 (again), V4 12 h; activity 2025-02-14.
 *   C (430202, other city): V5 7 h; activity 2025-07-01.
 */
let t: VolunteersUnderTest;
const ids: Record<string, string> = {};

async function verified(volunteer: string, station: string, start: string, hours: number, status = 'VERIFIED') {
  const startedAt = new Date(`${start}+08:00`);
  const endedAt = new Date(startedAt.getTime() + hours * 3600_000);
  await t.db.query(
    `INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours, quality, recorder, status, recorded_by, decided_by, decided_at)
     VALUES ($1, $2, '统计样例', ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, '站点', '服务', $3, $4, $5, 'GOOD', '记录人', $6::varchar, 'fixture', CASE WHEN $6::varchar = 'PENDING' THEN NULL ELSE 'fixture' END, CASE WHEN $6::varchar = 'PENDING' THEN NULL ELSE now() END)`,
    [volunteer, station, startedAt, endedAt, hours, status],
  );
}

async function activity(station: string, startsAt: string, status = 'PLANNED') {
  await t.db.query(
    `INSERT INTO activities (station_id, title, category, starts_at, ends_at, place, sign_in_code, status, created_by)
     VALUES ($1, '样例活动', 'CIVILITY', $2::timestamptz, $2::timestamptz + interval '2 hours', '站点', upper(substr(md5(random()::text), 1, 6)), $3, 'fixture')`,
    [station, `${startsAt}+08:00`, status],
  );
}

const counter = new StatementCounter();

beforeAll(async () => {
  t = await startVolunteers({ queryLogger: counter });
  ids.A = await seedStation(t, { regionCode: '430102', unitHeadcount: 10 });
  ids.B = await seedStation(t, { regionCode: '430103', unitHeadcount: null });
  ids.C = await seedStation(t, { regionCode: '430202', unitHeadcount: 50 });
  ids.L = await registerMember(t, ids.A, { role: 'LEADER' });
  ids.S = await registerMember(t, ids.A, { role: 'STAFF' });
  ids.V1 = await registerMember(t, ids.A);
  ids.V2 = await registerMember(t, ids.A);
  ids.V3 = await registerMember(t, ids.A);
  ids.V4 = await registerMember(t, ids.B);
  ids.V5 = await registerMember(t, ids.C, {}, await tokens.city('430200'));
  await t.db.query(
    `INSERT INTO memberships (volunteer_id, station_id, role, joined_on, added_by) VALUES ($1, $2, 'VOLUNTEER', '2025-01-01', 'fixture')`,
    [ids.V1, ids.B],
  );
  await t.db.query(`UPDATE memberships SET joined_on = '2024-01-01', left_on = '2025-06-30' WHERE volunteer_id = $1`, [
    ids.V3,
  ]);

  await verified(ids.L, ids.A, '2025-05-01T09:00:00', 10);
  for (const day of ['2025-02-01', '2025-02-02', '2025-02-03']) await verified(ids.V1, ids.A, `${day}T00:00:00`, 20);
  await verified(ids.V1, ids.A, '2024-12-31T23:00:00', 20); // Shanghai date 2024-12-31 → 2024
  await verified(ids.V1, ids.A, '2025-08-01T09:00:00', 9, 'REVERSED');
  await verified(ids.V1, ids.B, '2025-09-01T09:00:00', 8, 'PENDING');
  await verified(ids.V2, ids.A, '2025-03-01T08:00:00', 15);
  await verified(ids.V2, ids.A, '2025-01-01T00:30:00', 15); // 2024-12-31 16:30 UTC: still 2025 in Shanghai
  await verified(ids.V2, ids.A, '2025-10-01T08:00:00', 8, 'PENDING');
  await verified(ids.V3, ids.A, '2025-04-01T09:00:00', 5);
  await verified(ids.V4, ids.B, '2025-04-02T09:00:00', 12);
  await verified(ids.V5, ids.C, '2025-04-03T09:00:00', 7);

  await activity(ids.A, '2025-01-01T00:30:00');
  await activity(ids.A, '2025-01-20T09:00:00');
  await activity(ids.A, '2025-03-08T09:00:00');
  await activity(ids.A, '2025-03-09T09:00:00', 'CANCELLED');
  await activity(ids.A, '2025-12-05T09:00:00');
  await activity(ids.A, '2024-06-01T09:00:00');
  await activity(ids.B, '2025-02-14T09:00:00');
  await activity(ids.C, '2025-07-01T09:00:00');
});
afterAll(() => t.stop());

const STATS = typedQuery<{
  _entities: { serviceStats: { volunteersMeetingThreshold: number | null } & Record<string, unknown> }[];
}>(`query($reps: [_Any!]!, $t: Float) { _entities(representations: $reps) {
  ... on Station { id serviceStats(year: 2025, hoursThreshold: $t) { year memberCount leaderCount staffCount activeVolunteerCount verifiedHours activityCount monthsWithActivity volunteersMeetingThreshold headcountShare } }
  ... on Region { code serviceStats(year: 2025, hoursThreshold: $t) { regionCode stationCount memberCount leaderCount staffCount activeVolunteerCount verifiedHours activityCount monthsWithActivity volunteersMeetingThreshold headcountShare } } } }`);

describe('serviceStats against the hand-computed fixture', () => {
  it("computes a station's year", async () => {
    const res = await gql(t.svc.url, STATS, {
      reps: [
        { __typename: 'Station', id: ids.A },
        { __typename: 'Station', id: ids.B },
      ],
      t: 50,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0].serviceStats).toEqual({
      year: 2025,
      memberCount: 4,
      leaderCount: 1,
      staffCount: 1,
      activeVolunteerCount: 3,
      verifiedHours: 105,
      activityCount: 4,
      monthsWithActivity: [1, 3, 12],
      volunteersMeetingThreshold: 1,
      headcountShare: 0.4,
    });
    expect(res.data!._entities[1].serviceStats).toEqual({
      year: 2025,
      memberCount: 2,
      leaderCount: 0,
      staffCount: 0,
      activeVolunteerCount: 1,
      verifiedHours: 12,
      activityCount: 1,
      monthsWithActivity: [2],
      volunteersMeetingThreshold: 0,
      headcountShare: null,
    });
    const noThreshold = await gql(t.svc.url, STATS, {
      reps: [{ __typename: 'Station', id: ids.A }],
    });
    expect(noThreshold.data!._entities[0].serviceStats.volunteersMeetingThreshold).toBeNull();
    const linyiCounty = await gql(t.svc.url, STATS, {
      reps: [{ __typename: 'Station', id: ids.A }],
      t: 10,
    });
    expect(linyiCounty.data!._entities[0].serviceStats.volunteersMeetingThreshold).toBe(3); // V1 60, V2 30, L 10
  });

  it('totals a region over every station under it, counting a volunteer once', async () => {
    const res = await gql(t.svc.url, STATS, {
      reps: [
        { __typename: 'Region', code: '430100' },
        { __typename: 'Region', code: '430000' },
        { __typename: 'Region', code: '140000' },
      ],
      t: 50,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0].serviceStats).toEqual({
      regionCode: '430100',
      stationCount: 2,
      memberCount: 5,
      leaderCount: 1,
      staffCount: 1,
      activeVolunteerCount: 4,
      verifiedHours: 117,
      activityCount: 5,
      monthsWithActivity: [1, 2, 3, 12],
      volunteersMeetingThreshold: 1,
      headcountShare: 0.4,
    });
    expect(res.data!._entities[1].serviceStats).toMatchObject({
      stationCount: 3,
      memberCount: 6,
      activeVolunteerCount: 5,
      verifiedHours: 124,
      monthsWithActivity: [1, 2, 3, 7, 12],
      headcountShare: 0.0833,
    });
    expect(res.data!._entities[2].serviceStats).toMatchObject({
      stationCount: 0,
      memberCount: 0,
      verifiedHours: 0,
      monthsWithActivity: [],
      headcountShare: null,
    });
  });

  it("lists a station's current members below a yearly hour threshold (Linyi 50 / 100)", async () => {
    const q = typedQuery<{ _entities: { volunteersBelowHours: { hours: number; volunteer: { id: string } }[] }[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station { volunteersBelowHours(year: 2025, hours: 50) { hours volunteer { id } } } } }`,
    );
    const res = await gql(
      t.svc.url,
      q,
      { reps: [{ __typename: 'Station', id: ids.A }] },
      { token: await tokens.manager(ids.A) },
    );
    expect(
      res.data!._entities[0].volunteersBelowHours.map((r: { hours: unknown; volunteer: { id: string } }) => [
        r.volunteer.id,
        r.hours,
      ]),
    ).toEqual(
      [
        [ids.S, 0],
        [ids.L, 10],
        [ids.V2, 30],
      ].sort((a, b) => (a[1] as number) - (b[1] as number) || String(a[0]).localeCompare(String(b[0]))),
    );
    const denied = await gql(
      t.svc.url,
      q,
      { reps: [{ __typename: 'Station', id: ids.A }] },
      { token: await tokens.manager(ids.B) },
    );
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects a bad year or threshold', async () => {
    const res = await gql(
      t.svc.url,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station { serviceStats(year: 1800) { year } } } }`,
      { reps: [{ __typename: 'Station', id: ids.A }] },
    );
    expect(res.errors?.[0].extensions?.code).toBe('INVALID_YEAR');
  });
});

describe('star levels', () => {
  it('follow the configured thresholds (default 100/300/600/1000/1500; Beijing 100/200/500/800/1000)', async () => {
    for (const [day, h] of [
      ['2025-06-01', 24],
      ['2025-06-02', 24],
      ['2025-06-03', 24],
      ['2025-06-04', 24],
      ['2025-06-05', 24],
      ['2025-06-06', 24],
      ['2025-06-07', 24],
      ['2025-06-08', 24],
    ] as const) {
      await verified(ids.V1, ids.A, `${day}T00:00:00`, h);
    } // V1: 60 + 20 (2024) + 192 = 272 h
    const q = typedQuery<{ volunteer: unknown }>(
      `query($id: ID!) { volunteer(id: $id) { verifiedHours starLevel hoursToNextStar } }`,
    );
    const token = await tokenFor({ roles: ['SERVICE'], sub: 'svc' });
    expect((await gql(t.svc.url, q, { id: ids.V1 }, { token })).data!.volunteer).toEqual({
      verifiedHours: 272,
      starLevel: 1,
      hoursToNextStar: 28,
    });
    const beijing = await startVolunteers({
      env: { STAR_THRESHOLDS: '100,200,500,800,1000' },
    });
    try {
      const station = await seedStation(beijing);
      const v = await registerMember(beijing, station);
      await beijing.db.query(
        `INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours, quality, recorder, status, recorded_by, decided_by, decided_at)
        SELECT $1, $2, '样例', d::date, '站点', '服务', d, d + interval '20 hours', 20, 'GOOD', '记录人', 'VERIFIED', 'f', 'f', now()
          FROM generate_series('2025-01-01'::timestamptz, '2025-01-14'::timestamptz, interval '1 day') d`,
        [v, station],
      ); // 14 × 20 = 280 h
      expect((await gql(beijing.svc.url, q, { id: v }, { token })).data!.volunteer).toEqual({
        verifiedHours: 280,
        starLevel: 2,
        hoursToNextStar: 220,
      });
    } finally {
      await beijing.stop();
    }
  });
});

describe('batching', () => {
  it("serves 1, 100 and 500 stations' stats and members with the same number of statements", async () => {
    const { rows } = await t.db.query(
      `INSERT INTO station_ref (id, name, region_code, status, unit_headcount, source_event_at)
       SELECT gen_random_uuid(), '批量站' || g, '430102', 'ACTIVE', 20, now() FROM generate_series(1, 499) g RETURNING id`,
    );
    const all = [ids.A, ...rows.map((r) => r.id)];
    const q = typedQuery<{
      _entities: { serviceStats: { verifiedHours: number } }[];
    }>(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station { id
      serviceStats(year: 2025, hoursThreshold: 50) { memberCount verifiedHours monthsWithActivity headcountShare }
      members { role volunteer { name phone } } } } }`);
    const token = await tokens.city('430100');
    const counts: number[] = [];
    for (const n of [1, 100, 500]) {
      counter.reset();
      const res = await gql(
        t.svc.url,
        q,
        { reps: all.slice(0, n).map((id) => ({ __typename: 'Station', id })) },
        { token },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toHaveLength(n);
      expect(res.data!._entities[0].serviceStats.verifiedHours).toBe(105 + 192); // the star-level test added 192 h
      counts.push(counter.count);
    }
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThanOrEqual(5); // stats, stations, members, volunteers, their scopes
  });
});
