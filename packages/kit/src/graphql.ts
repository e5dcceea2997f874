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
  /** The end client's address (sign-in limits): set by the gateway, see clientIpOf. */
  clientIp?: string;
}

interface CodedError {
  name: string;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

function isDomainError(err: unknown): err is CodedError {
  return (
    !!err &&
    typeof err === 'object' &&
    (err as CodedError).name === 'DomainError' &&
    typeof (err as CodedError).code === 'string'
  );
}

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401 };

/** Converts a domain error raised outside resolvers (e.g. while building context) for Apollo. */
export function toGraphQLError(err: unknown): unknown {
  if (!isDomainError(err)) return err;
  const status = HTTP_STATUS[err.code];
  return new GraphQLError(err.message, {
    extensions: {
      code: err.code,
      ...err.details,
      ...(status ? { http: { status } } : {}),
    },
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
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, ...original.details },
      };
    }
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
      logger?.error({ err: original, path: formatted.path }, 'unexpected error in resolver');
      if (isProduction)
        return {
          message: '服务器内部错误',
          path: formatted.path,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        };
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

const CLIENT_IP = /^[0-9A-Fa-f:.]{2,45}$/;

/**
 * The end client's address. At the gateway (`trustedProxyHops` given): the socket's peer, or with N
 * trusted proxies in front (an ingress), the address the Nth of them saw (X-Forwarded-For read from
 * the right, so a client cannot put its own value there). Behind the gateway (subgraphs, not reachable
 * from outside): the `x-client-ip` the gateway forwards, else the socket's peer.
 */
export function clientIpOf(req: IncomingMessage, trustedProxyHops?: number): string | undefined {
  const peer = req.socket?.remoteAddress?.replace(/^::ffff:/, '');
  if (trustedProxyHops === undefined) {
    const given = req.headers['x-client-ip'];
    const value = Array.isArray(given) ? given[0] : given;
    return value && CLIENT_IP.test(value) ? value : peer;
  }
  if (trustedProxyHops <= 0) return peer;
  const xff = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const hop = xff[xff.length - trustedProxyHops];
  return hop && CLIENT_IP.test(hop) ? hop : peer;
}

/** Verifies the bearer token (if any) and builds the per-request base context. */
export async function baseContext(
  req: IncomingMessage,
  verifier: TokenVerifier,
  logger: Logger,
  opts: { trustedProxyHops?: number } = {},
): Promise<RequestContext> {
  const requestId = requestIdOf(req);
  try {
    const user = await userFromAuthorization(verifier, req.headers.authorization);
    return {
      user,
      requestId,
      logger: logger.child({ requestId, sub: user?.sub }),
      clientIp: clientIpOf(req, opts.trustedProxyHops),
    };
  } catch (err) {
    throw toGraphQLError(err);
  }
}
