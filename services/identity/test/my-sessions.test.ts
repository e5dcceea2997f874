import { gql, tokenFor, typedQuery } from '@leifeng/kit/testing';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { identityDs, newPhone, REFRESH, signIn } from './support';

let p: TestPlatform;

beforeAll(async () => {
  p = await startTestPlatform({
    gatewayEnv: { TRUSTED_PROXY_HOPS: '1' },
    envBySubgraph: { identity: { SIGN_IN_CODE_RESEND_SEC: '0' } },
  });
});
afterAll(() => p?.stop());

interface Listed {
  id: string;
  clientIp: string | null;
  role: string | null;
  current: boolean;
}

const LIST = typedQuery<{ mySessions: Listed[] }>(
  `{ mySessions { id createdAt lastUsedAt expiresAt clientIp role regionCode current } }`,
);
const REVOKE = typedQuery<{ revokeMySession: boolean }>(`mutation ($id: ID!) { revokeMySession(sessionId: $id) }`);

async function list(token: string): Promise<Listed[]> {
  const res = await gql(p.url, LIST, {}, { token });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.mySessions;
}

/** ASVS 3.3.4: a person sees their own open sessions and ends any one of them. */
describe("listing and revoking one's own sessions through the gateway", () => {
  it("lists only the caller's open sessions, marks the current one, and revokes another", async () => {
    const phone = newPhone();
    const laptop = await signIn(p, phone, { 'x-forwarded-for': '203.0.113.7' });
    const phoneApp = await signIn(p, phone, {
      'x-forwarded-for': '198.51.100.9',
    });
    const old = await signIn(p, phone);
    await gql(p.url, `mutation ($t: String!) { signOut(refreshToken: $t) }`, {
      t: old.refreshToken,
    });
    const stranger = await signIn(p, newPhone());

    const seen = await list(laptop.accessToken);
    expect(seen).toHaveLength(2);
    expect(seen.filter((s) => s.current)).toHaveLength(1);
    const current = seen.find((s) => s.current)!;
    const other = seen.find((s) => !s.current)!;
    expect([current.clientIp, other.clientIp]).toEqual(['203.0.113.7', '198.51.100.9']);
    expect(current.role).toBeNull();
    // A refresh keeps the session (same id, still listed once).
    const refreshed = await gql(p.url, REFRESH, { t: phoneApp.refreshToken });
    expect(refreshed.errors).toBeUndefined();
    expect((await list(refreshed.data!.refreshSession.accessToken)).find((s) => s.current)?.id).toBe(other.id);

    // Another account's session is answered like an unknown one, and stays open.
    const [strangers] = await list(stranger.accessToken);
    const foreign = await gql(p.url, REVOKE, { id: strangers.id }, { token: laptop.accessToken });
    expect(foreign.errors?.[0].extensions?.code).toBe('SESSION_NOT_FOUND');
    const unknown = await gql(
      p.url,
      REVOKE,
      { id: '00000000-0000-4000-8000-000000000000' },
      { token: laptop.accessToken },
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('SESSION_NOT_FOUND');
    expect(await list(stranger.accessToken)).toHaveLength(1);

    const revoked = await gql(p.url, REVOKE, { id: other.id }, { token: laptop.accessToken });
    expect(revoked.data!.revokeMySession).toBe(true);
    const [row] = await identityDs(p).query(`SELECT end_reason FROM session WHERE id = $1`, [other.id]);
    expect(row.end_reason).toBe('REVOKED_BY_OWNER');
    const after = await gql(p.url, REFRESH, {
      t: refreshed.data!.refreshSession.refreshToken,
    });
    expect(after.errors?.[0].extensions?.code).toBe('SESSION_ENDED');
    expect((await list(laptop.accessToken)).map((s) => s.id)).toEqual([current.id]);
    const again = await gql(p.url, REVOKE, { id: other.id }, { token: laptop.accessToken });
    expect(again.errors?.[0].extensions?.code).toBe('SESSION_NOT_FOUND');
  });

  it('refuses anonymous callers and shows nothing to tokens that name no account', async () => {
    const anon = await gql(p.url, LIST);
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const anonRevoke = await gql(p.url, REVOKE, {
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(anonRevoke.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const dev = await tokenFor({
      roles: ['CITY_ADMIN'],
      regionCode: '430100',
      sub: 'not-an-account',
    });
    expect(await list(dev)).toEqual([]);
  });
});
