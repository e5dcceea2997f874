import { DEV_SMS_CODE_SEAL_KEY, SMS_CODE_EVENT, unsealSmsCode } from '@leifeng/kit';
import { gql, typedQuery } from '@leifeng/kit/testing';
import type { DataSource } from 'typeorm';
import type { TestPlatform } from '../../../test/support/platform';

export const SEAL_KEY = Buffer.from(DEV_SMS_CODE_SEAL_KEY, 'base64');

export const REQUEST = typedQuery<{
  requestSignInCode: { phoneMasked: string; expiresAt: string; resendAfterSeconds: number };
}>(`mutation ($phone: String!) { requestSignInCode(phone: $phone) { phoneMasked expiresAt resendAfterSeconds } }`);
/** What a signed-in test reads of the session. */
interface SignedIn {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  account: { id: string; status: string; grants: { id: string; role: string }[] };
  activeGrant: { id: string; role: string; regionCode: string } | null;
}
export const SIGN_IN = typedQuery<{ signInWithCode: SignedIn }>(`mutation ($phone: String!, $code: String!) {
  signInWithCode(phone: $phone, code: $code) { accessToken accessTokenExpiresAt refreshToken account { id phoneMasked status grants { id role regionCode stationId } } activeGrant { id role regionCode stationId } }
}`);
export const REFRESH = typedQuery<{
  refreshSession: {
    accessToken: string;
    refreshToken: string;
    activeGrant: { id: string; role: string; regionCode: string } | null;
  };
}>(
  `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken activeGrant { id role regionCode } } }`,
);
export const ME = typedQuery<{ me: { id: string } & Record<string, unknown> }>(
  `{ me { id phoneMasked status grants { id role regionCode stationId } } }`,
);

export function identityDs(p: TestPlatform): DataSource {
  return p.subgraphs.identity.api.deps.ds;
}

/** The code as notifications would read it: the newest sealed code event for that phone in identity's outbox. */
export async function lastCodeFor(p: TestPlatform, phone: string): Promise<string> {
  const rows: { payload: { sealed: string; template: string } }[] = await identityDs(p).query(
    `SELECT payload FROM outbox WHERE type = $1 ORDER BY seq DESC`,
    [SMS_CODE_EVENT],
  );
  for (const r of rows) {
    const opened = unsealSmsCode(r.payload.sealed, SEAL_KEY);
    if (opened.phone === phone && opened.template === 'VERIFICATION_CODE') return opened.params.code;
  }
  throw new Error(`no code sent to ${phone}`);
}

export async function signIn(p: TestPlatform, phone: string, headers: Record<string, string> = {}) {
  const req = await gql(p.url, REQUEST, { phone }, { headers });
  if (req.errors) throw new Error(JSON.stringify(req.errors));
  const res = await gql(p.url, SIGN_IN, { phone, code: await lastCodeFor(p, phone) }, { headers });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.signInWithCode;
}

let n = 0;
/** A fresh mobile number per call (so per-phone limits of one test never touch another). */
export function newPhone(): string {
  n++;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(n).padStart(4, '0')}`;
}
