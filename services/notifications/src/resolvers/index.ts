import { DateTimeScalar, pageSize, stationRef } from '@leifeng/kit';
import { GraphQLScalarType } from 'graphql';
import { MAX_ANNOUNCEMENTS_PAGE } from '../services/announcement-service';
import type { Resolvers } from '../generated/resolvers';

const JSONScalar = new GraphQLScalarType({ name: 'JSON', serialize: (v) => v });

const stationOrNull = (id: string | null) => (id ? stationRef(id) : null);

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: {
    events: async (_, args, ctx) => {
      const page = await ctx.eventLog.list(ctx.user, args.filter ?? {}, args.first ?? 20, args.after);
      const last = page.events[page.events.length - 1];
      return {
        edges: page.events.map((node) => ({ cursor: node.seq, node })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: last ? last.seq : null,
        },
      };
    },
    event: (_, { id }, ctx) => ctx.eventLog.byId(ctx.user, id),
    reviewEventsAfter: (_, args, ctx) =>
      ctx.eventLog.reviewEventsAfter(ctx.user, args.after, args.filter ?? {}, args.first ?? 100),
    announcement: (_, { id }, ctx) => ctx.announcements.byId(id),
    smsMessages: (_, { filter, first = 20 }, ctx) => ctx.sms.list(ctx.user, filter ?? {}, first),
    bulkSms: (_, { id }, ctx) => ctx.bulkSms.byId(ctx.user, id),
    webhookEndpoints: (_, __, ctx) => ctx.webhooks.list(ctx.user),
    agencyScope: (_, a, ctx) => ctx.agencyScopes.read(ctx.user, a.agencyId),
    webhookDeliveries: (_, a, ctx) => ctx.webhooks.deliveries(ctx.user, a.endpointId, !!a.missedOnly, a.first ?? 50),
  },
  Mutation: {
    createAnnouncement: (_, { input }, ctx) =>
      ctx.announcements.create(
        ctx.user,
        {
          ...input,
          publishFrom: input.publishFrom ?? null,
          publishUntil: input.publishUntil ?? null,
        },
        ctx.requestId,
      ),
    withdrawAnnouncement: (_, { id }, ctx) => ctx.announcements.withdraw(ctx.user, id, ctx.requestId),
    setAgencyScope: (_, a, ctx) => ctx.agencyScopes.set(ctx.user, a.agencyId, a.input),
    createWebhookEndpoint: (_, { input }, ctx) => ctx.webhooks.create(ctx.user, input),
    rotateWebhookSecret: (_, { id, secret }, ctx) => ctx.webhooks.rotate(ctx.user, id, secret),
    enableWebhookEndpoint: (_, { id }, ctx) => ctx.webhooks.setEnabled(ctx.user, id, true),
    disableWebhookEndpoint: (_, { id }, ctx) => ctx.webhooks.setEnabled(ctx.user, id, false),
    updateWebhookEndpoint: (_, { id, input }, ctx) => ctx.webhooks.update(ctx.user, id, input),
    sendBulkSms: (_, { input }, ctx) => ctx.bulkSms.create(ctx.user, input),
    replayWebhookEvent: (_, a, ctx) => ctx.webhooks.replayDelivery(ctx.user, a.endpointId, a.eventId),
    recordSmsOptOut: (_, { phone }, ctx) => ctx.sms.recordOptOut(ctx.user, phone),
  },
  LoggedEvent: {
    id: (e) => e.eventId,
    station: (e) => stationOrNull(e.stationId),
  },
  Announcement: {
    station: (a) => stationOrNull(a.stationId),
    author: (a) => a.authorSub,
  },
  SmsMessage: {
    eventId: (r) => r.event_id,
    recipientKind: (r) => r.recipient_kind,
    phone: (r) => r.phone_masked,
    station: (r) => stationOrNull(r.station_id),
    lastError: (r) => r.last_error,
    deferredUntil: (r) => r.deferred_until,
    sentAt: (r) => r.sent_at,
    deliveredAt: (r) => r.delivered_at,
    createdAt: (r) => r.created_at,
  },
  WebhookEndpoint: {
    previousSecretValidUntil: (e) => e.previousSecretUntil,
  },
  WebhookDelivery: {
    eventId: (r) => r.event_id,
    eventType: (r) => r.event_type,
    attemptCount: (r) => r.attempt_count,
    nextAttemptAt: (r) => r.next_attempt_at,
    succeededAt: (r) => r.succeeded_at,
    createdAt: (r) => r.created_at,
    attempts: (r, _, ctx) => ctx.loaders.webhookAttempts.load(r.id),
  },
  WebhookAttempt: {
    statusCode: (r) => r.status_code,
    latencyMs: (r) => r.latency_ms,
    responseExcerpt: (r) => r.response_excerpt,
    attemptedAt: (r) => r.attempted_at,
  },
  BulkSms: {
    regionCode: (r) => r.region_code,
    recipientCount: (r) => r.recipient_count,
    createdAt: (r) => r.created_at,
    statusCounts: (r, _, ctx) => ctx.bulkSms.statusCounts(r.id),
  },
  Region: {
    announcements: (region, { first = 10 }, ctx) =>
      ctx.announcements.currentForRegion(region.code, pageSize(first, MAX_ANNOUNCEMENTS_PAGE)),
  },
  Station: {
    recentEvents: (station, { first = 10 }, ctx) =>
      ctx.eventLog.recentForStation(ctx.user, first, (n) => ctx.loaders.recentEvents.load(`${n}:${station.id}`)),
    announcements: (station, { first = 10, includeExpired = false }, ctx) =>
      ctx.loaders.stationAnnouncements.load(
        `${pageSize(first, MAX_ANNOUNCEMENTS_PAGE)}:${includeExpired}:${station.id}`,
      ),
    announcementStats: (station, { year }, ctx) =>
      ctx.announcements.stationStats(year, (y) => ctx.loaders.announcementStats.load(`${y}:${station.id}`)),
  },
};
