import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { AuthUser, TokenVerifier } from './auth';
import { userFromAuthorization } from './auth';
import type { Logger } from './logger';

export interface RequestContext {
  user?: AuthUser;
  requestId: string;
  logger: Logger;
}

interface CodedError {
  name: string;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

function isDomainError(err: unknown): err is CodedError {
  return !!err && typeof err === 'object' && (err as CodedError).name === 'DomainError' && typeof (err as CodedError).code === 'string';
}

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401 };

/** Converts a domain error raised outside resolvers (e.g. while building context) for Apollo. */
export function toGraphQLError(err: unknown): unknown {
  if (!isDomainError(err)) return err;
  const status = HTTP_STATUS[err.code];
  return new GraphQLError(err.message, {
    extensions: { code: err.code, ...err.details, ...(status ? { http: { status } } : {}) },
  });
}

/**
 * Domain errors keep their stable code and Chinese message. Anything unexpected is masked in
 * production so internals (SQL, stack traces) never reach a client.
 */
export function formatError(isProduction: boolean, logger?: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (isDomainError(original)) {
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { code: original.code, ...original.details } };
    }
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
      logger?.error({ err: original, path: formatted.path }, 'unexpected error in resolver');
      if (isProduction) return { message: '服务器内部错误', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return formatted;
  };
}

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  // Accept a caller's id only when it is short and plain, so logs cannot be forged.
  return value && /^[A-Za-z0-9._-]{1,100}$/.test(value) ? value : randomUUID();
}

/** Verifies the bearer token (if any) and builds the per-request base context. */
export async function baseContext(req: IncomingMessage, verifier: TokenVerifier, logger: Logger): Promise<RequestContext> {
  const requestId = requestIdOf(req);
  try {
    const user = await userFromAuthorization(verifier, req.headers.authorization);
    return { user, requestId, logger: logger.child({ requestId, sub: user?.sub }) };
  } catch (err) {
    throw toGraphQLError(err);
  }
}
