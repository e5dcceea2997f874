import { DateTimeScalar, DomainError, forbidden, hasRole, isMobilePhone, pageSize, requireUser } from '@leifeng/kit';
import { GraphQLScalarType } from 'graphql';
import type { Announcement } from '../announcements/announcement-service';
import { MAX_ANNOUNCEMENTS_PAGE } from '../announcements/announcement-service';
import type { NotificationsContext } from '../context';
import type { EventLogEntity } from '../db/event-log.entity';
import { canSeeEvent, MAX_EVENTS_PAGE, type EventFilter } from '../domain/event-log';
import { phoneHash } from '../sms/sms-sender';
import { listSms, type SmsFilter } from '../sms/sms-queries';
import type { WebhookEndpoint } from '../webhooks/endpoint-service';

type Ctx = NotificationsContext;

const JSONScalar = new GraphQLScalarType({ name: 'JSON', serialize: (v) => v });


const stationRef = (id: string | null) => (id ? { __typename: 'Station', id } : null);

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
    event: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.eventLog.byId(ctx.user, id),
    reviewEventsAfter: (_: unknown, args: { after: string; filter?: EventFilter; first?: number }, ctx: Ctx) =>
      ctx.eventLog.reviewEventsAfter(ctx.user, args.after, args.filter ?? {}, args.first ?? 100),
    announcement: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.announcements.byId(id),
    smsMessages: (_: unknown, { filter, first = 20 }: { filter?: SmsFilter; first?: number }, ctx: Ctx) => listSms(ctx.deps.ds, ctx.user, filter ?? {}, first),
    bulkSms: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.bulkSms.byId(ctx.user, id),
    webhookEndpoints: (_: unknown, __: unknown, ctx: Ctx) => ctx.webhooks.list(ctx.user),
    agencyScope: (_: unknown, a: { agencyId?: string | null }, ctx: Ctx) => ctx.agencyScopes.read(ctx.user, a.agencyId),
    webhookDeliveries: (_: unknown, a: { endpointId: string; missedOnly?: boolean; first?: number }, ctx: Ctx) =>
      ctx.webhooks.deliveries(ctx.user, a.endpointId, !!a.missedOnly, a.first ?? 50),
  },
  Mutation: {
    createAnnouncement: (_: unknown, { input }: { input: any }, ctx: Ctx) =>
      ctx.announcements.create(ctx.user, { ...input, publishFrom: input.publishFrom ?? null, publishUntil: input.publishUntil ?? null }, ctx.requestId),
    withdrawAnnouncement: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.announcements.withdraw(ctx.user, id, ctx.requestId),
    setAgencyScope: (_: unknown, a: { agencyId: string; input: { regionCodes: string[]; eventTypes: string[] } }, ctx: Ctx) =>
      ctx.agencyScopes.set(ctx.user, a.agencyId, a.input),
    createWebhookEndpoint: (_: unknown, { input }: { input: any }, ctx: Ctx) => ctx.webhooks.create(ctx.user, input),
    rotateWebhookSecret: (_: unknown, { id, secret }: { id: string; secret?: string | null }, ctx: Ctx) => ctx.webhooks.rotate(ctx.user, id, secret),
    enableWebhookEndpoint: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.webhooks.setEnabled(ctx.user, id, true),
    disableWebhookEndpoint: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.webhooks.setEnabled(ctx.user, id, false),
    updateWebhookEndpoint: (_: unknown, { id, input }: { id: string; input: any }, ctx: Ctx) => ctx.webhooks.update(ctx.user, id, input),
    sendBulkSms: (_: unknown, { input }: { input: any }, ctx: Ctx) => ctx.bulkSms.create(ctx.user, input),
    replayWebhookEvent: async (_: unknown, a: { endpointId: string; eventId: string }, ctx: Ctx) => {
      const { id } = await ctx.webhooks.replay(ctx.user, a.endpointId, a.eventId);
      const [row] = await ctx.deps.ds.query(`SELECT * FROM webhook_delivery WHERE id = $1`, [id]);
      return row;
    },
    recordSmsOptOut: async (_: unknown, { phone }: { phone: string }, ctx: Ctx) => {
      requireUser(ctx.user);
      if (!hasRole(ctx.user, 'SERVICE')) throw forbidden('仅限内部服务调用');
      if (!isMobilePhone(phone)) throw new DomainError('INVALID_PHONE', '手机号格式不正确');
      await ctx.deps.ds.query(`INSERT INTO sms_opt_out (phone_hash) VALUES ($1) ON CONFLICT DO NOTHING`, [phoneHash(phone, ctx.config.phoneHashKey)]);
      return true;
    },
  },
  LoggedEvent: {
    id: (e: EventLogEntity) => e.eventId,
    station: (e: EventLogEntity) => stationRef(e.stationId),
  },
  Announcement: {
    station: (a: Announcement) => stationRef(a.stationId),
    author: (a: Announcement) => a.authorSub,
  },
  SmsMessage: {
    eventId: (r: any) => r.event_id,
    recipientKind: (r: any) => r.recipient_kind,
    phone: (r: any) => r.phone_masked,
    station: (r: any) => stationRef(r.station_id),
    lastError: (r: any) => r.last_error,
    deferredUntil: (r: any) => r.deferred_until,
    sentAt: (r: any) => r.sent_at,
    deliveredAt: (r: any) => r.delivered_at,
    createdAt: (r: any) => r.created_at,
  },
  WebhookEndpoint: {
    previousSecretValidUntil: (e: WebhookEndpoint) => e.previousSecretUntil,
  },
  WebhookDelivery: {
    eventId: (r: any) => r.event_id,
    eventType: (r: any) => r.event_type,
    attemptCount: (r: any) => r.attempt_count,
    nextAttemptAt: (r: any) => r.next_attempt_at,
    succeededAt: (r: any) => r.succeeded_at,
    createdAt: (r: any) => r.created_at,
    attempts: (r: any, _: unknown, ctx: Ctx) => ctx.webhookAttempts.load(r.id),
  },
  WebhookAttempt: {
    statusCode: (r: any) => r.status_code,
    latencyMs: (r: any) => r.latency_ms,
    responseExcerpt: (r: any) => r.response_excerpt,
    attemptedAt: (r: any) => r.attempted_at,
  },
  BulkSms: {
    regionCode: (r: any) => r.region_code,
    recipientCount: (r: any) => r.recipient_count,
    createdAt: (r: any) => r.created_at,
    statusCounts: (r: any, _: unknown, ctx: Ctx) => ctx.bulkSms.statusCounts(r.id),
  },
  Region: {
    announcements: (region: { code: string }, { first = 10 }: { first?: number }, ctx: Ctx) =>
      ctx.announcements.currentForRegion(region.code, pageSize(first, MAX_ANNOUNCEMENTS_PAGE)),
  },
  Station: {
    recentEvents: async (station: { id: string }, { first = 10 }: { first?: number }, ctx: Ctx) => {
      requireUser(ctx.user);
      pageSize(first, MAX_EVENTS_PAGE);
      const events = await ctx.recentEvents.load(`${first}:${station.id}`);
      const scope = await ctx.callerScope();
      if (events.length && !events.every((e) => canSeeEvent(ctx.user, e, scope))) throw forbidden('只能查看本站点或所辖地区的事件');
      return events;
    },
    announcements: (station: { id: string }, { first = 10, includeExpired = false }: { first?: number; includeExpired?: boolean }, ctx: Ctx) =>
      ctx.stationAnnouncements.load(`${pageSize(first, MAX_ANNOUNCEMENTS_PAGE)}:${includeExpired}:${station.id}`),
    announcementStats: async (station: { id: string }, { year }: { year: number }, ctx: Ctx) => {
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('INVALID_YEAR', '年份应在 2000–2100 之间', { field: 'year' });
      const s = await ctx.announcementStats.load(`${year}:${station.id}`);
      return { year, publishedCount: s.publishedCount, monthsWithAnnouncement: s.months };
    },
  },
};
