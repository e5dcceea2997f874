import { gql, tokenFor, typedQuery } from '@leifeng/kit/testing';
import { CREATE, stationInput } from '../../stations/test/fixtures';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { newPhone, signIn } from './support';

/**
 * An invited county admin (invited by a city admin, accepted by signing in with that phone) works in
 * another subgraph with identity's ES256 token: county work allowed, city work refused with nothing written.
 */
let p: TestPlatform;

beforeAll(async () => {
  p = await startTestPlatform({
    envBySubgraph: { identity: { SIGN_IN_CODE_RESEND_SEC: '0' } },
  });
});
afterAll(() => p?.stop());

const INVITE = `mutation ($input: InviteGrantInput!) { inviteGrant(input: $input) { id } }`;
const STATIONS_IN = typedQuery<{ stations: { totalCount: number } }>(
  `query ($r: ID!) { stations(filter: { regionCode: $r }, first: 50) { totalCount } }`,
);

it('does county work in stations and is refused city work', async () => {
  const city = await tokenFor({
    roles: ['CITY_ADMIN'],
    regionCode: '430100',
    sub: 'city-admin-430100',
  });
  const phone = newPhone();
  const invited = await gql(
    p.url,
    INVITE,
    { input: { phone, role: 'COUNTY_ADMIN', regionCode: '430102' } },
    { token: city },
  );
  expect(invited.errors).toBeUndefined();

  const s = await signIn(p, phone);
  expect(s.activeGrant).toMatchObject({
    role: 'COUNTY_ADMIN',
    regionCode: '430102',
  });
  const county = s.accessToken;

  // County work: a station in its own county (stations verifies the ES256 token through the JWKS).
  const own = await gql(
    p.url,
    CREATE,
    {
      input: stationInput({
        name: '芙蓉区受邀管理员服务站',
        regionCode: '430102',
      }),
    },
    { token: county },
  );
  expect(own.errors).toBeUndefined();
  expect(own.data!.createStation.regionCode).toBe('430102');

  // City work: a station in another county of the city, and inviting a county admin: refused, nothing written.
  const before = (await gql(p.url, STATIONS_IN, { r: '430103' }, { token: city })).data!.stations.totalCount;
  const other = await gql(
    p.url,
    CREATE,
    { input: stationInput({ name: '天心区越权服务站', regionCode: '430103' }) },
    { token: county },
  );
  expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await gql(p.url, STATIONS_IN, { r: '430103' }, { token: city })).data!.stations.totalCount).toBe(before);
  const escalate = await gql(
    p.url,
    INVITE,
    {
      input: { phone: newPhone(), role: 'COUNTY_ADMIN', regionCode: '430103' },
    },
    { token: county },
  );
  expect(['GRANT_ESCALATION', 'GRANT_OUT_OF_SCOPE']).toContain(escalate.errors?.[0].extensions?.code);
  const cityGrant = await gql(
    p.url,
    INVITE,
    { input: { phone: newPhone(), role: 'CITY_ADMIN', regionCode: '430100' } },
    { token: county },
  );
  expect(cityGrant.errors?.[0].extensions?.code).toBe('GRANT_ESCALATION');
});
