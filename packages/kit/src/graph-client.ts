import { signDevToken } from './auth';
import type { AuthConfig, ServiceClientCredentials } from './config';
import { DomainError } from './errors';

/**
 * A small GraphQL client for internal jobs that read the federated graph through the gateway with a
 * SERVICE-role token (never SQL into another service's database).
 */
export interface GraphClientOptions {
  url: string;
  /** A ready bearer token (SERVICE_TOKEN). */
  token?: string;
  /** Otherwise an HS256 secret to sign a short-lived SERVICE token with. */
  secret?: string;
  /**
   * `iss` / `aud` of a self-signed token: the gateway checks them when JWT_ISSUER / JWT_AUDIENCE are
   * set, so a token without them is refused (401) exactly where production sets them.
   */
  issuer?: string;
  audience?: string;
  /** Or client credentials at identity's token endpoint (production: no shared secret). */
  clientCredentials?: ServiceClientCredentials;
  /** Or a function minting the token (identity signs its own with its current key). */
  tokenSource?: () => Promise<{ token: string; expires: number }>;
  /** Subject of a self-signed token, e.g. "accreditation-worker". */
  subject?: string;
  timeoutMs?: number;
}

/**
 * The graph client of a service's jobs: SERVICE_TOKEN when given, else a SERVICE token signed with
 * the service's own auth settings (JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE): the same ones every
 * verifier of the platform checks, so the token is accepted wherever the service's own would be.
 */
export function serviceGraphClient(
  auth: Pick<AuthConfig, 'secret' | 'devSecret' | 'issuer' | 'audience' | 'serviceClient'>,
  opts: { url: string; token?: string; subject: string; timeoutMs?: number },
): GraphClient {
  // Production: client credentials at identity (SERVICE_TOKEN_URL, SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET),
  // no shared secret. With identity's JWKS and no shared secret (npm run dev), outside production the
  // development secret that every service also accepts signs the job's token.
  if (!opts.token && auth.serviceClient)
    return createGraphClient({
      ...opts,
      clientCredentials: auth.serviceClient,
    });
  return createGraphClient({
    ...opts,
    secret: auth.secret ?? auth.devSecret,
    issuer: auth.issuer,
    audience: auth.audience,
  });
}

export interface GraphError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

export interface GraphResult<T> {
  data?: T;
  errors?: GraphError[];
}

export interface GraphClient {
  /** Returns data and partial errors; throws GRAPH_UNAVAILABLE when the call itself fails. */
  request<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { timeoutMs?: number },
  ): Promise<GraphResult<T>>;
}

/** OAuth 2.0 client credentials grant: a SERVICE token from identity's /oauth/token. */
export async function fetchServiceToken(c: ServiceClientCredentials): Promise<{ token: string; expires: number }> {
  let res: Response;
  try {
    res = await fetch(c.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: c.clientId,
        client_secret: c.clientSecret,
      }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new DomainError('GRAPH_UNAVAILABLE', `无法获取服务凭证：${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    expires_in?: number;
    error?: string;
  };
  if (!res.ok || !body.access_token)
    throw new DomainError('GRAPH_UNAVAILABLE', `无法获取服务凭证：${body.error ?? `HTTP ${res.status}`}`);
  return {
    token: body.access_token,
    expires: Date.now() + (body.expires_in ?? 300) * 1000,
  };
}

export function createGraphClient(opts: GraphClientOptions): GraphClient {
  if (!opts.token && !opts.secret && !opts.clientCredentials && !opts.tokenSource) {
    throw new Error('graph client needs SERVICE_TOKEN, client credentials or an HS256 JWT_SECRET');
  }
  let cached: { token: string; expires: number } | undefined;
  const mint = async (): Promise<{ token: string; expires: number }> => {
    if (opts.tokenSource) return opts.tokenSource();
    if (opts.clientCredentials) return fetchServiceToken(opts.clientCredentials);
    const token = await signDevToken({ sub: opts.subject ?? 'service', roles: ['SERVICE'] }, opts.secret!, '15m', {
      issuer: opts.issuer,
      audience: opts.audience,
    });
    return { token, expires: Date.now() + 15 * 60_000 };
  };
  const bearer = async (): Promise<string> => {
    if (opts.token) return opts.token;
    if (!cached || cached.expires < Date.now() + 60_000) cached = await mint();
    return cached.token;
  };
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}, call: { timeoutMs?: number } = {}) {
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${await bearer()}`,
          },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(call.timeoutMs ?? opts.timeoutMs ?? 30_000),
        });
      } catch (err) {
        throw new DomainError('GRAPH_UNAVAILABLE', `无法访问数据网关：${(err as Error).message}`);
      }
      const text = await res.text();
      let body: GraphResult<T>;
      try {
        body = JSON.parse(text);
      } catch {
        throw new DomainError('GRAPH_UNAVAILABLE', `数据网关返回了无法解析的响应（HTTP ${res.status}）`);
      }
      if (!body.data && body.errors?.length) {
        const first = body.errors[0];
        throw new DomainError(first.extensions?.code ?? 'GRAPH_ERROR', `数据网关查询失败：${first.message}`, {
          errors: body.errors,
        });
      }
      return body;
    },
  };
}
