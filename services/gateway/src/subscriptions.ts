import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  canSeeEventScope,
  envReader,
  Gauge,
  hasRole,
  liveEventsChannel,
  isRegionCode,
  regionPrefix,
  visibilityKey,
  type AgencyScope,
  type AuthUser,
  type Logger,
  type Metrics,
  type TokenVerifier,
} from '@leifeng/kit';
import {
  defaultFieldResolver,
  extendSchema,
  GraphQLError,
  isObjectType,
  Kind,
  parse,
  print,
  visit,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from './context';
import { LiveEventSource, type LiveMessage } from './live-events';
import { deepFreeze, readsCallerIdentity, SharedRuns } from './payload-sharing';
import { SUBSCRIPTION_SDL } from './subscription-sdl';

const DEFAULT_TYPES = /^(review|title|rectification|inspection)\./;
const CATCH_UP_PAGE = 200;
/** How long a clean shared payload still serves subscribers that reach the same event a little later. */
const SHARE_LINGER_MS = 2000;
/** A token this close to expiry neither leads nor joins a shared run (the leader's token must outlive the run). */
const SHARE_MIN_VALIDITY_MS = 60_000;
/** An agency subscriber's scope (kept by notifications) is read at subscribe time and again when older than this. */
const AGENCY_SCOPE_REFRESH_MS = 30_000;

interface Filter {
  types?: string[] | null;
  stationId?: string | null;
  regionCode?: string | null;
}

interface WsContext extends GatewayContext {
  user: AuthUser;
  /** The token's `exp` in ms, when it has one. */
  tokenExpiresAt?: number;
}

type PayloadResult = Awaited<ReturnType<typeof run>>;

function matches(m: LiveMessage, f: Filter, user: AuthUser, agencyScope?: AgencyScope | null): boolean {
  if (f.types?.length ? !f.types.includes(m.type) : !DEFAULT_TYPES.test(m.type)) return false;
  if (f.stationId && m.stationId !== f.stationId) return false;
  if (
    f.regionCode &&
    !(m.regionCode && isRegionCode(f.regionCode) && m.regionCode.startsWith(regionPrefix(f.regionCode)))
  )
    return false;
  return canSeeEventScope(user, m, agencyScope);
}

/** Runs a query through the gateway itself, as the subscriber (same token forwarded to subgraphs). */
async function run(
  apollo: ApolloServer<GatewayContext>,
  ctx: WsContext,
  query: string,
  variables: Record<string, unknown>,
) {
  const res = await apollo.executeOperation({ query, variables }, { contextValue: { ...ctx } });
  if (res.body.kind !== 'single') throw new GraphQLError('unexpected incremental result');
  return res.body.singleResult;
}

interface PayloadPlan {
  query: string;
  /** The subscription's variables the selection uses. */
  usedVars: string[];
  /** The selection reaches a field whose answer depends on who the caller is (see payload-sharing.ts). */
  readsIdentity: boolean;
}

/** Per subscription operation: built on its first event, reused for the next ones. */
const plans = new WeakMap<OperationDefinitionNode, PayloadPlan>();

function payloadPlan(info: GraphQLResolveInfo): PayloadPlan {
  let plan = plans.get(info.operation);
  if (!plan) {
    const { query, usedVars } = payloadQuery(info);
    plan = {
      query,
      usedVars,
      readsIdentity: readsCallerIdentity(info.schema, parse(query)),
    };
    plans.set(info.operation, plan);
  }
  return plan;
}

/** The subscriber's selection on reviewEvents, re-rooted at Query.event(id) so federated fields resolve like any query. */
function payloadQuery(info: GraphQLResolveInfo): {
  query: string;
  usedVars: string[];
} {
  // `reviewEvents { id } reviewEvents { type }` is one field in two nodes: their selections merge.
  const selection: SelectionSetNode = {
    kind: Kind.SELECTION_SET,
    selections: info.fieldNodes.flatMap((n) => n.selectionSet?.selections ?? []),
  };
  const fragments = new Map<string, FragmentDefinitionNode>(Object.entries(info.fragments));
  const usedFragments = new Set<string>();
  const usedVars = new Set<string>();
  const walk = (node: unknown) =>
    visit(
      node as never,
      {
        FragmentSpread(n: { name: { value: string } }) {
          if (!usedFragments.has(n.name.value)) {
            usedFragments.add(n.name.value);
            const f = fragments.get(n.name.value);
            if (f) walk(f);
          }
        },
        Variable(n: { name: { value: string } }) {
          usedVars.add(n.name.value);
        },
      } as never,
    );
  walk(selection);
  const defs = (info.operation.variableDefinitions ?? []).filter((d: VariableDefinitionNode) =>
    usedVars.has(d.variable.name.value),
  );
  const query = [
    `query ReviewEventPayload($__eventId: ID!${defs.map((d) => `, ${print(d)}`).join('')}) { event(id: $__eventId) ${print(selection)} }`,
    ...[...usedFragments]
      .map((n) => fragments.get(n))
      .filter(Boolean)
      .map((f) => print(f!)),
  ].join('\n');
  return { query, usedVars: [...usedVars] };
}

/**
 * Objects of resolved payloads (the `data` of payload queries). They are keyed by response key
 * (aliases), so the subscription's own execution reads them by key, not by field name.
 */
const resolvedPayloads = new WeakSet<object>();

function markResolved(value: unknown): void {
  if (value && typeof value === 'object' && !resolvedPayloads.has(value)) {
    resolvedPayloads.add(value);
    for (const v of Object.values(value)) markResolved(v);
  }
}

/**
 * Below reviewEvents the subscription's execution walks an already resolved payload, keyed by the
 * subscriber's response keys: each field reads its value by key, not by field name. That covers
 * aliases, one field asked twice with different arguments, and fields merged from fragments (the
 * keys are the same in both executions). A resolver per field, not execute's `fieldResolver`: Apollo
 * Server wraps every field of the API schema in its plugin resolver (copied here), which would win over it.
 */
function readResolvedByKey(schema: GraphQLSchema): void {
  const root = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type === root || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const own = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx, info) =>
        source !== null && typeof source === 'object' && resolvedPayloads.has(source)
          ? (source as Record<string, unknown>)[info.path.key]
          : own(source, args, ctx, info);
    }
  }
}

/** The token's expiry from its (already verified) payload; undefined when it has none. */
function tokenExpiry(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A queue that live messages are pushed into and the subscription iterates. */
function channel<T>() {
  const items: T[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  return {
    push(v: T) {
      items.push(v);
      wake?.();
    },
    close() {
      closed = true;
      wake?.();
    },
    async next(): Promise<T | undefined> {
      while (!items.length && !closed) await new Promise<void>((r) => (wake = r));
      wake = null;
      return items.shift();
    },
  };
}

export interface Subscriptions {
  close(): Promise<void>;
}

/**
 * graphql-ws on the gateway's own http server and path (/graphql). @apollo/gateway cannot execute
 * subscriptions, so the subscription root lives here: events come from Redis pub/sub (published by
 * the notifications worker), are filtered by the subscriber's scope (`matches`, O(1) per subscriber
 * and event), and each payload is resolved by running the subscriber's selection through the gateway
 * as a query with the subscriber's token, so the subgraphs authorize it as usual.
 *
 * Subscribers resolving the same event share that query when sharing cannot change what they get:
 * same event id, same printed query and variables, same visibility key — kit `visibilityKey` (every
 * scope claim: roles, regionCode, stationId, agencyId; not `sub`, and the subgraphs never see
 * iat/exp/jti as anything but token validity), plus `sub` when the selection reaches a type whose
 * answer depends on who asks (payload-sharing.ts: Volunteer and what lies under it). The run uses the
 * first sharer's token; tokens within SHARE_MIN_VALIDITY_MS of expiry run alone, so an expired
 * leader cannot fail the others. Everyone gets the same deep-frozen result (graphql-ws serialises it
 * per client) or the same error. Entries live while in flight, clean ones SHARE_LINGER_MS longer for
 * subscribers a little behind; cost per event scales with distinct (selection, visibility) groups.
 */
export async function attachSubscriptions(opts: {
  httpServer: Server;
  apollo: ApolloServer<GatewayContext>;
  apiSchema: () => GraphQLSchema;
  verifier: TokenVerifier;
  logger: Logger;
  env: Record<string, string | undefined>;
  metrics?: Metrics;
}): Promise<Subscriptions> {
  const r = envReader(opts.env);
  const redisUrl = r.url('REDIS_URL', {
    devDefault: 'redis://127.0.0.1:6379',
    protocols: ['redis', 'rediss'],
  });
  const prefix = r.string('BULLMQ_PREFIX', { default: 'leifeng' });
  r.done();
  const source = new LiveEventSource(redisUrl, liveEventsChannel(prefix), opts.logger);
  await source.start();
  if (opts.metrics) {
    new Gauge({
      name: 'gateway_live_subscriptions',
      help: 'reviewEvents subscriptions open on this gateway',
      registers: [opts.metrics.registry],
      collect() {
        this.set(source.listenerCount);
      },
    });
  }

  // One execution per (event, payload query + variables, visibility) among the subscribers that
  // resolve the event at about the same time; see the comment on attachSubscriptions.
  const payloads = new SharedRuns<PayloadResult>({
    lingerMs: SHARE_LINGER_MS,
    keep: (r) => !r.errors?.length,
  });
  const mayShare = (ctx: WsContext) =>
    ctx.tokenExpiresAt === undefined || ctx.tokenExpiresAt - Date.now() > SHARE_MIN_VALIDITY_MS;
  const sharingKey = (plan: PayloadPlan, variables: Record<string, unknown>, user: AuthUser) =>
    JSON.stringify([plan.query, variables, visibilityKey(user), plan.readsIdentity ? user.sub : null]);

  let built: { api: GraphQLSchema; schema: GraphQLSchema } | undefined;
  const schema = () => {
    const api = opts.apiSchema();
    if (built?.api === api) return built.schema;
    // extendSchema copies every type and field, so this does not touch the schema Apollo executes with.
    const s = extendSchema(api, parse(SUBSCRIPTION_SDL));
    readResolvedByKey(s);
    const field = s.getSubscriptionType()!.getFields().reviewEvents;
    field.subscribe = (_root, args: { filter?: Filter; after?: string }, ctx: WsContext) =>
      events(ctx, args.filter ?? {}, args.after);
    field.resolve = async (payload: LiveMessage, _args, ctx: WsContext, info) => {
      const plan = payloadPlan(info);
      const variables: Record<string, unknown> = { __eventId: payload.id };
      for (const v of plan.usedVars) variables[v] = info.variableValues[v];
      const execute = async () => {
        const result = deepFreeze(await run(opts.apollo, ctx, plan.query, variables));
        markResolved(result.data);
        return result;
      };
      const result = mayShare(ctx)
        ? await payloads.run(sharingKey(plan, variables, ctx.user), execute).result
        : await execute();
      if (result.errors?.length && !(result.data as { event?: unknown })?.event)
        throw new GraphQLError(result.errors[0].message, {
          extensions: result.errors[0].extensions,
        });
      return (result.data as { event: unknown }).event;
    };
    built = { api, schema: s };
    return s;
  };

  /**
   * The subscription's event stream. graphql-ws ends it with `return()` when the client leaves, but
   * an async generator handles that only at its next `yield`: for a subscriber whose filter matches
   * nothing for days, its listener would stay until then. Closing the queue first wakes the waiting
   * `next()`, so the generator ends (and unsubscribes) at once.
   */
  function events(ctx: WsContext, filter: Filter, after?: string): AsyncIterableIterator<LiveMessage> {
    const queue = channel<LiveMessage>();
    const stream = eventStream(queue, ctx, filter, after);
    return {
      next: () => stream.next(),
      return: (value?: unknown) => {
        queue.close();
        return stream.return(value as never);
      },
      throw: (err?: unknown) => {
        queue.close();
        return stream.throw(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** The subscribing agency's scope from notifications (null: none set, so it sees nothing). */
  async function agencyScopeOf(ctx: WsContext): Promise<AgencyScope | null> {
    const res = await run(
      opts.apollo,
      ctx,
      `query AgencyScopeOfSubscriber { agencyScope { regionCodes eventTypes } }`,
      {},
    );
    if (res.errors?.length)
      throw new GraphQLError(res.errors[0].message, {
        extensions: res.errors[0].extensions,
      });
    return (res.data as { agencyScope: AgencyScope | null }).agencyScope;
  }

  async function* eventStream(
    queue: ReturnType<typeof channel<LiveMessage>>,
    ctx: WsContext,
    filter: Filter,
    after?: string,
  ): AsyncGenerator<LiveMessage> {
    // Agencies see only their scope: read it before the first event, and again every
    // AGENCY_SCOPE_REFRESH_MS (a narrowed scope also takes effect at once in each payload's
    // Query.event, which notifications answers within the current scope).
    const isAgency = hasRole(ctx.user, 'AGENCY') && !hasRole(ctx.user, 'SERVICE', 'INSPECTOR');
    let scope = isAgency ? await agencyScopeOf(ctx) : null;
    let scopeReadAt = Date.now();
    const refreshScope = () => {
      if (!isAgency || Date.now() - scopeReadAt < AGENCY_SCOPE_REFRESH_MS) return;
      scopeReadAt = Date.now();
      agencyScopeOf(ctx).then(
        (s) => (scope = s),
        (err) => ctx.logger.warn({ err: (err as Error).message }, 'reviewEvents: agency scope not refreshed'),
      );
    };
    // Listen first, then catch up, so nothing published meanwhile is lost; duplicates are skipped by id.
    const stop = source.listen((m) => {
      refreshScope();
      if (matches(m, filter, ctx.user, scope)) queue.push(m);
    });
    const seen = new Set<string>();
    try {
      if (after) {
        let cursor = after;
        for (;;) {
          const res = await run(
            opts.apollo,
            ctx,
            `query($after: ID!, $filter: ReviewEventFilter, $first: Int) { reviewEventsAfter(after: $after, filter: $filter, first: $first) { id type regionCode station { id } } }`,
            {
              after: cursor,
              filter,
              first: CATCH_UP_PAGE,
            },
          );
          if (res.errors?.length)
            throw new GraphQLError(res.errors[0].message, {
              extensions: res.errors[0].extensions,
            });
          const page = (
            res.data as {
              reviewEventsAfter: {
                id: string;
                type: string;
                regionCode: string | null;
                station: { id: string } | null;
              }[];
            }
          ).reviewEventsAfter;
          for (const e of page) {
            seen.add(e.id);
            yield {
              id: e.id,
              seq: '',
              type: e.type,
              stationId: e.station?.id ?? null,
              regionCode: e.regionCode,
            };
          }
          if (page.length < CATCH_UP_PAGE) break;
          cursor = page[page.length - 1].id;
        }
      }
      for (;;) {
        const m = await queue.next();
        if (!m) return;
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        yield m;
      }
    } finally {
      stop();
      queue.close();
    }
  }

  const wss = new WebSocketServer({
    server: opts.httpServer,
    path: '/graphql',
  });
  const disposable = useServer<{ authorization?: string; Authorization?: string }, { ctx?: WsContext }>(
    {
      schema: () => schema(),
      onConnect: async (c) => {
        const header = c.connectionParams?.authorization ?? c.connectionParams?.Authorization;
        const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
        if (!token) return false;
        try {
          const user = await opts.verifier.verify(token);
          c.extra.ctx = {
            user,
            requestId: `ws-${Date.now().toString(36)}`,
            logger: opts.logger.child({ sub: user.sub }),
            authorization: `Bearer ${token}`,
            tokenExpiresAt: tokenExpiry(token),
          };
          return true;
        } catch {
          return false;
        }
      },
      context: (c) => c.extra.ctx!,
      onSubscribe: (_c, _id, payload) => {
        const doc = parse(payload.query);
        const op = doc.definitions.find(
          (d) =>
            d.kind === Kind.OPERATION_DEFINITION && (!payload.operationName || d.name?.value === payload.operationName),
        );
        if (!op || op.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'subscription') {
          return [
            new GraphQLError('WebSocket 连接只用于订阅；查询和变更请使用 HTTP', {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        return undefined;
      },
    },
    wss,
  );
  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await source.close();
    },
  };
}
