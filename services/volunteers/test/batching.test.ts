import { gql, StatementCounter, typedQuery } from '@leifeng/kit/testing';
import type { OpeningSlot } from '../src/domain/station';
import {
  RECORD,
  recordInput,
  registerMember,
  seedStation,
  startVolunteers,
  tokens,
  VERIFY,
  type VolunteersUnderTest,
} from './helpers';

/**
 * Per-parent reads are batched per request: a page of 1, 100 or 500 members (or stations) with every
 * list field costs the same number of SQL statements.
 */
let t: VolunteersUnderTest;
const counter = new StatementCounter();
const everyDay: OpeningSlot[] = (
  ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const
).map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' }));
const pages: Record<number, string> = {};
let star: string;

/** n volunteers straight into the tables (PII columns are placeholders: this test never reads phone or ID). */
async function bulkMembers(stationId: string, n: number): Promise<void> {
  await t.db.query(
    `WITH v AS (
       INSERT INTO volunteers (name, gender, birth_date, phone_enc, phone_hash, id_number_enc, id_number_hash, political_status, registered_on, registered_by)
       SELECT '批量' || g, 'MALE', '1990-01-01', 'x', md5($1 || 'p' || g) || md5($1 || 'p' || g), 'x', md5($1 || 'i' || g) || md5($1 || 'i' || g), 'OTHER', '2025-01-01', 'fixture'
         FROM generate_series(1, $2) g RETURNING id),
     ms AS (INSERT INTO memberships (volunteer_id, station_id, role, joined_on, added_by) SELECT id, $1::uuid, 'VOLUNTEER', '2025-01-02', 'fixture' FROM v RETURNING volunteer_id),
     r AS (INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours, quality, recorder, status, recorded_by, decided_by, decided_at)
           SELECT volunteer_id, $1::uuid, '批量服务', '2025-03-01', '站点', '服务', '2025-03-01T01:00:00Z', '2025-03-01T03:00:00Z', 2, 'GOOD', '记录人', 'VERIFIED', 'fixture', 'fixture', now() FROM ms RETURNING id, volunteer_id)
     INSERT INTO certificates (number, station_id, volunteer_id, record_ids, total_hours, verification_code, issued_by)
     SELECT 'T' || left(md5(r.id::text), 20), $1::uuid, r.volunteer_id, ARRAY[r.id], 2, upper(left(md5(r.id::text), 12)), 'fixture' FROM r`,
    [stationId, n],
  );
  await t.db.query(
    `WITH tr AS (INSERT INTO trainings (station_id, kind, title, held_on, hours, created_by) VALUES ($1, 'INITIAL', '岗前培训', '2025-02-01', 2, 'fixture') RETURNING id)
     INSERT INTO training_attendance (training_id, volunteer_id, attended, recorded_by) SELECT tr.id, ms.volunteer_id, true, 'fixture' FROM tr, memberships ms WHERE ms.station_id = $1`,
    [stationId],
  );
}

beforeAll(async () => {
  t = await startVolunteers({ queryLogger: counter });
  for (const n of [1, 100, 500]) pages[n] = await seedStation(t, { openingHours: everyDay });
  // One volunteer through the API (verified service credits time-bank points) leads every page.
  star = await registerMember(t, pages[1], { name: '雷明星', role: 'LEADER' });
  const admin = await tokens.city();
  for (const n of [100, 500])
    await t.db.query(
      `INSERT INTO memberships (volunteer_id, station_id, role, joined_on, added_by) VALUES ($1, $2, 'LEADER', '2025-01-01', 'fixture')`,
      [star, pages[n]],
    );
  const rec = await gql(
    t.svc.url,
    RECORD,
    {
      i: recordInput(star, pages[1], '2025-05-01T09:00:00', '2025-05-01T12:00:00'),
    },
    { token: admin },
  );
  expect(
    (await gql(t.svc.url, VERIFY, { id: rec.data!.recordService.id, q: 'GOOD' }, { token: admin })).errors,
  ).toBeUndefined();
  await bulkMembers(pages[100], 99);
  await bulkMembers(pages[500], 499);
});
afterAll(() => t.stop());

it('a page of 1, 100 and 500 members with records, time bank, trainings, certificates and stations costs the same statements', async () => {
  const q = typedQuery<{
    _entities: { members: { volunteer: unknown }[] }[];
  }>(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station { id members { role volunteer { id name
      stations { role } verifiedHours(year: 2025) starLevel
      serviceRecords(year: 2025) { id hours status } timeBank { balance available transactions(first: 5) { kind amount } }
      trainings { attended training { title } } certificates { number } } } } } }`);
  const token = await tokens.city();
  const counts: number[] = [];
  for (const n of [1, 100, 500]) {
    counter.reset();
    const res = await gql(t.svc.url, q, { reps: [{ __typename: 'Station', id: pages[n] }] }, { token });
    expect(res.errors).toBeUndefined();
    const members = res.data!._entities[0].members;
    expect(members).toHaveLength(n);
    expect(members[0].volunteer).toMatchObject({
      id: star,
      timeBank: {
        balance: 3,
        available: 3,
        transactions: [{ kind: 'SERVICE_CREDIT', amount: 3 }],
      },
      serviceRecords: [{ hours: 3, status: 'VERIFIED' }],
    });
    if (n > 1) {
      expect(members[1].volunteer).toMatchObject({
        verifiedHours: 2,
        serviceRecords: [{ hours: 2 }],
        trainings: [{ attended: true, training: { title: '岗前培训' } }],
        certificates: [{ number: expect.stringMatching(/^T/) }],
        stations: [{ role: 'VOLUNTEER' }],
      });
    }
    counts.push(counter.count);
  }
  expect(counts[1]).toBe(counts[0]);
  expect(counts[2]).toBe(counts[0]);
  // station, members, volunteers, scopes, memberships, hours (year + all), records, time bank, transactions, trainings, certificates
  expect(counts[0]).toBeLessThanOrEqual(12);
});

it('a page of 1, 100 and 500 stations with every per-station list costs the same statements', async () => {
  const { rows } = await t.db.query(
    `INSERT INTO station_ref (id, name, region_code, status, unit_headcount, opening_hours, source_event_at)
     SELECT gen_random_uuid(), '批量站' || g, '430102', 'ACTIVE', 20, $1::jsonb, now() FROM generate_series(1, 497) g RETURNING id`,
    [JSON.stringify(everyDay)],
  );
  const all = [pages[1], pages[100], pages[500], ...rows.map((r) => r.id)];
  await t.db.query(
    `WITH a AS (INSERT INTO activities (station_id, title, category, starts_at, ends_at, place, sign_in_code, created_by)
                VALUES ($1, '样例活动', 'CIVILITY', '2025-03-08T01:00:00Z', '2025-03-08T03:00:00Z', '站点', 'BATCH2', 'fixture') RETURNING id),
          tr AS (INSERT INTO trainings (station_id, kind, title, held_on, hours, created_by) VALUES ($1, 'PERIODIC', '定期培训', '2025-06-01', 1, 'fixture') RETURNING id),
          ta AS (INSERT INTO training_attendance (training_id, volunteer_id, attended, recorded_by) SELECT id, $2::uuid, false, 'fixture' FROM tr),
          p AS (INSERT INTO pairings (station_id, kind, volunteer_ids, beneficiaries, started_on, created_by) VALUES ($1, 'ONE_TO_ONE', ARRAY[$2::uuid], '[{"name":"王奶奶"}]', '2025-01-05', 'fixture'))
     INSERT INTO demands (station_id, kind, requester, description, window_start, window_end, created_by) VALUES ($1, 'PAIRING', '王奶奶', '陪同就医', '2025-04-01T00:00:00Z', '2025-04-01T04:00:00Z', 'fixture')`,
    [pages[1], star],
  );
  const q = typedQuery<{
    _entities: { dutyCoverage: { openingSlotCount: number }; trainings: { attendance: unknown[] }[] }[];
  }>(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Station { id
      activities { id } dutyShifts(from: "2025-01-01", to: "2025-12-31") { id } trainings(year: 2025) { title attendance { attended } }
      pairings { id volunteers { id } } demands { id } onDutyToday { displayName } dutyCoverage(weekOf: "2025-03-03") { openingSlotCount }
      volunteersBelowHours(year: 2025, hours: 50) { hours } } } }`);
  const token = await tokens.city();
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
    expect(res.data!._entities[0].dutyCoverage.openingSlotCount).toBe(7);
    if (n > 1) expect(res.data!._entities[1].trainings[0].attendance).toHaveLength(100);
    expect(res.data!._entities[0]).toMatchObject({
      trainings: [{ title: '定期培训', attendance: [{ attended: false }] }],
      activities: [{ id: expect.any(String) }],
      pairings: [{ volunteers: [{ id: star }] }],
      demands: [{ id: expect.any(String) }],
      volunteersBelowHours: [{ hours: 3 }],
    });
    counts.push(counter.count);
  }
  expect(counts[1]).toBe(counts[0]);
  expect(counts[2]).toBe(counts[0]);
  // stations (scope), activities, duty, trainings, attendance, pairings, their volunteers and scopes, demands, today's duty,
  // coverage (replica + shifts), hours below the threshold
  expect(counts[0]).toBeLessThanOrEqual(13);
});
