import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Counter, type Metrics } from '@leifeng/kit';
import type { FormattedExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from './context';
import { deepFreeze } from './payload-sharing';

export interface PublicResponseCacheOptions {
  /** How long an anonymous answer may be reused; 0 switches the cache off. */
  ttlMs: number;
  /** Memory budget for cached answers, counted as the JSON length of key + answer (the objects take a few times that on the heap). */
  maxBytes: number;
  now?: () => number;
}

/**
 * Bounded, time-limited store of whole answers, least recently used evicted first: lru-cache with
 * `maxSize` (bytes as the caller counts them) and `ttl`.
 */
export class ResponseStore {
  private readonly cache: LRUCache<string, FormattedExecutionResult>;

  constructor(opts: PublicResponseCacheOptions) {
    const now = opts.now ?? Date.now;
    this.cache = new LRUCache({
      maxSize: opts.maxBytes,
      // lru-cache keeps an entry while its age is <= ttl; an answer is stale once ttlMs have passed.
      ttl: Math.max(1, opts.ttlMs - 1),
      // No cached reading of the clock between calls: the injected one (tests) moves by hand.
      ttlResolution: 0,
      perf: { now },
    });
  }

  get size(): number {
    return this.cache.size;
  }

  get usedBytes(): number {
    return this.cache.calculatedSize;
  }

  get(key: string): FormattedExecutionResult | undefined {
    return this.cache.get(key);
  }

  /** An answer larger than the whole budget is not kept, and the older answer for its key is dropped. */
  set(key: string, result: FormattedExecutionResult, bytes: number): void {
    this.cache.set(key, result, { size: bytes });
  }
}

/** The client asks for a fresh answer: Cache-Control no-cache / no-store / max-age=0, or Pragma: no-cache. */
function wantsFresh(headers: { get(name: string): string | undefined | null } | undefined): boolean {
  const control = headers?.get('cache-control') ?? '';
  return (
    /\b(no-cache|no-store)\b|\bmax-age\s*=\s*0\b/i.test(control) || /\bno-cache\b/i.test(headers?.get('pragma') ?? '')
  );
}

/** One key per operation text, operation name and variables. */
export function cacheKey(
  source: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): string {
  return `${operationName ?? ''}\n${JSON.stringify(variables ?? {})}\n${source}`;
}

/**
 * Reuses answers to ANONYMOUS queries for a few seconds. What an anonymous caller may see is the same
 * for every anonymous caller (each subgraph decides it from the token, and there is none), so the
 * answer to the same operation and variables can be shared between them without asking anyone's
 * permission again; the price is staleness of at most `ttlMs`. Requests that carry a token are
 * never read from or written to the cache: their answers may depend on who asks. Only complete
 * answers (data, no errors) of queries are kept; a client asking for a fresh answer (`Cache-Control:
 * no-cache`, `no-store`, `max-age=0`, `Pragma: no-cache`) skips the read (the fresh answer is still stored).
 */
export function publicResponseCachePlugin(
  opts: PublicResponseCacheOptions,
  metrics?: Metrics,
): ApolloServerPlugin<GatewayContext> & { store: ResponseStore } {
  const store = new ResponseStore(opts);
  const lookups = metrics
    ? new Counter({
        name: 'gateway_public_response_cache_total',
        help: 'Anonymous query answers served from (hit) or stored in (miss) the gateway cache',
        labelNames: ['result'],
        registers: [metrics.registry],
      })
    : undefined;
  return {
    store,
    async requestDidStart({ request, contextValue }): Promise<GraphQLRequestListener<GatewayContext> | void> {
      if (opts.ttlMs <= 0 || contextValue.user || request.http?.headers.get('authorization')) return;
      let key: string | undefined;
      let served = false;
      return {
        async responseForOperation(rc) {
          // No operation only if a plugin let an unresolvable document through (operation-guard.ts answers it 400).
          if (rc.operation?.operation !== 'query') return null;
          key = cacheKey(rc.source, rc.operationName, rc.request.variables);
          if (wantsFresh(rc.request.http?.headers)) return null;
          const result = store.get(key);
          if (!result) return null;
          served = true;
          lookups?.inc({ result: 'hit' });
          rc.response.http.headers.set('x-response-cache', 'hit');
          return {
            http: rc.response.http,
            body: { kind: 'single', singleResult: result },
          };
        },
        async willSendResponse(rc) {
          if (!key || served || rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          if (result.errors?.length || !result.data) return;
          lookups?.inc({ result: 'miss' });
          rc.response.http.headers.set('x-response-cache', 'miss');
          // Frozen all the way down: a shared answer must not be changed by a later request's plugins.
          store.set(key, deepFreeze({ ...result }), key.length + JSON.stringify(result).length);
        },
      };
    },
  };
}
