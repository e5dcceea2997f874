import { gql, tokenFor, typedQuery } from '@leifeng/kit/testing';
import {
  mobile,
  REGISTER,
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

const UPDATE = typedQuery<{ updateVolunteer: unknown }>(
  `mutation($id: ID!, $i: UpdateVolunteerInput!) { updateVolunteer(id: $id, input: $i) { id name gender birthDate phone idNumber politicalStatus skills status } }`,
);
const STATUS = typedQuery<{
  setVolunteerStatus: {
    status: string;
    statusChangedAt: string | null;
    stations: { current: boolean; leftOn: string | null }[];
  };
}>(
  `mutation($id: ID!, $s: VolunteerStatus!, $r: String!) { setVolunteerStatus(id: $id, status: $s, reason: $r) { id status statusReason statusChangedAt stations(includeFormer: true) { current leftOn } } }`,
);
const ADD = typedQuery<{ addMember: { id: string } }>(`mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`);
const LEAVE = typedQuery<{ leaveStation: { id: string } }>(
  `mutation($m: ID!) { leaveStation(membershipId: $m) { id } }`,
);

beforeAll(async () => {
  t = await startVolunteers();
  station = await seedStation(t, { regionCode: '430102' });
  otherStation = await seedStation(t, { regionCode: '430202' });
});
afterAll(() => t.stop());

/** Everything a refused mutation must leave untouched. */
async function snapshot() {
  const { rows } = await t.db.query(
    `SELECT (SELECT json_agg(v ORDER BY id)::text FROM volunteers v) AS volunteers, (SELECT json_agg(ms ORDER BY id)::text FROM memberships ms) AS memberships,
            (SELECT count(*) FROM outbox)::int AS events, (SELECT count(*) FROM volunteer_status_changes)::int AS changes`,
  );
  return rows[0];
}

async function selfRegistered(sub: string, overrides: Record<string, unknown> = {}) {
  const res = await gql(
    t.svc.url,
    REGISTER,
    { input: volunteerInput({ stationId: station, ...overrides }) },
    { token: await tokens.volunteer(sub) },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.registerVolunteer.id;
}

const events = async (type: string, aggregateId: string) =>
  (
    await t.db.query(`SELECT payload FROM outbox WHERE type = $1 AND aggregate_id = $2 ORDER BY occurred_at, id`, [
      type,
      aggregateId,
    ])
  ).rows.map((r) => r.payload);

describe('updateVolunteer', () => {
  it('lets the volunteer edit their profile: re-validated, phone re-encrypted and re-hashed, volunteer.updated without values', async () => {
    const id = await selfRegistered('acct-profile-1', {
      name: '赵一',
      phone: '13600000001',
      skills: ['急救'],
    });
    const token = await tokens.volunteer('acct-profile-1');
    const res = await gql(
      t.svc.url,
      UPDATE,
      {
        id,
        i: {
          name: ' 赵一鸣 ',
          phone: '136-0000-0002',
          skills: ['急救', '心理疏导'],
          politicalStatus: 'CPC_MEMBER',
        },
      },
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateVolunteer).toMatchObject({
      name: '赵一鸣',
      phone: '13600000002',
      skills: ['急救', '心理疏导'],
      politicalStatus: 'CPC_MEMBER',
    });

    const { rows } = await t.db.query(`SELECT row_to_json(v)::text AS json FROM volunteers v WHERE id = $1`, [id]);
    expect(rows[0].json).not.toContain('13600000002');
    // The old number is free again and the new one is taken: the lookup hash moved with the number.
    const taken = await gql(
      t.svc.url,
      REGISTER,
      { input: volunteerInput({ phone: '13600000002', stationId: station }) },
      { token: await tokens.county() },
    );
    expect(taken.errors?.[0].extensions?.code).toBe('DUPLICATE_PHONE');
    const freed = await gql(
      t.svc.url,
      REGISTER,
      { input: volunteerInput({ phone: '13600000001', stationId: station }) },
      { token: await tokens.county() },
    );
    expect(freed.errors).toBeUndefined();

    const [payload] = await events('volunteer.updated', id);
    expect(payload).toEqual({
      volunteerId: id,
      changed: ['name', 'phone', 'politicalStatus', 'skills'],
      stationIds: [station],
      byVolunteer: true,
    });
    expect(JSON.stringify(payload)).not.toContain('1360000');
  });

  it('takes birth date and gender from a new ID number, and lets a manager of a current station edit', async () => {
    const id = await selfRegistered('acct-profile-2', {
      idNumber: residentId('19900307', true),
    });
    const newId = residentId('19880512', false);
    const res = await gql(t.svc.url, UPDATE, { id, i: { idNumber: newId } }, { token: await tokens.manager(station) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateVolunteer).toMatchObject({
      gender: 'FEMALE',
      birthDate: '1988-05-12',
      idNumber: `4301**********${newId.slice(-4)}`,
    }); // masked to a manager
    const mine = await gql<{ volunteer: { idNumber: string } }>(
      t.svc.url,
      `query($id: ID!) { volunteer(id: $id) { idNumber } }`,
      { id },
      { token: await tokens.volunteer('acct-profile-2') },
    );
    expect(mine.data!.volunteer.idNumber).toBe(newId);
    expect((await events('volunteer.updated', id))[0]).toMatchObject({
      changed: ['gender', 'birthDate', 'idNumber'],
      byVolunteer: false,
    });
  });

  it('refuses invalid input, duplicates of another person, strangers and empty edits — and changes nothing', async () => {
    const id = await selfRegistered('acct-profile-3');
    const other = await selfRegistered('acct-profile-4', {
      phone: '13600000044',
      idNumber: residentId('19700101'),
    });
    const token = await tokens.volunteer('acct-profile-3');
    const valid = residentId('19900307');
    const badCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0'); // wrong ISO 7064 check character
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ phone: '1234' }, 'INVALID_PHONE'],
      [{ idNumber: badCheck }, 'INVALID_ID_NUMBER'],
      [{ birthDate: '2001-01-01' }, 'ID_BIRTH_DATE_MISMATCH'],
      [{ name: '王' }, 'INVALID_LENGTH'],
      [{ skills: ['急救', '急救'] }, 'DUPLICATE_VALUE'],
      [{ phone: '13600000044' }, 'DUPLICATE_PHONE'],
      [{}, 'NOTHING_TO_UPDATE'],
    ];
    for (const [input, code] of cases) {
      const res = await gql(t.svc.url, UPDATE, { id, i: input }, { token });
      expect([input, res.errors?.[0].extensions?.code]).toEqual([input, code]);
      expect(res.errors?.[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const otherIdNumber = (
      await gql<{ volunteer: { idNumber: string } }>(
        t.svc.url,
        `query($id: ID!) { volunteer(id: $id) { idNumber } }`,
        { id: other },
        { token: await tokens.volunteer('acct-profile-4') },
      )
    ).data!.volunteer.idNumber;
    expect(
      (await gql(t.svc.url, UPDATE, { id, i: { idNumber: otherIdNumber } }, { token })).errors?.[0].extensions?.code,
    ).toBe('DUPLICATE_ID_NUMBER');
    // Another volunteer, a manager of another station, another region's admin: not theirs to edit.
    for (const stranger of [
      await tokens.volunteer('acct-profile-4'),
      await tokens.manager(otherStation),
      await tokens.city('430200'),
    ]) {
      expect(
        (await gql(t.svc.url, UPDATE, { id, i: { name: '改名者' } }, { token: stranger })).errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
    }
    expect((await gql(t.svc.url, UPDATE, { id, i: { name: '改名者' } })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the same values without an event', async () => {
    const id = await selfRegistered('acct-profile-5', { name: '钱五' });
    const res = await gql(
      t.svc.url,
      UPDATE,
      { id, i: { name: '钱五' } },
      { token: await tokens.volunteer('acct-profile-5') },
    );
    expect(res.errors).toBeUndefined();
    expect(await events('volunteer.updated', id)).toEqual([]);
  });
});

describe('setVolunteerStatus', () => {
  it('suspends with a reason by a manager, keeps the history, blocks new work, and reactivates', async () => {
    const id = await selfRegistered('acct-status-1');
    const manager = await tokens.manager(station);
    const res = await gql(t.svc.url, STATUS, { id, s: 'SUSPENDED', r: '多次无故缺勤' }, { token: manager });
    expect(res.errors).toBeUndefined();
    expect(res.data!.setVolunteerStatus).toMatchObject({
      status: 'SUSPENDED',
      statusReason: '多次无故缺勤',
      stations: [{ current: true, leftOn: null }],
    });
    expect(res.data!.setVolunteerStatus.statusChangedAt).toBeTruthy();
    expect(await events('volunteer.status_changed', id)).toEqual([
      {
        volunteerId: id,
        from: 'ACTIVE',
        to: 'SUSPENDED',
        stationIds: [station],
        endedMembershipIds: [],
      },
    ]);

    const join = await gql(
      t.svc.url,
      ADD,
      { i: { volunteerId: id, stationId: await seedStation(t) } },
      { token: await tokens.county() },
    );
    expect(join.errors?.[0].extensions?.code).toBe('VOLUNTEER_NOT_ACTIVE');

    const back = await gql(
      t.svc.url,
      STATUS,
      { id, s: 'ACTIVE', r: '已说明情况，恢复服务' },
      { token: await tokens.county() },
    );
    expect(back.data!.setVolunteerStatus.status).toBe('ACTIVE');
    const history = await t.db.query(
      `SELECT from_status, to_status, reason FROM volunteer_status_changes WHERE volunteer_id = $1 ORDER BY changed_at`,
      [id],
    );
    expect(history.rows).toEqual([
      { from_status: 'ACTIVE', to_status: 'SUSPENDED', reason: '多次无故缺勤' },
      {
        from_status: 'SUSPENDED',
        to_status: 'ACTIVE',
        reason: '已说明情况，恢复服务',
      },
    ]);
  });

  it('WITHDRAWN ends every current membership with membership.left, and a covering admin may reactivate', async () => {
    const id = await selfRegistered('acct-status-2');
    const second = await seedStation(t, { regionCode: '430103' });
    expect(
      (await gql(t.svc.url, ADD, { i: { volunteerId: id, stationId: second } }, { token: await tokens.city() })).errors,
    ).toBeUndefined();
    const res = await gql(
      t.svc.url,
      STATUS,
      { id, s: 'WITHDRAWN', r: '本人申请退出' },
      { token: await tokens.county('430102') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.setVolunteerStatus.stations.every((s) => !s.current && s.leftOn)).toBe(true);
    const left = (
      await t.db.query(`SELECT payload FROM outbox WHERE type = 'membership.left' AND payload->>'volunteerId' = $1`, [
        id,
      ])
    ).rows.map((r) => r.payload);
    expect(left.map((p) => p.stationId).sort()).toEqual([station, second].sort());
    expect(left.find((p) => p.stationId === second)).toMatchObject({
      regionCode: '430103',
      role: 'VOLUNTEER',
      leftOn: expect.any(String),
    });
    const [changed] = await events('volunteer.status_changed', id);
    expect(changed.endedMembershipIds).toHaveLength(2);
    // No current station any more: an admin covering a former one may still bring the volunteer back.
    expect(
      (await gql(t.svc.url, STATUS, { id, s: 'ACTIVE', r: '重新加入' }, { token: await tokens.city() })).data!
        .setVolunteerStatus.status,
    ).toBe('ACTIVE');
  });

  it('refuses the volunteer themself, strangers, a missing reason, the same status and unknown ids — and changes nothing', async () => {
    const id = await selfRegistered('acct-status-3');
    const before = await snapshot();
    const manager = await tokens.manager(station);
    const refusals: [Record<string, unknown>, string | undefined, string][] = [
      [{ id, s: 'WITHDRAWN', r: '我要退出' }, await tokens.volunteer('acct-status-3'), 'FORBIDDEN'],
      [{ id, s: 'SUSPENDED', r: '违规' }, await tokens.manager(otherStation), 'FORBIDDEN'],
      [{ id, s: 'SUSPENDED', r: '违规' }, await tokens.city('430200'), 'FORBIDDEN'],
      [{ id, s: 'SUSPENDED', r: '违规' }, await tokenFor({ roles: ['INSPECTOR'], sub: 'insp' }), 'FORBIDDEN'],
      [{ id, s: 'SUSPENDED', r: '违规' }, undefined, 'UNAUTHENTICATED'],
      [{ id, s: 'SUSPENDED', r: ' ' }, manager, 'INVALID_LENGTH'],
      [{ id, s: 'ACTIVE', r: '无变化' }, manager, 'STATUS_UNCHANGED'],
      [
        {
          id: '00000000-0000-4000-8000-000000000000',
          s: 'SUSPENDED',
          r: '违规',
        },
        manager,
        'VOLUNTEER_NOT_FOUND',
      ],
    ];
    for (const [vars, token, code] of refusals) {
      const res = await gql(t.svc.url, STATUS, vars, { token });
      expect([vars, res.errors?.[0].extensions?.code]).toEqual([vars, code]);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('membership events', () => {
  it('records membership.joined on registration and addMember, membership.left on leaving — thin payloads', async () => {
    const id = await selfRegistered('acct-ms-1', { phone: mobile() });
    const added = await gql(
      t.svc.url,
      ADD,
      { i: { volunteerId: id, stationId: otherStation, role: 'STAFF' } },
      { token: await tokens.city('430200') },
    );
    expect(added.errors).toBeUndefined();
    const joined = (
      await t.db.query(
        `SELECT aggregate_id, payload FROM outbox WHERE type = 'membership.joined' AND payload->>'volunteerId' = $1 ORDER BY occurred_at`,
        [id],
      )
    ).rows;
    expect(joined.map((r) => r.payload)).toEqual([
      {
        membershipId: joined[0].aggregate_id,
        volunteerId: id,
        stationId: station,
        regionCode: '430102',
        role: 'VOLUNTEER',
        joinedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
      {
        membershipId: added.data!.addMember.id,
        volunteerId: id,
        stationId: otherStation,
        regionCode: '430202',
        role: 'STAFF',
        joinedOn: expect.any(String),
      },
    ]);
    const left = await gql(
      t.svc.url,
      LEAVE,
      { m: added.data!.addMember.id },
      { token: await tokens.volunteer('acct-ms-1') },
    );
    expect(left.errors).toBeUndefined();
    expect(await events('membership.left', added.data!.addMember.id)).toEqual([
      {
        membershipId: added.data!.addMember.id,
        volunteerId: id,
        stationId: otherStation,
        regionCode: '430202',
        role: 'STAFF',
        leftOn: expect.any(String),
      },
    ]);
    // A refused join writes no event.
    const n = (await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE type LIKE 'membership.%'`)).rows[0].n;
    expect(
      (await gql(t.svc.url, ADD, { i: { volunteerId: id, stationId: station } }, { token: await tokens.county() }))
        .errors?.[0].extensions?.code,
    ).toBe('ALREADY_MEMBER');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE type LIKE 'membership.%'`)).rows[0].n).toBe(
      n,
    );
  });
});
