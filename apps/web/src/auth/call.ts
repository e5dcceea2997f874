/**
 * One GraphQL call to the identity mutations by plain fetch. The session module cannot use the Apollo
 * client (apollo.ts reads the session), so sign-in, refresh, switch and sign-out go through here.
 */
import { SignInError } from './errors';

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: {
    message: string;
    extensions?: Record<string, unknown> & { code?: string };
  }[];
}

export async function identityCall<T>(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  keepalive = false,
): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      keepalive,
    });
  } catch {
    throw new SignInError('网络连接失败，请稍后再试', 'NETWORK_ERROR');
  }
  const body = (await res.json().catch(() => ({}))) as GraphQLAnswer<T>;
  const error = body.errors?.[0];
  if (error || !body.data) {
    throw new SignInError(
      error?.message ?? `登录失败（HTTP ${res.status}）`,
      error?.extensions?.code ?? 'SIGN_IN_FAILED',
      error?.extensions ?? {},
    );
  }
  return body.data;
}
