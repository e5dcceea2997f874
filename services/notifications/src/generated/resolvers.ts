import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { StationRef as StationRefModel, RegionRef as RegionRefModel } from '@leifeng/kit';
import type { StoredAgencyScope as StoredAgencyScopeModel } from '../services/agency-scope-service';
import type { EventLogEntity as EventLogEntityModel } from '../db/event-log.entity';
import type { Announcement as AnnouncementModel } from '../services/announcement-service';
import type { SmsRow as SmsRowModel } from '../services/sms-service';
import type { BulkRow as BulkRowModel } from '../services/bulk-sms-service';
import type { WebhookEndpoint as WebhookEndpointModel, DeliveryRow as DeliveryRowModel, AttemptRow as AttemptRowModel } from '../services/webhook-endpoint-service';
import type { NotificationsContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant, ISO 8601. */
  DateTime: { input: Date; output: string | Date; }
  /** Arbitrary JSON (event payloads are thin: ids, types, times). */
  JSON: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** What a partner agency may see: its event log, reviewEvents, reviewEventsAfter and webhooks are limited to it. */
export type AgencyScope = {
  __typename?: 'AgencyScope';
  agencyId: Scalars['ID']['output'];
  /** Event types, e.g. title.revoked; * for every type. */
  eventTypes: Array<Scalars['String']['output']>;
  /** Regions (and everything under them). */
  regionCodes: Array<Scalars['String']['output']>;
  setAt: Scalars['DateTime']['output'];
  /** Subject of the admin who set it. */
  setBy: Scalars['String']['output'];
  /** That admin's region (null when set by an internal service). */
  setByRegion?: Maybe<Scalars['String']['output']>;
};

export type AgencyScopeInput = {
  /** 1–50 event types, or * for every type. */
  eventTypes: Array<Scalars['String']['input']>;
  /** 1–50 GB/T 2260 codes; each must lie in the admin's region. */
  regionCodes: Array<Scalars['String']['input']>;
};

export type Announcement = {
  __typename?: 'Announcement';
  /** Subject of the author, or 'system' for announcements made from events. */
  author: Scalars['String']['output'];
  body: Scalars['String']['output'];
  category: AnnouncementCategory;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  pinned: Scalars['Boolean']['output'];
  publishFrom: Scalars['DateTime']['output'];
  publishUntil?: Maybe<Scalars['DateTime']['output']>;
  regionCode: Scalars['String']['output'];
  sourceEventId?: Maybe<Scalars['ID']['output']>;
  station?: Maybe<Station>;
  title: Scalars['String']['output'];
  withdrawnAt?: Maybe<Scalars['DateTime']['output']>;
};

export type AnnouncementCategory =
  | 'ACTIVITY_RECRUITMENT'
  | 'NOTICE'
  | 'REVIEW_RESULT'
  | 'SERVICE_DEMAND'
  | 'TITLE_NEWS';

export type AnnouncementStats = {
  __typename?: 'AnnouncementStats';
  monthsWithAnnouncement: Array<Scalars['Int']['output']>;
  publishedCount: Scalars['Int']['output'];
  year: Scalars['Int']['output'];
};

export type BulkAudience =
  /** The leader (负责人) of every open station under the region. */
  | 'STATION_LEADERS'
  /** Current volunteers (role VOLUNTEER) of every open station under the region. */
  | 'VOLUNTEERS';

export type BulkSms = {
  __typename?: 'BulkSms';
  audience: BulkAudience;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  recipientCount?: Maybe<Scalars['Int']['output']>;
  regionCode: Scalars['String']['output'];
  /** PLANNED until the recipients are listed, then EXPANDED (messages queued) or FAILED. */
  status: Scalars['String']['output'];
  /** Messages of this send by status, e.g. { SENT: 120, DEFERRED: 3 }. */
  statusCounts: Scalars['JSON']['output'];
  template: Scalars['String']['output'];
};

export type BulkSmsInput = {
  audience: BulkAudience;
  /** The template's named parameters, e.g. { region: "长沙市", title: "…" }. */
  params: Scalars['JSON']['input'];
  regionCode: Scalars['String']['input'];
  /** REGION_NOTICE (notification) or VOLUNTEER_RECRUITMENT (marketing: 08:00–21:00, opt-out honoured). */
  template: Scalars['String']['input'];
};

export type CreateAnnouncementInput = {
  body: Scalars['String']['input'];
  category: AnnouncementCategory;
  pinned?: InputMaybe<Scalars['Boolean']['input']>;
  publishFrom?: InputMaybe<Scalars['DateTime']['input']>;
  publishUntil?: InputMaybe<Scalars['DateTime']['input']>;
  regionCode?: InputMaybe<Scalars['String']['input']>;
  stationId?: InputMaybe<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
};

export type CreateWebhookEndpointInput = {
  /** Event types such as title.revoked, or * for all. */
  eventTypes: Array<Scalars['String']['input']>;
  /** Only events in this region and below: required for agencies, and within the agency's scope. */
  regionCode?: InputMaybe<Scalars['String']['input']>;
  /** Optional own secret (whsec_ + base64 of 24–64 bytes); generated (32 bytes) when omitted. */
  secret?: InputMaybe<Scalars['String']['input']>;
  url: Scalars['String']['input'];
};

export type EventConnection = {
  __typename?: 'EventConnection';
  edges: Array<LoggedEventEdge>;
  pageInfo: PageInfo;
};

export type EventFilter = {
  /** A region and everything under it. */
  regionCode?: InputMaybe<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  stationId?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type LoggedEvent = {
  __typename?: 'LoggedEvent';
  aggregateId: Scalars['String']['output'];
  aggregateType: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  occurredAt: Scalars['DateTime']['output'];
  payload: Scalars['JSON']['output'];
  receivedAt: Scalars['DateTime']['output'];
  regionCode?: Maybe<Scalars['String']['output']>;
  source: Scalars['String']['output'];
  station?: Maybe<Station>;
  type: Scalars['String']['output'];
};

export type LoggedEventEdge = {
  __typename?: 'LoggedEventEdge';
  cursor: Scalars['String']['output'];
  node: LoggedEvent;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** A notice-board announcement: for a station (its managers, admins in scope) or a region (admins in scope). */
  createAnnouncement: Announcement;
  /** Agencies: subscribe an endpoint within the agency's scope (event types and a region it covers). The secret is shown only in this answer. */
  createWebhookEndpoint: WebhookEndpointWithSecret;
  disableWebhookEndpoint: WebhookEndpoint;
  /** Re-enables an endpoint disabled by failures, a 410 or the agency. */
  enableWebhookEndpoint: WebhookEndpoint;
  /** Records an opt-out (a reply R forwarded by the SMS provider's uplink callback). SERVICE only. */
  recordSmsOptOut: Scalars['Boolean']['output'];
  /** Delivers a logged event to the endpoint again, with the same webhook-id as the original delivery (the event must match the endpoint's types and region). */
  replayWebhookEvent: WebhookDelivery;
  /** A new secret; the old one keeps signing (a second signature) for 24 hours. */
  rotateWebhookSecret: WebhookEndpointWithSecret;
  /** Admins in scope: one SMS to every recipient of an audience under a region, sent in batched jobs within the per-phone and provider limits. */
  sendBulkSms: BulkSms;
  /** Admins: set or replace a partner agency's scope (regions and event types). Refused (FORBIDDEN) unless the admin's region covers every region of the new scope and of the scope it replaces. Kept with who set it and when; every change is recorded. */
  setAgencyScope: AgencyScope;
  /** Changes an endpoint's URL, event types or region filter (regionCode: null removes the filter). */
  updateWebhookEndpoint: WebhookEndpoint;
  withdrawAnnouncement: Announcement;
};


export type MutationCreateAnnouncementArgs = {
  input: CreateAnnouncementInput;
};


export type MutationCreateWebhookEndpointArgs = {
  input: CreateWebhookEndpointInput;
};


export type MutationDisableWebhookEndpointArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEnableWebhookEndpointArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRecordSmsOptOutArgs = {
  phone: Scalars['String']['input'];
};


export type MutationReplayWebhookEventArgs = {
  endpointId: Scalars['ID']['input'];
  eventId: Scalars['ID']['input'];
};


export type MutationRotateWebhookSecretArgs = {
  id: Scalars['ID']['input'];
  secret?: InputMaybe<Scalars['String']['input']>;
};


export type MutationSendBulkSmsArgs = {
  input: BulkSmsInput;
};


export type MutationSetAgencyScopeArgs = {
  agencyId: Scalars['ID']['input'];
  input: AgencyScopeInput;
};


export type MutationUpdateWebhookEndpointArgs = {
  id: Scalars['ID']['input'];
  input: UpdateWebhookEndpointInput;
};


export type MutationWithdrawAnnouncementArgs = {
  id: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** An agency's scope: the calling agency's own (agencyId omitted), or any agency's for admins whose region covers every region of it and for services. Null when none is set: the agency then sees no events. */
  agencyScope?: Maybe<AgencyScope>;
  /** Public: one announcement. */
  announcement?: Maybe<Announcement>;
  /** A bulk send with its progress (admins in scope of its region, services). */
  bulkSms?: Maybe<BulkSms>;
  /** One logged event, with the same visibility as `events` (live subscription payloads are resolved through it). */
  event?: Maybe<LoggedEvent>;
  /** The platform's event log, newest first. Admins see their region; agencies their scope (nothing without one); inspectors and services see all. */
  events: EventConnection;
  /** Review events logged after the event `after`, oldest first: catch-up for a reconnecting `reviewEvents` subscriber. */
  reviewEventsAfter: Array<LoggedEvent>;
  /** SMS sent for events, newest first; phone numbers masked. Admins in scope, station managers, services. */
  smsMessages: Array<SmsMessage>;
  /** Deliveries of one endpoint with every attempt; `missedOnly` lists events that failed in the last 30 days. */
  webhookDeliveries: Array<WebhookDelivery>;
  /** The calling agency's webhook endpoints. */
  webhookEndpoints: Array<WebhookEndpoint>;
};


export type QueryAgencyScopeArgs = {
  agencyId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryAnnouncementArgs = {
  id: Scalars['ID']['input'];
};


export type QueryBulkSmsArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEventArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryReviewEventsAfterArgs = {
  after: Scalars['ID']['input'];
  filter?: InputMaybe<ReviewEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySmsMessagesArgs = {
  filter?: InputMaybe<SmsFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryWebhookDeliveriesArgs = {
  endpointId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  missedOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Region = {
  __typename?: 'Region';
  /** Public: the region's notice board (announcements of the region and the boards above it), pinned first, then newest. */
  announcements: Array<Announcement>;
  code: Scalars['ID']['output'];
};


export type RegionAnnouncementsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ReviewEventFilter = {
  /** A region and everything under it. */
  regionCode?: InputMaybe<Scalars['String']['input']>;
  stationId?: InputMaybe<Scalars['ID']['input']>;
  /** Defaults to all review events (review.*, title.*, rectification.*, inspection.*). */
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type SmsFilter = {
  eventId?: InputMaybe<Scalars['ID']['input']>;
  stationId?: InputMaybe<Scalars['ID']['input']>;
  statuses?: InputMaybe<Array<SmsStatus>>;
};

export type SmsMessage = {
  __typename?: 'SmsMessage';
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  deferredUntil?: Maybe<Scalars['DateTime']['output']>;
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  eventId?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  /** Masked, e.g. 138****1234 (known once the first attempt ran). */
  phone?: Maybe<Scalars['String']['output']>;
  recipientKind: Scalars['String']['output'];
  sentAt?: Maybe<Scalars['DateTime']['output']>;
  station?: Maybe<Station>;
  status: SmsStatus;
  template: Scalars['String']['output'];
};

export type SmsStatus =
  | 'DEFERRED'
  | 'DELIVERED'
  | 'FAILED'
  | 'OPTED_OUT'
  | 'PENDING'
  | 'RETRYING'
  | 'SENDING'
  | 'SENT';

export type Station = {
  __typename?: 'Station';
  announcementStats: AnnouncementStats;
  /** Public: the station's notice board, pinned first, then newest. */
  announcements: Array<Announcement>;
  id: Scalars['ID']['output'];
  /** The latest events about this station (managers of the station and admins in scope). */
  recentEvents?: Maybe<Array<LoggedEvent>>;
};


export type StationAnnouncementStatsArgs = {
  year: Scalars['Int']['input'];
};


export type StationAnnouncementsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  includeExpired?: InputMaybe<Scalars['Boolean']['input']>;
};


export type StationRecentEventsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type UpdateWebhookEndpointInput = {
  eventTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  regionCode?: InputMaybe<Scalars['String']['input']>;
  url?: InputMaybe<Scalars['String']['input']>;
};

export type WebhookAttempt = {
  __typename?: 'WebhookAttempt';
  attempt: Scalars['Int']['output'];
  attemptedAt: Scalars['DateTime']['output'];
  error?: Maybe<Scalars['String']['output']>;
  latencyMs: Scalars['Int']['output'];
  responseExcerpt?: Maybe<Scalars['String']['output']>;
  statusCode?: Maybe<Scalars['Int']['output']>;
};

export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  attemptCount: Scalars['Int']['output'];
  attempts: Array<WebhookAttempt>;
  createdAt: Scalars['DateTime']['output'];
  eventId: Scalars['ID']['output'];
  eventType: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  replay: Scalars['Boolean']['output'];
  status: Scalars['String']['output'];
  succeededAt?: Maybe<Scalars['DateTime']['output']>;
};

export type WebhookEndpoint = {
  __typename?: 'WebhookEndpoint';
  createdAt: Scalars['DateTime']['output'];
  /** GONE (the endpoint answered 410), FAILING (no success for 5 days) or AGENCY. */
  disabledReason?: Maybe<Scalars['String']['output']>;
  enabled: Scalars['Boolean']['output'];
  eventTypes: Array<Scalars['String']['output']>;
  failingSince?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastSuccessAt?: Maybe<Scalars['DateTime']['output']>;
  /** Until when the previous secret still signs (after a rotation). */
  previousSecretValidUntil?: Maybe<Scalars['DateTime']['output']>;
  regionCode?: Maybe<Scalars['String']['output']>;
  url: Scalars['String']['output'];
};

export type WebhookEndpointWithSecret = {
  __typename?: 'WebhookEndpointWithSecret';
  endpoint: WebhookEndpoint;
  /** whsec_…: shown once. */
  secret: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T | Error;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Region: Region;
  Station: Station;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Region:
    ( { __typename: 'Region' }
    & GraphQLRecursivePick<FederationTypes['Region'], {"code":true}> );
  Station:
    ( { __typename: 'Station' }
    & GraphQLRecursivePick<FederationTypes['Station'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AgencyScope: ResolverTypeWrapper<StoredAgencyScopeModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AgencyScopeInput: AgencyScopeInput;
  Announcement: ResolverTypeWrapper<AnnouncementModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AnnouncementCategory: AnnouncementCategory;
  AnnouncementStats: ResolverTypeWrapper<AnnouncementStats>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  BulkAudience: BulkAudience;
  BulkSms: ResolverTypeWrapper<BulkRowModel>;
  BulkSmsInput: BulkSmsInput;
  CreateAnnouncementInput: CreateAnnouncementInput;
  CreateWebhookEndpointInput: CreateWebhookEndpointInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EventConnection: ResolverTypeWrapper<Omit<EventConnection, 'edges'> & { edges: Array<ResolversTypes['LoggedEventEdge']> }>;
  EventFilter: EventFilter;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LoggedEvent: ResolverTypeWrapper<EventLogEntityModel>;
  LoggedEventEdge: ResolverTypeWrapper<Omit<LoggedEventEdge, 'node'> & { node: ResolversTypes['LoggedEvent'] }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Region: ResolverTypeWrapper<RegionRefModel>;
  ReviewEventFilter: ReviewEventFilter;
  SmsFilter: SmsFilter;
  SmsMessage: ResolverTypeWrapper<SmsRowModel>;
  SmsStatus: SmsStatus;
  Station: ResolverTypeWrapper<StationRefModel>;
  UpdateWebhookEndpointInput: UpdateWebhookEndpointInput;
  WebhookAttempt: ResolverTypeWrapper<AttemptRowModel>;
  WebhookDelivery: ResolverTypeWrapper<DeliveryRowModel>;
  WebhookEndpoint: ResolverTypeWrapper<WebhookEndpointModel>;
  WebhookEndpointWithSecret: ResolverTypeWrapper<Omit<WebhookEndpointWithSecret, 'endpoint'> & { endpoint: ResolversTypes['WebhookEndpoint'] }>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AgencyScope: StoredAgencyScopeModel;
  ID: Scalars['ID']['output'];
  AgencyScopeInput: AgencyScopeInput;
  Announcement: AnnouncementModel;
  Boolean: Scalars['Boolean']['output'];
  AnnouncementStats: AnnouncementStats;
  Int: Scalars['Int']['output'];
  BulkSms: BulkRowModel;
  BulkSmsInput: BulkSmsInput;
  CreateAnnouncementInput: CreateAnnouncementInput;
  CreateWebhookEndpointInput: CreateWebhookEndpointInput;
  DateTime: Scalars['DateTime']['output'];
  EventConnection: Omit<EventConnection, 'edges'> & { edges: Array<ResolversParentTypes['LoggedEventEdge']> };
  EventFilter: EventFilter;
  JSON: Scalars['JSON']['output'];
  LoggedEvent: EventLogEntityModel;
  LoggedEventEdge: Omit<LoggedEventEdge, 'node'> & { node: ResolversParentTypes['LoggedEvent'] };
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Region: RegionRefModel;
  ReviewEventFilter: ReviewEventFilter;
  SmsFilter: SmsFilter;
  SmsMessage: SmsRowModel;
  Station: StationRefModel;
  UpdateWebhookEndpointInput: UpdateWebhookEndpointInput;
  WebhookAttempt: AttemptRowModel;
  WebhookDelivery: DeliveryRowModel;
  WebhookEndpoint: WebhookEndpointModel;
  WebhookEndpointWithSecret: Omit<WebhookEndpointWithSecret, 'endpoint'> & { endpoint: ResolversParentTypes['WebhookEndpoint'] };
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
};

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = NotificationsContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = NotificationsContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = NotificationsContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AgencyScopeResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['AgencyScope'] = ResolversParentTypes['AgencyScope']> = {
  agencyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventTypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  regionCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  setAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  setBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  setByRegion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AnnouncementResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['Announcement'] = ResolversParentTypes['Announcement']> = {
  author?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['AnnouncementCategory'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pinned?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  publishFrom?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  publishUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sourceEventId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  station?: Resolver<Maybe<ResolversTypes['Station']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  withdrawnAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type AnnouncementStatsResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['AnnouncementStats'] = ResolversParentTypes['AnnouncementStats']> = {
  monthsWithAnnouncement?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  publishedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type BulkSmsResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['BulkSms'] = ResolversParentTypes['BulkSms']> = {
  audience?: Resolver<ResolversTypes['BulkAudience'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recipientCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  statusCounts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  template?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EventConnectionResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['EventConnection'] = ResolversParentTypes['EventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LoggedEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LoggedEventResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['LoggedEvent'] = ResolversParentTypes['LoggedEvent']> = {
  aggregateId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  aggregateType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  receivedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  regionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  station?: Resolver<Maybe<ResolversTypes['Station']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LoggedEventEdgeResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['LoggedEventEdge'] = ResolversParentTypes['LoggedEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LoggedEvent'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createAnnouncement?: Resolver<ResolversTypes['Announcement'], ParentType, ContextType, RequireFields<MutationCreateAnnouncementArgs, 'input'>>;
  createWebhookEndpoint?: Resolver<ResolversTypes['WebhookEndpointWithSecret'], ParentType, ContextType, RequireFields<MutationCreateWebhookEndpointArgs, 'input'>>;
  disableWebhookEndpoint?: Resolver<ResolversTypes['WebhookEndpoint'], ParentType, ContextType, RequireFields<MutationDisableWebhookEndpointArgs, 'id'>>;
  enableWebhookEndpoint?: Resolver<ResolversTypes['WebhookEndpoint'], ParentType, ContextType, RequireFields<MutationEnableWebhookEndpointArgs, 'id'>>;
  recordSmsOptOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRecordSmsOptOutArgs, 'phone'>>;
  replayWebhookEvent?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType, RequireFields<MutationReplayWebhookEventArgs, 'endpointId' | 'eventId'>>;
  rotateWebhookSecret?: Resolver<ResolversTypes['WebhookEndpointWithSecret'], ParentType, ContextType, RequireFields<MutationRotateWebhookSecretArgs, 'id'>>;
  sendBulkSms?: Resolver<ResolversTypes['BulkSms'], ParentType, ContextType, RequireFields<MutationSendBulkSmsArgs, 'input'>>;
  setAgencyScope?: Resolver<ResolversTypes['AgencyScope'], ParentType, ContextType, RequireFields<MutationSetAgencyScopeArgs, 'agencyId' | 'input'>>;
  updateWebhookEndpoint?: Resolver<ResolversTypes['WebhookEndpoint'], ParentType, ContextType, RequireFields<MutationUpdateWebhookEndpointArgs, 'id' | 'input'>>;
  withdrawAnnouncement?: Resolver<ResolversTypes['Announcement'], ParentType, ContextType, RequireFields<MutationWithdrawAnnouncementArgs, 'id'>>;
};

export type PageInfoResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  agencyScope?: Resolver<Maybe<ResolversTypes['AgencyScope']>, ParentType, ContextType, Partial<QueryAgencyScopeArgs>>;
  announcement?: Resolver<Maybe<ResolversTypes['Announcement']>, ParentType, ContextType, RequireFields<QueryAnnouncementArgs, 'id'>>;
  bulkSms?: Resolver<Maybe<ResolversTypes['BulkSms']>, ParentType, ContextType, RequireFields<QueryBulkSmsArgs, 'id'>>;
  event?: Resolver<Maybe<ResolversTypes['LoggedEvent']>, ParentType, ContextType, RequireFields<QueryEventArgs, 'id'>>;
  events?: Resolver<ResolversTypes['EventConnection'], ParentType, ContextType, RequireFields<QueryEventsArgs, 'first'>>;
  reviewEventsAfter?: Resolver<Array<ResolversTypes['LoggedEvent']>, ParentType, ContextType, RequireFields<QueryReviewEventsAfterArgs, 'after' | 'first'>>;
  smsMessages?: Resolver<Array<ResolversTypes['SmsMessage']>, ParentType, ContextType, RequireFields<QuerySmsMessagesArgs, 'first'>>;
  webhookDeliveries?: Resolver<Array<ResolversTypes['WebhookDelivery']>, ParentType, ContextType, RequireFields<QueryWebhookDeliveriesArgs, 'endpointId' | 'first' | 'missedOnly'>>;
  webhookEndpoints?: Resolver<Array<ResolversTypes['WebhookEndpoint']>, ParentType, ContextType>;
};

export type RegionResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  announcements?: Resolver<Array<ResolversTypes['Announcement']>, ParentType, ContextType, RequireFields<RegionAnnouncementsArgs, 'first'>>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type SmsMessageResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['SmsMessage'] = ResolversParentTypes['SmsMessage']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deferredUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  eventId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recipientKind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sentAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  station?: Resolver<Maybe<ResolversTypes['Station']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SmsStatus'], ParentType, ContextType>;
  template?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StationResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['Station'] = ResolversParentTypes['Station'], FederationReferenceType extends FederationReferenceTypes['Station'] = FederationReferenceTypes['Station']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Station']> | FederationReferenceType, FederationReferenceType, ContextType>;
  announcementStats?: Resolver<ResolversTypes['AnnouncementStats'], ParentType, ContextType, RequireFields<StationAnnouncementStatsArgs, 'year'>>;
  announcements?: Resolver<Array<ResolversTypes['Announcement']>, ParentType, ContextType, RequireFields<StationAnnouncementsArgs, 'first' | 'includeExpired'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recentEvents?: Resolver<Maybe<Array<ResolversTypes['LoggedEvent']>>, ParentType, ContextType, RequireFields<StationRecentEventsArgs, 'first'>>;
};

export type WebhookAttemptResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['WebhookAttempt'] = ResolversParentTypes['WebhookAttempt']> = {
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  attemptedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  responseExcerpt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  statusCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type WebhookDeliveryResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = {
  attemptCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  attempts?: Resolver<Array<ResolversTypes['WebhookAttempt']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  replay?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  succeededAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type WebhookEndpointResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['WebhookEndpoint'] = ResolversParentTypes['WebhookEndpoint']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  disabledReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  eventTypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  failingSince?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastSuccessAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  previousSecretValidUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  regionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookEndpointWithSecretResolvers<ContextType = NotificationsContext, ParentType extends ResolversParentTypes['WebhookEndpointWithSecret'] = ResolversParentTypes['WebhookEndpointWithSecret']> = {
  endpoint?: Resolver<ResolversTypes['WebhookEndpoint'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = NotificationsContext> = {
  AgencyScope?: AgencyScopeResolvers<ContextType>;
  Announcement?: AnnouncementResolvers<ContextType>;
  AnnouncementStats?: AnnouncementStatsResolvers<ContextType>;
  BulkSms?: BulkSmsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EventConnection?: EventConnectionResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LoggedEvent?: LoggedEventResolvers<ContextType>;
  LoggedEventEdge?: LoggedEventEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  SmsMessage?: SmsMessageResolvers<ContextType>;
  Station?: StationResolvers<ContextType>;
  WebhookAttempt?: WebhookAttemptResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookEndpoint?: WebhookEndpointResolvers<ContextType>;
  WebhookEndpointWithSecret?: WebhookEndpointWithSecretResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = NotificationsContext> = {
  link?: LinkDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
};
