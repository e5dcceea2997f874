import { randomUUID } from 'node:crypto';
import { gql, typedQuery } from '@leifeng/kit/testing';
import { REGISTER, seedStation, startVolunteers, tokens, volunteerInput, type VolunteersUnderTest } from './helpers';

/**
 * changeMemberRole: managers of the station and admins of its region change a current member's role; a station
 * keeps at least one LEADER (also under two concurrent demotions); every change is audited (who, when, from,
 * to) and emits membership.role_changed; refusals change nothing.
 */
let t: VolunteersUnderTest;
let station: string;
let manager: string;

const CHANGE = typedQuery<{
  changeMemberRole: { id: string; role: string; current: boolean; volunteer: { name: string } };
}>(
  `mutation($m: ID!, $r: MembershipRole!) { changeMemberRole(membershipId: $m, role: $r) { id role current volunteer { name } } }`,
);
const LEAVE = `mutation($m: ID!) { leaveStation(membershipId: $m) { id } }`;

async function member(name: string, role: string, stationId = station): Promise<string> {
  const res = await gql(t.svc.url, REGISTER, { input: volunteerInput({ name, stationId, role }) }, { token: manager });
  expect(res.errors).toBeUndefined();
  const ms = res.data!.registerVolunteer.stations;
  return ms.find((s) => s.station.id === stationId)!.id;
}

/** Everything a refused change could have touched. */
async function snapshot() {
  const { rows } = await t.db.query(
    `SELECT (SELECT json_agg(json_build_object('id', id, 'role', role) ORDER BY id) FROM memberships WHERE station_id = $1) AS roles,
            (SELECT count(*) FROM membership_role_changes)::int AS audits,
            (SELECT count(*) FROM outbox WHERE type = 'membership.role_changed')::int AS events`,
    [station],
  );
  return rows[0] as unknown;
}

const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  t = await startVolunteers();
  station = await seedStation(t);
  manager = await tokens.manager(station);
});
afterAll(() => t.stop());

describe('changeMemberRole', () => {
  it('changes VOLUNTEER → STAFF → LEADER, audits who and when, and emits membership.role_changed', async () => {
    const leader = await member('张站长', 'LEADER');
    const v = await member('陈志愿', 'VOLUNTEER');
    const toStaff = await gql(t.svc.url, CHANGE, { m: v, r: 'STAFF' }, { token: manager });
    expect(toStaff.errors).toBeUndefined();
    expect(toStaff.data!.changeMemberRole).toEqual({
      id: v,
      role: 'STAFF',
      current: true,
      volunteer: { name: '陈志愿' },
    });
    const county = await tokens.county();
    const toLeader = await gql(t.svc.url, CHANGE, { m: v, r: 'LEADER' }, { token: county });
    expect(toLeader.data!.changeMemberRole.role).toBe('LEADER');
    // With a second leader, the first may step down.
    expect((await gql(t.svc.url, CHANGE, { m: leader, r: 'VOLUNTEER' }, { token: manager })).errors).toBeUndefined();

    const { rows: audits } = await t.db.query(
      `SELECT from_role, to_role, changed_by, changed_at FROM membership_role_changes WHERE membership_id = $1 ORDER BY changed_at`,
      [v],
    );
    expect(audits.map((a) => [a.from_role, a.to_role, a.changed_by])).toEqual([
      ['VOLUNTEER', 'STAFF', `mgr-${station.slice(0, 8)}`],
      ['STAFF', 'LEADER', 'county-430102'],
    ]);
    expect(audits.every((a) => a.changed_at instanceof Date)).toBe(true);
    const { rows: events } = await t.db.query(
      `SELECT payload FROM outbox WHERE type = 'membership.role_changed' AND aggregate_id = $1 ORDER BY seq`,
      [v],
    );
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        membershipId: v,
        stationId: station,
        regionCode: '430102',
        role: 'STAFF',
        fromRole: 'VOLUNTEER',
      }),
      expect.objectContaining({ membershipId: v, role: 'LEADER', fromRole: 'STAFF' }),
    ]);
  });

  it('keeps at least one LEADER, also when two managers demote the last two leaders at once', async () => {
    const own = await seedStation(t);
    const mgr = await tokens.manager(own);
    const reg = async (name: string, role: string) => {
      const res = await gql(
        t.svc.url,
        REGISTER,
        { input: volunteerInput({ name, stationId: own, role }) },
        { token: mgr },
      );
      return res.data!.registerVolunteer.stations[0].id;
    };
    const a = await reg('李负责', 'LEADER');
    const b = await reg('王负责', 'LEADER');
    const [ra, rb] = await Promise.all([
      gql(t.svc.url, CHANGE, { m: a, r: 'STAFF' }, { token: mgr }),
      gql(t.svc.url, CHANGE, { m: b, r: 'VOLUNTEER' }, { token: mgr }),
    ]);
    expect([code(ra), code(rb)].sort()).toEqual(['LAST_LEADER', undefined]);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM memberships WHERE station_id = $1 AND role = 'LEADER' AND left_on IS NULL`,
      [own],
    );
    expect(rows[0].n).toBe(1);
    const last = code(ra) === 'LAST_LEADER' ? a : b;
    const refused = await gql(t.svc.url, CHANGE, { m: last, r: 'STAFF' }, { token: mgr });
    expect(code(refused)).toBe('LAST_LEADER');
    expect(refused.errors?.[0].message).toMatch(/至少保留一名负责人/);
  });

  it('refuses other stations, volunteers, unknown or ended memberships and unchanged roles, changing nothing', async () => {
    const v = await member('赵志愿', 'VOLUNTEER');
    const before = await snapshot();
    const elsewhere = await seedStation(t, { regionCode: '430103' });
    expect(code(await gql(t.svc.url, CHANGE, { m: v, r: 'STAFF' }, { token: await tokens.manager(elsewhere) }))).toBe(
      'FORBIDDEN',
    );
    expect(code(await gql(t.svc.url, CHANGE, { m: v, r: 'STAFF' }, { token: await tokens.county('430103') }))).toBe(
      'FORBIDDEN',
    );
    expect(code(await gql(t.svc.url, CHANGE, { m: v, r: 'STAFF' }, { token: await tokens.volunteer('v-1') }))).toBe(
      'FORBIDDEN',
    );
    expect(code(await gql(t.svc.url, CHANGE, { m: v, r: 'STAFF' }))).toBe('UNAUTHENTICATED');
    expect(code(await gql(t.svc.url, CHANGE, { m: randomUUID(), r: 'STAFF' }, { token: manager }))).toBe(
      'MEMBERSHIP_NOT_FOUND',
    );
    const same = await gql(t.svc.url, CHANGE, { m: v, r: 'VOLUNTEER' }, { token: manager });
    expect(code(same)).toBe('ROLE_UNCHANGED');
    expect(await snapshot()).toEqual(before);

    expect((await gql(t.svc.url, LEAVE, { m: v }, { token: manager })).errors).toBeUndefined();
    const ended = await snapshot();
    expect(code(await gql(t.svc.url, CHANGE, { m: v, r: 'STAFF' }, { token: manager }))).toBe('ALREADY_LEFT');
    expect(await snapshot()).toEqual(ended);
  });
});
