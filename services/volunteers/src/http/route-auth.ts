import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, userFromAuthorization, type AuthUser, type DomainError, type TokenVerifier } from '@leifeng/kit';

/** A JSON error for the service's plain HTTP routes (downloads), in the platform's `{ error: { code, message } }` shape. */
export function fail(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

/** The bearer token's user, or a 401 already sent (bad token or none) and undefined. */
export async function routeUser(
  verifier: TokenVerifier,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<AuthUser | undefined> {
  let user: AuthUser | undefined;
  try {
    user = await userFromAuthorization(verifier, req.headers.authorization);
  } catch (err) {
    fail(res, 401, 'UNAUTHENTICATED', (err as DomainError).message);
    return undefined;
  }
  if (!user) fail(res, 401, 'UNAUTHENTICATED', '请先登录');
  return user;
}
