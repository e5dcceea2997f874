import { randomUUID } from 'node:crypto';
import { gql, typedQuery } from '@leifeng/kit/testing';
import { REGISTER, seedStation, startVolunteers, tokens, volunteerInput, type VolunteersUnderTest } from './helpers';

let t: VolunteersUnderTest;
let station: string;
let manager: string;

const ADD = typedQuery<{ addMember: { id: string } & Record<string, unknown> }>(
  `mutation($i: AddMemberInput!) { addMember(input: $i) { id role joinedOn leftOn current station { id } volunteer { id name } } }`,
);
const LEAVE = typedQuery<{ leaveStation: { id: string; leftOn: string | null; current: boolean } }>(
  `mutation($m: ID!, $d: Date) { leaveStation(membershipId: $m, leftOn: $d) { id leftOn current } }`,
);
const MEMBERS = typedQuery<{
  _entities: { members: { role: string; current: boolean; volunteer: { name: string } }[] }[];
}>(
  `query($reps: [_Any!]!, $roles: [MembershipRole!], $former: Boolean) { _entities(representations: $reps) { ... on Station { id members(roles: $roles, includeFormer: $former) { role current volunteer { name } } } } }`,
);

async function register(name: string, stationId = station, role = 'VOLUNTEER') {
  const res = await gql(t.svc.url, REGISTER, { input: volunteerInput({ name, stationId, role }) }, { token: manager });
  expect(res.errors).toBeUndefined();
  return res.data!.registerVolunteer.id;
}

beforeAll(async () => {
  t = await startVolunteers();
  station = await seedStation(t);
  manager = await tokens.manager(station);
});
afterAll(() => t.stop());

describe('memberships', () => {
  it('keeps roles, joined and left dates, and lists current or all members of a station', async () => {
    const leader = await register('张站长', station, 'LEADER');
    const staff = await register('刘专职', station, 'STAFF');
    const v = await register('陈志愿');
    const other = await seedStation(t, { regionCode: '430102' });
    const second = await gql(
      t.svc.url,
      ADD,
      { i: { volunteerId: v, stationId: other, joinedOn: '2024-05-01' } },
      { token: await tokens.county() },
    );
    expect(second.errors).toBeUndefined();
    expect(second.data!.addMember).toMatchObject({
      role: 'VOLUNTEER',
      joinedOn: '2024-05-01',
      current: true,
      volunteer: { name: '陈志愿' },
    });

    const dup = await gql(t.svc.url, ADD, { i: { volunteerId: v, stationId: station } }, { token: manager });
    expect(dup.errors?.[0].extensions?.code).toBe('ALREADY_MEMBER');

    const mine = await gql<{ volunteer: { stations: { station: { id: string } }[] } }>(
      t.svc.url,
      `query($id: ID!) { volunteer(id: $id) { stations { role station { id } } } }`,
      { id: v },
      { token: manager },
    );
    expect(mine.data!.volunteer.stations.map((s: { station: { id: string } }) => s.station.id).sort()).toEqual(
      [station, other].sort(),
    );

    const reps = [{ __typename: 'Station', id: station }];
    const all = await gql(t.svc.url, MEMBERS, { reps }, { token: manager });
    expect(
      all.data!._entities[0].members.map(
        (m: { role: unknown; volunteer: { name: string } }) => `${m.role}:${m.volunteer.name}`,
      ),
    ).toEqual(['LEADER:张站长', 'STAFF:刘专职', 'VOLUNTEER:陈志愿']);
    const leaders = await gql(t.svc.url, MEMBERS, { reps, roles: ['LEADER', 'STAFF'] }, { token: manager });
    expect(leaders.data!._entities[0].members).toHaveLength(2);

    const membership = (
      await t.db.query(`SELECT id FROM memberships WHERE volunteer_id = $1 AND station_id = $2`, [staff, station])
    ).rows[0].id;
    expect(
      (await gql(t.svc.url, LEAVE, { m: membership, d: '2999-01-01' }, { token: manager })).errors?.[0].extensions
        ?.code,
    ).toBe('INVALID_DATE');
    const left = await gql(t.svc.url, LEAVE, { m: membership }, { token: manager });
    expect(left.data!.leaveStation.current).toBe(false);
    expect((await gql(t.svc.url, LEAVE, { m: membership }, { token: manager })).errors?.[0].extensions?.code).toBe(
      'ALREADY_LEFT',
    );
    const current = await gql(t.svc.url, MEMBERS, { reps }, { token: manager });
    expect(current.data!._entities[0].members).toHaveLength(2);
    const withFormer = await gql(t.svc.url, MEMBERS, { reps, former: true }, { token: manager });
    expect(
      withFormer
        .data!._entities[0].members.filter((m: { current: unknown }) => !m.current)
        .map((m: { volunteer: { name: string } }) => m.volunteer.name),
    ).toEqual(['刘专职']);
    // The staff member can rejoin later: a new row, the old one stays as history.
    expect(
      (await gql(t.svc.url, ADD, { i: { volunteerId: staff, stationId: station, role: 'STAFF' } }, { token: manager }))
        .errors,
    ).toBeUndefined();
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM memberships WHERE volunteer_id = $1`, [staff])).rows[0].n,
    ).toBe(2);
    expect(leader).toBeDefined();
  });

  it("refuses members of an unknown station, other managers, and reading another station's team", async () => {
    const v = await register('赵路人');
    const unknown = await gql(
      t.svc.url,
      ADD,
      { i: { volunteerId: v, stationId: randomUUID() } },
      { token: await tokens.county() },
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('STATION_NOT_FOUND');
    const elsewhere = await seedStation(t, { regionCode: '430103' });
    const foreign = await gql(t.svc.url, ADD, { i: { volunteerId: v, stationId: elsewhere } }, { token: manager });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const peek = await gql(
      t.svc.url,
      MEMBERS,
      { reps: [{ __typename: 'Station', id: station }] },
      { token: await tokens.manager(elsewhere) },
    );
    expect(peek.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anon = await gql(t.svc.url, MEMBERS, {
      reps: [{ __typename: 'Station', id: station }],
    });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const unknownVolunteer = await gql(
      t.svc.url,
      ADD,
      { i: { volunteerId: randomUUID(), stationId: station } },
      { token: manager },
    );
    expect(unknownVolunteer.errors?.[0].extensions?.code).toBe('VOLUNTEER_NOT_FOUND');
  });
});
