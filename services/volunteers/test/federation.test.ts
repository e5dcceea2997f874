import { Client } from 'pg';
import { gql, tokenFor, waitFor, typedQuery } from '@leifeng/kit/testing';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { CREATE, stationInput } from '../../stations/test/fixtures';
import { VERIFY, recordInput, volunteerInput } from './helpers';

let platform: TestPlatform;
let url: string;
let replica: Client;

beforeAll(async () => {
  // The stations relay publishes station.* to the queue the volunteers worker consumes.
  platform = await startTestPlatform({ workers: ['stations', 'volunteers'] });
  url = platform.url;
  replica = new Client({
    connectionString: platform.subgraphs.volunteers.db.url,
  });
  await replica.connect();
});

afterAll(async () => {
  await replica?.end();
  await platform?.stop();
});

it('serves a station created in stations with its members and serviceStats from volunteers, through the gateway', async () => {
  const admin = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
    sub: 'changsha-admin',
  });
  const everyDay = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((weekday) => ({
    weekday,
    opens: '08:00',
    closes: '20:00',
  }));
  const created = await gql(
    url,
    CREATE,
    {
      input: stationInput({
        name: '联邦台账测试站',
        unitHeadcount: 4,
        openingHours: everyDay,
      }),
    },
    { token: admin },
  );
  expect(created.errors).toBeUndefined();
  const stationId = created.data!.createStation.id;

  // station.created travels outbox → relay → BullMQ → the volunteers worker's replica.
  await waitFor(
    async () => (await replica.query(`SELECT 1 FROM station_ref WHERE id = $1`, [stationId])).rowCount,
    15000,
    'station in the volunteers replica',
  );

  const REGISTER = typedQuery<{ registerVolunteer: { id: string } }>(
    `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
  );
  const leader = await gql(
    url,
    REGISTER,
    {
      input: volunteerInput({
        name: '雷站长',
        phone: '13700001111',
        stationId,
        role: 'LEADER',
      }),
    },
    { token: admin },
  );
  const member = await gql(url, REGISTER, { input: volunteerInput({ name: '志愿者甲', stationId }) }, { token: admin });
  expect(leader.errors).toBeUndefined();
  expect(member.errors).toBeUndefined();
  const recorded = await gql<{ recordService: { id: string } }>(
    url,
    `mutation($i: ServiceRecordInput!) { recordService(input: $i) { id } }`,
    {
      i: recordInput(member.data!.registerVolunteer.id, stationId, '2026-03-05T09:00:00', '2026-03-05T12:00:00'),
    },
    { token: admin },
  );
  expect(recorded.errors).toBeUndefined();
  expect(
    (await gql(url, VERIFY, { id: recorded.data!.recordService.id, q: 'GOOD' }, { token: admin })).errors,
  ).toBeUndefined();

  const Q = typedQuery<{
    station: { members: { volunteer: { phone: string } }[] } & Record<string, unknown>;
    region: unknown;
  }>(`query($id: ID!) { station(id: $id) { name region { fullName }
      members { role volunteer { name phone } }
      serviceStats(year: 2026, hoursThreshold: 2) { memberCount leaderCount activeVolunteerCount verifiedHours volunteersMeetingThreshold headcountShare } }
    region(code: "430100") { name serviceStats(year: 2026) { stationCount memberCount verifiedHours } } }`);
  const res = await gql(url, Q, { id: stationId }, { token: admin });
  expect(res.errors).toBeUndefined();
  expect(res.data!.station).toEqual({
    name: '联邦台账测试站',
    region: { fullName: '湖南省 长沙市 芙蓉区' },
    members: [
      { role: 'LEADER', volunteer: { name: '雷站长', phone: '13700001111' } },
      {
        role: 'VOLUNTEER',
        volunteer: expect.objectContaining({ name: '志愿者甲' }),
      },
    ],
    serviceStats: {
      memberCount: 2,
      leaderCount: 1,
      activeVolunteerCount: 1,
      verifiedHours: 3,
      volunteersMeetingThreshold: 1,
      headcountShare: 0.5,
    },
  });
  expect(res.data!.region).toEqual({
    name: '长沙市',
    serviceStats: { stationCount: 1, memberCount: 2, verifiedHours: 3 },
  });

  // A station manager sees the team with phones masked; another city's admin gets the station and its public stats in
  // the same query, with members alone null and FORBIDDEN (members is nullable, so the refusal does not null the station).
  const manager = await tokenFor({ roles: ['STATION_MANAGER'], stationId });
  const managed = await gql(url, Q, { id: stationId }, { token: manager });
  expect(managed.data!.station.members[0].volunteer.phone).toBe('137****1111');
  const zhuzhou = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430200',
  });
  const whole = await gql(url, Q, { id: stationId }, { token: zhuzhou });
  expect(whole.data!.station).toMatchObject({
    name: '联邦台账测试站',
    members: null,
    serviceStats: { memberCount: 2, verifiedHours: 3 },
  });
  expect(whole.errors).toHaveLength(1);
  expect(whole.errors?.[0]).toMatchObject({
    path: ['station', 'members'],
    extensions: { code: 'FORBIDDEN' },
  });

  // The notice board's query (notifications, anonymous): today's duty with masked names, through the gateway.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const duty = await gql(
    url,
    `mutation($i: DutySignUpInput!) { signUpForDuty(input: $i) { id } }`,
    {
      i: {
        stationId,
        volunteerId: leader.data!.registerVolunteer.id,
        date: today,
        opens: '08:00',
      },
    },
    { token: admin },
  );
  expect(duty.errors).toBeUndefined();
  const board = await gql<{ station: unknown }>(
    url,
    `query($id: ID!) { station(id: $id) { name onDutyToday { displayName role opens closes } } }`,
    { id: stationId },
  );
  expect(board.errors).toBeUndefined();
  expect(board.data!.station).toEqual({
    name: '联邦台账测试站',
    onDutyToday: [{ displayName: '雷**', role: 'LEADER', opens: '08:00', closes: '20:00' }],
  });

  // notifications' recipient lookup: volunteerContacts with a SERVICE token through the gateway.
  const service = await tokenFor({ roles: ['SERVICE'], sub: 'notifications' });
  const contacts = await gql<{ volunteerContacts: unknown }>(
    url,
    `query($ids: [ID!]!) { volunteerContacts(ids: $ids) { id phone } }`,
    { ids: [leader.data!.registerVolunteer.id] },
    { token: service },
  );
  expect(contacts.data!.volunteerContacts).toEqual([{ id: leader.data!.registerVolunteer.id, phone: '13700001111' }]);

  // station.updated reaches the replica too: the headcount share follows the new unit headcount.
  const updated = await gql(
    url,
    `mutation($id: ID!) { updateStation(id: $id, input: { unitHeadcount: 8 }) { unitHeadcount } }`,
    { id: stationId },
    { token: admin },
  );
  expect(updated.errors).toBeUndefined();
  const share = await waitFor(
    async () => {
      const r = await gql<{ station: { serviceStats: { headcountShare: number | null } | null } | null }>(
        url,
        `query($id: ID!) { station(id: $id) { serviceStats(year: 2026) { headcountShare } } }`,
        {
          id: stationId,
        },
      );
      return r.data?.station?.serviceStats?.headcountShare === 0.25 ? r.data : undefined;
    },
    15000,
    'station.updated in the replica',
  );
  expect(share.station?.serviceStats?.headcountShare).toBe(0.25);
});
