import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { canSeeEventScope, envReader, liveEventsChannel, isRegionCode, regionPrefix, type AuthUser, type Logger, type TokenVerifier } from '@leifeng/kit';
import {
  extendSchema,
  GraphQLError,
  Kind,
  parse,
  print,
  visit,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from './context';
import { LiveEventSource, type LiveMessage } from './live-events';

const SUBSCRIPTION_SDL = `
type Subscription {
  "Live review events (review.*, title.*, rectification.*, inspection.*) in the subscriber's scope. After \`after\` (an event id), missed events come first."
  reviewEvents(filter: ReviewEventFilter, after: ID): LoggedEvent!
}
extend schema { subscription: Subscription }`;
const DEFAULT_TYPES = /^(review|title|rectification|inspection)\./;
const CATCH_UP_PAGE = 200;

interface Filter {
  types?: string[] | null;
  stationId?: string | null;
  regionCode?: string | null;
}

interface WsContext extends GatewayContext {
  user: AuthUser;
}

export function matches(m: LiveMessage, f: Filter, user: AuthUser): boolean {
  if (f.types?.length ? !f.types.includes(m.type) : !DEFAULT_TYPES.test(m.type)) return false;
  if (f.stationId && m.stationId !== f.stationId) return false;
  if (f.regionCode && !(m.regionCode && isRegionCode(f.regionCode) && m.regionCode.startsWith(regionPrefix(f.regionCode)))) return false;
  return canSeeEventScope(user, m);
}

/** Runs a query through the gateway itself, as the subscriber (same token forwarded to subgraphs). */
async function run(apollo: ApolloServer<GatewayContext>, ctx: WsContext, query: string, variables: Record<string, unknown>) {
  const res = await apollo.executeOperation({ query, variables }, { contextValue: { ...ctx } });
  if (res.body.kind !== 'single') throw new GraphQLError('unexpected incremental result');
  return res.body.singleResult;
}

/** The subscriber's selection on reviewEvents, re-rooted at Query.event(id) so federated fields resolve like any query. */
function payloadQuery(info: GraphQLResolveInfo): { query: string; variables: Record<string, unknown> } {
  const selection = info.fieldNodes[0].selectionSet!;
  const fragments = new Map<string, FragmentDefinitionNode>(Object.entries(info.fragments));
  const usedFragments = new Set<string>();
  const usedVars = new Set<string>();
  const walk = (node: unknown) =>
    visit(node as never, {
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
    } as never);
  walk(selection);
  const defs = (info.operation.variableDefinitions ?? []).filter((d: VariableDefinitionNode) => usedVars.has(d.variable.name.value));
  const query = [
    `query ReviewEventPayload($__eventId: ID!${defs.map((d) => `, ${print(d)}`).join('')}) { event(id: $__eventId) ${print(selection)} }`,
    ...[...usedFragments].map((n) => fragments.get(n)).filter(Boolean).map((f) => print(f!)),
  ].join('\n');
  const variables: Record<string, unknown> = {};
  for (const v of usedVars) variables[v] = info.variableValues[v];
  return { query, variables };
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
 * the notifications worker), are filtered by the subscriber's scope, and each payload is resolved by
 * running the subscriber's selection through the gateway as a query.
 */
export async function attachSubscriptions(opts: {
  httpServer: Server;
  apollo: ApolloServer<GatewayContext>;
  apiSchema: () => GraphQLSchema;
  verifier: TokenVerifier;
  logger: Logger;
  env: Record<string, string | undefined>;
}): Promise<Subscriptions> {
  const r = envReader(opts.env);
  const redisUrl = r.url('REDIS_URL', { devDefault: 'redis://127.0.0.1:6379', protocols: ['redis', 'rediss'] });
  const prefix = r.string('BULLMQ_PREFIX', { default: 'leifeng' });
  r.done();
  const source = new LiveEventSource(redisUrl, liveEventsChannel(prefix), opts.logger);
  await source.start();

  let built: { api: GraphQLSchema; schema: GraphQLSchema } | undefined;
  const schema = () => {
    const api = opts.apiSchema();
    if (built?.api === api) return built.schema;
    const s = extendSchema(api, parse(SUBSCRIPTION_SDL));
    const field = s.getSubscriptionType()!.getFields().reviewEvents;
    field.subscribe = (_root, args: { filter?: Filter; after?: string }, ctx: WsContext) => events(ctx, args.filter ?? {}, args.after);
    field.resolve = async (payload: LiveMessage, _args, ctx: WsContext, info) => {
      const { query, variables } = payloadQuery(info);
      const result = await run(opts.apollo, ctx, query, { ...variables, __eventId: payload.id });
      if (result.errors?.length && !(result.data as { event?: unknown })?.event) throw new GraphQLError(result.errors[0].message, { extensions: result.errors[0].extensions });
      return (result.data as { event: unknown }).event;
    };
    built = { api, schema: s };
    return s;
  };

  async function* events(ctx: WsContext, filter: Filter, after?: string): AsyncGenerator<LiveMessage> {
    const queue = channel<LiveMessage>();
    // Listen first, then catch up, so nothing published meanwhile is lost; duplicates are skipped by id.
    const stop = source.listen((m) => {
      if (matches(m, filter, ctx.user)) queue.push(m);
    });
    const seen = new Set<string>();
    try {
      if (after) {
        let cursor = after;
        for (;;) {
          const res = await run(opts.apollo, ctx, `query($after: ID!, $filter: ReviewEventFilter, $first: Int) { reviewEventsAfter(after: $after, filter: $filter, first: $first) { id type regionCode station { id } } }`, {
            after: cursor,
            filter,
            first: CATCH_UP_PAGE,
          });
          if (res.errors?.length) throw new GraphQLError(res.errors[0].message, { extensions: res.errors[0].extensions });
          const page = (res.data as { reviewEventsAfter: { id: string; type: string; regionCode: string | null; station: { id: string } | null }[] }).reviewEventsAfter;
          for (const e of page) {
            seen.add(e.id);
            yield { id: e.id, seq: '', type: e.type, stationId: e.station?.id ?? null, regionCode: e.regionCode };
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

  const wss = new WebSocketServer({ server: opts.httpServer, path: '/graphql' });
  const disposable = useServer<{ authorization?: string; Authorization?: string }, { ctx?: WsContext }>(
    {
      schema: () => schema(),
      onConnect: async (c) => {
        const header = c.connectionParams?.authorization ?? c.connectionParams?.Authorization;
        const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
        if (!token) return false;
        try {
          const user = await opts.verifier.verify(token);
          c.extra.ctx = { user, requestId: `ws-${Date.now().toString(36)}`, logger: opts.logger.child({ sub: user.sub }), authorization: `Bearer ${token}` };
          return true;
        } catch {
          return false;
        }
      },
      context: (c) => c.extra.ctx!,
      onSubscribe: (_c, _id, payload) => {
        const doc = parse(payload.query);
        const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!payload.operationName || d.name?.value === payload.operationName));
        if (!op || op.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'subscription') {
          return [new GraphQLError('WebSocket 连接只用于订阅；查询和变更请使用 HTTP', { extensions: { code: 'BAD_REQUEST' } })];
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
