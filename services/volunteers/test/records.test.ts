import { gql, typedQuery } from '@leifeng/kit/testing';
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

let t: VolunteersUnderTest;
let station: string;
let manager: string;

beforeAll(async () => {
  t = await startVolunteers();
  station = await seedStation(t, { regionCode: '430102' });
  manager = await tokens.manager(station);
});
afterAll(() => t.stop());

async function counts() {
  const { rows } = await t.db
    .query(`SELECT (SELECT count(*) FROM service_records)::int AS records, (SELECT count(*) FROM outbox)::int AS events,
    (SELECT count(*) FROM tb_entries)::int AS entries, (SELECT string_agg(id::text || status, ',' ORDER BY id) FROM service_records) AS states`);
  return rows[0];
}

describe('service records', () => {
  let v: string;
  beforeAll(async () => {
    v = await registerMember(t, station);
  });

  it('records PENDING, verifies with who and when, credits points and emits service_record.verified', async () => {
    const res = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(v, station, '2026-03-05T09:00:00', '2026-03-05T12:30:00'),
      },
      { token: manager },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordService).toMatchObject({
      status: 'PENDING',
      hours: 3.5,
      serviceDate: '2026-03-05',
    });
    const id = res.data!.recordService.id;
    const verified = await gql(t.svc.url, VERIFY, { id, q: 'EXCELLENT' }, { token: manager });
    expect(verified.errors).toBeUndefined();
    expect(verified.data!.verifyServiceRecord).toMatchObject({
      status: 'VERIFIED',
      quality: 'EXCELLENT',
      decidedBy: `mgr-${station.slice(0, 8)}`,
    });
    expect(verified.data!.verifyServiceRecord.decidedAt).toBeTruthy();
    const events = await t.db.query(`SELECT type, payload FROM outbox WHERE aggregate_id = $1 ORDER BY seq`, [id]);
    expect(events.rows.map((e) => e.type)).toEqual(['service_record.verified']);
    expect(events.rows[0].payload).toMatchObject({
      recordId: id,
      volunteerId: v,
      hours: 3.5,
      regionCode: '430102',
    });
    const credit = await t.db.query(
      `SELECT amount::float8 AS amount FROM tb_transactions WHERE service_record_id = $1 AND kind = 'SERVICE_CREDIT'`,
      [id],
    );
    expect(credit.rows).toEqual([{ amount: 4.2 }]); // 3.5 h × 1.2 (EXCELLENT)
    const again = await gql(t.svc.url, VERIFY, { id, q: 'GOOD' }, { token: manager });
    expect(again.errors?.[0].extensions?.code).toBe('RECORD_NOT_PENDING');
  });

  it.each([
    ['a future end', ['2026-03-06T09:00:00', '2999-01-01T10:00:00'], {}, 'FUTURE_TIME'],
    ['an end before the start', ['2026-03-06T12:00:00', '2026-03-06T09:00:00'], {}, 'INVALID_TIME_RANGE'],
    ['more than 24 hours in one record', ['2026-03-06T08:00:00', '2026-03-07T09:00:00'], {}, 'DAILY_LIMIT_EXCEEDED'],
    [
      'hours beyond the span (travel excluded)',
      ['2026-03-06T09:00:00', '2026-03-06T10:00:00'],
      { hours: 1.5 },
      'HOURS_EXCEED_DURATION',
    ],
    ['an overlap with a verified record', ['2026-03-05T12:00:00', '2026-03-05T13:00:00'], {}, 'OVERLAPPING_RECORD'],
    ['a blank content', ['2026-03-06T09:00:00', '2026-03-06T10:00:00'], { content: ' ' }, 'INVALID_LENGTH'],
    [
      'an unknown station',
      ['2026-03-06T09:00:00', '2026-03-06T10:00:00'],
      { stationId: '00000000-0000-4000-8000-000000000000' },
      'STATION_NOT_FOUND',
    ],
  ])('rejects %s and changes nothing', async (_label, [start, end], overrides, code) => {
    const before = await counts();
    const res = await gql(t.svc.url, RECORD, { i: recordInput(v, station, start, end, overrides) }, { token: manager });
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('rejects a day over 24 hours across records (Asia/Shanghai day of the start)', async () => {
    const first = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(v, station, '2026-04-10T20:00:00', '2026-04-11T10:00:00'),
      },
      { token: manager },
    );
    expect(first.data!.recordService).toMatchObject({
      hours: 14,
      serviceDate: '2026-04-10',
    });
    const before = await counts();
    const second = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(v, station, '2026-04-10T08:00:00', '2026-04-10T19:00:00'),
      },
      { token: manager },
    );
    expect(second.errors?.[0].extensions?.code).toBe('DAILY_LIMIT_EXCEEDED');
    expect(await counts()).toEqual(before);
    // 10 hours fit (14 + 10 = 24).
    const fits = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(v, station, '2026-04-10T08:00:00', '2026-04-10T18:00:00'),
      },
      { token: manager },
    );
    expect(fits.errors).toBeUndefined();
  });

  it('lets only managers/admins of the station record and decide', async () => {
    const other = await seedStation(t, { regionCode: '430103' });
    const before = await counts();
    const res = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(v, station, '2026-05-01T09:00:00', '2026-05-01T10:00:00'),
      },
      { token: await tokens.manager(other) },
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const selfRecord = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(v, station, '2026-05-01T09:00:00', '2026-05-01T10:00:00'),
      },
      { token: await tokens.volunteer('nobody') },
    );
    expect(selfRecord.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    const pending = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(v, station, '2026-05-01T09:00:00', '2026-05-01T10:00:00'),
      },
      { token: await tokens.county() },
    );
    const id = pending.data!.recordService.id;
    expect(
      (await gql(t.svc.url, VERIFY, { id, q: 'GOOD' }, { token: await tokens.county('430103') })).errors?.[0].extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect((await gql(t.svc.url, VERIFY, { id }, { token: manager })).errors?.[0].extensions?.code).toBe(
      'QUALITY_REQUIRED',
    );
    const REJECT = typedQuery<{ rejectServiceRecord: unknown }>(
      `mutation($id: ID!, $r: String!) { rejectServiceRecord(id: $id, reason: $r) { status rejectReason decidedBy } }`,
    );
    expect((await gql(t.svc.url, REJECT, { id, r: '' }, { token: manager })).errors?.[0].extensions?.code).toBe(
      'INVALID_LENGTH',
    );
    const rejected = await gql(t.svc.url, REJECT, { id, r: '时间与活动签到不符' }, { token: manager });
    expect(rejected.data!.rejectServiceRecord).toMatchObject({
      status: 'REJECTED',
      rejectReason: '时间与活动签到不符',
    });
    // A rejected record no longer blocks the slot.
    expect(
      (
        await gql(
          t.svc.url,
          RECORD,
          {
            i: recordInput(v, station, '2026-05-01T09:00:00', '2026-05-01T10:00:00'),
          },
          { token: manager },
        )
      ).errors,
    ).toBeUndefined();
  });

  it('corrects a verified record only by reversal plus a new record; the database refuses edits and deletes', async () => {
    const created = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(v, station, '2026-06-01T09:00:00', '2026-06-01T13:00:00'),
      },
      { token: manager },
    );
    const id = created.data!.recordService.id;
    await gql(t.svc.url, VERIFY, { id, q: 'GOOD' }, { token: manager });
    await expect(t.db.query(`UPDATE service_records SET hours = 2 WHERE id = $1`, [id])).rejects.toThrow(
      /can only be reversed/,
    );
    await expect(t.db.query(`DELETE FROM service_records WHERE id = $1`, [id])).rejects.toThrow(/never deleted/);

    const REVERSE = typedQuery<{
      reverseServiceRecord: { reversed: unknown; correction: { id: string } };
    }>(`mutation($id: ID!, $r: String!, $c: ServiceRecordCorrectionInput) { reverseServiceRecord(id: $id, reason: $r, correction: $c) {
      reversed { id status hours reversalReason reversedBy } correction { id status hours corrects { id } } } }`);
    const {
      volunteerId: _v,
      stationId: _s,
      ...content
    } = recordInput(v, station, '2026-06-01T09:00:00', '2026-06-01T12:00:00', {
      quality: 'GOOD',
    });
    const res = await gql(t.svc.url, REVERSE, { id, r: '结束时间登记错误', c: content }, { token: manager });
    expect(res.errors).toBeUndefined();
    expect(res.data!.reverseServiceRecord.reversed).toMatchObject({
      id,
      status: 'REVERSED',
      hours: 4,
      reversalReason: '结束时间登记错误',
    });
    expect(res.data!.reverseServiceRecord.correction).toMatchObject({
      status: 'VERIFIED',
      hours: 3,
      corrects: { id },
    });
    const fixedId = res.data!.reverseServiceRecord.correction.id;
    const events = await t.db.query(
      `SELECT type, aggregate_id FROM outbox WHERE aggregate_id IN ($1, $2) ORDER BY seq`,
      [id, fixedId],
    );
    expect(events.rows.map((e) => `${e.type}:${e.aggregate_id === id ? 'old' : 'new'}`)).toEqual([
      'service_record.verified:old',
      'service_record.reversed:old',
      'service_record.verified:new',
    ]);
    const ledger = await t.db.query(
      `SELECT kind, amount::float8 AS amount FROM tb_transactions WHERE service_record_id IN ($1, $2) ORDER BY created_at, kind`,
      [id, fixedId],
    );
    expect(ledger.rows).toEqual([
      { kind: 'SERVICE_CREDIT', amount: 4 },
      { kind: 'CREDIT_REVERSAL', amount: 4 },
      { kind: 'SERVICE_CREDIT', amount: 3 },
    ]);
    expect(
      (await gql(t.svc.url, REVERSE, { id, r: '再冲正一次' }, { token: manager })).errors?.[0].extensions?.code,
    ).toBe('RECORD_NOT_VERIFIED');
    const hours = await gql<{ volunteer: { verifiedHours: number } }>(
      t.svc.url,
      `query($id: ID!) { volunteer(id: $id) { verifiedHours(year: 2026) } }`,
      { id: v },
      { token: manager },
    );
    expect(hours.data!.volunteer.verifiedHours).toBe(3.5 + 3);
    const LIST = typedQuery<{
      serviceRecords: { status: string; hours: number }[];
      volunteer: { serviceRecords: unknown };
    }>(`query($s: ID!, $v: ID!) { serviceRecords(stationId: $s, statuses: [VERIFIED, REVERSED], year: 2026) { status hours }
      volunteer(id: $v) { serviceRecords(year: 2025) { id } } }`);
    const listed = await gql(t.svc.url, LIST, { s: station, v }, { token: manager });
    expect(
      listed.data!.serviceRecords.map((r: { hours: unknown; status: string }) => `${r.status}:${r.hours}`).sort(),
    ).toEqual(['REVERSED:4', 'VERIFIED:3', 'VERIFIED:3.5']);
    expect(listed.data!.volunteer.serviceRecords).toEqual([]);
    const outsider = await gql(
      t.svc.url,
      LIST,
      { s: station, v },
      { token: await tokens.manager(await seedStation(t)) },
    );
    expect(outsider.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('activities and check-in', () => {
  const CREATE = typedQuery<{
    createActivity: { id: string; signInCode: string; capacity: number | null; signUpCount: number };
  }>(`mutation($i: CreateActivityInput!) { createActivity(input: $i) { id signInCode capacity signUpCount } }`);

  it('checks in by the short code, creates a pending record until check-out, then verifies it', async () => {
    const sub = 'acct-checkin';
    const v = await registerMember(t, station, {}, await tokens.volunteer(sub));
    const now = Date.now();
    const created = await gql(
      t.svc.url,
      CREATE,
      {
        i: {
          stationId: station,
          title: '周末便民服务',
          category: 'CONVENIENCE',
          startsAt: new Date(now - 600_000).toISOString(),
          endsAt: new Date(now + 7200_000).toISOString(),
          place: '站点门口',
          capacity: 10,
        },
      },
      { token: manager },
    );
    expect(created.errors).toBeUndefined();
    const { id: activityId, signInCode } = created.data!.createActivity;
    expect(signInCode).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    const anonymousView = await gql<{ activity: unknown }>(
      t.svc.url,
      `query($id: ID!) { activity(id: $id) { title signInCode } }`,
      {
        id: activityId,
      },
    );
    expect(anonymousView.data!.activity).toEqual({
      title: '周末便民服务',
      signInCode: null,
    });

    const token = await tokens.volunteer(sub);
    expect(
      (await gql(t.svc.url, `mutation { checkIn(code: "ZZZZZZ") { id } }`, {}, { token })).errors?.[0].extensions?.code,
    ).toBe('INVALID_SIGN_IN_CODE');
    const inRes = await gql<{ checkIn: { id: string } }>(
      t.svc.url,
      `mutation($c: String!) { checkIn(code: $c) { id status endedAt activity { id } } }`,
      { c: signInCode.toLowerCase() },
      { token },
    );
    expect(inRes.errors).toBeUndefined();
    expect(inRes.data!.checkIn).toMatchObject({
      status: 'PENDING',
      endedAt: null,
      activity: { id: activityId },
    });
    expect(
      (await gql(t.svc.url, `mutation($c: String!) { checkIn(code: $c) { id } }`, { c: signInCode }, { token }))
        .errors?.[0].extensions?.code,
    ).toBe('ALREADY_CHECKED_IN');
    await t.db.query(`UPDATE service_records SET started_at = now() - interval '2 hours' WHERE id = $1`, [
      inRes.data!.checkIn.id,
    ]);
    // While checked in, no other record of the person may overlap the open interval.
    const overlapping = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(
          v,
          station,
          new Date(now - 3600_000 + 8 * 3600_000).toISOString().slice(0, 19),
          new Date(now + 8 * 3600_000 - 60_000).toISOString().slice(0, 19),
        ),
      },
      { token: manager },
    );
    expect(overlapping.errors?.[0].extensions?.code).toBe('OVERLAPPING_RECORD');

    const out = await gql<{ checkOut: { id: string; hours: number } }>(
      t.svc.url,
      `mutation($a: ID!) { checkOut(activityId: $a) { id status hours endedAt } }`,
      { a: activityId },
      { token },
    );
    expect(out.errors).toBeUndefined();
    expect(out.data!.checkOut.hours).toBeCloseTo(2, 1);
    const verified = await gql(t.svc.url, VERIFY, { id: out.data!.checkOut.id, q: 'GOOD', h: 1.5 }, { token: manager });
    expect(verified.data!.verifyServiceRecord).toMatchObject({
      status: 'VERIFIED',
      hours: 1.5,
    });
    const count = await gql<{ activity: { signUpCount: number } }>(
      t.svc.url,
      `query($id: ID!) { activity(id: $id) { signUpCount } }`,
      { id: activityId },
    );
    expect(count.data!.activity.signUpCount).toBe(1);
  });

  it('keeps sign-ups within capacity', async () => {
    const now = Date.now();
    const created = await gql(
      t.svc.url,
      CREATE,
      {
        i: {
          stationId: station,
          title: '小型讲座',
          category: 'CIVILITY',
          startsAt: new Date(now + 86400_000).toISOString(),
          endsAt: new Date(now + 90000_000).toISOString(),
          place: '活动室',
          capacity: 1,
        },
      },
      { token: manager },
    );
    const activityId = created.data!.createActivity.id;
    const a = await registerMember(t, station);
    const b = await registerMember(t, station);
    const SIGN = typedQuery<{ signUpForActivity: { signUpCount: number } }>(
      `mutation($a: ID!, $v: ID!) { signUpForActivity(activityId: $a, volunteerId: $v) { signUpCount } }`,
    );
    expect(
      (await gql(t.svc.url, SIGN, { a: activityId, v: a }, { token: manager })).data!.signUpForActivity.signUpCount,
    ).toBe(1);
    expect((await gql(t.svc.url, SIGN, { a: activityId, v: a }, { token: manager })).errors?.[0].extensions?.code).toBe(
      'ALREADY_SIGNED_UP',
    );
    expect((await gql(t.svc.url, SIGN, { a: activityId, v: b }, { token: manager })).errors?.[0].extensions?.code).toBe(
      'ACTIVITY_FULL',
    );
    expect(
      (await gql(t.svc.url, SIGN, { a: activityId, v: b }, { token: await tokens.volunteer('stranger') })).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('lets a volunteer cancel their own sign-up before the start, shows it as myAttendance, frees the place', async () => {
    const now = Date.now();
    const created = await gql(
      t.svc.url,
      CREATE,
      {
        i: {
          stationId: station,
          title: '读书会',
          category: 'CULTURAL',
          startsAt: new Date(now + 86400_000).toISOString(),
          endsAt: new Date(now + 90000_000).toISOString(),
          place: '阅览室',
          capacity: 1,
        },
      },
      { token: manager },
    );
    const activityId = created.data!.createActivity.id;
    const sub = 'acct-cancel';
    const v = await registerMember(t, station, {}, await tokens.volunteer(sub));
    const token = await tokens.volunteer(sub);
    const MINE = typedQuery<{ activity: { signUpCount: number; myAttendance: unknown } }>(
      `query($a: ID!) { activity(id: $a) { signUpCount myAttendance { signedUpAt checkedInAt checkedOutAt } } }`,
    );
    expect((await gql(t.svc.url, MINE, { a: activityId }, { token })).data!.activity).toEqual({
      signUpCount: 0,
      myAttendance: null,
    });
    await gql(
      t.svc.url,
      `mutation($a: ID!, $v: ID!) { signUpForActivity(activityId: $a, volunteerId: $v) { id } }`,
      { a: activityId, v },
      { token },
    );
    const mine = (await gql(t.svc.url, MINE, { a: activityId }, { token })).data!.activity;
    expect(mine).toMatchObject({
      signUpCount: 1,
      myAttendance: { checkedInAt: null, checkedOutAt: null },
    });
    expect((await gql(t.svc.url, MINE, { a: activityId }, { token: manager })).data!.activity.myAttendance).toBeNull();
    const CANCEL = typedQuery<{ cancelActivitySignUp: unknown }>(
      `mutation($a: ID!, $v: ID!) { cancelActivitySignUp(activityId: $a, volunteerId: $v) { signUpCount myAttendance { signedUpAt } } }`,
    );
    expect(
      (await gql(t.svc.url, CANCEL, { a: activityId, v }, { token: await tokens.volunteer('stranger') })).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await gql(t.svc.url, CANCEL, { a: activityId, v }, { token })).data!.cancelActivitySignUp).toEqual({
      signUpCount: 0,
      myAttendance: null,
    });
    expect((await gql(t.svc.url, CANCEL, { a: activityId, v }, { token })).errors?.[0].extensions?.code).toBe(
      'NOT_SIGNED_UP',
    );
    // Once the activity has started, the sign-up stays (nothing changes).
    await gql(
      t.svc.url,
      `mutation($a: ID!, $v: ID!) { signUpForActivity(activityId: $a, volunteerId: $v) { id } }`,
      { a: activityId, v },
      { token },
    );
    await t.db.query(`UPDATE activities SET starts_at = now() - interval '1 minute' WHERE id = $1`, [activityId]);
    const late = await gql(t.svc.url, CANCEL, { a: activityId, v }, { token });
    expect(late.errors?.[0]).toMatchObject({
      message: '活动已开始，不能取消报名',
      extensions: { code: 'ACTIVITY_STARTED' },
    });
    expect((await gql(t.svc.url, MINE, { a: activityId }, { token })).data!.activity.signUpCount).toBe(1);
  });

  it('refuses check-out more than an hour after the activity ended', async () => {
    const sub = 'acct-late-out';
    await registerMember(t, station, {}, await tokens.volunteer(sub));
    const token = await tokens.volunteer(sub);
    const now = Date.now();
    const created = await gql(
      t.svc.url,
      CREATE,
      {
        i: {
          stationId: station,
          title: '清扫街道',
          category: 'PUBLIC_AFFAIRS',
          startsAt: new Date(now - 600_000).toISOString(),
          endsAt: new Date(now + 3600_000).toISOString(),
          place: '街口',
          capacity: 10,
        },
      },
      { token: manager },
    );
    const { id: activityId, signInCode } = created.data!.createActivity;
    expect(
      (await gql(t.svc.url, `mutation($c: String!) { checkIn(code: $c) { id } }`, { c: signInCode }, { token })).errors,
    ).toBeUndefined();
    await t.db.query(
      `UPDATE activities SET starts_at = now() - interval '3 hours', ends_at = now() - interval '61 minutes' WHERE id = $1`,
      [activityId],
    );
    const out = await gql(
      t.svc.url,
      `mutation($a: ID!) { checkOut(activityId: $a) { id } }`,
      { a: activityId },
      { token },
    );
    expect(out.errors?.[0].extensions?.code).toBe('CHECK_OUT_CLOSED');
    expect(out.errors?.[0].message).toContain('不能签退');
  });
});
