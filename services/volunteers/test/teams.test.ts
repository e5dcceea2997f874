import ExcelJS from 'exceljs';
import { shanghaiToday } from '@leifeng/kit';
import { gql, typedQuery } from '@leifeng/kit/testing';
import { addDays } from '../src/domain/common';
import { weekdayOf } from '../src/services/duty-service';
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
const members: Record<string, string> = {};

const nextMonday = () => {
  let d = addDays(shanghaiToday(), 1);
  while (weekdayOf(d) !== 'MONDAY') d = addDays(d, 1);
  return d;
};

beforeAll(async () => {
  t = await startVolunteers();
  station = await seedStation(t, {
    regionCode: '430102',
    openingHours: [
      { weekday: 'MONDAY', opens: '08:30', closes: '12:00' },
      { weekday: 'MONDAY', opens: '14:00', closes: '17:30' },
      { weekday: 'SATURDAY', opens: '09:00', closes: '17:00' },
    ],
  });
  manager = await tokens.manager(station);
  members.a = await registerMember(
    t,
    station,
    { name: '周值班', skills: ['理发', '急救'] },
    await tokens.volunteer('acct-a'),
  );
  members.b = await registerMember(t, station, {
    name: '吴助老',
    skills: ['理发'],
  });
  members.c = await registerMember(t, station, {
    name: '郑电工',
    skills: ['电器维修'],
  });
});
afterAll(() => t.stop());

describe('duty on opening hours', () => {
  const COVERAGE = typedQuery<{ _entities: { dutyCoverage: { fullyCovered: boolean; uncoveredSlots: unknown } }[] }>(
    `query($reps: [_Any!]!, $w: Date!) { _entities(representations: $reps) { ... on Station { dutyCoverage(weekOf: $w) { weekOf openingSlotCount fullyCovered uncoveredSlotCount uncoveredSlots { date weekday opens closes } } } } }`,
  );
  const SIGN = typedQuery<{ signUpForDuty: { id: string } }>(
    `mutation($i: DutySignUpInput!) { signUpForDuty(input: $i) { id date opens closes } }`,
  );

  it('reports the opening slots of a week that nobody is on duty for', async () => {
    const monday = nextMonday();
    const reps = [{ __typename: 'Station', id: station }];
    const empty = await gql(t.svc.url, COVERAGE, { reps, w: monday });
    expect(empty.data!._entities[0].dutyCoverage).toMatchObject({
      weekOf: monday,
      openingSlotCount: 3,
      fullyCovered: false,
      uncoveredSlotCount: 3,
    });
    const signed = await gql(
      t.svc.url,
      SIGN,
      {
        i: {
          stationId: station,
          volunteerId: members.a,
          date: monday,
          opens: '08:30',
        },
      },
      { token: await tokens.volunteer('acct-a') },
    );
    expect(signed.data!.signUpForDuty).toMatchObject({
      date: monday,
      opens: '08:30',
      closes: '12:00',
    });
    await gql(
      t.svc.url,
      SIGN,
      {
        i: {
          stationId: station,
          volunteerId: members.b,
          date: addDays(monday, 5),
          opens: '09:00',
        },
      },
      { token: manager },
    );
    const res = await gql(t.svc.url, COVERAGE, { reps, w: monday });
    expect(res.data!._entities[0].dutyCoverage).toEqual({
      weekOf: monday,
      openingSlotCount: 3,
      fullyCovered: false,
      uncoveredSlotCount: 1,
      uncoveredSlots: [{ date: monday, weekday: 'MONDAY', opens: '14:00', closes: '17:30' }],
    });
    await gql(
      t.svc.url,
      SIGN,
      {
        i: {
          stationId: station,
          volunteerId: members.c,
          date: monday,
          opens: '14:00',
        },
      },
      { token: manager },
    );
    expect((await gql(t.svc.url, COVERAGE, { reps, w: monday })).data!._entities[0].dutyCoverage.fullyCovered).toBe(
      true,
    );
    const cancel = await gql(
      t.svc.url,
      `mutation($id: ID!) { cancelDuty(id: $id) { id } }`,
      { id: signed.data!.signUpForDuty.id },
      { token: await tokens.volunteer('acct-a') },
    );
    expect(cancel.errors).toBeUndefined();
    expect(
      (await gql(t.svc.url, COVERAGE, { reps, w: monday })).data!._entities[0].dutyCoverage.uncoveredSlots,
    ).toEqual([{ date: monday, weekday: 'MONDAY', opens: '08:30', closes: '12:00' }]);
  });

  it('refuses slots the station is closed in, non-members, duplicates and a weekOf that is not a Monday', async () => {
    const monday = nextMonday();
    const other = await seedStation(t);
    const outsider = await registerMember(t, other);
    const cases: [Record<string, unknown>, string][] = [
      [{ volunteerId: members.b, date: monday, opens: '09:00' }, 'DUTY_SLOT_NOT_OPEN'],
      [{ volunteerId: members.b, date: addDays(monday, 1), opens: '08:30' }, 'DUTY_SLOT_NOT_OPEN'],
      [{ volunteerId: outsider, date: monday, opens: '08:30' }, 'NOT_A_MEMBER'],
      [{ volunteerId: members.b, date: '2020-01-06', opens: '08:30' }, 'INVALID_DATE'],
      [{ volunteerId: members.c, date: monday, opens: '14:00' }, 'ALREADY_ON_DUTY'],
    ];
    for (const [input, code] of cases) {
      const res = await gql(t.svc.url, SIGN, { i: { stationId: station, ...input } }, { token: manager });
      expect(res.errors?.[0].extensions?.code).toBe(code);
    }
    const notMine = await gql(
      t.svc.url,
      SIGN,
      {
        i: {
          stationId: station,
          volunteerId: members.b,
          date: monday,
          opens: '08:30',
        },
      },
      { token: await tokens.volunteer('acct-a') },
    );
    expect(notMine.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await gql(t.svc.url, COVERAGE, {
      reps: [{ __typename: 'Station', id: station }],
      w: addDays(monday, 1),
    });
    expect(bad.errors?.[0].extensions?.code).toBe('INVALID_WEEK');
  });
});

describe('trainings and pairings', () => {
  it('records trainings with attendance', async () => {
    const created = await gql<{ createTraining: { id: string } }>(
      t.svc.url,
      `mutation($i: TrainingInput!) { createTraining(input: $i) { id kind } }`,
      {
        i: {
          stationId: station,
          kind: 'INITIAL',
          title: '岗前培训：急救常识',
          heldOn: '2026-03-01',
          hours: 2,
          trainer: '市红十字会',
        },
      },
      { token: manager },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createTraining.id;
    const MARK = typedQuery<{ recordTrainingAttendance: { attendance: unknown } }>(
      `mutation($id: ID!, $m: [AttendanceInput!]!) { recordTrainingAttendance(trainingId: $id, marks: $m) { attendance { attended volunteer { name } } } }`,
    );
    const res = await gql(
      t.svc.url,
      MARK,
      {
        id,
        m: [
          { volunteerId: members.a, attended: true },
          { volunteerId: members.b, attended: false },
        ],
      },
      { token: manager },
    );
    expect(res.data!.recordTrainingAttendance.attendance).toEqual([
      { attended: true, volunteer: { name: '周值班' } },
      { attended: false, volunteer: { name: '吴助老' } },
    ]);
    expect(
      (
        await gql(
          t.svc.url,
          MARK,
          { id, m: [{ volunteerId: members.a, attended: true }] },
          { token: await tokens.manager(await seedStation(t)) },
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const mine = await gql<{ volunteer: { trainings: unknown } }>(
      t.svc.url,
      `query($id: ID!) { volunteer(id: $id) { trainings { attended training { kind title } } } }`,
      { id: members.a },
      { token: await tokens.volunteer('acct-a') },
    );
    expect(mine.data!.volunteer.trainings).toEqual([
      {
        attended: true,
        training: { kind: 'INITIAL', title: '岗前培训：急救常识' },
      },
    ]);
  });

  it.each([
    ['ONE_TO_ONE', ['a'], ['刘奶奶'], undefined],
    ['MANY_TO_ONE', ['a', 'b'], ['孙爷爷'], undefined],
    ['ONE_TO_MANY', ['c'], ['小明', '小红'], undefined],
    ['ONE_TO_ONE', ['a', 'b'], ['刘奶奶'], 'INVALID_PAIRING'],
    ['ONE_TO_MANY', ['c'], ['小明'], 'INVALID_PAIRING'],
    ['MANY_TO_ONE', ['a'], ['孙爷爷'], 'INVALID_PAIRING'],
  ])('pairs %s with %j → %j (%s)', async (kind, vols, names, code) => {
    const res = await gql<{ createPairing: unknown }>(
      t.svc.url,
      `mutation($i: PairingInput!) { createPairing(input: $i) { kind volunteers { name } beneficiaries { name } } }`,
      {
        i: {
          stationId: station,
          kind,
          volunteerIds: vols.map((k) => members[k]),
          beneficiaries: names.map((name) => ({ name })),
        },
      },
      { token: manager },
    );
    if (code) expect(res.errors?.[0].extensions?.code).toBe(code);
    else
      expect(res.data!.createPairing).toMatchObject({
        kind,
        beneficiaries: names.map((name) => ({ name })),
      });
  });
});

describe('service certificates', () => {
  it('issues a numbered certificate anyone can verify by code, and revokes it', async () => {
    const rec = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(members.a, station, '2026-02-10T09:00:00', '2026-02-10T12:00:00'),
      },
      { token: manager },
    );
    await gql(t.svc.url, VERIFY, { id: rec.data!.recordService.id, q: 'GOOD' }, { token: manager });
    const pending = await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(members.a, station, '2026-02-11T09:00:00', '2026-02-11T10:00:00'),
      },
      { token: manager },
    );
    const ISSUE = typedQuery<{
      issueCertificate: { id: string; number: string; qrText: string; verificationCode: string };
    }>(
      `mutation($i: IssueCertificateInput!) { issueCertificate(input: $i) { id number totalHours verificationCode qrText records { id } } }`,
    );
    const refused = await gql(
      t.svc.url,
      ISSUE,
      {
        i: {
          stationId: station,
          volunteerId: members.a,
          recordIds: [pending.data!.recordService.id],
        },
      },
      { token: manager },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('RECORD_NOT_CERTIFIABLE');
    const res = await gql(
      t.svc.url,
      ISSUE,
      { i: { stationId: station, volunteerId: members.a, year: 2026 } },
      { token: manager },
    );
    expect(res.errors).toBeUndefined();
    const cert = res.data!.issueCertificate;
    expect(cert.number).toMatch(/^ZYFW\d{4}\d{6}$/);
    expect(cert).toMatchObject({
      totalHours: 3,
      records: [{ id: rec.data!.recordService.id }],
    });
    expect(cert.qrText).toBe(`http://localhost:4000/verify/${cert.verificationCode}`);
    const CHECK = typedQuery<{ verifyCertificate: unknown }>(
      `query($c: String!) { verifyCertificate(code: $c) { valid state number holderName totalHours recordCount } }`,
    );
    expect((await gql(t.svc.url, CHECK, { c: cert.verificationCode.toLowerCase() })).data!.verifyCertificate).toEqual({
      valid: true,
      state: 'VALID',
      number: cert.number,
      holderName: '周**',
      totalHours: 3,
      recordCount: 1,
    });
    expect((await gql(t.svc.url, CHECK, { c: 'NOPE' })).data!.verifyCertificate).toMatchObject({
      valid: false,
      state: 'NOT_FOUND',
    });
    const revoked = await gql<{ revokeCertificate: { revokedAt: string | null } }>(
      t.svc.url,
      `mutation($id: ID!) { revokeCertificate(id: $id, reason: "记录有误，重新出具") { revokedAt } }`,
      { id: cert.id },
      { token: manager },
    );
    expect(revoked.data!.revokeCertificate.revokedAt).toBeTruthy();
    expect((await gql(t.svc.url, CHECK, { c: cert.verificationCode })).data!.verifyCertificate).toMatchObject({
      valid: false,
      state: 'REVOKED',
    });
  });
});

describe('demands and matching', () => {
  it('suggests members by skill and availability and creates the pairing on acceptance', async () => {
    const windowStart = new Date(Date.now() + 3 * 86400_000).toISOString();
    const windowEnd = new Date(Date.now() + 3 * 86400_000 + 7200_000).toISOString();
    const created = await gql<{ createDemand: { id: string } }>(
      t.svc.url,
      `mutation($i: DemandInput!) { createDemand(input: $i) { id status } }`,
      {
        i: {
          stationId: station,
          kind: 'PAIRING',
          requester: '钱奶奶',
          description: '行动不便，需要每月上门理发',
          skill: '理发',
          windowStart,
          windowEnd,
        },
      },
      { token: manager },
    );
    const demandId = created.data!.createDemand.id;
    const SUGGEST = typedQuery<{
      matchSuggestions: { hoursThisYear: number; volunteer: { id: string; name: string } }[];
    }>(`query($d: ID!) { matchSuggestions(demandId: $d) { skillMatched hoursThisYear volunteer { id name } } }`);
    const suggestions = await gql(t.svc.url, SUGGEST, { d: demandId }, { token: manager });
    expect(
      suggestions.data!.matchSuggestions.map((s: { volunteer: { name: string } }) => s.volunteer.name).sort(),
    ).toEqual(['吴助老', '周值班'].sort());
    // Least served first: this Shanghai year's verified hours, as the raw records add up.
    const { rows: served } = await t.db.query(
      `SELECT v.id, COALESCE(sum(r.hours) FILTER (WHERE r.status = 'VERIFIED' AND r.service_date >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai')::date), 0)::float8 AS hours
         FROM volunteers v LEFT JOIN service_records r ON r.volunteer_id = v.id WHERE v.id = ANY($1::uuid[]) GROUP BY v.id`,
      [suggestions.data!.matchSuggestions.map((s: { volunteer: { id: string } }) => s.volunteer.id)],
    );
    const hoursOf = Object.fromEntries(served.map((r: { id: string; hours: number }) => [r.id, r.hours]));
    const got = suggestions.data!.matchSuggestions.map((s: { hoursThisYear: number }) => s.hoursThisYear);
    expect(got).toEqual(
      suggestions.data!.matchSuggestions.map((s: { volunteer: { id: string } }) => hoursOf[s.volunteer.id]),
    );
    expect(got).toEqual([...got].sort((a, b) => a - b));
    const ACCEPT = typedQuery<{ acceptMatch: { status: string } }>(
      `mutation($d: ID!, $v: ID!) { acceptMatch(demandId: $d, volunteerId: $v) { status matchedVolunteer { name } } }`,
    );
    expect(
      (await gql(t.svc.url, ACCEPT, { d: demandId, v: members.c }, { token: manager })).errors?.[0].extensions?.code,
    ).toBe('NOT_A_MATCH');
    const accepted = await gql(t.svc.url, ACCEPT, { d: demandId, v: members.b }, { token: manager });
    expect(accepted.data!.acceptMatch).toEqual({
      status: 'MATCHED',
      matchedVolunteer: { name: '吴助老' },
    });
    const { rows } = await t.db.query(`SELECT kind, volunteer_ids, beneficiaries FROM pairings WHERE demand_id = $1`, [
      demandId,
    ]);
    expect(rows).toEqual([
      {
        kind: 'ONE_TO_ONE',
        volunteer_ids: [members.b],
        beneficiaries: [{ name: '钱奶奶', note: '行动不便，需要每月上门理发' }],
      },
    ]);
    expect(
      (await gql(t.svc.url, ACCEPT, { d: demandId, v: members.a }, { token: manager })).errors?.[0].extensions?.code,
    ).toBe('DEMAND_NOT_OPEN');
  });

  it('signs the volunteer up for the activity of an ACTIVITY demand', async () => {
    const startsAt = new Date(Date.now() + 5 * 86400_000);
    const activity = await gql<{ createActivity: { id: string } }>(
      t.svc.url,
      `mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }`,
      {
        i: {
          stationId: station,
          title: '家电义修',
          category: 'CONVENIENCE',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
          place: '社区广场',
        },
      },
      { token: manager },
    );
    const activityId = activity.data!.createActivity.id;
    const created = await gql<{ createDemand: { id: string } }>(
      t.svc.url,
      `mutation($i: DemandInput!) { createDemand(input: $i) { id } }`,
      {
        i: {
          stationId: station,
          kind: 'ACTIVITY',
          requester: '社区居委会',
          description: '义修需要电工',
          skill: '电器维修',
          windowStart: startsAt.toISOString(),
          windowEnd: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
          activityId,
        },
      },
      { token: manager },
    );
    const accepted = await gql<{ acceptMatch: { status: string } }>(
      t.svc.url,
      `mutation($d: ID!, $v: ID!) { acceptMatch(demandId: $d, volunteerId: $v) { status } }`,
      { d: created.data!.createDemand.id, v: members.c },
      { token: manager },
    );
    expect(accepted.data!.acceptMatch.status).toBe('MATCHED');
    const { rows } = await t.db.query(`SELECT volunteer_id FROM activity_signups WHERE activity_id = $1`, [activityId]);
    expect(rows).toEqual([{ volunteer_id: members.c }]);
  });
});

describe('ledger export', () => {
  const get = async (path: string, token?: string) =>
    fetch(`${t.svc.api.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('streams the records as CSV in the art. 7 fields, neutralising formulas', async () => {
    await gql(
      t.svc.url,
      RECORD,
      {
        i: recordInput(members.b, station, '2026-02-12T09:00:00', '2026-02-12T10:00:00', {
          recipient: '=HYPERLINK("http://x")',
          content: '维修, "加急"',
        }),
      },
      { token: manager },
    );
    const res = await get(`/export/stations/${station}/ledger.csv`, manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM so Excel reads the Chinese right
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      '记录编号,志愿者姓名,公民身份号码,活动名称,服务日期,服务地点,服务对象,服务内容,开始时间,结束时间,服务时长（小时）,服务质量评价,活动负责人,记录人,状态,核实人,核实时间,冲正原因,更正的记录',
    );
    const row = lines.find((l) => l.includes('吴助老'))!;
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain('"维修, ""加急"""');
    expect(row).toMatch(/4301\*{10}\d{3}[\dX]/); // a manager gets ID numbers masked
  });

  it('gives admins covering the station the volunteer file whole, and refuses others', async () => {
    const admin = await (
      await get(`/export/stations/${station}/ledger.csv?sheet=volunteers`, await tokens.county('430102'))
    ).text();
    expect(admin).toMatch(/周值班,男,\d{4}-\d{2}-\d{2},139\d{8},430102\d{11}[\dX]/);
    expect((await get(`/export/stations/${station}/ledger.csv`)).status).toBe(401);
    expect((await get(`/export/stations/${station}/ledger.csv`, await tokens.county('430103'))).status).toBe(403);
    expect((await get(`/export/stations/00000000-0000-4000-8000-000000000000/ledger.csv`, manager)).status).toBe(404);
    expect((await get(`/export/stations/${station}/ledger.csv?sheet=nope`, manager)).status).toBe(400);
  });

  it('streams an XLSX workbook with the four ledger sheets', async () => {
    const res = await get(`/export/stations/${station}/ledger.xlsx`, manager);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['服务记录', '志愿者档案', '活动记录', '结对帮扶']);
    const volunteers = workbook.getWorksheet('志愿者档案')!;
    expect(volunteers.rowCount).toBe(1 + 3); // header + three members
    expect(workbook.getWorksheet('结对帮扶')!.rowCount).toBeGreaterThan(1);
  });
});
