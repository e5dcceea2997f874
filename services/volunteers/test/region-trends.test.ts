/**
 * Issue 15 in the volunteers subgraph: share of population (population arrives by @requires from
 * stations) and the monthly series from the trigger-kept summaries (migration 1763800000210), on a
 * fixture region computed by hand: 长沙县 (430121) with stations A (长龙街道 430121005), B (㮾梨街道
 * 430121004), C (closed, 430121005), and Z outside it (株洲 430202).
 */
import { randomUUID } from 'node:crypto';
import { gql, typedQuery } from '@leifeng/kit/testing';
import {
  BACKFILL_STATION_ACTIVITY_MONTHS,
  BACKFILL_VOLUNTEER_MONTHS,
} from '../src/db/migrations/1763800000210-MonthlySummaries';
import { BACKFILL_REGION_MEMBERS, BACKFILL_REGION_MONTHS } from '../src/db/migrations/1763800000211-RegionSummaries';
import { registerMember, seedStation, startVolunteers, type VolunteersUnderTest } from './helpers';

let t: VolunteersUnderTest;
let A: string, B: string, C: string, Z: string;
let v: string[];
const rec: Record<string, string> = {};
const act: Record<string, string> = {};

const ENTITIES = typedQuery<{
  _entities: {
    volunteerShare: { registeredVolunteers: number } & Record<string, unknown>;
    volunteerSeries: unknown[];
  }[];
}>(`query($reps: [_Any!]!, $from: String!, $to: String!) {
  _entities(representations: $reps) { ... on Region { code volunteerShare { registeredVolunteers population share definition } volunteerSeries(from: $from, to: $to) { month registeredVolunteers activeVolunteers verifiedHours activityCount } } }
}`);
const region = async (code: string, population: number | null, from = '2025-01', to = '2025-03') => {
  const res = await gql(t.svc.url, ENTITIES, {
    reps: [{ __typename: 'Region', code, population }],
    from,
    to,
  });
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0];
};

async function member(volunteer: string, station: string, joined: string, left: string | null = null) {
  await t.db.query(
    `INSERT INTO memberships (volunteer_id, station_id, role, joined_on, left_on, added_by) VALUES ($1, $2, 'VOLUNTEER', $3, $4, 'fixture')`,
    [volunteer, station, joined, left],
  );
}
async function record(
  key: string,
  volunteer: string,
  station: string,
  day: string,
  hours: number,
  status = 'VERIFIED',
) {
  const { rows } = await t.db.query(
    `INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours, quality, recorder, status, recorded_by, decided_by, decided_at)
     VALUES ($1, $2, '样例', $3::date, '站点', '服务', $3::date + time '09:00' AT TIME ZONE 'Asia/Shanghai', $3::date + time '09:00' AT TIME ZONE 'Asia/Shanghai' + $4 * interval '1 hour',
             $4, 'GOOD', '记录人', $5::varchar, 'fixture', CASE WHEN $5::varchar = 'PENDING' THEN NULL ELSE 'fixture' END, CASE WHEN $5::varchar = 'PENDING' THEN NULL ELSE now() END) RETURNING id`,
    [volunteer, station, day, hours, status],
  );
  rec[key] = rows[0].id;
}
async function activity(key: string, station: string, startsAt: string, status = 'PLANNED') {
  const { rows } = await t.db.query(
    `INSERT INTO activities (station_id, title, category, starts_at, ends_at, place, sign_in_code, status, created_by)
     VALUES ($1, '活动', 'CONVENIENCE', $2::timestamptz, $2::timestamptz + interval '2 hours', '站点', $3, $4, 'fixture') RETURNING id`,
    [station, startsAt, randomUUID().slice(0, 8), status],
  );
  act[key] = rows[0].id;
}

beforeAll(async () => {
  t = await startVolunteers();
  A = await seedStation(t, { regionCode: '430121005' });
  B = await seedStation(t, { regionCode: '430121004' });
  C = await seedStation(t, { regionCode: '430121005', status: 'CLOSED' });
  Z = await seedStation(t, { regionCode: '430202' });
  const tag = randomUUID();
  const { rows } = await t.db.query(
    `INSERT INTO volunteers (name, gender, birth_date, phone_enc, phone_hash, id_number_enc, id_number_hash, political_status, registered_on, registered_by)
     SELECT '志愿者' || g, 'FEMALE', '1990-01-01', 'x', md5($1 || 'p' || g) || md5($1 || 'p' || g), 'x', md5($1 || 'i' || g) || md5($1 || 'i' || g), 'OTHER', '2025-01-01', 'fixture'
       FROM generate_series(1, 5) g ORDER BY g RETURNING id`,
    [tag],
  );
  v = rows.map((r) => r.id); // v[0] … v[4] = v1 … v5
  await member(v[0], A, '2025-01-10');
  await member(v[1], A, '2025-01-20');
  await member(v[1], B, '2025-01-25');
  await member(v[2], B, '2025-02-03', '2025-03-01');
  await member(v[3], C, '2025-02-10');
  await member(v[4], Z, '2025-01-05');
  await record('v1a', v[0], A, '2025-01-15', 2);
  await record('v1b', v[0], A, '2025-01-31', 1.5);
  await record('v2b', v[1], B, '2025-01-31', 3);
  await record('v2a', v[1], A, '2025-02-01', 1);
  await record('v3p', v[2], B, '2025-02-15', 2, 'PENDING');
  await record('v5z', v[4], Z, '2025-01-10', 4);
  await activity('a1', A, '2025-01-20T10:00:00+08:00');
  await activity('a2', A, '2025-01-21T10:00:00+08:00', 'CANCELLED');
  await activity('b1', B, '2025-02-28T23:30:00+08:00');
  await activity('c1', C, '2025-03-01T00:30:00+08:00'); // 2025-02-28 16:30 UTC: March in Changsha
});
afterAll(() => t.stop());

describe('share of population', () => {
  it('divides distinct current members of open stations under the region by the entered population', async () => {
    // 长沙县: A {v1, v2}, B {v2} (v3 left), C closed → {v1, v2} = 2; 2 / 1000 = 0.002.
    const county = await region('430121', 1000);
    expect(county.volunteerShare).toEqual({
      registeredVolunteers: 2,
      population: 1000,
      share: 0.002,
      definition: expect.stringContaining('÷ 本地区人口'),
    });
    // 长龙街道: A only (C is closed) → {v1, v2}; 2 / 3 = 0.6667.
    expect((await region('430121005', 3)).volunteerShare).toMatchObject({
      registeredVolunteers: 2,
      share: 0.6667,
    });
    // Never invented: no population, no share.
    expect((await region('430100', null)).volunteerShare).toMatchObject({
      registeredVolunteers: 2,
      population: null,
      share: null,
    });
    expect((await region('430200', 500)).volunteerShare).toMatchObject({
      registeredVolunteers: 1,
      share: 0.002,
    });
  });

  it('counts a volunteer registered through the API at once', async () => {
    await registerMember(t, A);
    expect((await region('430121', 1000)).volunteerShare).toMatchObject({
      registeredVolunteers: 3,
      share: 0.003,
    });
  });
});

describe('monthly series', () => {
  it('gives the months of 长沙县 as computed by hand (volunteers once per month, Asia/Shanghai months)', async () => {
    const { volunteerSeries } = await region('430121', null);
    expect(volunteerSeries).toEqual([
      // Jan: joined v1 (A), v2 (A and B: once); active v1 (A), v2 (B); 2 + 1.5 + 3 h; a1 (a2 cancelled).
      {
        month: '2025-01',
        registeredVolunteers: 2,
        activeVolunteers: 2,
        verifiedHours: 6.5,
        activityCount: 1,
      },
      // Feb: joined v3 (B), v4 (C, closed since: history stays); active v2 (A, 1 h; v3's record is pending); b1.
      {
        month: '2025-02',
        registeredVolunteers: 2,
        activeVolunteers: 1,
        verifiedHours: 1,
        activityCount: 1,
      },
      // Mar: c1 starts 00:30 on March 1 in Changsha.
      {
        month: '2025-03',
        registeredVolunteers: 0,
        activeVolunteers: 0,
        verifiedHours: 0,
        activityCount: 1,
      },
    ]);
    const township = await region('430121005', null, '2025-01', '2025-01');
    expect(township.volunteerSeries).toEqual([
      {
        month: '2025-01',
        registeredVolunteers: 2,
        activeVolunteers: 1,
        verifiedHours: 3.5,
        activityCount: 1,
      },
    ]);
  });

  it('follows every later write (reversal, verification, cancellation, leaving history in place, delete) through the triggers', async () => {
    await t.db.query(`UPDATE service_records SET status = 'REVERSED' WHERE id = $1`, [rec.v1b]);
    await t.db.query(
      `UPDATE service_records SET status = 'VERIFIED', decided_by = 'fixture', decided_at = now() WHERE id = $1`,
      [rec.v3p],
    );
    await t.db.query(`UPDATE activities SET status = 'CANCELLED' WHERE id = $1`, [act.a1]);
    await t.db.query(
      `UPDATE activities SET starts_at = '2025-03-10T10:00:00+08:00', ends_at = '2025-03-10T12:00:00+08:00' WHERE id = $1`,
      [act.b1],
    );
    await t.db.query(`UPDATE memberships SET left_on = '2025-03-15' WHERE volunteer_id = $1 AND station_id = $2`, [
      v[0],
      A,
    ]);
    await t.db.query(`UPDATE service_records SET status = 'REVERSED' WHERE id = $1`, [rec.v2b]);
    await t.db.query(`DELETE FROM memberships WHERE volunteer_id = $1 AND station_id = $2`, [v[3], C]); // records are never deleted; memberships may be
    const { volunteerSeries } = await region('430121', null);
    expect(volunteerSeries).toEqual([
      {
        month: '2025-01',
        registeredVolunteers: 2,
        activeVolunteers: 1,
        verifiedHours: 2,
        activityCount: 0,
      },
      {
        month: '2025-02',
        registeredVolunteers: 1,
        activeVolunteers: 2,
        verifiedHours: 3,
        activityCount: 0,
      },
      {
        month: '2025-03',
        registeredVolunteers: 0,
        activeVolunteers: 0,
        verifiedHours: 0,
        activityCount: 2,
      },
    ]);
    // The summaries equal a from-scratch aggregation (the backfill statements run into empty copies).
    await t.db.query(
      `CREATE TEMP TABLE vm_check AS SELECT * FROM volunteer_months WHERE false; CREATE TEMP TABLE sam_check AS SELECT * FROM station_activity_months WHERE false`,
    );
    await t.db.query(
      `ALTER TABLE vm_check ADD PRIMARY KEY (station_id, month, volunteer_id); ALTER TABLE sam_check ADD PRIMARY KEY (station_id, month)`,
    );
    await t.db.query(BACKFILL_VOLUNTEER_MONTHS.replace('INTO volunteer_months', 'INTO vm_check'));
    await t.db.query(BACKFILL_STATION_ACTIVITY_MONTHS.replace('INTO station_activity_months', 'INTO sam_check'));
    const drift = await t.db.query(`
      SELECT * FROM (SELECT station_id, month, volunteer_id, joined, records, hours FROM volunteer_months WHERE joined <> 0 OR records <> 0 OR hours <> 0) s
      FULL JOIN vm_check c USING (station_id, month, volunteer_id) WHERE s.joined IS DISTINCT FROM c.joined OR s.records IS DISTINCT FROM c.records OR s.hours IS DISTINCT FROM c.hours`);
    expect(drift.rows).toEqual([]);
    const drift2 = await t.db.query(
      `SELECT * FROM (SELECT * FROM station_activity_months WHERE activities <> 0) s FULL JOIN sam_check c USING (station_id, month) WHERE s.activities IS DISTINCT FROM c.activities`,
    );
    expect(drift2.rows).toEqual([]);
  });

  it.each([
    ['a reversed period', '2025-03', '2025-01', 'INVALID_PERIOD'],
    ['a malformed month', '2025-1', '2025-03', 'INVALID_MONTH'],
    ['more than 120 months', '2010-01', '2025-03', 'INVALID_PERIOD'],
  ])('refuses %s', async (_label, from, to, code) => {
    const res = await gql(t.svc.url, ENTITIES, {
      reps: [{ __typename: 'Region', code: '430121', population: null }],
      from,
      to,
    });
    expect(res.errors?.[0].extensions?.code).toBe(code);
  });
});

describe('per-region summaries (migration 1763800000211)', () => {
  const compare = async () => {
    await t.db.query(`DROP TABLE IF EXISTS rm_check, rmem_check`);
    await t.db.query(
      `CREATE TEMP TABLE rm_check (LIKE region_months INCLUDING ALL); CREATE TEMP TABLE rmem_check (LIKE region_members INCLUDING ALL)`,
    );
    await t.db.query(BACKFILL_REGION_MONTHS.replace('INTO region_months', 'INTO rm_check'));
    await t.db.query(BACKFILL_REGION_MEMBERS.replace('INTO region_members', 'INTO rmem_check'));
    const months = await t.db.query(`
      SELECT * FROM (SELECT * FROM region_months WHERE joined <> 0 OR active <> 0 OR hours <> 0 OR activities <> 0) s
      FULL JOIN (SELECT * FROM rm_check WHERE joined <> 0 OR active <> 0 OR hours <> 0 OR activities <> 0) c USING (region_code, month)
      WHERE (s.joined, s.active, s.hours, s.activities) IS DISTINCT FROM (c.joined, c.active, c.hours, c.activities)`);
    expect(months.rows).toEqual([]);
    const members = await t.db.query(`
      SELECT * FROM (SELECT * FROM region_members WHERE registered <> 0) s FULL JOIN rmem_check c USING (region_code)
      WHERE s.registered IS DISTINCT FROM c.registered`);
    expect(members.rows).toEqual([]);
  };

  it('counts a volunteer once when one statement records service at two stations of the region', async () => {
    await t.db.query(
      `INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours, quality, recorder, status, recorded_by, decided_by, decided_at)
       SELECT $1, s, '样例', '2025-03-05', '站点', '服务', h, h + interval '1 hour', 1, 'GOOD', '记录人', 'VERIFIED', 'fixture', 'fixture', now()
         FROM (VALUES ($2::uuid, '2025-03-05T09:00:00+08:00'::timestamptz), ($3::uuid, '2025-03-05T14:00:00+08:00'::timestamptz)) x(s, h)`,
      [v[1], A, B],
    );
    const march = (await region('430121', null, '2025-03', '2025-03')).volunteerSeries[0];
    expect(march).toMatchObject({ activeVolunteers: 1, verifiedHours: 2 });
    await compare();
  });

  it('follows a station that closes, reopens and moves to another city (the replica changes)', async () => {
    // 㮾梨街道 has B only, with v2 as its one current member.
    expect((await region('430121004', 1000)).volunteerShare.registeredVolunteers).toBe(1);
    await t.db.query(`UPDATE station_ref SET status = 'CLOSED' WHERE id = $1`, [B]);
    expect((await region('430121004', 1000)).volunteerShare.registeredVolunteers).toBe(0);
    expect((await region('430121', 1000)).volunteerShare.registeredVolunteers).toBe(2); // v2 and the API member at A
    await compare();
    await t.db.query(`UPDATE station_ref SET status = 'ACTIVE' WHERE id = $1`, [B]);
    await t.db.query(`UPDATE station_ref SET region_code = '430202001' WHERE id = $1`, [A]);
    // 长沙县 keeps B only: March activity at B (v2, 1 h); 株洲 gains A's history (Jan: v1, v2 joined at A,
    // v5 at Z; v1 2 h at A, v5 4 h at Z).
    expect((await region('430121', null, '2025-03', '2025-03')).volunteerSeries[0]).toMatchObject({
      activeVolunteers: 1,
      verifiedHours: 1,
    });
    expect((await region('430200', null, '2025-01', '2025-01')).volunteerSeries[0]).toMatchObject({
      registeredVolunteers: 3,
      activeVolunteers: 2,
      verifiedHours: 6,
    });
    await compare();
  });
});
