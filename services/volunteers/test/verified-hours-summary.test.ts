import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { gql, waitFor, typedQuery } from '@leifeng/kit/testing';
import { VerifiedHoursYearly1763800000208 } from '../src/db/migrations/1763800000208-VerifiedHoursYearly';
import { StatsService } from '../src/services/stats-service';
import {
  RECORD,
  VERIFY,
  recordInput,
  registerMember,
  seedStation,
  startVolunteers,
  tokens,
  type VolunteersUnderTest,
} from './helpers';
import { RawRecordStats } from './raw-stats-oracle';

/**
 * verified_hours_yearly (migration 1763800000208) against the records it summarises: after every kind of
 * write the table equals a from-scratch GROUP BY, and the summary-backed statistics equal the old
 * raw-record statements (raw-stats-oracle.ts) on a generated data set.
 */
let t: VolunteersUnderTest;
let ds: DataSource;
let stats: StatsService;
let oracle: RawRecordStats;

beforeAll(async () => {
  t = await startVolunteers();
  ds = t.svc.api.deps.ds;
  stats = new StatsService(ds);
  oracle = new RawRecordStats(ds);
});
afterAll(() => t.stop());

/** Keys where the summary differs from aggregating the records now (written independently of the migration's SQL). */
async function drift(db: Client | DataSource = t.db): Promise<unknown[]> {
  const sql = `
    WITH r AS (SELECT station_id, volunteer_id, extract(year FROM service_date)::int AS year, sum(hours) AS hours, count(*)::int AS records
                 FROM service_records WHERE status = 'VERIFIED' GROUP BY 1, 2, 3)
    SELECT station_id, volunteer_id, year, r.hours::text AS expected_hours, y.hours::text AS summary_hours, r.records AS expected_records, y.records AS summary_records
      FROM r FULL JOIN verified_hours_yearly y USING (station_id, volunteer_id, year)
     WHERE r.hours IS DISTINCT FROM y.hours OR r.records IS DISTINCT FROM y.records`;
  return db instanceof Client ? (await db.query(sql)).rows : ds.query(sql);
}

async function summaryOf(stationId: string, volunteerId: string): Promise<Record<number, [number, number]>> {
  const { rows } = await t.db.query(
    `SELECT year, hours::float8 AS hours, records FROM verified_hours_yearly WHERE station_id = $1 AND volunteer_id = $2`,
    [stationId, volunteerId],
  );
  return Object.fromEntries(rows.map((r) => [r.year, [r.hours, r.records]]));
}

/** n volunteers straight into the tables (PII columns are placeholders: nothing here reads phone or ID). */
async function bulkVolunteers(n: number): Promise<string[]> {
  const tag = randomUUID();
  const { rows } = await t.db.query(
    `INSERT INTO volunteers (name, gender, birth_date, phone_enc, phone_hash, id_number_enc, id_number_hash, political_status, registered_on, registered_by)
     SELECT '志愿者' || g, 'FEMALE', '1990-01-01', 'x', md5($1 || 'p' || g) || md5($1 || 'p' || g), 'x', md5($1 || 'i' || g) || md5($1 || 'i' || g), 'OTHER', '2020-01-01', 'fixture'
       FROM generate_series(1, $2) g ORDER BY g RETURNING id`,
    [tag, n],
  );
  return rows.map((r) => r.id);
}

/** A decided record in one INSERT; `day` is the Shanghai service date, the record runs 09:00 Shanghai for `hours`. */
const RECORD_SQL = `INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours, quality, recorder, status, recorded_by, decided_by, decided_at)
  VALUES ($1, $2, '样例', $3::date, '站点', '服务', $3::date + time '09:00' AT TIME ZONE 'Asia/Shanghai', $3::date + time '09:00' AT TIME ZONE 'Asia/Shanghai' + $4 * interval '1 hour',
          $4, 'GOOD', '记录人', $5::varchar, 'fixture', CASE WHEN $5::varchar = 'PENDING' THEN NULL ELSE 'fixture' END, CASE WHEN $5::varchar = 'PENDING' THEN NULL ELSE now() END)
  RETURNING id`;
async function insertRecord(
  db: Client,
  volunteer: string,
  station: string,
  day: string,
  hours: number,
  status = 'VERIFIED',
): Promise<string> {
  return (await db.query(RECORD_SQL, [volunteer, station, day, hours, status])).rows[0].id;
}

describe('write paths keep verified_hours_yearly exact', () => {
  it('record + verify, reject, and reversal with a correction moved into the next year (the API)', async () => {
    const station = await seedStation(t, { regionCode: '430102' });
    const manager = await tokens.manager(station);
    const v = await registerMember(t, station);
    // 20:00–23:00 Shanghai on Dec 31 is 2025 (12:00–15:00 UTC).
    const rec = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(v, station, '2025-12-31T20:00:00', '2025-12-31T23:00:00'),
      },
      { token: manager },
    );
    expect(rec.errors).toBeUndefined();
    expect(await summaryOf(station, v)).toEqual({}); // pending counts nothing
    expect(
      (await gql(t.svc.url, VERIFY, { id: rec.data!.recordService.id, q: 'GOOD', h: 2.75 }, { token: manager })).errors,
    ).toBeUndefined();
    expect(await summaryOf(station, v)).toEqual({ 2025: [2.75, 1] });

    const other = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(v, station, '2025-12-30T09:00:00', '2025-12-30T10:00:00'),
      },
      { token: manager },
    );
    const REJECT = typedQuery<{ rejectServiceRecord: { status: string } }>(
      `mutation($id: ID!) { rejectServiceRecord(id: $id, reason: "与签到不符") { status } }`,
    );
    expect(
      (await gql(t.svc.url, REJECT, { id: other.data!.recordService.id }, { token: manager })).data!.rejectServiceRecord
        .status,
    ).toBe('REJECTED');
    expect(await summaryOf(station, v)).toEqual({ 2025: [2.75, 1] });

    const REVERSE = typedQuery<{ reverseServiceRecord: { correction: unknown } }>(
      `mutation($id: ID!, $c: ServiceRecordCorrectionInput) { reverseServiceRecord(id: $id, reason: "日期登记错误", correction: $c) { correction { hours serviceDate } } }`,
    );
    const {
      volunteerId: _v,
      stationId: _s,
      ...content
    } = recordInput(v, station, '2026-01-01T00:30:00', '2026-01-01T02:00:00', {
      quality: 'GOOD',
    });
    const reversed = await gql(t.svc.url, REVERSE, { id: rec.data!.recordService.id, c: content }, { token: manager });
    expect(reversed.errors).toBeUndefined();
    expect(reversed.data!.reverseServiceRecord.correction).toEqual({
      hours: 1.5,
      serviceDate: '2026-01-01',
    });
    expect(await summaryOf(station, v)).toEqual({ 2026: [1.5, 1] }); // the 2025 row fell to 0 records and is gone
    const hours = await gql<{ volunteer: unknown }>(
      t.svc.url,
      `query($id: ID!) { volunteer(id: $id) { y25: verifiedHours(year: 2025) y26: verifiedHours(year: 2026) all: verifiedHours } }`,
      { id: v },
      { token: manager },
    );
    expect(hours.data!.volunteer).toEqual({ y25: 0, y26: 1.5, all: 1.5 });
    expect(await drift()).toEqual([]);
  });

  it('edits, moves, deletes and bulk statements on any column (the append-only guard disabled: any future write path)', async () => {
    const [s1, s2, s3] = [await seedStation(t), await seedStation(t), await seedStation(t)];
    const [a, b] = await bulkVolunteers(2);
    await t.db.query(`ALTER TABLE service_records DISABLE TRIGGER service_records_guard`);
    try {
      // One multi-row INSERT: 2 volunteers × 3 stations × 4 days around the new year × 3 statuses.
      await t.db.query(
        `INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours, quality, recorder, status, recorded_by, decided_by, decided_at)
         SELECT v, s, '批量', d, '站点', '服务', d + time '09:00', d + time '12:00', h, 'GOOD', '记录人', st, 'fixture', 'fixture', now()
           FROM unnest($1::uuid[]) v, unnest($2::uuid[]) s, unnest('{2024-12-30,2024-12-31,2025-01-01,2025-01-02}'::date[]) d,
                unnest('{VERIFIED,REJECTED,VERIFIED}'::text[], '{1.25,2,0.5}'::numeric[]) AS x(st, h)`,
        [
          [a, b],
          [s1, s2, s3],
        ],
      );
      expect(await summaryOf(s1, a)).toEqual({
        2024: [3.5, 4],
        2025: [3.5, 4],
      });
      expect(await drift()).toEqual([]);

      const one = async (station: string, day: string, hours: number) =>
        (
          await t.db.query(
            `SELECT id FROM service_records WHERE volunteer_id = $1 AND station_id = $2 AND service_date = $3 AND hours = $4 AND status = 'VERIFIED' LIMIT 1`,
            [a, station, day, hours],
          )
        ).rows[0].id;
      const steps: [string, string, unknown[]][] = [
        [
          'hours of a verified record',
          `UPDATE service_records SET hours = 7.75 WHERE id = $1`,
          [await one(s1, '2024-12-30', 1.25)],
        ],
        [
          'date across the year boundary',
          `UPDATE service_records SET service_date = '2025-01-05' WHERE id = $1`,
          [await one(s1, '2024-12-31', 1.25)],
        ],
        [
          'station',
          `UPDATE service_records SET station_id = $2 WHERE id = $1`,
          [await one(s1, '2025-01-01', 1.25), s2],
        ],
        [
          'volunteer',
          `UPDATE service_records SET volunteer_id = $2 WHERE id = $1`,
          [await one(s1, '2025-01-02', 1.25), b],
        ],
        [
          'status both ways in one statement',
          `UPDATE service_records SET status = CASE status WHEN 'VERIFIED' THEN 'REJECTED' ELSE 'VERIFIED' END WHERE volunteer_id = $1 AND station_id = $2`,
          [b, s3],
        ],
        [
          'two records swapping stations in one statement',
          `UPDATE service_records SET station_id = CASE station_id WHEN $2::uuid THEN $3::uuid ELSE $2::uuid END
            WHERE volunteer_id = $1 AND station_id IN ($2, $3) AND status = 'VERIFIED' AND service_date = '2024-12-30'`,
          [b, s1, s2],
        ],
        [
          'an update that changes nothing summarised',
          `UPDATE service_records SET place = place || '（复核）' WHERE volunteer_id = ANY($1::uuid[])`,
          [[a, b]],
        ],
        [
          'a multi-row move of every verified record of a year to another year',
          `UPDATE service_records SET service_date = service_date - 365 WHERE station_id = $1 AND service_date >= '2025-01-01'`,
          [s2],
        ],
        [
          'deletes until keys fall to zero',
          `DELETE FROM service_records WHERE station_id = $1 AND volunteer_id = $2`,
          [s3, a],
        ],
        [
          'a MERGE (bulk import upsert)',
          `MERGE INTO service_records r USING (SELECT id FROM service_records WHERE station_id = $1) s ON r.id = s.id
            WHEN MATCHED AND r.status = 'VERIFIED' THEN UPDATE SET hours = r.hours + 1 WHEN MATCHED THEN DELETE`,
          [s1],
        ],
      ];
      for (const [label, sql, params] of steps) {
        await t.db.query(sql, params);
        expect({ label, drift: await drift() }).toEqual({ label, drift: [] });
      }
      expect(await summaryOf(s3, a)).toEqual({});
      // s1/a: 2024 = 7.75 (edited) + 0.5 + 0.5, 2025 = 0.5 + 0.5 + 1.25 (moved in from 2024), each +1 by the MERGE.
      expect(await summaryOf(s1, a)).toEqual({
        2024: [11.75, 3],
        2025: [5.25, 3],
      });
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM verified_hours_yearly WHERE records <= 0`);
      expect(rows[0].n).toBe(0);
    } finally {
      await t.db.query(`ALTER TABLE service_records ENABLE TRIGGER service_records_guard`);
    }
  });

  it('stays exact when a reversal empties a key while another transaction adds to it', async () => {
    const station = await seedStation(t);
    const [v] = await bulkVolunteers(1);
    const first = await insertRecord(t.db, v, station, '2024-03-01', 2);
    const [x, y] = [new Client({ connectionString: t.svc.db.url }), new Client({ connectionString: t.svc.db.url })];
    await x.connect();
    await y.connect();
    try {
      await x.query('BEGIN');
      await x.query(
        `UPDATE service_records SET status = 'REVERSED', reversed_by = 'x', reversed_at = now(), reversal_reason = '重复' WHERE id = $1`,
        [first],
      );
      await y.query('BEGIN');
      const yPid = (await y.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const adding = insertRecord(y, v, station, '2024-03-02', 3); // waits on x's summary row
      await waitFor(
        async () =>
          (await t.db.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [yPid]))
            .rowCount,
        10000,
        'y blocked by x',
      );
      await x.query('COMMIT');
      await adding;
      await y.query('COMMIT');
      expect(await summaryOf(station, v)).toEqual({ 2024: [3, 1] });

      // Two transactions creating the same new key.
      await x.query('BEGIN');
      await y.query('BEGIN');
      await insertRecord(x, v, station, '2023-05-01', 1);
      const second = insertRecord(y, v, station, '2023-05-02', 4);
      await waitFor(
        async () =>
          (await t.db.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [yPid]))
            .rowCount,
        10000,
        'y blocked by x',
      );
      await x.query('COMMIT');
      await second;
      await y.query('COMMIT');
      expect(await summaryOf(station, v)).toEqual({
        2023: [5, 2],
        2024: [3, 1],
      });
      expect(await drift()).toEqual([]);
    } finally {
      await x.end();
      await y.end();
    }
  });
});

describe('statistics from the summary equal the raw-record oracle', () => {
  const years = [2023, 2024, 2025, 2026, 2027];
  const thresholds = [null, 0, 0.25, 10, 23.5, 50, 100];
  const regions = ['430000', '430100', '430102', '430200', '430202', '430203', '430300', '430302', '140000'];
  const stations: string[] = [];
  let volunteers: string[] = [];

  beforeAll(async () => {
    for (const [regionCode, status, unitHeadcount] of [
      ['430202', 'ACTIVE', 30],
      ['430202', 'SUSPENDED', null],
      ['430202', 'CLOSED', 12],
      ['430203', 'ACTIVE', 0],
      ['430203', 'ACTIVE', 80],
      ['430302', 'ACTIVE', 25],
      ['430302', 'ACTIVE', 60],
      ['430102', 'ACTIVE', 40],
    ] as const) {
      stations.push(await seedStation(t, { regionCode, status, unitHeadcount }));
    }
    volunteers = await bulkVolunteers(60);
    // Volunteer i: current member of station i mod 8 (LEADER / STAFF for the first two rounds), of station (i + 3) mod 8 when i mod 4 = 0;
    // left station (i + 5) mod 8 when i mod 3 = 0, and left then rejoined station i mod 8 when i mod 7 = 0.
    await t.db.query(
      `INSERT INTO memberships (volunteer_id, station_id, role, joined_on, left_on, added_by)
       SELECT v.id, ($2::uuid[])[1 + (v.i + m.shift) % 8], m.role, m.joined, m.left_on, 'fixture'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS v(id, i)
         CROSS JOIN LATERAL (VALUES
           (0, CASE WHEN v.i <= 8 THEN 'LEADER' WHEN v.i <= 16 THEN 'STAFF' ELSE 'VOLUNTEER' END, DATE '2023-06-01', NULL::date, true),
           (3, 'VOLUNTEER', DATE '2024-02-01', NULL, v.i % 4 = 0),
           (5, 'VOLUNTEER', DATE '2023-01-01', DATE '2025-03-31', v.i % 3 = 0),
           (0, 'VOLUNTEER', DATE '2022-01-01', DATE '2023-05-31', v.i % 7 = 0)
         ) AS m(shift, role, joined, left_on, keep)
        WHERE m.keep`,
      [volunteers, stations],
    );
    // ~1,800 records in one statement: any station (members, former members and strangers), dates around each new year,
    // hours with cents, every status; then more through single-row inserts.
    await t.db.query(`SELECT setseed(0.2012)`);
    await t.db.query(
      `INSERT INTO service_records (volunteer_id, station_id, activity_name, service_date, place, content, started_at, ended_at, hours, quality, recorder, status, recorded_by, decided_by, decided_at)
       SELECT v, s, '生成', d, '站点', '服务', d + time '08:00', d + time '08:00' + h * interval '1 hour', h, 'GOOD', '记录人', st, 'fixture',
              CASE WHEN st <> 'PENDING' THEN 'fixture' END, CASE WHEN st <> 'PENDING' THEN now() END
         FROM generate_series(1, 1800) g
         CROSS JOIN LATERAL (SELECT ($1::uuid[])[1 + (g * 7 + (random() * 5)::int) % 60] AS v,
                                    ($2::uuid[])[1 + (g + (random() * 2)::int) % 8] AS s,
                                    DATE '2023-12-20' + (random() * 760)::int AS d,
                                    (ARRAY[0.25, 0.5, 1.33, 2.75, 3, 8, 24])[1 + (random() * 6)::int]::numeric AS h,
                                    (ARRAY['VERIFIED', 'VERIFIED', 'VERIFIED', 'VERIFIED', 'VERIFIED', 'PENDING', 'REJECTED', 'REVERSED'])[1 + (random() * 7)::int] AS st) x`,
      [volunteers, stations],
    );
    for (let i = 0; i < 24; i++)
      await insertRecord(
        t.db,
        volunteers[i],
        stations[i % 8],
        ['2024-12-31', '2025-01-01', '2025-12-31', '2026-01-01'][i % 4],
        [0.01, 4.99, 12.5][i % 3],
      );
    await t.db.query(
      `INSERT INTO activities (station_id, title, category, starts_at, ends_at, place, sign_in_code, status, created_by)
       SELECT s, '活动', 'CIVILITY', t0, t0 + interval '2 hours', '站点', upper(substr(md5(random()::text), 1, 8)), CASE WHEN m % 5 = 0 THEN 'CANCELLED' ELSE 'PLANNED' END, 'fixture'
         FROM unnest($1::uuid[]) s, generate_series(0, 40, 3) m, LATERAL (SELECT make_timestamptz(2024 + m / 12, 1 + m % 12, 1, 8, 0, 0, 'Asia/Shanghai') AS t0) x`,
      [stations],
    );
  });

  type Below = { stationId: string; volunteerId: string; hours: number };
  async function expectSameAnswers(): Promise<void> {
    expect(await drift()).toEqual([]);
    const asked = [...stations, randomUUID(), 'not-a-uuid'];
    for (const year of years) {
      for (const threshold of thresholds) {
        expect({
          year,
          threshold,
          stations: await stats.forStations(asked, year, threshold),
        }).toEqual({
          year,
          threshold,
          stations: await oracle.forStations(asked, year, threshold),
        });
        expect({
          year,
          threshold,
          regions: await stats.forRegions(regions, year, threshold),
        }).toEqual({
          year,
          threshold,
          regions: await oracle.forRegions(regions, year, threshold),
        });
      }
      for (const hours of [0, 0.25, 10, 50, 100]) {
        // Both order by (hours, volunteer) only: compare in a total order, then check the new one's order.
        const key = (r: Below) => `${r.hours.toFixed(2).padStart(9, '0')}|${r.volunteerId}|${r.stationId}`;
        const sorted = (rs: Below[]) => [...rs].sort((p, q) => (key(p) < key(q) ? -1 : key(p) > key(q) ? 1 : 0));
        const got = await stats.belowHours(stations, year, hours);
        expect({ year, hours, below: sorted(got) }).toEqual({
          year,
          hours,
          below: sorted(await oracle.belowHours(stations, year, hours)),
        });
        expect(got.every((r, i) => i === 0 || key(got[i - 1]).slice(0, 46) <= key(r).slice(0, 46))).toBe(true);
      }
    }
    for (const year of [...years, null]) {
      expect({
        year,
        hours: await stats.verifiedHoursOf([...volunteers, 'x'], year),
      }).toEqual({
        year,
        hours: await oracle.verifiedHoursOf([...volunteers, 'x'], year),
      });
    }
  }

  it('on a generated data set with several stations, years, left members and thresholds', async () => {
    // The data set exercises what the comparison is about: former members' hours, thresholds that split members.
    const y2025 = await oracle.forStations(stations, 2025, 23.5);
    const all = [...y2025.values()];
    expect(all.some((s) => s.verifiedHours > 0 && s.activeVolunteerCount < all.length)).toBe(true);
    expect(
      all.some(
        (s) => (s.volunteersMeetingThreshold ?? 0) > 0 && s.volunteersMeetingThreshold! < s.activeVolunteerCount,
      ),
    ).toBe(true);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM service_records r WHERE r.status = 'VERIFIED' AND r.station_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.volunteer_id = r.volunteer_id AND m.station_id = r.station_id AND m.left_on IS NULL)`,
      [stations],
    );
    expect(rows[0].n).toBeGreaterThan(50);
    await expectSameAnswers();
  });

  it('after reversals, decisions and members leaving', async () => {
    await t.db.query(
      `UPDATE service_records SET status = 'REVERSED', reversed_by = 'fixture', reversed_at = now(), reversal_reason = '冲正'
        WHERE status = 'VERIFIED' AND station_id = ANY($1::uuid[]) AND hours IN (2.75, 24)`,
      [stations],
    );
    await t.db.query(
      `UPDATE service_records SET status = CASE WHEN hours < 3 THEN 'VERIFIED' ELSE 'REJECTED' END, quality = 'FAIR', decided_by = 'fixture', decided_at = now()
        WHERE status = 'PENDING' AND station_id = ANY($1::uuid[])`,
      [stations],
    );
    await t.db.query(
      `UPDATE memberships SET left_on = '2026-06-30', left_by = 'fixture' WHERE left_on IS NULL AND volunteer_id = ANY($1::uuid[])`,
      [volunteers.filter((_, i) => i % 5 === 2)],
    );
    await expectSameAnswers();
  });

  it('through the graph: Station and Region serviceStats, Volunteer.verifiedHours', async () => {
    const q = typedQuery<{ _entities: unknown[] }>(`query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Station { id serviceStats(year: 2025, hoursThreshold: 23.5) { year memberCount leaderCount staffCount activeVolunteerCount verifiedHours activityCount monthsWithActivity volunteersMeetingThreshold headcountShare } }
      ... on Region { code serviceStats(year: 2025, hoursThreshold: 23.5) { year regionCode stationCount memberCount leaderCount staffCount activeVolunteerCount verifiedHours activityCount monthsWithActivity volunteersMeetingThreshold headcountShare } } } }`);
    const res = await gql(t.svc.url, q, {
      reps: [...stations.map((id) => ({ __typename: 'Station', id })), { __typename: 'Region', code: '430200' }],
    });
    expect(res.errors).toBeUndefined();
    const expected = await oracle.forStations(stations, 2025, 23.5);
    expect(res.data!._entities.slice(0, stations.length)).toEqual(
      stations.map((id) => ({ id, serviceStats: expected.get(id) })),
    );
    expect(res.data!._entities[stations.length]).toEqual({
      code: '430200',
      serviceStats: (await oracle.forRegions(['430200'], 2025, 23.5)).get('430200'),
    });
    const v = volunteers[3];
    const hours = await gql<{ volunteer: unknown }>(
      t.svc.url,
      `query($id: ID!) { volunteer(id: $id) { y: verifiedHours(year: 2025) all: verifiedHours } }`,
      { id: v },
      { token: await tokens.service() },
    );
    expect(hours.data!.volunteer).toEqual({
      y: (await oracle.verifiedHoursOf([v], 2025)).get(v) ?? 0,
      all: (await oracle.verifiedHoursOf([v], null)).get(v) ?? 0,
    });
  });
});

describe('the migration', () => {
  it('backfills records written while no trigger kept the summary (down, then up on a database holding records)', async () => {
    const station = await seedStation(t);
    const [v, w] = await bulkVolunteers(2);
    // Written the way the scale seed writes: triggers off, the summary does not follow.
    await t.db.query(`SET session_replication_role = replica`);
    try {
      await insertRecord(t.db, v, station, '2024-12-31', 6.5);
      await insertRecord(t.db, v, station, '2025-01-01', 1.5);
      await insertRecord(t.db, w, station, '2025-07-01', 2, 'REJECTED');
    } finally {
      await t.db.query(`RESET session_replication_role`);
    }
    expect(await drift()).toHaveLength(2);
    // A write that would take the stale summary below zero is refused, not absorbed.
    const missed = (
      await t.db.query(`SELECT id FROM service_records WHERE volunteer_id = $1 AND service_date = '2024-12-31'`, [v])
    ).rows[0].id;
    await expect(
      t.db.query(
        `UPDATE service_records SET status = 'REVERSED', reversed_by = 'x', reversed_at = now(), reversal_reason = '冲正' WHERE id = $1`,
        [missed],
      ),
    ).rejects.toThrow(/verified_hours_yearly is missing verified service records/);

    const migration = new VerifiedHoursYearly1763800000208();
    const runner = ds.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      expect(
        (
          await runner.query(
            `SELECT to_regclass('verified_hours_yearly') AS t, (SELECT count(*)::int FROM pg_trigger WHERE tgname LIKE 'verified_hours_yearly%') AS triggers`,
          )
        )[0],
      ).toEqual({ t: null, triggers: 0 });
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await drift()).toEqual([]);
    expect(await summaryOf(station, v)).toEqual({
      2024: [6.5, 1],
      2025: [1.5, 1],
    });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM verified_hours_yearly`)).rows[0].n).toBeGreaterThan(100); // everything earlier in this file
    // And the triggers maintain it again.
    await insertRecord(t.db, w, station, '2025-07-02', 3);
    expect(await summaryOf(station, w)).toEqual({ 2025: [3, 1] });
    expect(await drift()).toEqual([]);
  });
});
