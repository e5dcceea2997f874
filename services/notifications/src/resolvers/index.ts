import { DateTimeScalar, DomainError, forbidden, requireUser } from '@leifeng/kit';
import { GraphQLScalarType } from 'graphql';
import type { NotificationsContext } from '../context';
import type { EventLogEntity } from '../db/event-log.entity';
import { canSeeEvent, MAX_EVENTS_PAGE, type EventFilter } from '../domain/event-log';

type Ctx = NotificationsContext;

const JSONScalar = new GraphQLScalarType({ name: 'JSON', serialize: (v) => v });

export const resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: {
    events: async (_: unknown, args: { filter?: EventFilter; first?: number; after?: string }, ctx: Ctx) => {
      const page = await ctx.eventLog.list(ctx.user, args.filter ?? {}, args.first ?? 20, args.after);
      const last = page.events[page.events.length - 1];
      return {
        edges: page.events.map((node) => ({ cursor: node.seq, node })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? last.seq : null },
      };
    },
  },
  LoggedEvent: {
    id: (e: EventLogEntity) => e.eventId,
    station: (e: EventLogEntity) => (e.stationId ? { __typename: 'Station', id: e.stationId } : null),
  },
  Station: {
    recentEvents: async (station: { id: string }, { first = 10 }: { first?: number }, ctx: Ctx) => {
      requireUser(ctx.user);
      if (!Number.isInteger(first) || first < 0 || first > MAX_EVENTS_PAGE) {
        throw new DomainError('INVALID_PAGE_SIZE', `每页数量应为 0–${MAX_EVENTS_PAGE}`, { field: 'first' });
      }
      const events = await ctx.recentEvents.load(`${first}:${station.id}`);
      if (events.length && !events.every((e) => canSeeEvent(ctx.user, e))) throw forbidden('只能查看本站点或所辖地区的事件');
      return events;
    },
  },
};
