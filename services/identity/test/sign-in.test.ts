import { createGraphClient, fetchServiceToken } from '@leifeng/kit';
import { gql, tokenFor, typedQuery } from '@leifeng/kit/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { registerServiceClient } from '../src/bootstrap';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { identityDs, lastCodeFor, ME, newPhone, REFRESH, REQUEST, SIGN_IN, signIn } from './support';

let p: TestPlatform;

beforeAll(async () => {
  p = await startTestPlatform({
    gatewayEnv: { TRUSTED_PROXY_HOPS: '1' },
    envBySubgraph: {
      identity: { SIGN_IN_CODE_RESEND_SEC: '0', SIGN_IN_FAILURES_PER_IP: '8' },
    },
  });
});
afterAll(() => p?.stop());

const count = async (sql: string, params: unknown[] = []) => Number((await identityDs(p).query(sql, params))[0].n);

describe('sign-in by SMS code through the gateway', () => {
  it('sends a code sealed in the outbox, signs in with it once, and the ES256 token works across subgraphs', async () => {
    const phone = newPhone();
    const req = await gql(p.url, REQUEST, { phone: `+86 ${phone}` });
    expect(req.errors).toBeUndefined();
    expect(req.data!.requestSignInCode.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);

    // The event carries neither the number nor the code in plain text; the stored code is an HMAC.
    const code = await lastCodeFor(p, phone);
    expect(code).toMatch(/^\d{6}$/);
    const [event] = await identityDs(p).query(`SELECT payload::text AS t FROM outbox ORDER BY seq DESC LIMIT 1`);
    expect(event.t).not.toContain(phone);
    expect(event.t).not.toContain(code);
    const [challenge] = await identityDs(p).query(
      `SELECT code_hash FROM sign_in_challenge ORDER BY created_at DESC LIMIT 1`,
    );
    expect(challenge.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.code_hash).not.toContain(code);

    const res = await gql(p.url, SIGN_IN, { phone, code });
    expect(res.errors).toBeUndefined();
    const s = res.data!.signInWithCode;
    expect(decodeProtectedHeader(s.accessToken)).toMatchObject({
      alg: 'ES256',
    });
    expect(new Date(s.accessTokenExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(s.account.status).toBe('ACTIVE');

    const me = await gql(p.url, ME, {}, { token: s.accessToken });
    expect(me.data!.me).toMatchObject({
      id: s.account.id,
      phoneMasked: req.data!.requestSignInCode.phoneMasked,
    });
    // Another subgraph verifies the ES256 token through the JWKS: a signed-in caller without a role is
    // FORBIDDEN there (not UNAUTHENTICATED).
    const other = await gql(
      p.url,
      `mutation { closeStation(id: "00000000-0000-4000-8000-000000000000", reason: "x") { id } }`,
      {},
      { token: s.accessToken },
    );
    expect(other.errors?.[0].extensions?.code).not.toBe('UNAUTHENTICATED');

    // Single use.
    const again = await gql(p.url, SIGN_IN, { phone, code });
    expect(again.errors?.[0].extensions?.code).toBe('SIGN_IN_CODE_EXPIRED');
  });

  it('development HS256 tokens keep working beside the ES256 ones', async () => {
    const res = await gql<{ signingKeys: { kid: string; state: string }[] }>(
      p.url,
      `{ signingKeys { kid state } }`,
      {},
      {
        token: await tokenFor({
          roles: ['PROVINCE_ADMIN'],
          regionCode: '430000',
        }),
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.signingKeys.map((k: { state: string }) => k.state)).toEqual(
      expect.arrayContaining(['CURRENT', 'NEXT']),
    );
  });

  it('refuses a bad phone number with nothing written', async () => {
    const before = await count(`SELECT count(*) AS n FROM outbox`);
    const res = await gql(p.url, REQUEST, { phone: '12345' });
    expect(res.errors?.[0].extensions?.code).toBe('INVALID_PHONE');
    expect(res.errors?.[0].message).toMatch(/手机号/);
    expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(before);
  });

  it('counts wrong codes and locks the phone out with a Chinese message; the right code is refused while locked', async () => {
    const phone = newPhone();
    await gql(p.url, REQUEST, { phone });
    const code = await lastCodeFor(p, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const r = await gql(p.url, SIGN_IN, { phone, code: wrong }, { headers: { 'x-forwarded-for': '10.1.0.1' } });
      expect(r.errors?.[0].extensions).toMatchObject({
        code: 'SIGN_IN_CODE_INVALID',
        attemptsLeft: 5 - i,
      });
    }
    const fifth = await gql(p.url, SIGN_IN, { phone, code: wrong }, { headers: { 'x-forwarded-for': '10.1.0.1' } });
    expect(fifth.errors?.[0].extensions?.code).toBe('SIGN_IN_LOCKED');
    expect(fifth.errors?.[0].message).toMatch(/锁定.*分钟后再试/);
    const right = await gql(p.url, SIGN_IN, { phone, code }, { headers: { 'x-forwarded-for': '10.1.0.2' } });
    expect(right.errors?.[0].extensions?.code).toBe('SIGN_IN_LOCKED');
    const locked = await gql(p.url, REQUEST, { phone }, { headers: { 'x-forwarded-for': '10.1.0.2' } });
    expect(locked.errors?.[0].extensions?.code).toBe('SIGN_IN_LOCKED');
    expect(
      await count(`SELECT count(*) AS n FROM account WHERE phone_masked = $1`, [
        `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      ]),
    ).toBe(0);
  });

  it('locks out a client address that tries wrong codes on many phones', async () => {
    const ip = { 'x-forwarded-for': '10.2.0.9' };
    const phones = [newPhone(), newPhone(), newPhone()];
    for (const phone of phones) await gql(p.url, REQUEST, { phone }, { headers: ip });
    let last;
    // 3 phones × 3 wrong codes: no phone reaches its own limit (5), the address reaches 8.
    for (const phone of phones)
      for (let i = 0; i < 3; i++)
        last = await gql(
          p.url,
          SIGN_IN,
          {
            phone,
            code: '999999' === (await lastCodeFor(p, phone)) ? '888888' : '999999',
          },
          { headers: ip },
        );
    expect(last!.errors?.[0].extensions?.code).toBe('SIGN_IN_LOCKED');
    // The address stays locked for a phone it never tried; another address signs that phone in.
    const fresh = newPhone();
    expect((await gql(p.url, REQUEST, { phone: fresh }, { headers: ip })).errors?.[0].extensions?.code).toBe(
      'SIGN_IN_LOCKED',
    );
    await expect(signIn(p, fresh, { 'x-forwarded-for': '10.2.0.10' })).resolves.toBeTruthy();
  });

  it('asks for a pause between two code requests for one phone', async () => {
    const strict = await startTestPlatform({
      envBySubgraph: { identity: { SIGN_IN_CODE_RESEND_SEC: '60' } },
    });
    try {
      const phone = newPhone();
      expect((await gql(strict.url, REQUEST, { phone })).errors).toBeUndefined();
      const again = await gql(strict.url, REQUEST, { phone });
      expect(again.errors?.[0].extensions?.code).toBe('SIGN_IN_CODE_TOO_FREQUENT');
      expect(again.errors?.[0].message).toMatch(/秒后再试/);
    } finally {
      await strict.stop();
    }
  });
});

describe('sessions', () => {
  it('rotates refresh tokens, and a replayed one ends the whole session family', async () => {
    const s = await signIn(p, newPhone());
    const r1 = await gql(p.url, REFRESH, { t: s.refreshToken });
    expect(r1.errors).toBeUndefined();
    const r2 = await gql(p.url, REFRESH, {
      t: r1.data!.refreshSession.refreshToken,
    });
    expect(r2.errors).toBeUndefined();
    // The first token again: reuse detected, the family ends…
    const replay = await gql(p.url, REFRESH, { t: s.refreshToken });
    expect(replay.errors?.[0].extensions?.code).toBe('REFRESH_TOKEN_REUSED');
    // …so even the newest token of that family is dead.
    const newest = await gql(p.url, REFRESH, {
      t: r2.data!.refreshSession.refreshToken,
    });
    expect(newest.errors?.[0].extensions?.code).toBe('SESSION_ENDED');
    const [row] = await identityDs(p).query(`SELECT end_reason FROM session WHERE account_id = $1`, [s.account.id]);
    expect(row.end_reason).toBe('REFRESH_REUSED');
  });

  it('signs out one session, and everywhere', async () => {
    const phone = newPhone();
    const a = await signIn(p, phone);
    const b = await signIn(p, phone);
    const c = await signIn(p, phone);
    expect(
      (
        await gql<{ signOut: boolean }>(p.url, `mutation ($t: String!) { signOut(refreshToken: $t) }`, {
          t: a.refreshToken,
        })
      ).data!.signOut,
    ).toBe(true);
    expect((await gql(p.url, REFRESH, { t: a.refreshToken })).errors?.[0].extensions?.code).toBe('SESSION_ENDED');

    const anon = await gql(p.url, `mutation { signOutEverywhere }`);
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const all = await gql<{ signOutEverywhere: number }>(
      p.url,
      `mutation { signOutEverywhere }`,
      {},
      { token: b.accessToken },
    );
    expect(all.data!.signOutEverywhere).toBe(2);
    for (const t of [b.refreshToken, c.refreshToken])
      expect((await gql(p.url, REFRESH, { t })).errors?.[0].extensions?.code).toBe('SESSION_ENDED');
  });

  it('a disabled account can neither refresh nor sign in again', async () => {
    const phone = newPhone();
    const s = await signIn(p, phone);
    const admin = await tokenFor({
      roles: ['PROVINCE_ADMIN'],
      regionCode: '430000',
    });
    const setStatus = typedQuery<{ setAccountStatus: { id: string; status: string } }>(
      `mutation ($id: ID!, $s: AccountStatus!) { setAccountStatus(accountId: $id, status: $s) { id status } }`,
    );
    const byCounty = await gql(
      p.url,
      setStatus,
      { id: s.account.id, s: 'DISABLED' },
      {
        token: await tokenFor({
          roles: ['COUNTY_ADMIN'],
          regionCode: '430102',
        }),
      },
    );
    expect(byCounty.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const off = await gql(p.url, setStatus, { id: s.account.id, s: 'DISABLED' }, { token: admin });
    expect(off.data!.setAccountStatus.status).toBe('DISABLED');
    expect((await gql(p.url, REFRESH, { t: s.refreshToken })).errors?.[0].extensions?.code).toBe('SESSION_ENDED');
    await expect(signIn(p, phone)).rejects.toThrow(/ACCOUNT_DISABLED/);
  });
});

describe('JWKS and key rotation', () => {
  it('publishes the keys on identity and the gateway origin; after a rotation old and new tokens both verify', async () => {
    const gatewayJwks = new URL('/.well-known/jwks.json', p.url).toString();
    const before = (await (await fetch(gatewayJwks)).json()) as {
      keys: { kid: string }[];
    };
    const direct = await (await fetch(new URL('/.well-known/jwks.json', p.subgraphs.identity.url).toString())).json();
    expect(before).toEqual(direct);
    expect(before.keys.every((k: Record<string, unknown>) => k.kty === 'EC' && k.alg === 'ES256' && !('d' in k))).toBe(
      true,
    );

    const old = await signIn(p, newPhone());
    const oldKid = decodeProtectedHeader(old.accessToken).kid;
    expect(before.keys.map((k: { kid: string }) => k.kid)).toContain(oldKid);

    const admin = await tokenFor({
      roles: ['PROVINCE_ADMIN'],
      regionCode: '430000',
    });
    const rotated = await gql<{ rotateSigningKey: { kid: string; state: string } }>(
      p.url,
      `mutation { rotateSigningKey { kid state } }`,
      {},
      { token: admin },
    );
    expect(rotated.errors).toBeUndefined();
    const after = (await (await fetch(gatewayJwks)).json()) as {
      keys: { kid: string }[];
    };
    const kids = after.keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([oldKid, rotated.data!.rotateSigningKey.kid]));
    // The private half is sealed at rest.
    const [priv] = await identityDs(p).query(`SELECT private_enc FROM signing_key WHERE kid = $1`, [oldKid]);
    expect(priv.private_enc).toMatch(/^v1\./);

    const fresh = await signIn(p, newPhone());
    expect(decodeProtectedHeader(fresh.accessToken).kid).toBe(rotated.data!.rotateSigningKey.kid);
    for (const t of [old.accessToken, fresh.accessToken])
      expect((await gql(p.url, ME, {}, { token: t })).data!.me).toBeTruthy();

    const refused = await gql(p.url, `mutation { rotateSigningKey { kid } }`, {}, { token: fresh.accessToken });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('client credentials for machines', () => {
  it('gives a registered client an ES256 SERVICE token the whole graph accepts, and nothing for a wrong secret', async () => {
    const secret = await registerServiceClient('accreditation-worker', {
      ...process.env,
      ...p.subgraphs.identity.env,
      LOG_LEVEL: 'silent',
    });
    const tokenUrl = new URL('/oauth/token', p.subgraphs.identity.url).toString();
    const { token } = await fetchServiceToken({
      tokenUrl,
      clientId: 'accreditation-worker',
      clientSecret: secret,
    });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256' });
    expect(decodeJwt(token)).toMatchObject({
      sub: 'service:accreditation-worker',
      roles: ['SERVICE'],
    });

    // A SERVICE-only query through the gateway, with the token fetched by the kit's graph client.
    const graph = createGraphClient({
      url: p.url,
      clientCredentials: {
        tokenUrl,
        clientId: 'accreditation-worker',
        clientSecret: secret,
      },
    });
    const res = await graph.request(`{ volunteerContacts(ids: []) { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ volunteerContacts: [] });

    await expect(
      fetchServiceToken({
        tokenUrl,
        clientId: 'accreditation-worker',
        clientSecret: 'wrong',
      }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/invalid_client/),
    });
    await expect(
      fetchServiceToken({
        tokenUrl,
        clientId: 'nobody-here',
        clientSecret: secret,
      }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/invalid_client/),
    });
  });
});
