import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RegionEntity as RegionEntityModel } from '../db/region.entity';
import type { StationEntity as StationEntityModel } from '../db/station.entity';
import type { CommunityRow as CommunityRowModel } from '../services/region-facts-service';
import type { CommunityCoverageParent as CommunityCoverageParentModel, StationConnectionParent as StationConnectionParentModel } from '../resolvers/parents';
import type { StationsContext } from '../context';
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
  /** A calendar date, YYYY-MM-DD (Asia/Shanghai). */
  Date: { input: string; output: string | Date; }
  /** An instant, ISO 8601. */
  DateTime: { input: Date; output: string | Date; }
  link__Import: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Metadata of an evidence file (the file itself lives in object storage). */
export type Attachment = {
  __typename?: 'Attachment';
  contentType?: Maybe<Scalars['String']['output']>;
  fileName: Scalars['String']['output'];
  kind: EvidenceKind;
  sizeBytes?: Maybe<Scalars['Int']['output']>;
  url: Scalars['String']['output'];
};

export type AttachmentInput = {
  contentType?: InputMaybe<Scalars['String']['input']>;
  fileName: Scalars['String']['input'];
  kind: EvidenceKind;
  sizeBytes?: InputMaybe<Scalars['Int']['input']>;
  url: Scalars['String']['input'];
};

/** A village-level division: 居委会 (urban) or 村委会 (rural). */
export type Community = {
  __typename?: 'Community';
  code: Scalars['ID']['output'];
  kind: CommunityKind;
  name: Scalars['String']['output'];
  township: Region;
};

export type CommunityConnection = {
  __typename?: 'CommunityConnection';
  nodes: Array<Community>;
  pageInfo: PageInfo;
};

export type CommunityCount = {
  __typename?: 'CommunityCount';
  rural: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
  urban: Scalars['Int']['output'];
};

export type CommunityCoverage = {
  __typename?: 'CommunityCoverage';
  rural: CoverageFigure;
  total: CoverageFigure;
  /** Communities no ACTIVE station serves, by code; `first` at most 500. */
  uncoveredCommunities: CommunityConnection;
  urban: CoverageFigure;
};


export type CommunityCoverageUncoveredCommunitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<CommunityKind>;
};

export type CommunityKind =
  /** 村民委员会 (NBS codes 200–399, and 500–599 for similar units) */
  | 'RURAL'
  /** 居民委员会 / 社区 (NBS codes xxx001–199, and 400–499 for similar units) */
  | 'URBAN';

export type CoverageFigure = {
  __typename?: 'CoverageFigure';
  communities: Scalars['Int']['output'];
  /** Served by at least one ACTIVE station. */
  covered: Scalars['Int']['output'];
  /** covered / communities, 4 decimals; null when the region has no communities. */
  rate?: Maybe<Scalars['Float']['output']>;
  uncovered: Scalars['Int']['output'];
};

export type CreateStationInput = {
  address: Scalars['String']['input'];
  category: StationCategory;
  /** 12-digit codes of the communities the station serves (inside its region; at most 100). */
  communityCodes?: InputMaybe<Array<Scalars['ID']['input']>>;
  establishedOn?: InputMaybe<Scalars['Date']['input']>;
  evidence?: InputMaybe<Array<AttachmentInput>>;
  facilities?: InputMaybe<Array<Facility>>;
  hostUnit: Scalars['String']['input'];
  hotline?: InputMaybe<Scalars['String']['input']>;
  leader: LeaderInput;
  location?: InputMaybe<GeoPointInput>;
  name: Scalars['String']['input'];
  openingHours?: InputMaybe<Array<OpeningSlotInput>>;
  postalCode?: InputMaybe<Scalars['String']['input']>;
  regionCode: Scalars['ID']['input'];
  serviceItems?: InputMaybe<Array<ServiceItemInput>>;
  unitHeadcount?: InputMaybe<Scalars['Int']['input']>;
};

export type EvidenceKind =
  | 'HANDBOOK'
  | 'LOGO'
  | 'OFFICE'
  | 'OTHER'
  | 'PHOTO'
  | 'RULES';

/** Convenience facilities (Changzhi standard: water, umbrellas, sewing kit, stationery, first aid, aids for the disabled). */
export type Facility =
  | 'ACCESSIBILITY_AIDS'
  | 'DRINKING_WATER'
  | 'FIRST_AID'
  | 'OTHER'
  | 'PHONE_CHARGING'
  | 'REST_AREA'
  | 'SEWING_KIT'
  | 'STATIONERY'
  | 'UMBRELLA';

export type GeoPoint = {
  __typename?: 'GeoPoint';
  latitude: Scalars['Float']['output'];
  longitude: Scalars['Float']['output'];
};

export type GeoPointInput = {
  latitude: Scalars['Float']['input'];
  longitude: Scalars['Float']['input'];
};

export type Leader = {
  __typename?: 'Leader';
  name: Scalars['String']['output'];
  /** Masked (138****1234) unless the caller manages the station. */
  phone: Scalars['String']['output'];
};

export type LeaderInput = {
  name: Scalars['String']['input'];
  phone: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Closes a station for good; its history stays. */
  closeStation: Station;
  /** Registers a station (先建站). Needs an admin whose region covers the station's region. */
  createStation: Station;
  /** Imports population figures from a CSV or XLSX file (first sheet; header row with 行政区划代码/regionCode, 人口/population, 年份/year, 数据来源/source). Same rules as setRegionPopulations; errors name the file's row. */
  importRegionPopulations: Array<Region>;
  /**
   * Registers stations from the XLSX import template (first sheet, header row: 站点名称, 类别, 依托单位, 行政区划代码,
   * 地址, 负责人姓名, 负责人电话 required; 邮政编码, 服务热线, 单位人数, 建站日期 optional). Admins, inside their region.
   * Every row is checked first: any bad row fails the import with IMPORT_INVALID_ROWS (extensions.errors: one entry
   * per problem with row, field, code, message) and nothing is written; otherwise all rows are created in one transaction.
   */
  importStations: StationImportResult;
  /** Enters population figures with their source and year (admins whose region covers every row; all rows or none). The platform never estimates a population. */
  setRegionPopulations: Array<Region>;
  /** Updates the profile. Station managers edit their own station; region and status changes need an admin. */
  updateStation: Station;
};


export type MutationCloseStationArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationCreateStationArgs = {
  input: CreateStationInput;
};


export type MutationImportRegionPopulationsArgs = {
  file: PopulationFileInput;
};


export type MutationImportStationsArgs = {
  contentBase64: Scalars['String']['input'];
};


export type MutationSetRegionPopulationsArgs = {
  input: Array<RegionPopulationInput>;
};


export type MutationUpdateStationArgs = {
  id: Scalars['ID']['input'];
  input: UpdateStationInput;
};

/** A weekly opening slot, local time HH:MM. */
export type OpeningSlot = {
  __typename?: 'OpeningSlot';
  closes: Scalars['String']['output'];
  opens: Scalars['String']['output'];
  weekday: Weekday;
};

export type OpeningSlotInput = {
  closes: Scalars['String']['input'];
  opens: Scalars['String']['input'];
  weekday: Weekday;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PopulationFileFormat =
  | 'CSV'
  | 'XLSX';

export type PopulationFileInput = {
  /** The file's bytes, base64 (at most 2 MB decoded). */
  contentBase64: Scalars['String']['input'];
  format: PopulationFileFormat;
};

export type Query = {
  __typename?: 'Query';
  region?: Maybe<Region>;
  /** Regions under a parent; the provinces when parentCode is omitted. */
  regions: Array<Region>;
  station?: Maybe<Station>;
  /** Stations, newest first. `first` is at most 500. */
  stations: StationConnection;
  /** Many stations by id in one round trip (at most 500); unknown ids give null. For dashboards and internal jobs. */
  stationsByIds: Array<Maybe<Station>>;
};


export type QueryRegionArgs = {
  code: Scalars['ID']['input'];
};


export type QueryRegionsArgs = {
  parentCode?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryStationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<StationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryStationsByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};

/** A GB/T 2260 administrative division. */
export type Region = {
  __typename?: 'Region';
  children: Array<Region>;
  code: Scalars['ID']['output'];
  /** Village-level divisions under the region (NBS 统计用区划代码, 12 digits): urban 居委会/社区 and rural 村委会. */
  communityCount: CommunityCount;
  /** Communities served by at least one ACTIVE station ÷ communities in the region, urban and rural apart. */
  communityCoverage: CommunityCoverage;
  /** Names from the province down, e.g. 湖南省 长沙市 芙蓉区. */
  fullName: Scalars['String']['output'];
  level: RegionLevel;
  name: Scalars['String']['output'];
  parent?: Maybe<Region>;
  /** Population entered by an officer (see populationYear and populationSource); null until one does. */
  population?: Maybe<Scalars['Int']['output']>;
  populationSource?: Maybe<Scalars['String']['output']>;
  populationYear?: Maybe<Scalars['Int']['output']>;
  /** Monthly station counts over a period of 'YYYY-MM' months (at most 120), from the monthly summary. */
  stationSeries: Array<StationMonth>;
};


/** A GB/T 2260 administrative division. */
export type RegionStationSeriesArgs = {
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
};

export type RegionLevel =
  | 'CITY'
  | 'COUNTY'
  | 'PROVINCE'
  | 'TOWNSHIP';

export type RegionPopulationInput = {
  population: Scalars['Int']['input'];
  regionCode: Scalars['ID']['input'];
  /** Where the figure comes from, e.g. 第七次全国人口普查. */
  source: Scalars['String']['input'];
  /** Year the figure describes, e.g. 2020 for the seventh census. */
  year: Scalars['Int']['input'];
};

export type ServiceItem = {
  __typename?: 'ServiceItem';
  description?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
};

export type ServiceItemInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type Station = {
  __typename?: 'Station';
  address: Scalars['String']['output'];
  category: StationCategory;
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  closedReason?: Maybe<Scalars['String']['output']>;
  /** The communities (居委会 / 村委会) the station serves, inside its region. */
  communities: Array<Community>;
  createdAt: Scalars['DateTime']['output'];
  establishedOn?: Maybe<Scalars['Date']['output']>;
  evidence: Array<Attachment>;
  facilities: Array<Facility>;
  hostUnit: Scalars['String']['output'];
  hotline?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  leader: Leader;
  location?: Maybe<GeoPoint>;
  name: Scalars['String']['output'];
  openingHours: Array<OpeningSlot>;
  postalCode?: Maybe<Scalars['String']['output']>;
  region: Region;
  regionCode: Scalars['ID']['output'];
  serviceItems: Array<ServiceItem>;
  status: StationStatus;
  /** Head count of the host unit, for the share-of-headcount rules. */
  unitHeadcount?: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type StationCategory =
  | 'COMMUNITY'
  | 'CULTURAL_FACILITY'
  | 'ENTERPRISE'
  | 'GOVERNMENT'
  | 'PARK_SCENIC'
  | 'RESIDENTIAL_POINT'
  | 'SCHOOL'
  | 'SERVICE_WINDOW'
  | 'TOWNSHIP'
  | 'UNIVERSITY';

export type StationConnection = {
  __typename?: 'StationConnection';
  edges: Array<StationEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type StationEdge = {
  __typename?: 'StationEdge';
  cursor: Scalars['String']['output'];
  node: Station;
};

export type StationFilter = {
  categories?: InputMaybe<Array<StationCategory>>;
  /** A region and everything under it. */
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  /** Part of the station's name. */
  search?: InputMaybe<Scalars['String']['input']>;
  statuses?: InputMaybe<Array<StationStatus>>;
};

/** The stations an import created, in the file's order. */
export type StationImportResult = {
  __typename?: 'StationImportResult';
  count: Scalars['Int']['output'];
  stations: Array<Station>;
};

export type StationMonth = {
  __typename?: 'StationMonth';
  closed: Scalars['Int']['output'];
  /** YYYY-MM */
  month: Scalars['String']['output'];
  /** Stations registered on the platform in the month. */
  opened: Scalars['Int']['output'];
  /** Stations registered and not closed at the end of the month. */
  stationCount: Scalars['Int']['output'];
};

export type StationStatus =
  | 'ACTIVE'
  | 'CLOSED'
  | 'SUSPENDED';

export type UpdateStationInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<StationCategory>;
  /** Replaces the served communities ([] clears them; omitted or null keeps them). After a move they must lie in the new region. */
  communityCodes?: InputMaybe<Array<Scalars['ID']['input']>>;
  establishedOn?: InputMaybe<Scalars['Date']['input']>;
  evidence?: InputMaybe<Array<AttachmentInput>>;
  facilities?: InputMaybe<Array<Facility>>;
  hostUnit?: InputMaybe<Scalars['String']['input']>;
  hotline?: InputMaybe<Scalars['String']['input']>;
  leader?: InputMaybe<LeaderInput>;
  location?: InputMaybe<GeoPointInput>;
  name?: InputMaybe<Scalars['String']['input']>;
  openingHours?: InputMaybe<Array<OpeningSlotInput>>;
  postalCode?: InputMaybe<Scalars['String']['input']>;
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  serviceItems?: InputMaybe<Array<ServiceItemInput>>;
  /** ACTIVE or SUSPENDED; closing goes through closeStation. */
  status?: InputMaybe<StationStatus>;
  unitHeadcount?: InputMaybe<Scalars['Int']['input']>;
};

export type Weekday =
  | 'FRIDAY'
  | 'MONDAY'
  | 'SATURDAY'
  | 'SUNDAY'
  | 'THURSDAY'
  | 'TUESDAY'
  | 'WEDNESDAY';



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
  Attachment: ResolverTypeWrapper<Attachment>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AttachmentInput: AttachmentInput;
  Community: ResolverTypeWrapper<CommunityRowModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CommunityConnection: ResolverTypeWrapper<Omit<CommunityConnection, 'nodes'> & { nodes: Array<ResolversTypes['Community']> }>;
  CommunityCount: ResolverTypeWrapper<CommunityCount>;
  CommunityCoverage: ResolverTypeWrapper<CommunityCoverageParentModel>;
  CommunityKind: CommunityKind;
  CoverageFigure: ResolverTypeWrapper<CoverageFigure>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  CreateStationInput: CreateStationInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EvidenceKind: EvidenceKind;
  Facility: Facility;
  GeoPoint: ResolverTypeWrapper<GeoPoint>;
  GeoPointInput: GeoPointInput;
  Leader: ResolverTypeWrapper<Leader>;
  LeaderInput: LeaderInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OpeningSlot: ResolverTypeWrapper<OpeningSlot>;
  OpeningSlotInput: OpeningSlotInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PopulationFileFormat: PopulationFileFormat;
  PopulationFileInput: PopulationFileInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Region: ResolverTypeWrapper<RegionEntityModel>;
  RegionLevel: RegionLevel;
  RegionPopulationInput: RegionPopulationInput;
  ServiceItem: ResolverTypeWrapper<ServiceItem>;
  ServiceItemInput: ServiceItemInput;
  Station: ResolverTypeWrapper<StationEntityModel>;
  StationCategory: StationCategory;
  StationConnection: ResolverTypeWrapper<StationConnectionParentModel>;
  StationEdge: ResolverTypeWrapper<Omit<StationEdge, 'node'> & { node: ResolversTypes['Station'] }>;
  StationFilter: StationFilter;
  StationImportResult: ResolverTypeWrapper<Omit<StationImportResult, 'stations'> & { stations: Array<ResolversTypes['Station']> }>;
  StationMonth: ResolverTypeWrapper<StationMonth>;
  StationStatus: StationStatus;
  UpdateStationInput: UpdateStationInput;
  Weekday: Weekday;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Attachment: Attachment;
  Int: Scalars['Int']['output'];
  AttachmentInput: AttachmentInput;
  Community: CommunityRowModel;
  ID: Scalars['ID']['output'];
  CommunityConnection: Omit<CommunityConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Community']> };
  CommunityCount: CommunityCount;
  CommunityCoverage: CommunityCoverageParentModel;
  CoverageFigure: CoverageFigure;
  Float: Scalars['Float']['output'];
  CreateStationInput: CreateStationInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  GeoPoint: GeoPoint;
  GeoPointInput: GeoPointInput;
  Leader: Leader;
  LeaderInput: LeaderInput;
  Mutation: Record<PropertyKey, never>;
  OpeningSlot: OpeningSlot;
  OpeningSlotInput: OpeningSlotInput;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PopulationFileInput: PopulationFileInput;
  Query: Record<PropertyKey, never>;
  Region: RegionEntityModel;
  RegionPopulationInput: RegionPopulationInput;
  ServiceItem: ServiceItem;
  ServiceItemInput: ServiceItemInput;
  Station: StationEntityModel;
  StationConnection: StationConnectionParentModel;
  StationEdge: Omit<StationEdge, 'node'> & { node: ResolversParentTypes['Station'] };
  StationFilter: StationFilter;
  StationImportResult: Omit<StationImportResult, 'stations'> & { stations: Array<ResolversParentTypes['Station']> };
  StationMonth: StationMonth;
  UpdateStationInput: UpdateStationInput;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
};

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = StationsContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = StationsContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = StationsContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AttachmentResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['Attachment'] = ResolversParentTypes['Attachment']> = {
  contentType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EvidenceKind'], ParentType, ContextType>;
  sizeBytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CommunityResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['Community'] = ResolversParentTypes['Community']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CommunityKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  township?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
};

export type CommunityConnectionResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['CommunityConnection'] = ResolversParentTypes['CommunityConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Community']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CommunityCountResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['CommunityCount'] = ResolversParentTypes['CommunityCount']> = {
  rural?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  urban?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CommunityCoverageResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['CommunityCoverage'] = ResolversParentTypes['CommunityCoverage']> = {
  rural?: Resolver<ResolversTypes['CoverageFigure'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['CoverageFigure'], ParentType, ContextType>;
  uncoveredCommunities?: Resolver<ResolversTypes['CommunityConnection'], ParentType, ContextType, RequireFields<CommunityCoverageUncoveredCommunitiesArgs, 'first'>>;
  urban?: Resolver<ResolversTypes['CoverageFigure'], ParentType, ContextType>;
};

export type CoverageFigureResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['CoverageFigure'] = ResolversParentTypes['CoverageFigure']> = {
  communities?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  covered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  uncovered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GeoPointResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['GeoPoint'] = ResolversParentTypes['GeoPoint']> = {
  latitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  longitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type LeaderResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['Leader'] = ResolversParentTypes['Leader']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  closeStation?: Resolver<ResolversTypes['Station'], ParentType, ContextType, RequireFields<MutationCloseStationArgs, 'id' | 'reason'>>;
  createStation?: Resolver<ResolversTypes['Station'], ParentType, ContextType, RequireFields<MutationCreateStationArgs, 'input'>>;
  importRegionPopulations?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType, RequireFields<MutationImportRegionPopulationsArgs, 'file'>>;
  importStations?: Resolver<ResolversTypes['StationImportResult'], ParentType, ContextType, RequireFields<MutationImportStationsArgs, 'contentBase64'>>;
  setRegionPopulations?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType, RequireFields<MutationSetRegionPopulationsArgs, 'input'>>;
  updateStation?: Resolver<ResolversTypes['Station'], ParentType, ContextType, RequireFields<MutationUpdateStationArgs, 'id' | 'input'>>;
};

export type OpeningSlotResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['OpeningSlot'] = ResolversParentTypes['OpeningSlot']> = {
  closes?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  opens?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  weekday?: Resolver<ResolversTypes['Weekday'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  region?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType, RequireFields<QueryRegionArgs, 'code'>>;
  regions?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType, Partial<QueryRegionsArgs>>;
  station?: Resolver<Maybe<ResolversTypes['Station']>, ParentType, ContextType, RequireFields<QueryStationArgs, 'id'>>;
  stations?: Resolver<ResolversTypes['StationConnection'], ParentType, ContextType, RequireFields<QueryStationsArgs, 'first'>>;
  stationsByIds?: Resolver<Array<Maybe<ResolversTypes['Station']>>, ParentType, ContextType, RequireFields<QueryStationsByIdsArgs, 'ids'>>;
};

export type RegionResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  communityCount?: Resolver<ResolversTypes['CommunityCount'], ParentType, ContextType>;
  communityCoverage?: Resolver<ResolversTypes['CommunityCoverage'], ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['RegionLevel'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  population?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  populationSource?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  populationYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  stationSeries?: Resolver<Array<ResolversTypes['StationMonth']>, ParentType, ContextType, RequireFields<RegionStationSeriesArgs, 'from' | 'to'>>;
};

export type ServiceItemResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['ServiceItem'] = ResolversParentTypes['ServiceItem']> = {
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StationResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['Station'] = ResolversParentTypes['Station'], FederationReferenceType extends FederationReferenceTypes['Station'] = FederationReferenceTypes['Station']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Station']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['StationCategory'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  closedReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  communities?: Resolver<Array<ResolversTypes['Community']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  establishedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['Attachment']>, ParentType, ContextType>;
  facilities?: Resolver<Array<ResolversTypes['Facility']>, ParentType, ContextType>;
  hostUnit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hotline?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  leader?: Resolver<ResolversTypes['Leader'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  openingHours?: Resolver<Array<ResolversTypes['OpeningSlot']>, ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  serviceItems?: Resolver<Array<ResolversTypes['ServiceItem']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['StationStatus'], ParentType, ContextType>;
  unitHeadcount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type StationConnectionResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['StationConnection'] = ResolversParentTypes['StationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['StationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type StationEdgeResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['StationEdge'] = ResolversParentTypes['StationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
};

export type StationImportResultResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['StationImportResult'] = ResolversParentTypes['StationImportResult']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stations?: Resolver<Array<ResolversTypes['Station']>, ParentType, ContextType>;
};

export type StationMonthResolvers<ContextType = StationsContext, ParentType extends ResolversParentTypes['StationMonth'] = ResolversParentTypes['StationMonth']> = {
  closed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  opened?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stationCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = StationsContext> = {
  Attachment?: AttachmentResolvers<ContextType>;
  Community?: CommunityResolvers<ContextType>;
  CommunityConnection?: CommunityConnectionResolvers<ContextType>;
  CommunityCount?: CommunityCountResolvers<ContextType>;
  CommunityCoverage?: CommunityCoverageResolvers<ContextType>;
  CoverageFigure?: CoverageFigureResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  GeoPoint?: GeoPointResolvers<ContextType>;
  Leader?: LeaderResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OpeningSlot?: OpeningSlotResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  ServiceItem?: ServiceItemResolvers<ContextType>;
  Station?: StationResolvers<ContextType>;
  StationConnection?: StationConnectionResolvers<ContextType>;
  StationEdge?: StationEdgeResolvers<ContextType>;
  StationImportResult?: StationImportResultResolvers<ContextType>;
  StationMonth?: StationMonthResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = StationsContext> = {
  link?: LinkDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
};
