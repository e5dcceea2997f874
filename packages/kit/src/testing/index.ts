/**
 * Test harness: each test file gets its own databases and Redis key prefix, and starts real services
 * on random ports, so files run in parallel against one Postgres and one Redis.
 */
import type { Logger as TypeOrmLogger } from 'typeorm';

export * from './env';
export * from './services';

declare const resultType: unique symbol;

/**
 * A query text that carries the shape of its `data`: `gql` (and helpers that take `TypedQuery<T>`) infer `T`
 * from it, so a query shared by several tests is typed once where it is written. A plain string is one too.
 */
export type TypedQuery<T> = string & { readonly [resultType]?: T };

/** Names the `data` shape of a query text (no runtime effect). */
export const typedQuery = <T>(text: string): TypedQuery<T> => text;

export interface GqlResponse<T = unknown> {
  status: number;
  data?: T;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; [k: string]: unknown };
  }[];
}

export async function gql<T = unknown>(
  url: string,
  query: TypedQuery<T>,
  variables: Record<string, unknown> = {},
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T; errors?: GqlResponse['errors'] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 300)}`);
  }
  return {
    status: res.status,
    data: body.data ?? undefined,
    errors: body.errors,
  };
}

/** The `data` of a request that must succeed: throws with the errors (or the missing data) otherwise. */
export async function gqlData<T = unknown>(
  url: string,
  query: TypedQuery<T>,
  variables: Record<string, unknown> = {},
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<T> {
  const res = await gql(url, query, variables, opts);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  if (res.data === undefined) throw new Error(`no data (HTTP ${res.status}) for ${query}`);
  return res.data;
}

/** Counts SQL statements a data source sends: the N+1 guard. */
export class StatementCounter implements TypeOrmLogger {
  statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  reset(): void {
    this.statements = [];
  }
  /** Statements other than transaction control. */
  get count(): number {
    return this.statements.filter((s) => !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(s.trim())).length;
  }
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
export * from './private-redis';
