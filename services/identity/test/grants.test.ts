import { SMS_CODE_EVENT, unsealSmsCode } from '@leifeng/kit';
import { gql, tokenFor, typedQuery } from '@leifeng/kit/testing';
import { decodeJwt } from 'jose';
import { stationInput, CREATE } from '../../stations/test/fixtures';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { bootstrap } from '../src/bootstrap';
import { identityDs, newPhone, REFRESH, SEAL_KEY, signIn } from './support';

let p: TestPlatform;
let province: string;

beforeAll(async () => {
  p = await startTestPlatform({
    envBySubgraph: { identity: { SIGN_IN_CODE_RESEND_SEC: '0' } },
  });
  province = await tokenFor({
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  });
});
afterAll(() => p?.stop());

const INVITE = typedQuery<{ inviteGrant: { id: string } & Record<string, unknown> }>(
  `mutation ($input: InviteGrantInput!) { inviteGrant(input: $input) { id phoneMasked role regionCode stationId invitedBy expiresAt } }`,
);
const SWITCH = typedQuery<{
  switchGrant: {
    accessToken: string;
    refreshToken: string;
    activeGrant: { id: string; role: string; regionCode: string } | null;
  };
}>(
  `mutation ($t: String!, $g: ID!) { switchGrant(refreshToken: $t, grantId: $g) { accessToken refreshToken activeGrant { id role regionCode } } }`,
);
const counts = async () => {
  const [r] = await identityDs(p).query(
    `SELECT (SELECT count(*)::int FROM invitation) AS invitations, (SELECT count(*)::int FROM role_grant) AS grants, (SELECT count(*)::int FROM outbox) AS outbox,
            (SELECT count(*)::int FROM grant_audit WHERE outcome = 'REFUSED') AS refused`,
  );
  return r as {
    invitations: number;
    grants: number;
    outbox: number;
    refused: number;
  };
};

async function invite(token: string, input: Record<string, unknown>) {
  return gql(p.url, INVITE, { input }, { token });
}

/** Refused with `code`: no invitation, grant or event written, one REFUSED audit entry. */
async function expectRefused(token: string, input: Record<string, unknown>, code: string) {
  const before = await counts();
  const res = await invite(token, input);
  expect(res.errors?.[0].extensions?.code).toBe(code);
  expect(await counts()).toEqual({ ...before, refused: before.refused + 1 });
}

async function station(token: string, regionCode: string, name: string): Promise<string> {
  const res = await gql(p.url, CREATE, { input: stationInput({ regionCode, name }) }, { token });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createStation.id;
}

describe('bootstrap of a fresh deployment', () => {
  it('makes the first province admin, who signs in by SMS code and invites a city admin', async () => {
    const phone = newPhone();
    const env = {
      ...process.env,
      ...p.subgraphs.identity.env,
      LOG_LEVEL: 'silent',
    };
    const first = await bootstrap(['--phone', phone, '--province', '430000'], env);
    expect(await bootstrap(['--phone', phone], env)).toEqual(first); // a second run changes nothing
    const admin = await signIn(p, phone);
    expect(admin.activeGrant).toMatchObject({
      role: 'PROVINCE_ADMIN',
      regionCode: '430000',
    });
    expect(
      (
        await invite(admin.accessToken, {
          phone: newPhone(),
          role: 'CITY_ADMIN',
          regionCode: '430100',
        })
      ).errors,
    ).toBeUndefined();
  });
});

describe('delegated role grants through the gateway', () => {
  it('walks every grant path, refuses escalation and out-of-scope grants with nothing written, and keeps an audit trail', async () => {
    expect(
      (
        await invite('', {
          phone: newPhone(),
          role: 'CITY_ADMIN',
          regionCode: '430100',
        })
      ).errors?.[0].extensions?.code,
    ).toBe('UNAUTHENTICATED');

    // Province → city admin of 长沙市, by SMS invitation accepted by signing in with that phone.
    const cityPhone = newPhone();
    const inv = await invite(province, {
      phone: cityPhone,
      role: 'CITY_ADMIN',
      regionCode: '430100',
    });
    expect(inv.errors).toBeUndefined();
    const [sms] = await identityDs(p).query(`SELECT payload FROM outbox WHERE type = $1 AND aggregate_id = $2`, [
      SMS_CODE_EVENT,
      inv.data!.inviteGrant.id,
    ]);
    expect(unsealSmsCode(sms.payload.sealed, SEAL_KEY)).toMatchObject({
      phone: cityPhone,
      template: 'GRANT_INVITATION',
      params: { role: expect.stringContaining('市级管理员') },
    });
    await expectRefused(
      province,
      { phone: newPhone(), role: 'CITY_ADMIN', regionCode: '370100' },
      'GRANT_OUT_OF_SCOPE',
    );
    await expectRefused(
      province,
      { phone: newPhone(), role: 'COUNTY_ADMIN', regionCode: '430102' },
      'GRANT_ESCALATION',
    );

    const city = await signIn(p, cityPhone);
    expect(city.activeGrant).toMatchObject({
      role: 'CITY_ADMIN',
      regionCode: '430100',
    });
    expect(decodeJwt(city.accessToken)).toMatchObject({
      roles: ['CITY_ADMIN'],
      regionCode: '430100',
      sub: city.account.id,
    });

    // City → county admin of 芙蓉区; never a province admin, another city's county, or its own level.
    const countyPhone = newPhone();
    expect(
      (
        await invite(city.accessToken, {
          phone: countyPhone,
          role: 'COUNTY_ADMIN',
          regionCode: '430102',
        })
      ).errors,
    ).toBeUndefined();
    await expectRefused(
      city.accessToken,
      { phone: newPhone(), role: 'PROVINCE_ADMIN', regionCode: '430000' },
      'GRANT_ESCALATION',
    );
    await expectRefused(
      city.accessToken,
      { phone: newPhone(), role: 'CITY_ADMIN', regionCode: '430100' },
      'GRANT_ESCALATION',
    );
    await expectRefused(
      city.accessToken,
      { phone: newPhone(), role: 'COUNTY_ADMIN', regionCode: '430202' },
      'GRANT_OUT_OF_SCOPE',
    );
    await expectRefused(
      city.accessToken,
      { phone: newPhone(), role: 'INSPECTOR', regionCode: '430000' },
      'GRANT_OUT_OF_SCOPE',
    );

    // The invited county admin does county work and is refused city work.
    const county = await signIn(p, countyPhone);
    expect(county.activeGrant).toMatchObject({
      role: 'COUNTY_ADMIN',
      regionCode: '430102',
    });
    const own = await station(county.accessToken, '430102', '芙蓉区测试服务站');
    const other = await gql(
      p.url,
      CREATE,
      {
        input: stationInput({ regionCode: '430103', name: '天心区测试服务站' }),
      },
      { token: county.accessToken },
    );
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await station(province, '430103', '天心区另一服务站');

    // County → station manager of its own station only; inspectors within its county; agencies need an agency.
    expect(
      (
        await invite(county.accessToken, {
          phone: newPhone(),
          role: 'STATION_MANAGER',
          stationId: own,
        })
      ).errors,
    ).toBeUndefined();
    await expectRefused(
      county.accessToken,
      { phone: newPhone(), role: 'STATION_MANAGER', stationId: elsewhere },
      'GRANT_OUT_OF_SCOPE',
    );
    await expectRefused(
      county.accessToken,
      { phone: newPhone(), role: 'COUNTY_ADMIN', regionCode: '430102' },
      'GRANT_ESCALATION',
    );
    await expectRefused(
      county.accessToken,
      { phone: newPhone(), role: 'AGENCY', regionCode: '430102' },
      'GRANT_INVALID',
    );
    expect(
      (
        await invite(county.accessToken, {
          phone: newPhone(),
          role: 'AGENCY',
          regionCode: '430102',
          agencyId: 'red-cross-furong',
        })
      ).errors,
    ).toBeUndefined();
    // City → station manager of a station in any of its counties.
    expect(
      (
        await invite(city.accessToken, {
          phone: newPhone(),
          role: 'STATION_MANAGER',
          stationId: elsewhere,
        })
      ).errors,
    ).toBeUndefined();

    // A second grant for the county admin (inspector), accepted at the next sign-in; switching needs no new sign-in.
    expect(
      (
        await invite(city.accessToken, {
          phone: countyPhone,
          role: 'INSPECTOR',
          regionCode: '430102',
        })
      ).errors,
    ).toBeUndefined();
    const county2 = await signIn(p, countyPhone);
    expect(county2.account.grants.map((g) => g.role).sort()).toEqual(['COUNTY_ADMIN', 'INSPECTOR']);
    const inspector = county2.account.grants.find((g) => g.role === 'INSPECTOR')!;
    const switched = await gql(
      p.url,
      SWITCH,
      { t: county2.refreshToken, g: inspector.id },
      { token: county2.accessToken },
    );
    expect(switched.data!.switchGrant.activeGrant).toMatchObject({
      role: 'INSPECTOR',
      regionCode: '430102',
    });
    expect(decodeJwt(switched.data!.switchGrant.accessToken)).toMatchObject({
      roles: ['INSPECTOR'],
      regionCode: '430102',
    });
    // Someone else's session cannot be switched.
    const stolen = await gql(
      p.url,
      SWITCH,
      { t: switched.data!.switchGrant.refreshToken, g: inspector.id },
      { token: city.accessToken },
    );
    expect(stolen.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Revocation: the county admin cannot revoke the city's grant; the city revokes the county grant,
    // and the county person's next refresh no longer carries it.
    const countyGrant = county.activeGrant!.id;
    const cityGrant = city.activeGrant!.id;
    expect(
      (
        await gql(
          p.url,
          `mutation ($g: ID!) { revokeGrant(grantId: $g) { id } }`,
          { g: cityGrant },
          { token: county.accessToken },
        )
      ).errors?.[0].extensions?.code,
    ).toBe('GRANT_ESCALATION');
    const revoked = await gql<{ revokeGrant: { id: string; revokedAt: string | null } }>(
      p.url,
      `mutation ($g: ID!) { revokeGrant(grantId: $g) { id revokedAt } }`,
      { g: countyGrant },
      { token: city.accessToken },
    );
    expect(revoked.data!.revokeGrant.revokedAt).toBeTruthy();
    const after = await gql(p.url, REFRESH, { t: county.refreshToken });
    expect(after.data!.refreshSession.activeGrant).toBeNull();
    expect(decodeJwt(after.data!.refreshSession.accessToken)).toMatchObject({
      roles: ['VOLUNTEER'],
    });

    // The audit trail: readable by the admins above, not by the county for the city.
    const AUDIT = typedQuery<{ grantAudit: unknown[] }>(
      `query ($r: ID!) { grantAudit(regionCode: $r, first: 100) { action outcome role regionCode reason actor } }`,
    );
    const trail = (await gql(p.url, AUDIT, { r: '430000' }, { token: province })).data!.grantAudit as {
      action: string;
      outcome: string;
      role: string;
    }[];
    expect(trail.filter((e) => e.outcome === 'REFUSED').length).toBeGreaterThanOrEqual(4);
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'REVOKE',
          outcome: 'ALLOWED',
          role: 'COUNTY_ADMIN',
        }),
        expect.objectContaining({
          action: 'GRANT',
          outcome: 'ALLOWED',
          role: 'CITY_ADMIN',
        }),
      ]),
    );
    const cityTrail = await gql(p.url, AUDIT, { r: '430100' }, { token: city.accessToken });
    expect(cityTrail.data!.grantAudit.length).toBeGreaterThan(0);
    const countyReadsCity = await gql(p.url, AUDIT, { r: '430100' }, { token: county2.accessToken });
    expect(countyReadsCity.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('grant scopes by name through the gateway (issue 16)', () => {
  const MY_GRANTS = typedQuery<{
    me: {
      grants: {
        role: string;
        regionCode: string | null;
        region: { code: string; name: string; fullName: string } | null;
        stationId: string | null;
        station: { id: string; name: string } | null;
        agencyId: string | null;
      }[];
    };
  }>(`{ me { grants { role regionCode region { code name fullName } stationId station { id name } agencyId } } }`);

  it("names each grant's region and station from the stations subgraph, keeping the codes", async () => {
    const stationId = await station(province, '430202', '荷塘区名称测试服务站');
    const phone = newPhone();
    const county = await tokenFor({ roles: ['COUNTY_ADMIN'], regionCode: '430202', sub: 'county-430202' });
    expect((await invite(province, { phone, role: 'CITY_ADMIN', regionCode: '430200' })).errors).toBeUndefined();
    expect((await invite(county, { phone, role: 'STATION_MANAGER', stationId })).errors).toBeUndefined();
    const s = await signIn(p, phone);
    const res = await gql(p.url, MY_GRANTS, {}, { token: s.accessToken });
    expect(res.errors).toBeUndefined();
    const byRole = Object.fromEntries(res.data!.me.grants.map((g) => [g.role, g]));
    expect(byRole.CITY_ADMIN).toMatchObject({
      regionCode: '430200',
      region: { code: '430200', name: '株洲市', fullName: '湖南省 株洲市' },
      stationId: null,
      station: null,
    });
    expect(byRole.STATION_MANAGER).toMatchObject({
      stationId,
      station: { id: stationId, name: '荷塘区名称测试服务站' },
    });
  });
});
