import { gql, tokenFor, waitFor } from '@leifeng/kit/testing';
import { CREATE, stationInput } from '../../../services/stations/test/fixtures';
import { volunteerInput } from '../../../services/volunteers/test/helpers';
import { startTestPlatform, type TestPlatform } from '../../support/platform';
import { ME, signIn } from '../../../services/identity/test/support';

/**
 * Scenario: a volunteer registered by their station signs in through identity with that phone number;
 * identity links the account to the volunteers record (the station's outbox feeds volunteers' replica).
 */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ workers: ['stations', 'volunteers'] });
}, 180000);
afterAll(() => p?.stop());

describe('volunteers sign in with the number their station registered', () => {
  it('links the record by the verified number (no second registration) and shows it as their own', async () => {
    const admin = await tokenFor({
      roles: ['PROVINCE_ADMIN'],
      regionCode: '430000',
    });
    const created = await gql(p.url, CREATE, { input: stationInput() }, { token: admin });
    const stationId = created.data!.createStation.id;
    const replica = p.subgraphs.volunteers.api.deps.ds;
    await waitFor(
      async () => (await replica.query(`SELECT 1 FROM station_ref WHERE id = $1`, [stationId])).length,
      15000,
      'station in the volunteers replica',
    );
    const phone = '13766660001';
    const reg = await gql<{ registerVolunteer: { id: string } }>(
      p.url,
      `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
      { input: volunteerInput({ name: '志愿者乙', phone, stationId }) },
      { token: admin },
    );
    expect(reg.errors).toBeUndefined();
    const volunteerId = reg.data!.registerVolunteer.id;

    // Only identity (SERVICE) may link.
    const byAdmin = await gql(
      p.url,
      `mutation { linkVolunteerAccount(phone: "${phone}", accountSub: "x") }`,
      {},
      { token: admin },
    );
    expect(byAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const s = await signIn(p, phone);
    const me = await gql<{ me: unknown }>(p.url, `{ me { id volunteerId } }`, {}, { token: s.accessToken });
    expect(me.data!.me).toEqual({ id: s.account.id, volunteerId });
    const own = await gql<{ myVolunteer: unknown }>(p.url, `{ myVolunteer { id } }`, {}, { token: s.accessToken });
    expect(own.data!.myVolunteer).toEqual({ id: volunteerId });

    // Registering again as that person is refused: the record is already theirs.
    const again = await gql(
      p.url,
      `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
      { input: volunteerInput({ name: '志愿者乙', phone }) },
      { token: s.accessToken },
    );
    expect(again.errors?.[0].extensions?.code).toBe('ALREADY_REGISTERED');
    expect((await gql(p.url, ME, {}, { token: s.accessToken })).data!.me.id).toBe(s.account.id);
  });
});
