/**
 * Issue 17: a person without an account proves a phone by an SMS code (purpose OBJECTION) and gets a
 * short-lived signed proof that other subgraphs verify through identity's JWKS (kit phone-proof.ts).
 * Codes of one purpose never serve another; the proof is never a sign-in; no account is made.
 */
import { createPhoneProofVerifier, PHONE_PROOF_TYP, systemClock } from '@leifeng/kit';
import { gql, typedQuery } from '@leifeng/kit/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { identityDs, lastCodeFor, newPhone, REQUEST, SIGN_IN } from './support';

const REQUEST_PROOF = `mutation ($phone: String!) { requestPhoneVerificationCode(phone: $phone, purpose: OBJECTION) { phoneMasked expiresAt } }`;
const VERIFY = typedQuery<{ verifyPhone: { token: string; expiresAt: string; phoneMasked: string } }>(
  `mutation ($phone: String!, $code: String!) { verifyPhone(phone: $phone, code: $code, purpose: OBJECTION) { token expiresAt phoneMasked } }`,
);

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({
    envBySubgraph: { identity: { SIGN_IN_CODE_RESEND_SEC: '0' } },
  });
});
afterAll(() => p?.stop());

const accounts = async () => Number((await identityDs(p).query(`SELECT count(*)::int AS n FROM account`))[0].n);

it('verifies a phone without an account and returns a 15-minute proof the JWKS verifies', async () => {
  const phone = newPhone();
  const before = await accounts();
  const req = await gql(p.url, REQUEST_PROOF, { phone });
  expect(req.errors).toBeUndefined();
  const code = await lastCodeFor(p, phone);
  const res = await gql(p.url, VERIFY, { phone, code });
  expect(res.errors).toBeUndefined();
  const { token, expiresAt, phoneMasked } = res.data!.verifyPhone;
  expect(phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  expect(decodeProtectedHeader(token)).toMatchObject({
    alg: 'ES256',
    typ: PHONE_PROOF_TYP,
  });
  const claims = decodeJwt(token);
  expect(claims).toMatchObject({ purpose: 'OBJECTION', phone });
  expect(claims.exp! - claims.iat!).toBe(900);
  expect(new Date(expiresAt).getTime()).toBe(claims.exp! * 1000);
  expect(await accounts()).toBe(before);

  const verifier = createPhoneProofVerifier({ jwksUrl: p.subgraphs.identity.env.JWT_JWKS_URL }, systemClock);
  await expect(verifier.verify(token, 'OBJECTION')).resolves.toMatchObject({
    phone,
    phoneHash: claims.sub,
  });

  // Never a sign-in: as a bearer token it is refused everywhere.
  const asBearer = await gql(p.url, `{ me { id } }`, {}, { token });
  expect(asBearer.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  // Single use.
  expect((await gql(p.url, VERIFY, { phone, code })).errors?.[0].extensions?.code).toBe('SIGN_IN_CODE_EXPIRED');
});

it('keeps purposes apart: a sign-in code proves no objection, an objection code signs nobody in', async () => {
  const phone = newPhone();
  await gql(p.url, REQUEST, { phone });
  const signInCode = await lastCodeFor(p, phone);
  expect((await gql(p.url, VERIFY, { phone, code: signInCode })).errors?.[0].extensions?.code).toBe(
    'SIGN_IN_CODE_EXPIRED',
  );
  await gql(p.url, REQUEST_PROOF, { phone });
  const proofCode = await lastCodeFor(p, phone);
  expect((await gql(p.url, SIGN_IN, { phone, code: proofCode })).errors?.[0].extensions?.code).toMatch(
    /SIGN_IN_CODE_(INVALID|EXPIRED)/,
  );
  // The sign-in code is still open (the objection request did not supersede it).
  expect((await gql(p.url, SIGN_IN, { phone, code: signInCode })).errors).toBeUndefined();
});

it('counts wrong codes toward the sign-in lock-out and refuses bad numbers with nothing sent', async () => {
  const outbox = async () => Number((await identityDs(p).query(`SELECT count(*)::int AS n FROM outbox`))[0].n);
  const before = await outbox();
  expect((await gql(p.url, REQUEST_PROOF, { phone: '12345' })).errors?.[0].extensions?.code).toBe('INVALID_PHONE');
  expect(await outbox()).toBe(before);
  const phone = newPhone();
  await gql(p.url, REQUEST_PROOF, { phone });
  const code = await lastCodeFor(p, phone);
  const wrong = code === '000000' ? '111111' : '000000';
  const codes: (string | undefined)[] = [];
  for (let i = 0; i < 5; i++)
    codes.push((await gql(p.url, VERIFY, { phone, code: wrong })).errors?.[0].extensions?.code);
  expect(codes.slice(0, 4)).toEqual(Array(4).fill('SIGN_IN_CODE_INVALID'));
  expect(codes[4]).toBe('SIGN_IN_LOCKED');
  expect((await gql(p.url, VERIFY, { phone, code })).errors?.[0].extensions?.code).toBe('SIGN_IN_LOCKED');
});
