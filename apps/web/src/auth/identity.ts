/**
 * Sign-in through the identity service (SMS code, or an officer's password), shared by the console and
 * the volunteer pages. Plain fetch (auth/call.ts) rather than the Apollo client: apollo.ts reads the session.
 */
import { identityCall } from './call';
import { getRefreshToken, getToken, setTokens, type Session, type TokenPair } from './session';

export { getRefreshToken };

export interface CodeSent {
  phoneMasked: string;
  resendAfterSeconds: number;
}

/** Sends a 6-digit code to the phone (valid 5 minutes). */
export async function requestSignInCode(phone: string): Promise<CodeSent> {
  const data = await identityCall<{ requestSignInCode: CodeSent }>(
    'mutation RequestSignInCode($phone: String!) { requestSignInCode(phone: $phone) { phoneMasked resendAfterSeconds } }',
    { phone },
  );
  return data.requestSignInCode;
}

/** Signs in with the code; the access token becomes the session, the refresh token is kept beside it. */
export async function signInWithCode(phone: string, code: string): Promise<Session> {
  const data = await identityCall<{ signInWithCode: TokenPair }>(
    'mutation SignInWithCode($phone: String!, $code: String!) { signInWithCode(phone: $phone, code: $code) { accessToken refreshToken } }',
    { phone, code },
  );
  return setTokens(data.signInWithCode);
}

/** Signs in with an officer's password (set after an SMS sign-in). */
export async function signInWithPassword(phone: string, password: string): Promise<Session> {
  const data = await identityCall<{ signInWithPassword: TokenPair }>(
    'mutation SignInWithPassword($phone: String!, $password: String!) { signInWithPassword(phone: $phone, password: $password) { accessToken refreshToken } }',
    { phone, password },
  );
  return setTokens(data.signInWithPassword);
}

/** Sets (or, with the current one, changes) the signed-in officer's password. */
export async function setPassword(password: string, currentPassword?: string): Promise<void> {
  await identityCall<{ setPassword: boolean }>(
    'mutation SetPassword($p: String!, $c: String) { setPassword(password: $p, currentPassword: $c) }',
    { p: password, c: currentPassword ?? null },
    getToken(),
  );
}
