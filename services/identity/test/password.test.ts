import { SMS_CODE_EVENT, unsealSmsCode } from '@leifeng/kit';
import { gql, typedQuery } from '@leifeng/kit/testing';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { bootstrap } from '../src/bootstrap';
import { identityDs, newPhone, SEAL_KEY, signIn } from './support';

/** Officers' optional password (argon2id) through the gateway: set after an SMS sign-in, same lock-outs. */
let p: TestPlatform;

beforeAll(async () => {
  p = await startTestPlatform({
    gatewayEnv: { TRUSTED_PROXY_HOPS: '1' },
    envBySubgraph: {
      identity: { SIGN_IN_CODE_RESEND_SEC: '0', SIGN_IN_FAILURES_PER_IP: '6' },
    },
  });
});
afterAll(() => p?.stop());

const SET = typedQuery<{ setPassword: boolean }>(
  `mutation ($p: String!, $c: String) { setPassword(password: $p, currentPassword: $c) }`,
);
const WITH_PASSWORD = typedQuery<{
  signInWithPassword: unknown;
}>(`mutation ($phone: String!, $password: String!) { signInWithPassword(phone: $phone, password: $password) {
  accessToken refreshToken account { id hasPassword } activeGrant { role regionCode } } }`);
const PASSWORD = '雷锋精神 代代相传 2026';

async function officer(): Promise<{
  phone: string;
  token: string;
  accountId: string;
}> {
  const phone = newPhone();
  await bootstrap(['--phone', phone, '--province', '430000'], p.subgraphs.identity.env);
  const s = await signIn(p, phone);
  return { phone, token: s.accessToken, accountId: s.account.id };
}

const ip = (n: number) => ({ headers: { 'x-forwarded-for': `10.9.0.${n}` } });

describe('passwords for officers', () => {
  it('is set after an SMS sign-in, stored as argon2id only, and signs in with the grant', async () => {
    const o = await officer();
    const weak = await gql(p.url, SET, { p: 'short' }, { token: o.token });
    expect(weak.errors?.[0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'password',
    });
    expect(weak.errors?.[0].message).toMatch(/至少 12/);
    const withPhone = await gql(p.url, SET, { p: `my${o.phone}phone` }, { token: o.token });
    expect(withPhone.errors?.[0].message).toMatch(/手机号/);
    const [before] = await identityDs(p).query(`SELECT password_hash FROM account WHERE id = $1`, [o.accountId]);
    expect(before.password_hash).toBeNull();

    expect((await gql(p.url, SET, { p: PASSWORD }, { token: o.token })).data?.setPassword).toBe(true);
    const [row] = await identityDs(p).query(`SELECT password_hash FROM account WHERE id = $1`, [o.accountId]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);

    const res = await gql(p.url, WITH_PASSWORD, { phone: o.phone, password: PASSWORD }, ip(1));
    expect(res.errors).toBeUndefined();
    expect(res.data!.signInWithPassword).toMatchObject({
      account: { id: o.accountId, hasPassword: true },
      activeGrant: { role: 'PROVINCE_ADMIN', regionCode: '430000' },
    });

    // Changing it needs the current one.
    const blind = await gql(p.url, SET, { p: `${PASSWORD}!` }, { token: o.token });
    expect(blind.errors?.[0].extensions?.code).toBe('CURRENT_PASSWORD_INVALID');
    expect((await gql(p.url, SET, { p: `${PASSWORD}!`, c: PASSWORD }, { token: o.token })).errors).toBeUndefined();
    expect(
      (await gql(p.url, WITH_PASSWORD, { phone: o.phone, password: PASSWORD }, ip(1))).errors?.[0].extensions?.code,
    ).toBe('SIGN_IN_PASSWORD_INVALID');
  });

  it("tells the phone's owner by SMS after the password is set or changed, never after a refused attempt (ASVS 2.2.3)", async () => {
    const o = await officer();
    const notices = async () => {
      const rows: { payload: { template: string; sealed: string } }[] = await identityDs(p).query(
        `SELECT payload FROM outbox WHERE type = $1 AND payload->>'template' = 'PASSWORD_CHANGED' ORDER BY seq`,
        [SMS_CODE_EVENT],
      );
      return rows.map((r) => unsealSmsCode(r.payload.sealed, SEAL_KEY)).filter((n) => n.phone === o.phone);
    };
    expect((await gql(p.url, SET, { p: 'short' }, { token: o.token })).errors).toBeDefined();
    expect(await notices()).toEqual([]);
    expect((await gql(p.url, SET, { p: PASSWORD }, { token: o.token })).errors).toBeUndefined();
    const [set] = await notices();
    expect(set).toMatchObject({
      phone: o.phone,
      template: 'PASSWORD_CHANGED',
      params: {
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      },
    });
    // The payload outside the seal names neither the number nor the account.
    const [raw] = await identityDs(p).query(
      `SELECT payload::text AS t FROM outbox WHERE payload->>'template' = 'PASSWORD_CHANGED' ORDER BY seq DESC LIMIT 1`,
    );
    expect(raw.t).not.toContain(o.phone);
    expect((await gql(p.url, SET, { p: `${PASSWORD}?` }, { token: o.token })).errors?.[0].extensions?.code).toBe(
      'CURRENT_PASSWORD_INVALID',
    );
    expect(await notices()).toHaveLength(1);
    expect((await gql(p.url, SET, { p: `${PASSWORD}?`, c: PASSWORD }, { token: o.token })).errors).toBeUndefined();
    expect(await notices()).toHaveLength(2);
  });

  it('is refused to a person without a grant (volunteers sign in by code)', async () => {
    const phone = newPhone();
    const s = await signIn(p, phone);
    const res = await gql(p.url, SET, { p: PASSWORD }, { token: s.accessToken });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [row] = await identityDs(p).query(`SELECT password_hash FROM account WHERE id = $1`, [s.account.id]);
    expect(row.password_hash).toBeNull();
  });

  it('answers the same for an unknown number, a number without password and a wrong password', async () => {
    const o = await officer();
    const noPassword = await gql(p.url, WITH_PASSWORD, { phone: o.phone, password: PASSWORD }, ip(2));
    const unknown = await gql(p.url, WITH_PASSWORD, { phone: newPhone(), password: PASSWORD }, ip(2));
    for (const r of [noPassword, unknown]) {
      expect(r.errors?.[0].extensions?.code).toBe('SIGN_IN_PASSWORD_INVALID');
      expect(r.errors?.[0].message).toBe(noPassword.errors?.[0].message);
    }
  });

  it('locks the phone out after 5 wrong passwords (the right one refused while locked), like wrong codes', async () => {
    const o = await officer();
    await gql(p.url, SET, { p: PASSWORD }, { token: o.token });
    for (let i = 1; i <= 4; i++) {
      const r = await gql(p.url, WITH_PASSWORD, { phone: o.phone, password: `wrong password ${i}` }, ip(3));
      expect(r.errors?.[0].extensions?.code).toBe('SIGN_IN_PASSWORD_INVALID');
    }
    const fifth = await gql(p.url, WITH_PASSWORD, { phone: o.phone, password: 'wrong password 5' }, ip(3));
    expect(fifth.errors?.[0].extensions?.code).toBe('SIGN_IN_LOCKED');
    expect(fifth.errors?.[0].message).toMatch(/锁定.*分钟后再试/);
    const right = await gql(p.url, WITH_PASSWORD, { phone: o.phone, password: PASSWORD }, ip(4));
    expect(right.errors?.[0].extensions?.code).toBe('SIGN_IN_LOCKED');
    // The SMS code path shares the lock.
    const code = await gql(
      p.url,
      `mutation ($phone: String!) { requestSignInCode(phone: $phone) { expiresAt } }`,
      { phone: o.phone },
      ip(4),
    );
    expect(code.errors?.[0].extensions?.code).toBe('SIGN_IN_LOCKED');
  });

  it('locks out a client address that tries wrong passwords on many phones', async () => {
    const phones = await Promise.all([1, 2, 3, 4, 5, 6].map(() => officer()));
    const codes: string[] = [];
    for (const o of phones) {
      const r = await gql(p.url, WITH_PASSWORD, { phone: o.phone, password: 'not the password' }, ip(5));
      codes.push(r.errors?.[0].extensions?.code as string);
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('SIGN_IN_PASSWORD_INVALID'));
    expect(codes[5]).toBe('SIGN_IN_LOCKED');
  });
});
