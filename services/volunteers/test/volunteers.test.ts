import { randomUUID } from 'node:crypto';
import { gql, tokenFor, typedQuery } from '@leifeng/kit/testing';
import {
  REGISTER,
  mobile,
  residentId,
  seedStation,
  startVolunteers,
  tokens,
  volunteerInput,
  type VolunteersUnderTest,
} from './helpers';

let t: VolunteersUnderTest;
let station: string;
let otherStation: string;

beforeAll(async () => {
  t = await startVolunteers();
  station = await seedStation(t, { regionCode: '430102' });
  otherStation = await seedStation(t, { regionCode: '430202' });
});
afterAll(() => t.stop());

async function counts() {
  const { rows } = await t.db.query(
    `SELECT (SELECT count(*) FROM volunteers)::int AS volunteers, (SELECT count(*) FROM memberships)::int AS memberships, (SELECT count(*) FROM outbox)::int AS events`,
  );
  return rows[0];
}

describe('registration', () => {
  it('registers by a station manager, encrypts phone and ID at rest, and records volunteer.registered without PII', async () => {
    const input = volunteerInput({
      name: '王芳',
      phone: '13812341234',
      idNumber: residentId('19900307', false),
      gender: 'FEMALE',
      stationId: station,
    });
    const res = await gql(t.svc.url, REGISTER, { input }, { token: await tokens.manager(station) });
    expect(res.errors).toBeUndefined();
    const v = res.data!.registerVolunteer;
    expect(v).toMatchObject({
      name: '王芳',
      gender: 'FEMALE',
      birthDate: '1990-03-07',
      phone: '138****1234',
      piiMasked: true,
      stations: [{ role: 'VOLUNTEER', station: { id: station } }],
    });
    expect(v.idNumber).toBe(`4301**********${input.idNumber.slice(-4)}`);
    const { rows } = await t.db.query(`SELECT row_to_json(v)::text AS json FROM volunteers v WHERE id = $1`, [v.id]);
    expect(rows[0].json).not.toContain('13812341234');
    expect(rows[0].json).not.toContain(input.idNumber);
    const events = await t.db.query(
      `SELECT payload::text FROM outbox WHERE type = 'volunteer.registered' AND aggregate_id = $1`,
      [v.id],
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].payload).not.toContain('1381234');
    expect(JSON.parse(events.rows[0].payload)).toMatchObject({
      volunteerId: v.id,
      stationId: station,
      regionCode: '430102',
    });
  });

  it('self-registers with a VOLUNTEER token, links the account, and refuses a second registration', async () => {
    const token = await tokens.volunteer('acct-self-1');
    const res = await gql(t.svc.url, REGISTER, { input: volunteerInput({ name: '李雷' }) }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerVolunteer.piiMasked).toBe(false); // the volunteer sees their own data whole
    const me = await gql<{ myVolunteer: unknown }>(t.svc.url, `{ myVolunteer { id name } }`, {}, { token });
    expect(me.data!.myVolunteer).toEqual({
      id: res.data!.registerVolunteer.id,
      name: '李雷',
    });
    const before = await counts();
    const again = await gql(t.svc.url, REGISTER, { input: volunteerInput() }, { token });
    expect(again.errors?.[0].extensions?.code).toBe('ALREADY_REGISTERED');
    expect(await counts()).toEqual(before);
  });

  it('rejects the same person twice by ID number (any case of X) or by phone, and writes nothing', async () => {
    const id = residentId('19851231');
    const idX = id.endsWith('X') ? id : undefined;
    const first = await gql(
      t.svc.url,
      REGISTER,
      {
        input: volunteerInput({
          idNumber: id,
          phone: '13912345678',
          stationId: station,
        }),
      },
      { token: await tokens.county() },
    );
    expect(first.errors).toBeUndefined();
    const before = await counts();
    const byId = await gql(
      t.svc.url,
      REGISTER,
      {
        input: volunteerInput({
          idNumber: idX ? idX.toLowerCase() : id,
          stationId: station,
        }),
      },
      { token: await tokens.county() },
    );
    expect(byId.errors?.[0].extensions?.code).toBe('DUPLICATE_ID_NUMBER');
    const byPhone = await gql(
      t.svc.url,
      REGISTER,
      { input: volunteerInput({ phone: '139-1234-5678', stationId: station }) },
      { token: await tokens.county() },
    );
    expect(byPhone.errors?.[0].extensions?.code).toBe('DUPLICATE_PHONE');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a wrong check digit', () => ({ idNumber: residentId().slice(0, 17) + 'Z' }), 'INVALID_ID_NUMBER'],
    ['an impossible birth date in the ID', () => ({ idNumber: '430102199002301234' }), 'INVALID_ID_NUMBER'],
    [
      'a birth date that disagrees with the ID',
      () => ({ idNumber: residentId('19900307'), birthDate: '1990-03-08' }),
      'ID_BIRTH_DATE_MISMATCH',
    ],
    [
      'a gender that disagrees with the ID',
      () => ({ idNumber: residentId('19900307', true), gender: 'FEMALE' }),
      'ID_GENDER_MISMATCH',
    ],
    ['a malformed mobile', () => ({ phone: '1381234123' }), 'INVALID_PHONE'],
    ['a landline instead of a mobile', () => ({ phone: '0731-84561234' }), 'INVALID_PHONE'],
    ['a one-character name', () => ({ name: '雷' }), 'INVALID_LENGTH'],
    ['duplicate skills', () => ({ skills: ['急救', '急救'] }), 'DUPLICATE_VALUE'],
  ])('rejects %s with its code and writes nothing', async (_label, overrides, code) => {
    const before = await counts();
    const res = await gql(
      t.svc.url,
      REGISTER,
      { input: volunteerInput({ stationId: station, ...overrides() }) },
      { token: await tokens.county() },
    );
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.errors?.[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['anonymous', async () => undefined, {}, 'UNAUTHENTICATED'],
    ['an inspector', () => tokenFor({ roles: ['INSPECTOR'], sub: 'insp' }), {}, 'FORBIDDEN'],
    ['a manager without a station', () => tokens.manager(station), { stationId: null }, 'STATION_REQUIRED'],
    ['a manager of another station', () => tokens.manager(otherStation), {}, 'FORBIDDEN'],
    ['an admin of another city', () => tokens.city('430200'), {}, 'FORBIDDEN'],
    ['a volunteer joining as LEADER', () => tokens.volunteer(`acct-${randomUUID()}`), { role: 'LEADER' }, 'FORBIDDEN'],
  ])('refuses %s', async (_label, token, overrides, code) => {
    const before = await counts();
    const res = await gql(
      t.svc.url,
      REGISTER,
      { input: volunteerInput({ stationId: station, ...overrides }) },
      { token: await token() },
    );
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(await counts()).toEqual(before);
  });
});

describe('masking matrix', () => {
  let id: string;
  let phone: string;
  let idNumber: string;
  const Q = typedQuery<{ volunteer: { piiMasked: boolean } & Record<string, unknown> }>(
    `query($id: ID!) { volunteer(id: $id) { name phone idNumber piiMasked } }`,
  );

  beforeAll(async () => {
    phone = mobile();
    idNumber = residentId('19800101');
    const res = await gql(
      t.svc.url,
      REGISTER,
      { input: volunteerInput({ phone, idNumber }) },
      { token: await tokens.volunteer('acct-matrix') },
    );
    id = res.data!.registerVolunteer.id;
    const join = await gql(
      t.svc.url,
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      { i: { volunteerId: id, stationId: station } },
      { token: await tokens.volunteer('acct-matrix') },
    );
    expect(join.errors).toBeUndefined();
  });

  it.each([
    ['the volunteer', 'whole', () => tokens.volunteer('acct-matrix')],
    ['the county admin covering the station', 'whole', () => tokens.county('430102')],
    ['the city admin covering the station', 'whole', () => tokens.city('430100')],
    ['the province admin', 'whole', () => tokenFor({ roles: ['PROVINCE_ADMIN'], regionCode: '430000' })],
    ['an internal service (SMS)', 'whole', () => tokens.service()],
    ['the station manager', 'masked', () => tokens.manager(station)],
    ['an inspector', 'masked', () => tokenFor({ roles: ['INSPECTOR'], sub: 'insp' })],
    ['a partner agency', 'masked', () => tokenFor({ roles: ['AGENCY'], agencyId: 'mz', sub: 'agency' })],
    ['a manager of another station', 'FORBIDDEN', () => tokens.manager(otherStation)],
    ['an admin of another county', 'FORBIDDEN', () => tokens.county('430103')],
    ['another volunteer', 'FORBIDDEN', () => tokens.volunteer('acct-someone-else')],
    ['anonymous', 'UNAUTHENTICATED', async () => undefined],
  ])('%s: %s', async (_who, expected, token) => {
    const res = await gql(t.svc.url, Q, { id }, { token: await token() });
    if (expected === 'whole')
      expect(res.data!.volunteer).toEqual({
        name: '雷小锋',
        phone,
        idNumber,
        piiMasked: false,
      });
    else if (expected === 'masked')
      expect(res.data!.volunteer).toEqual({
        name: '雷小锋',
        phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
        idNumber: `4301**********${idNumber.slice(-4)}`,
        piiMasked: true,
      });
    else expect(res.errors?.[0].extensions?.code).toBe(expected);
  });

  it('an admin whose region covers only a station the volunteer has left sees it masked', async () => {
    const furong2 = await seedStation(t, { regionCode: '430104' });
    const admin = await tokens.county('430104');
    const add = await gql<{ addMember: { id: string } }>(
      t.svc.url,
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      {
        i: {
          volunteerId: id,
          stationId: furong2,
          role: 'STAFF',
          joinedOn: '2020-01-01',
        },
      },
      { token: admin },
    );
    expect(add.errors).toBeUndefined();
    expect((await gql(t.svc.url, Q, { id }, { token: admin })).data!.volunteer.piiMasked).toBe(false);
    const left = await gql<{ leaveStation: { current: boolean } }>(
      t.svc.url,
      `mutation($m: ID!) { leaveStation(membershipId: $m) { leftOn current } }`,
      { m: add.data!.addMember.id },
      { token: admin },
    );
    expect(left.data!.leaveStation.current).toBe(false);
    expect((await gql(t.svc.url, Q, { id }, { token: admin })).data!.volunteer.piiMasked).toBe(true);
  });
});
