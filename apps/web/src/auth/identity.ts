/**
 * Sign-in through the identity service (SMS code), shared by the console and the volunteer pages.
 * Plain fetch rather than the Apollo client: apollo.ts reads the session, so the session cannot use it.
 */
import { setToken, SignInError, type Session } from './session';

const REFRESH_KEY = 'leifeng.refresh';

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function identityMutation<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json().catch(() => ({}))) as GraphQLAnswer<T>;
  const error = body.errors?.[0];
  if (error || !body.data) throw new SignInError(error?.message ?? `登录失败（HTTP ${res.status}）`, error?.extensions?.code ?? 'SIGN_IN_FAILED');
  return body.data;
}

export interface CodeSent {
  phoneMasked: string;
  resendAfterSeconds: number;
}

/** Sends a 6-digit code to the phone (valid 5 minutes). */
export async function requestSignInCode(phone: string): Promise<CodeSent> {
  const data = await identityMutation<{ requestSignInCode: CodeSent }>(
    'mutation RequestSignInCode($phone: String!) { requestSignInCode(phone: $phone) { phoneMasked resendAfterSeconds } }',
    { phone },
  );
  return data.requestSignInCode;
}

/** Signs in with the code; the access token becomes the session, the refresh token is kept beside it. */
export async function signInWithCode(phone: string, code: string): Promise<Session> {
  const data = await identityMutation<{ signInWithCode: { accessToken: string; refreshToken: string } }>(
    'mutation SignInWithCode($phone: String!, $code: String!) { signInWithCode(phone: $phone, code: $code) { accessToken refreshToken } }',
    { phone, code },
  );
  sessionStorage.setItem(REFRESH_KEY, data.signInWithCode.refreshToken);
  return setToken(data.signInWithCode.accessToken);
}

/** The refresh token of the current session, if it came from the identity service. */
export const getRefreshToken = (): string | null => sessionStorage.getItem(REFRESH_KEY);
