import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { StationRef as StationRefModel, RegionRef as RegionRefModel } from '@leifeng/kit';
import type { RuleProfile as RuleProfileModel } from '../domain/rule-profile';
import type { CycleRow as CycleRowModel, ApplicationRow as ApplicationRowModel, TitleRow as TitleRowModel, ObjectionRow as ObjectionRowModel, EndorsementRow as EndorsementRowModel, ApplicationForm as ApplicationFormModel, ReviewRow as ReviewRowModel } from '../services/rows';
import type { ReviewRunParent as ReviewRunParentModel, ReviewConnectionParent as ReviewConnectionParentModel, ApplicationConnectionParent as ApplicationConnectionParentModel, TitleConnectionParent as TitleConnectionParentModel } from '../resolvers/parents';
import type { NoticeRow as NoticeRowModel } from '../services/notice-service';
import type { QuotaUse as QuotaUseModel, QuotaTemplateRow as QuotaTemplateRowModel } from '../services/campaign-service';
import type { AccreditationContext } from '../context';
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
  /** Arbitrary JSON (machine-readable rules, facts behind a decision). */
  JSON: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type AccreditationCycle = {
  __typename?: 'AccreditationCycle';
  applications: Array<Application>;
  /** Every calendar change (the first is the opening), with who and when. */
  calendarChanges: Array<CalendarChange>;
  /** Recommendations a county makes in this cycle; null = not limited (Hunan). */
  countyRecommendationLimit?: Maybe<Scalars['Int']['output']>;
  currentPhase?: Maybe<CyclePhase>;
  directToCityCategories: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The issuing region (its name comes from the stations subgraph). */
  issuingRegion: Region;
  issuingRegionCode: Scalars['ID']['output'];
  levels: Array<TitleLevel>;
  noticeWorkingDays: Scalars['Int']['output'];
  /** The cycle's 公示, newest first, each with its objections. */
  notices: Array<PublicNotice>;
  /** Phases within the cycle's year; an ended phase can no longer be moved (PHASE_ENDED). */
  phases: Array<PhaseWindow>;
  quotas: Array<Quota>;
  /** Re-review runs of the cycle (dry runs included), newest first (signed-in users). */
  reviewRuns: Array<ReviewRun>;
  ruleProfile: RuleProfile;
  /** The profile's settings with the cycle's own overrides (source says where an override came from). */
  rules: Array<RuleSetting>;
  standardSet: StandardSet;
  year: Scalars['Int']['output'];
};


export type AccreditationCycleApplicationsArgs = {
  level?: InputMaybe<TitleLevel>;
  status?: InputMaybe<ApplicationStatus>;
};

export type AdvanceSandboxClockInput = {
  days?: InputMaybe<Scalars['Int']['input']>;
  hours?: InputMaybe<Scalars['Int']['input']>;
  minutes?: InputMaybe<Scalars['Int']['input']>;
  /** An instant ahead of the platform's now. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type Application = {
  __typename?: 'Application';
  attachments: Array<FileRef>;
  currentStage?: Maybe<EndorsementStage>;
  cycle: AccreditationCycle;
  endorsements: Array<Endorsement>;
  form: ApplicationForm;
  id: Scalars['ID']['output'];
  level: TitleLevel;
  outstanding: Scalars['Boolean']['output'];
  stages: Array<EndorsementStage>;
  station: Station;
  status: ApplicationStatus;
  submittedOn: Scalars['Date']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type ApplicationConnection = {
  __typename?: 'ApplicationConnection';
  edges: Array<ApplicationEdge>;
  pageInfo: PageInfo;
  /** Matching applications, all pages. */
  totalCount: Scalars['Int']['output'];
};

export type ApplicationEdge = {
  __typename?: 'ApplicationEdge';
  cursor: Scalars['String']['output'];
  node: Application;
};

export type ApplicationForm = {
  __typename?: 'ApplicationForm';
  address: Scalars['String']['output'];
  leaderName: Scalars['String']['output'];
  /** The leader's personal phone: masked (138****1234) unless the caller manages the station or administers its region. */
  leaderPhone: Scalars['String']['output'];
  plan: Scalars['String']['output'];
  postalCode: Scalars['String']['output'];
  practices: Scalars['String']['output'];
  situation: Scalars['String']['output'];
  unitName: Scalars['String']['output'];
  unitOpinion: Scalars['String']['output'];
};

export type ApplicationFormInput = {
  address: Scalars['String']['input'];
  leaderName: Scalars['String']['input'];
  leaderPhone: Scalars['String']['input'];
  plan: Scalars['String']['input'];
  postalCode: Scalars['String']['input'];
  practices: Scalars['String']['input'];
  situation: Scalars['String']['input'];
  unitName: Scalars['String']['input'];
  unitOpinion: Scalars['String']['input'];
};

export type ApplicationStatus =
  | 'CANDIDATE'
  | 'NAMED'
  | 'REJECTED'
  | 'RETURNED'
  | 'SUBMITTED';

export type CalendarChange = {
  __typename?: 'CalendarChange';
  after: Array<PhaseWindow>;
  /** null for the calendar the cycle was opened with. */
  before?: Maybe<Array<PhaseWindow>>;
  changedAt: Scalars['DateTime']['output'];
  changedBy: Scalars['String']['output'];
};

/** A city's CITY titles named for the cycle's year (whichever cycle named them) against factor × its provincial quota. */
export type CityTitleStanding = {
  __typename?: 'CityTitleStanding';
  cityCode: Scalars['ID']['output'];
  met: Scalars['Boolean']['output'];
  named: Scalars['Int']['output'];
  required: Scalars['Int']['output'];
  source: Scalars['String']['output'];
  year: Scalars['Int']['output'];
};

export type Compliance = {
  __typename?: 'Compliance';
  asOf: Scalars['Date']['output'];
  /** Codes of the criteria an inspector has not judged yet. */
  awaitingInspection: Array<Scalars['String']['output']>;
  criteria: Array<CriterionResult>;
  facts: Scalars['JSON']['output'];
  level: TitleLevel;
  /** true when MET, false when NOT_MET, null while criteria await inspection (never false for not judged yet). */
  met?: Maybe<Scalars['Boolean']['output']>;
  /** Codes of the criteria not met. */
  notMet: Array<Scalars['String']['output']>;
  standardSet: StandardSet;
  /** MET, NOT_MET (at least one criterion not met) or AWAITING_INSPECTION (none unmet, some not judged yet). */
  status: ComplianceStatus;
  year: Scalars['Int']['output'];
};

export type ComplianceStatus =
  | 'AWAITING_INSPECTION'
  | 'MET'
  | 'NOT_MET';

export type CreateCycleInput = {
  /** Overrides the profile's county maximum. */
  countyRecommendationLimit?: InputMaybe<Scalars['Int']['input']>;
  /** Overrides the profile's direct-entry categories (straight to CITY). */
  directToCityCategories?: InputMaybe<Array<Scalars['String']['input']>>;
  issuingRegionCode: Scalars['ID']['input'];
  levels: Array<TitleLevel>;
  noticeWorkingDays?: InputMaybe<Scalars['Int']['input']>;
  /** Default: the profile's phase template on the cycle's year. */
  phases?: InputMaybe<Array<PhaseWindowInput>>;
  /** Copies a seeded quota table, e.g. hunan-2012-provincial. */
  quotaTemplate?: InputMaybe<Scalars['String']['input']>;
  /** The campaign's rule profile, e.g. hunan-2012@1 or linyi-2012@1. */
  ruleProfileId: Scalars['ID']['input'];
  standardSetId: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};

export type Criterion = {
  __typename?: 'Criterion';
  code: Scalars['String']['output'];
  description: Scalars['String']['output'];
  kind: CriterionKind;
  name: Scalars['String']['output'];
  /** Machine-readable rule: { type, params, byLevel }. */
  rule?: Maybe<Scalars['JSON']['output']>;
};

export type CriterionInput = {
  code: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  kind: CriterionKind;
  name: Scalars['String']['input'];
  rule?: InputMaybe<Scalars['JSON']['input']>;
};

export type CriterionKind =
  | 'AUTOMATIC'
  | 'EVIDENCE'
  | 'INSPECTION';

export type CriterionResult = {
  __typename?: 'CriterionResult';
  code: Scalars['String']['output'];
  detail: Scalars['String']['output'];
  facts: Scalars['JSON']['output'];
  kind: CriterionKind;
  name: Scalars['String']['output'];
  status: CriterionStatus;
};

export type CriterionStatus =
  | 'MET'
  | 'NOT_JUDGED'
  | 'NOT_MET';

export type CyclePhase =
  | 'APPLICATION'
  | 'CULTIVATION'
  | 'DEPLOYMENT'
  | 'NAMING'
  | 'PREPARATION'
  | 'REVIEW';

export type EndorseInput = {
  comment: Scalars['String']['input'];
  decision: EndorsementDecision;
  outstanding?: InputMaybe<Scalars['Boolean']['input']>;
  /** Required with outstanding: why (事迹特别突出), kept with the signature. */
  outstandingReason?: InputMaybe<Scalars['String']['input']>;
};

export type Endorsement = {
  __typename?: 'Endorsement';
  comment: Scalars['String']['output'];
  decision: EndorsementDecision;
  outstanding: Scalars['Boolean']['output'];
  /** Why the recommendation is outstanding (事迹特别突出) and not counted against the county's number. */
  outstandingReason?: Maybe<Scalars['String']['output']>;
  signedAt: Scalars['DateTime']['output'];
  signer: Scalars['String']['output'];
  stage: EndorsementStage;
};

export type EndorsementDecision =
  | 'RECOMMEND'
  | 'REJECT'
  | 'RETURN';

export type EndorsementStage =
  | 'CITY'
  | 'COUNTY'
  | 'PROVINCE'
  | 'UNIT';

export type FileInput = {
  fileName: Scalars['String']['input'];
  url: Scalars['String']['input'];
};

export type FileRef = {
  __typename?: 'FileRef';
  fileName: Scalars['String']['output'];
  url: Scalars['String']['output'];
};

export type Finding = {
  __typename?: 'Finding';
  criterion: Scalars['String']['output'];
  met: Scalars['Boolean']['output'];
  note?: Maybe<Scalars['String']['output']>;
};

export type FindingInput = {
  criterion: Scalars['String']['input'];
  met: Scalars['Boolean']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};

export type HolidayCalendarInput = {
  holidays: Array<Scalars['String']['input']>;
  /** The State Council notice (title, date). */
  source: Scalars['String']['input'];
  workdays: Array<Scalars['String']['input']>;
  year: Scalars['Int']['input'];
};

export type HolidayCalendarVersion = {
  __typename?: 'HolidayCalendarVersion';
  /** Dates or ranges YYYY-MM-DD..YYYY-MM-DD off (法定节假日及调休放假). */
  holidays: Array<Scalars['String']['output']>;
  publishedAt: Scalars['DateTime']['output'];
  publishedBy: Scalars['String']['output'];
  /** The State Council notice it was copied from. */
  source: Scalars['String']['output'];
  /** Weekend days worked (调休上班). */
  workdays: Array<Scalars['String']['output']>;
  year: Scalars['Int']['output'];
};

export type HolidayCalendarYear = {
  __typename?: 'HolidayCalendarYear';
  holidays: Array<Scalars['String']['output']>;
  publishedAt: Scalars['DateTime']['output'];
  publishedBy: Scalars['String']['output'];
  source: Scalars['String']['output'];
  /** Every published version, newest first. */
  versions: Array<HolidayCalendarVersion>;
  workdays: Array<Scalars['String']['output']>;
  year: Scalars['Int']['output'];
};

export type Inspection = {
  __typename?: 'Inspection';
  findings: Array<Finding>;
  id: Scalars['ID']['output'];
  inspectedOn: Scalars['Date']['output'];
  inspector: Scalars['String']['output'];
  kind: InspectionKind;
  photos: Array<FileRef>;
  verdict: ReviewOutcome;
};

export type InspectionInput = {
  cycleId?: InputMaybe<Scalars['ID']['input']>;
  findings: Array<FindingInput>;
  inspectedOn: Scalars['Date']['input'];
  kind: InspectionKind;
  photos?: InputMaybe<Array<FileInput>>;
  stationId: Scalars['ID']['input'];
  verdict: ReviewOutcome;
};

export type InspectionKind =
  | 'ACCEPTANCE'
  | 'SPOT_CHECK';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Sandbox deployments only (SANDBOX=true; SANDBOX_DISABLED elsewhere): moves the platform clock of every
   * service forward, to a time or by days / hours / minutes (province admins). Never backwards.
   */
  advanceSandboxClock: SandboxClock;
  appealRevocation: Title;
  /** Opens a yearly campaign (province or city admin of the issuing region) under a rule profile. */
  createCycle: AccreditationCycle;
  /** Adds a campaign's rules as data (province admins); every setting quotes its source sentence. */
  createRuleProfile: RuleProfile;
  /** Adds a standard set as data (no code change): criteria with AUTOMATIC rules or EVIDENCE / INSPECTION. */
  createStandardSet: StandardSet;
  decideAppeal: Title;
  /** Signs the opinion of the application's current level (county, city, province group). */
  endorseApplication: Application;
  fileObjection: Objection;
  /**
   * Anyone objects to a 公示 during its window without an account: name, a phone proven by an SMS code
   * (identity's verifyPhone, purpose OBJECTION) and a reason of at most 500 characters. Public; limited
   * per phone and per client address.
   */
  filePublicObjection: PublicObjectionReceipt;
  followUpRectification: Rectification;
  /** Confers the titles of a notice whose period ended without open objections (命名). */
  nameCandidates: Array<Title>;
  orderRectification: Rectification;
  /**
   * Publishes a year's holidays and adjusted working days (调休) as the State Council's notice lists them
   * (province admins); the newest version counts, earlier ones are kept.
   */
  publishHolidayCalendar: HolidayCalendarYear;
  /** Puts the candidates of a level in a region on public notice (公示), default 5 working days. */
  publishNotice: PublicNotice;
  recordInspection: Inspection;
  resolveObjection: Objection;
  /** Resubmits a RETURNED application after edits. */
  resubmitApplication: Application;
  /** Sets a region's quota (issuing admins); never below the applicants already forwarded against it (QUOTA_BELOW_USED). */
  setQuota: Quota;
  /**
   * Starts a re-review (复核) for a cycle or a region; a second run for the same scope is a no-op. A real run needs
   * a completed dry run of the same scope that saw the current titles, with no inspection or rectification order
   * recorded for its stations since it started (DRY_RUN_REQUIRED / DRY_RUN_STALE).
   */
  startReview: ReviewRun;
  /** The station manager submits the 附件2 form (先建站再创号). */
  submitApplication: Application;
  updateCyclePhases: AccreditationCycle;
};


export type MutationAdvanceSandboxClockArgs = {
  input: AdvanceSandboxClockInput;
};


export type MutationAppealRevocationArgs = {
  reason: Scalars['String']['input'];
  titleId: Scalars['ID']['input'];
};


export type MutationCreateCycleArgs = {
  input: CreateCycleInput;
};


export type MutationCreateRuleProfileArgs = {
  input: RuleProfileInput;
};


export type MutationCreateStandardSetArgs = {
  input: StandardSetInput;
};


export type MutationDecideAppealArgs = {
  comment: Scalars['String']['input'];
  reinstate: Scalars['Boolean']['input'];
  titleId: Scalars['ID']['input'];
};


export type MutationEndorseApplicationArgs = {
  id: Scalars['ID']['input'];
  input: EndorseInput;
};


export type MutationFileObjectionArgs = {
  applicationId: Scalars['ID']['input'];
  content: Scalars['String']['input'];
  noticeId: Scalars['ID']['input'];
};


export type MutationFilePublicObjectionArgs = {
  input: PublicObjectionInput;
};


export type MutationFollowUpRectificationArgs = {
  id: Scalars['ID']['input'];
  met: Scalars['Boolean']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationNameCandidatesArgs = {
  noticeId: Scalars['ID']['input'];
};


export type MutationOrderRectificationArgs = {
  input: RectificationInput;
};


export type MutationPublishHolidayCalendarArgs = {
  input: HolidayCalendarInput;
};


export type MutationPublishNoticeArgs = {
  input: PublishNoticeInput;
};


export type MutationRecordInspectionArgs = {
  input: InspectionInput;
};


export type MutationResolveObjectionArgs = {
  id: Scalars['ID']['input'];
  resolution: Scalars['String']['input'];
  upheld: Scalars['Boolean']['input'];
};


export type MutationResubmitApplicationArgs = {
  attachments?: InputMaybe<Array<FileInput>>;
  form: ApplicationFormInput;
  id: Scalars['ID']['input'];
};


export type MutationSetQuotaArgs = {
  amount: Scalars['Int']['input'];
  cycleId: Scalars['ID']['input'];
  level: TitleLevel;
  regionCode: Scalars['ID']['input'];
};


export type MutationStartReviewArgs = {
  input: StartReviewInput;
};


export type MutationSubmitApplicationArgs = {
  input: SubmitApplicationInput;
};


export type MutationUpdateCyclePhasesArgs = {
  cycleId: Scalars['ID']['input'];
  phases: Array<PhaseWindowInput>;
};

/** One candidate of a 公示, as anyone may read it. */
export type NoticeCandidate = {
  __typename?: 'NoticeCandidate';
  applicationId: Scalars['ID']['output'];
  level: TitleLevel;
  station: Station;
};

export type Objection = {
  __typename?: 'Objection';
  applicationId: Scalars['ID']['output'];
  content: Scalars['String']['output'];
  filedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The public objector's name: officers of the notice's region (above or below) only. */
  objectorName?: Maybe<Scalars['String']['output']>;
  /** The public objector's phone: whole to the group that resolves the notice, masked to other officers, null to others. */
  objectorPhone?: Maybe<Scalars['String']['output']>;
  /** True when filed from the public page (no account). */
  publicFiling: Scalars['Boolean']['output'];
  resolution?: Maybe<Scalars['String']['output']>;
  status: Scalars['String']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PhaseWindow = {
  __typename?: 'PhaseWindow';
  endsOn: Scalars['Date']['output'];
  phase: CyclePhase;
  startsOn: Scalars['Date']['output'];
};

export type PhaseWindowInput = {
  endsOn: Scalars['Date']['input'];
  phase: CyclePhase;
  startsOn: Scalars['Date']['input'];
};

export type PublicNotice = {
  __typename?: 'PublicNotice';
  /** True while today (business time) is inside the window. */
  acceptingObjections: Scalars['Boolean']['output'];
  applications: Array<Application>;
  /** Set when the period runs into a year whose holiday arrangement is not published yet (counted Monday–Friday). */
  calendarWarning?: Maybe<Scalars['String']['output']>;
  /** The candidates as the public page shows them (no login): station and level. */
  candidates: Array<NoticeCandidate>;
  endsOn: Scalars['Date']['output'];
  id: Scalars['ID']['output'];
  level: TitleLevel;
  namedAt?: Maybe<Scalars['DateTime']['output']>;
  objections: Array<Objection>;
  regionCode: Scalars['ID']['output'];
  startsOn: Scalars['Date']['output'];
};

export type PublicObjectionInput = {
  /** The candidate objected to (one of the notice's candidates). */
  applicationId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  noticeId: Scalars['ID']['input'];
  /** The token of identity's verifyPhone(purpose: OBJECTION). */
  phoneProof: Scalars['String']['input'];
  /** At most 500 characters. */
  reason: Scalars['String']['input'];
};

export type PublicObjectionReceipt = {
  __typename?: 'PublicObjectionReceipt';
  filedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
};

export type PublishNoticeInput = {
  cycleId: Scalars['ID']['input'];
  /** The board's region: the level of the notice follows from it (city → CITY titles). */
  regionCode: Scalars['ID']['input'];
  startsOn?: InputMaybe<Scalars['Date']['input']>;
  workingDays?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  application?: Maybe<Application>;
  cycle?: Maybe<AccreditationCycle>;
  cycles: Array<AccreditationCycle>;
  /** A year's public holiday arrangement (放假调休) used for 公示 working days; null when not published yet. */
  holidayCalendar?: Maybe<HolidayCalendarYear>;
  /**
   * 待我审核: applications of every cycle waiting for the caller's level (county, city or province admin) in the
   * caller's region, oldest first, a page at a time (`offset` picks a page by number, `after` follows an edge).
   */
  myTodo: ApplicationConnection;
  notice?: Maybe<PublicNotice>;
  /** A seeded quota table (e.g. hunan-2012-provincial), what createCycle(quotaTemplate) copies; empty when unknown. */
  quotaTemplate: Array<QuotaTemplateEntry>;
  reviewRun?: Maybe<ReviewRun>;
  ruleProfile?: Maybe<RuleProfile>;
  /** Campaign rule profiles (each setting quotes the source sentence it comes from). */
  ruleProfiles: Array<RuleProfile>;
  /** The platform clock (sandbox deployments can move it; elsewhere it is real time). */
  sandboxClock: SandboxClock;
  standardSet?: Maybe<StandardSet>;
  standardSets: Array<StandardSet>;
};


export type QueryApplicationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCycleArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCyclesArgs = {
  issuingRegionCode?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryHolidayCalendarArgs = {
  year: Scalars['Int']['input'];
};


export type QueryMyTodoArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryNoticeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryQuotaTemplateArgs = {
  code: Scalars['String']['input'];
};


export type QueryReviewRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRuleProfileArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStandardSetArgs = {
  id: Scalars['ID']['input'];
};

export type Quota = {
  __typename?: 'Quota';
  amount: Scalars['Int']['output'];
  /** PROVINCE quotas under a ≥ N × quota rule: the city's CITY titles named for the year / required. */
  cityTitles?: Maybe<CityTitleStanding>;
  cycleId: Scalars['ID']['output'];
  level: TitleLevel;
  /** The quota's region (its name comes from the stations subgraph). */
  region: Region;
  regionCode: Scalars['ID']['output'];
  /** Applicants the region's city group has forwarded at this level. */
  used: Scalars['Int']['output'];
};

export type QuotaTemplateEntry = {
  __typename?: 'QuotaTemplateEntry';
  amount: Scalars['Int']['output'];
  level: TitleLevel;
  region: Region;
  regionCode: Scalars['ID']['output'];
};

export type Rectification = {
  __typename?: 'Rectification';
  deadline: Scalars['Date']['output'];
  followUpNote?: Maybe<Scalars['String']['output']>;
  followedUpOn?: Maybe<Scalars['Date']['output']>;
  id: Scalars['ID']['output'];
  requirements: Scalars['String']['output'];
  status: Scalars['String']['output'];
};

export type RectificationInput = {
  deadline: Scalars['Date']['input'];
  inspectionId?: InputMaybe<Scalars['ID']['input']>;
  requirements: Scalars['String']['input'];
  stationId: Scalars['ID']['input'];
};

export type Region = {
  __typename?: 'Region';
  /** Titles under the region with an appeal (OPEN first, then newest revoked), a page at a time (signed-in users). */
  appeals: TitleConnection;
  code: Scalars['ID']['output'];
  /** Quotas of a cycle under this region with their use. */
  quotaUse: Array<Quota>;
  titleCounts: Array<TitleCount>;
  /**
   * The region's titles (everything under it), newest named first, a page at a time (signed-in users): `offset`
   * picks a page by number, `after` follows an edge; at most 500 a page.
   */
  titlePage: TitleConnection;
  /** Monthly title figures over 'YYYY-MM' months from..to (at most 120) from the monthly summary (Asia/Shanghai months), one level or all. */
  titleSeries: Array<TitleMonth>;
  titles: Array<Title>;
};


export type RegionAppealsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Scalars['String']['input']>;
};


export type RegionQuotaUseArgs = {
  cycleId: Scalars['ID']['input'];
};


export type RegionTitleCountsArgs = {
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type RegionTitlePageArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  level?: InputMaybe<TitleLevel>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<TitleStatus>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type RegionTitleSeriesArgs = {
  from: Scalars['String']['input'];
  level?: InputMaybe<TitleLevel>;
  to: Scalars['String']['input'];
};


export type RegionTitlesArgs = {
  level?: InputMaybe<TitleLevel>;
  year?: InputMaybe<Scalars['Int']['input']>;
};

export type Review = {
  __typename?: 'Review';
  compliance: Scalars['JSON']['output'];
  createdAt: Scalars['DateTime']['output'];
  deadline?: Maybe<Scalars['Date']['output']>;
  dryRun: Scalars['Boolean']['output'];
  /** The facts and the criterion results the decision was based on (audit). */
  facts: Scalars['JSON']['output'];
  id: Scalars['ID']['output'];
  outcome: ReviewOutcome;
  reasons: Array<Scalars['String']['output']>;
  runId: Scalars['ID']['output'];
  station: Station;
  /**
   * On a FAIL, what happened to each lower title the station held (honor exit across levels): revoked with
   * it when the reason fails every level (not running, no team, no activity), kept when the station only
   * failed the reviewed level's standard — each with why.
   */
  titleDecisions: Array<ReviewTitleDecision>;
  titleId: Scalars['ID']['output'];
};

export type ReviewConnection = {
  __typename?: 'ReviewConnection';
  edges: Array<ReviewEdge>;
  pageInfo: PageInfo;
  /** Reviews of the run matching the filter, all pages. */
  totalCount: Scalars['Int']['output'];
};

export type ReviewEdge = {
  __typename?: 'ReviewEdge';
  cursor: Scalars['String']['output'];
  node: Review;
};

export type ReviewOutcome =
  | 'FAIL'
  | 'PASS'
  | 'RECTIFY';

export type ReviewOutcomeCount = {
  __typename?: 'ReviewOutcomeCount';
  count: Scalars['Int']['output'];
  outcome: ReviewOutcome;
};

export type ReviewRun = {
  __typename?: 'ReviewRun';
  /** True when this scope was already run: the call changed nothing. */
  alreadyRun: Scalars['Boolean']['output'];
  asOf: Scalars['Date']['output'];
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** The cycle the run reviews, or null for a region run. */
  cycleId?: Maybe<Scalars['ID']['output']>;
  dryRun: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  key: Scalars['String']['output'];
  /** How many reviews of the run ended in each outcome (outcomes with none are left out). */
  outcomeCounts: Array<ReviewOutcomeCount>;
  /** The region a region run reviews, or null for a cycle run. */
  regionCode?: Maybe<Scalars['ID']['output']>;
  reviewed: Scalars['Int']['output'];
  /**
   * The run's reviews in station order, a page at a time (a province run holds ~100 k, each with its
   * facts): at most 500 a page (`INVALID_PAGE_SIZE`); `after` is the previous page's `endCursor`.
   */
  reviews: ReviewConnection;
  /** Stations a FAIL would delist (dry run) or delisted. */
  revokedStationIds: Array<Scalars['ID']['output']>;
  status: Scalars['String']['output'];
  total: Scalars['Int']['output'];
  trigger: Scalars['String']['output'];
  year: Scalars['Int']['output'];
};


export type ReviewRunReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  outcome?: InputMaybe<ReviewOutcome>;
};

export type ReviewTitleDecision = {
  __typename?: 'ReviewTitleDecision';
  level: TitleLevel;
  reason: Scalars['String']['output'];
  revoked: Scalars['Boolean']['output'];
  titleId: Scalars['ID']['output'];
};

export type RuleProfile = {
  __typename?: 'RuleProfile';
  code: Scalars['String']['output'];
  /** code@version, e.g. hunan-2012@1 */
  id: Scalars['ID']['output'];
  issuer: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** levels, endorsement, countyRecommendation, provincialQuota, cityTitlesPerProvincialQuota, titleAge, phases, noticeWorkingDays, honorExit: each { value, source }. */
  rules: Scalars['JSON']['output'];
  settings: Array<RuleSetting>;
  /** The source document. */
  source: Scalars['String']['output'];
  version: Scalars['Int']['output'];
  year: Scalars['Int']['output'];
};

export type RuleProfileInput = {
  code: Scalars['String']['input'];
  issuer: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** Every setting as { value, source }: see RuleProfile.rules. */
  rules: Scalars['JSON']['input'];
  source: Scalars['String']['input'];
  version: Scalars['Int']['input'];
  year: Scalars['Int']['input'];
};

/** One setting of a rule profile with the sentence of the source document it comes from. */
export type RuleSetting = {
  __typename?: 'RuleSetting';
  key: Scalars['String']['output'];
  source: Scalars['String']['output'];
  value?: Maybe<Scalars['JSON']['output']>;
};

export type SandboxClock = {
  __typename?: 'SandboxClock';
  changes: Array<SandboxClockChange>;
  /** True in a sandbox deployment (rehearsal mode). */
  enabled: Scalars['Boolean']['output'];
  /** The platform's business time now. */
  now: Scalars['DateTime']['output'];
  offsetMs: Scalars['String']['output'];
};

export type SandboxClockChange = {
  __typename?: 'SandboxClockChange';
  /** Real time of the change. */
  advancedAt: Scalars['DateTime']['output'];
  advancedBy: Scalars['String']['output'];
  from: Scalars['DateTime']['output'];
  /** Offset ahead of real time after this change, in ms (a string: it exceeds 32 bits). */
  offsetMs: Scalars['String']['output'];
  to: Scalars['DateTime']['output'];
};

export type StandardSet = {
  __typename?: 'StandardSet';
  code: Scalars['String']['output'];
  criteria: Array<Criterion>;
  id: Scalars['ID']['output'];
  issuer: Scalars['String']['output'];
  levels: Array<TitleLevel>;
  name: Scalars['String']['output'];
  source?: Maybe<Scalars['String']['output']>;
  version: Scalars['Int']['output'];
  year: Scalars['Int']['output'];
};

export type StandardSetInput = {
  code: Scalars['String']['input'];
  criteria: Array<CriterionInput>;
  issuer: Scalars['String']['input'];
  levels: Array<TitleLevel>;
  name: Scalars['String']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
  version: Scalars['Int']['input'];
  year: Scalars['Int']['input'];
};

export type StartReviewInput = {
  cycleId?: InputMaybe<Scalars['ID']['input']>;
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};

export type Station = {
  __typename?: 'Station';
  applications: Array<Application>;
  compliance: Compliance;
  currentTitle?: Maybe<Title>;
  id: Scalars['ID']['output'];
  inspections: Array<Inspection>;
  rectifications: Array<Rectification>;
  reviews: Array<Review>;
  titles: Array<Title>;
};


export type StationComplianceArgs = {
  level?: InputMaybe<TitleLevel>;
  standardSet: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};

export type SubmitApplicationInput = {
  attachments?: InputMaybe<Array<FileInput>>;
  cycleId: Scalars['ID']['input'];
  form: ApplicationFormInput;
  level: TitleLevel;
  stationId: Scalars['ID']['input'];
};

export type Title = {
  __typename?: 'Title';
  appeal?: Maybe<TitleAppeal>;
  certificateNumber: Scalars['String']['output'];
  conferredOn: Scalars['Date']['output'];
  cycle: AccreditationCycle;
  history: Scalars['JSON']['output'];
  id: Scalars['ID']['output'];
  level: TitleLevel;
  reinstatedOn?: Maybe<Scalars['Date']['output']>;
  revokedOn?: Maybe<Scalars['Date']['output']>;
  revokedReason?: Maybe<Scalars['String']['output']>;
  revokedReview?: Maybe<Review>;
  station: Station;
  status: TitleStatus;
};

export type TitleAppeal = {
  __typename?: 'TitleAppeal';
  comment?: Maybe<Scalars['String']['output']>;
  reason: Scalars['String']['output'];
  status: Scalars['String']['output'];
};

export type TitleConnection = {
  __typename?: 'TitleConnection';
  edges: Array<TitleEdge>;
  pageInfo: PageInfo;
  /** Matching titles, all pages. */
  totalCount: Scalars['Int']['output'];
};

export type TitleCount = {
  __typename?: 'TitleCount';
  active: Scalars['Int']['output'];
  level: TitleLevel;
  revoked: Scalars['Int']['output'];
  year: Scalars['Int']['output'];
};

export type TitleEdge = {
  __typename?: 'TitleEdge';
  cursor: Scalars['String']['output'];
  node: Title;
};

export type TitleLevel =
  | 'CITY'
  | 'COUNTY'
  | 'PROVINCE';

export type TitleMonth = {
  __typename?: 'TitleMonth';
  /** Titles in force at the end of the month. */
  active: Scalars['Int']['output'];
  /** YYYY-MM */
  month: Scalars['String']['output'];
  /** Titles named (conferred) in the month. */
  named: Scalars['Int']['output'];
  /** Revoked titles reinstated on appeal in the month. */
  reinstated: Scalars['Int']['output'];
  /** Titles revoked (honor exit) in the month. */
  revoked: Scalars['Int']['output'];
};

export type TitleStatus =
  | 'ACTIVE'
  | 'REVOKED';



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
  AccreditationCycle: ResolverTypeWrapper<CycleRowModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AdvanceSandboxClockInput: AdvanceSandboxClockInput;
  Application: ResolverTypeWrapper<ApplicationRowModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ApplicationConnection: ResolverTypeWrapper<ApplicationConnectionParentModel>;
  ApplicationEdge: ResolverTypeWrapper<Omit<ApplicationEdge, 'node'> & { node: ResolversTypes['Application'] }>;
  ApplicationForm: ResolverTypeWrapper<ApplicationFormModel>;
  ApplicationFormInput: ApplicationFormInput;
  ApplicationStatus: ApplicationStatus;
  CalendarChange: ResolverTypeWrapper<CalendarChange>;
  CityTitleStanding: ResolverTypeWrapper<CityTitleStanding>;
  Compliance: ResolverTypeWrapper<Compliance>;
  ComplianceStatus: ComplianceStatus;
  CreateCycleInput: CreateCycleInput;
  Criterion: ResolverTypeWrapper<Criterion>;
  CriterionInput: CriterionInput;
  CriterionKind: CriterionKind;
  CriterionResult: ResolverTypeWrapper<CriterionResult>;
  CriterionStatus: CriterionStatus;
  CyclePhase: CyclePhase;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EndorseInput: EndorseInput;
  Endorsement: ResolverTypeWrapper<EndorsementRowModel>;
  EndorsementDecision: EndorsementDecision;
  EndorsementStage: EndorsementStage;
  FileInput: FileInput;
  FileRef: ResolverTypeWrapper<FileRef>;
  Finding: ResolverTypeWrapper<Finding>;
  FindingInput: FindingInput;
  HolidayCalendarInput: HolidayCalendarInput;
  HolidayCalendarVersion: ResolverTypeWrapper<HolidayCalendarVersion>;
  HolidayCalendarYear: ResolverTypeWrapper<HolidayCalendarYear>;
  Inspection: ResolverTypeWrapper<Inspection>;
  InspectionInput: InspectionInput;
  InspectionKind: InspectionKind;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NoticeCandidate: ResolverTypeWrapper<Omit<NoticeCandidate, 'station'> & { station: ResolversTypes['Station'] }>;
  Objection: ResolverTypeWrapper<ObjectionRowModel>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PhaseWindow: ResolverTypeWrapper<PhaseWindow>;
  PhaseWindowInput: PhaseWindowInput;
  PublicNotice: ResolverTypeWrapper<NoticeRowModel>;
  PublicObjectionInput: PublicObjectionInput;
  PublicObjectionReceipt: ResolverTypeWrapper<PublicObjectionReceipt>;
  PublishNoticeInput: PublishNoticeInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Quota: ResolverTypeWrapper<QuotaUseModel>;
  QuotaTemplateEntry: ResolverTypeWrapper<QuotaTemplateRowModel>;
  Rectification: ResolverTypeWrapper<Rectification>;
  RectificationInput: RectificationInput;
  Region: ResolverTypeWrapper<RegionRefModel>;
  Review: ResolverTypeWrapper<ReviewRowModel>;
  ReviewConnection: ResolverTypeWrapper<ReviewConnectionParentModel>;
  ReviewEdge: ResolverTypeWrapper<Omit<ReviewEdge, 'node'> & { node: ResolversTypes['Review'] }>;
  ReviewOutcome: ReviewOutcome;
  ReviewOutcomeCount: ResolverTypeWrapper<ReviewOutcomeCount>;
  ReviewRun: ResolverTypeWrapper<ReviewRunParentModel>;
  ReviewTitleDecision: ResolverTypeWrapper<ReviewTitleDecision>;
  RuleProfile: ResolverTypeWrapper<RuleProfileModel>;
  RuleProfileInput: RuleProfileInput;
  RuleSetting: ResolverTypeWrapper<RuleSetting>;
  SandboxClock: ResolverTypeWrapper<SandboxClock>;
  SandboxClockChange: ResolverTypeWrapper<SandboxClockChange>;
  StandardSet: ResolverTypeWrapper<StandardSet>;
  StandardSetInput: StandardSetInput;
  StartReviewInput: StartReviewInput;
  Station: ResolverTypeWrapper<StationRefModel>;
  SubmitApplicationInput: SubmitApplicationInput;
  Title: ResolverTypeWrapper<TitleRowModel>;
  TitleAppeal: ResolverTypeWrapper<TitleAppeal>;
  TitleConnection: ResolverTypeWrapper<TitleConnectionParentModel>;
  TitleCount: ResolverTypeWrapper<TitleCount>;
  TitleEdge: ResolverTypeWrapper<Omit<TitleEdge, 'node'> & { node: ResolversTypes['Title'] }>;
  TitleLevel: TitleLevel;
  TitleMonth: ResolverTypeWrapper<TitleMonth>;
  TitleStatus: TitleStatus;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AccreditationCycle: CycleRowModel;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  AdvanceSandboxClockInput: AdvanceSandboxClockInput;
  Application: ApplicationRowModel;
  Boolean: Scalars['Boolean']['output'];
  ApplicationConnection: ApplicationConnectionParentModel;
  ApplicationEdge: Omit<ApplicationEdge, 'node'> & { node: ResolversParentTypes['Application'] };
  ApplicationForm: ApplicationFormModel;
  ApplicationFormInput: ApplicationFormInput;
  CalendarChange: CalendarChange;
  CityTitleStanding: CityTitleStanding;
  Compliance: Compliance;
  CreateCycleInput: CreateCycleInput;
  Criterion: Criterion;
  CriterionInput: CriterionInput;
  CriterionResult: CriterionResult;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  EndorseInput: EndorseInput;
  Endorsement: EndorsementRowModel;
  FileInput: FileInput;
  FileRef: FileRef;
  Finding: Finding;
  FindingInput: FindingInput;
  HolidayCalendarInput: HolidayCalendarInput;
  HolidayCalendarVersion: HolidayCalendarVersion;
  HolidayCalendarYear: HolidayCalendarYear;
  Inspection: Inspection;
  InspectionInput: InspectionInput;
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  NoticeCandidate: Omit<NoticeCandidate, 'station'> & { station: ResolversParentTypes['Station'] };
  Objection: ObjectionRowModel;
  PageInfo: PageInfo;
  PhaseWindow: PhaseWindow;
  PhaseWindowInput: PhaseWindowInput;
  PublicNotice: NoticeRowModel;
  PublicObjectionInput: PublicObjectionInput;
  PublicObjectionReceipt: PublicObjectionReceipt;
  PublishNoticeInput: PublishNoticeInput;
  Query: Record<PropertyKey, never>;
  Quota: QuotaUseModel;
  QuotaTemplateEntry: QuotaTemplateRowModel;
  Rectification: Rectification;
  RectificationInput: RectificationInput;
  Region: RegionRefModel;
  Review: ReviewRowModel;
  ReviewConnection: ReviewConnectionParentModel;
  ReviewEdge: Omit<ReviewEdge, 'node'> & { node: ResolversParentTypes['Review'] };
  ReviewOutcomeCount: ReviewOutcomeCount;
  ReviewRun: ReviewRunParentModel;
  ReviewTitleDecision: ReviewTitleDecision;
  RuleProfile: RuleProfileModel;
  RuleProfileInput: RuleProfileInput;
  RuleSetting: RuleSetting;
  SandboxClock: SandboxClock;
  SandboxClockChange: SandboxClockChange;
  StandardSet: StandardSet;
  StandardSetInput: StandardSetInput;
  StartReviewInput: StartReviewInput;
  Station: StationRefModel;
  SubmitApplicationInput: SubmitApplicationInput;
  Title: TitleRowModel;
  TitleAppeal: TitleAppeal;
  TitleConnection: TitleConnectionParentModel;
  TitleCount: TitleCount;
  TitleEdge: Omit<TitleEdge, 'node'> & { node: ResolversParentTypes['Title'] };
  TitleMonth: TitleMonth;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
};

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = AccreditationContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = AccreditationContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = AccreditationContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AccreditationCycleResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['AccreditationCycle'] = ResolversParentTypes['AccreditationCycle']> = {
  applications?: Resolver<Array<ResolversTypes['Application']>, ParentType, ContextType, Partial<AccreditationCycleApplicationsArgs>>;
  calendarChanges?: Resolver<Array<ResolversTypes['CalendarChange']>, ParentType, ContextType>;
  countyRecommendationLimit?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  currentPhase?: Resolver<Maybe<ResolversTypes['CyclePhase']>, ParentType, ContextType>;
  directToCityCategories?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuingRegion?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  issuingRegionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  levels?: Resolver<Array<ResolversTypes['TitleLevel']>, ParentType, ContextType>;
  noticeWorkingDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  notices?: Resolver<Array<ResolversTypes['PublicNotice']>, ParentType, ContextType>;
  phases?: Resolver<Array<ResolversTypes['PhaseWindow']>, ParentType, ContextType>;
  quotas?: Resolver<Array<ResolversTypes['Quota']>, ParentType, ContextType>;
  reviewRuns?: Resolver<Array<ResolversTypes['ReviewRun']>, ParentType, ContextType>;
  ruleProfile?: Resolver<ResolversTypes['RuleProfile'], ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['RuleSetting']>, ParentType, ContextType>;
  standardSet?: Resolver<ResolversTypes['StandardSet'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ApplicationResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Application'] = ResolversParentTypes['Application']> = {
  attachments?: Resolver<Array<ResolversTypes['FileRef']>, ParentType, ContextType>;
  currentStage?: Resolver<Maybe<ResolversTypes['EndorsementStage']>, ParentType, ContextType>;
  cycle?: Resolver<ResolversTypes['AccreditationCycle'], ParentType, ContextType>;
  endorsements?: Resolver<Array<ResolversTypes['Endorsement']>, ParentType, ContextType>;
  form?: Resolver<ResolversTypes['ApplicationForm'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['TitleLevel'], ParentType, ContextType>;
  outstanding?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  stages?: Resolver<Array<ResolversTypes['EndorsementStage']>, ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ApplicationStatus'], ParentType, ContextType>;
  submittedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ApplicationConnectionResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['ApplicationConnection'] = ResolversParentTypes['ApplicationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ApplicationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ApplicationEdgeResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['ApplicationEdge'] = ResolversParentTypes['ApplicationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Application'], ParentType, ContextType>;
};

export type ApplicationFormResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['ApplicationForm'] = ResolversParentTypes['ApplicationForm']> = {
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  leaderName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  leaderPhone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  plan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  postalCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  practices?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  situation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitOpinion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CalendarChangeResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['CalendarChange'] = ResolversParentTypes['CalendarChange']> = {
  after?: Resolver<Array<ResolversTypes['PhaseWindow']>, ParentType, ContextType>;
  before?: Resolver<Maybe<Array<ResolversTypes['PhaseWindow']>>, ParentType, ContextType>;
  changedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  changedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CityTitleStandingResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['CityTitleStanding'] = ResolversParentTypes['CityTitleStanding']> = {
  cityCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  met?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  named?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ComplianceResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Compliance'] = ResolversParentTypes['Compliance']> = {
  asOf?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  awaitingInspection?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  criteria?: Resolver<Array<ResolversTypes['CriterionResult']>, ParentType, ContextType>;
  facts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['TitleLevel'], ParentType, ContextType>;
  met?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  notMet?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  standardSet?: Resolver<ResolversTypes['StandardSet'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ComplianceStatus'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CriterionResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Criterion'] = ResolversParentTypes['Criterion']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CriterionKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
};

export type CriterionResultResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['CriterionResult'] = ResolversParentTypes['CriterionResult']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  facts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CriterionKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CriterionStatus'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EndorsementResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Endorsement'] = ResolversParentTypes['Endorsement']> = {
  comment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['EndorsementDecision'], ParentType, ContextType>;
  outstanding?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  outstandingReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  signedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  signer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['EndorsementStage'], ParentType, ContextType>;
};

export type FileRefResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['FileRef'] = ResolversParentTypes['FileRef']> = {
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FindingResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Finding'] = ResolversParentTypes['Finding']> = {
  criterion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  met?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type HolidayCalendarVersionResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['HolidayCalendarVersion'] = ResolversParentTypes['HolidayCalendarVersion']> = {
  holidays?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  publishedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workdays?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type HolidayCalendarYearResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['HolidayCalendarYear'] = ResolversParentTypes['HolidayCalendarYear']> = {
  holidays?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  publishedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['HolidayCalendarVersion']>, ParentType, ContextType>;
  workdays?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type InspectionResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Inspection'] = ResolversParentTypes['Inspection']> = {
  findings?: Resolver<Array<ResolversTypes['Finding']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inspectedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  inspector?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['InspectionKind'], ParentType, ContextType>;
  photos?: Resolver<Array<ResolversTypes['FileRef']>, ParentType, ContextType>;
  verdict?: Resolver<ResolversTypes['ReviewOutcome'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  advanceSandboxClock?: Resolver<ResolversTypes['SandboxClock'], ParentType, ContextType, RequireFields<MutationAdvanceSandboxClockArgs, 'input'>>;
  appealRevocation?: Resolver<ResolversTypes['Title'], ParentType, ContextType, RequireFields<MutationAppealRevocationArgs, 'reason' | 'titleId'>>;
  createCycle?: Resolver<ResolversTypes['AccreditationCycle'], ParentType, ContextType, RequireFields<MutationCreateCycleArgs, 'input'>>;
  createRuleProfile?: Resolver<ResolversTypes['RuleProfile'], ParentType, ContextType, RequireFields<MutationCreateRuleProfileArgs, 'input'>>;
  createStandardSet?: Resolver<ResolversTypes['StandardSet'], ParentType, ContextType, RequireFields<MutationCreateStandardSetArgs, 'input'>>;
  decideAppeal?: Resolver<ResolversTypes['Title'], ParentType, ContextType, RequireFields<MutationDecideAppealArgs, 'comment' | 'reinstate' | 'titleId'>>;
  endorseApplication?: Resolver<ResolversTypes['Application'], ParentType, ContextType, RequireFields<MutationEndorseApplicationArgs, 'id' | 'input'>>;
  fileObjection?: Resolver<ResolversTypes['Objection'], ParentType, ContextType, RequireFields<MutationFileObjectionArgs, 'applicationId' | 'content' | 'noticeId'>>;
  filePublicObjection?: Resolver<ResolversTypes['PublicObjectionReceipt'], ParentType, ContextType, RequireFields<MutationFilePublicObjectionArgs, 'input'>>;
  followUpRectification?: Resolver<ResolversTypes['Rectification'], ParentType, ContextType, RequireFields<MutationFollowUpRectificationArgs, 'id' | 'met'>>;
  nameCandidates?: Resolver<Array<ResolversTypes['Title']>, ParentType, ContextType, RequireFields<MutationNameCandidatesArgs, 'noticeId'>>;
  orderRectification?: Resolver<ResolversTypes['Rectification'], ParentType, ContextType, RequireFields<MutationOrderRectificationArgs, 'input'>>;
  publishHolidayCalendar?: Resolver<ResolversTypes['HolidayCalendarYear'], ParentType, ContextType, RequireFields<MutationPublishHolidayCalendarArgs, 'input'>>;
  publishNotice?: Resolver<ResolversTypes['PublicNotice'], ParentType, ContextType, RequireFields<MutationPublishNoticeArgs, 'input'>>;
  recordInspection?: Resolver<ResolversTypes['Inspection'], ParentType, ContextType, RequireFields<MutationRecordInspectionArgs, 'input'>>;
  resolveObjection?: Resolver<ResolversTypes['Objection'], ParentType, ContextType, RequireFields<MutationResolveObjectionArgs, 'id' | 'resolution' | 'upheld'>>;
  resubmitApplication?: Resolver<ResolversTypes['Application'], ParentType, ContextType, RequireFields<MutationResubmitApplicationArgs, 'form' | 'id'>>;
  setQuota?: Resolver<ResolversTypes['Quota'], ParentType, ContextType, RequireFields<MutationSetQuotaArgs, 'amount' | 'cycleId' | 'level' | 'regionCode'>>;
  startReview?: Resolver<ResolversTypes['ReviewRun'], ParentType, ContextType, RequireFields<MutationStartReviewArgs, 'input'>>;
  submitApplication?: Resolver<ResolversTypes['Application'], ParentType, ContextType, RequireFields<MutationSubmitApplicationArgs, 'input'>>;
  updateCyclePhases?: Resolver<ResolversTypes['AccreditationCycle'], ParentType, ContextType, RequireFields<MutationUpdateCyclePhasesArgs, 'cycleId' | 'phases'>>;
};

export type NoticeCandidateResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['NoticeCandidate'] = ResolversParentTypes['NoticeCandidate']> = {
  applicationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['TitleLevel'], ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
};

export type ObjectionResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Objection'] = ResolversParentTypes['Objection']> = {
  applicationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  filedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  objectorName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  objectorPhone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  publicFiling?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  resolution?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PhaseWindowResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['PhaseWindow'] = ResolversParentTypes['PhaseWindow']> = {
  endsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  phase?: Resolver<ResolversTypes['CyclePhase'], ParentType, ContextType>;
  startsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type PublicNoticeResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['PublicNotice'] = ResolversParentTypes['PublicNotice']> = {
  acceptingObjections?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  applications?: Resolver<Array<ResolversTypes['Application']>, ParentType, ContextType>;
  calendarWarning?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  candidates?: Resolver<Array<ResolversTypes['NoticeCandidate']>, ParentType, ContextType>;
  endsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['TitleLevel'], ParentType, ContextType>;
  namedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  objections?: Resolver<Array<ResolversTypes['Objection']>, ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  startsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type PublicObjectionReceiptResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['PublicObjectionReceipt'] = ResolversParentTypes['PublicObjectionReceipt']> = {
  filedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  application?: Resolver<Maybe<ResolversTypes['Application']>, ParentType, ContextType, RequireFields<QueryApplicationArgs, 'id'>>;
  cycle?: Resolver<Maybe<ResolversTypes['AccreditationCycle']>, ParentType, ContextType, RequireFields<QueryCycleArgs, 'id'>>;
  cycles?: Resolver<Array<ResolversTypes['AccreditationCycle']>, ParentType, ContextType, Partial<QueryCyclesArgs>>;
  holidayCalendar?: Resolver<Maybe<ResolversTypes['HolidayCalendarYear']>, ParentType, ContextType, RequireFields<QueryHolidayCalendarArgs, 'year'>>;
  myTodo?: Resolver<ResolversTypes['ApplicationConnection'], ParentType, ContextType, RequireFields<QueryMyTodoArgs, 'first'>>;
  notice?: Resolver<Maybe<ResolversTypes['PublicNotice']>, ParentType, ContextType, RequireFields<QueryNoticeArgs, 'id'>>;
  quotaTemplate?: Resolver<Array<ResolversTypes['QuotaTemplateEntry']>, ParentType, ContextType, RequireFields<QueryQuotaTemplateArgs, 'code'>>;
  reviewRun?: Resolver<Maybe<ResolversTypes['ReviewRun']>, ParentType, ContextType, RequireFields<QueryReviewRunArgs, 'id'>>;
  ruleProfile?: Resolver<Maybe<ResolversTypes['RuleProfile']>, ParentType, ContextType, RequireFields<QueryRuleProfileArgs, 'id'>>;
  ruleProfiles?: Resolver<Array<ResolversTypes['RuleProfile']>, ParentType, ContextType>;
  sandboxClock?: Resolver<ResolversTypes['SandboxClock'], ParentType, ContextType>;
  standardSet?: Resolver<Maybe<ResolversTypes['StandardSet']>, ParentType, ContextType, RequireFields<QueryStandardSetArgs, 'id'>>;
  standardSets?: Resolver<Array<ResolversTypes['StandardSet']>, ParentType, ContextType>;
};

export type QuotaResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Quota'] = ResolversParentTypes['Quota']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cityTitles?: Resolver<Maybe<ResolversTypes['CityTitleStanding']>, ParentType, ContextType>;
  cycleId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['TitleLevel'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  used?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QuotaTemplateEntryResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['QuotaTemplateEntry'] = ResolversParentTypes['QuotaTemplateEntry']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['TitleLevel'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type RectificationResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Rectification'] = ResolversParentTypes['Rectification']> = {
  deadline?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  followUpNote?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  followedUpOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  requirements?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RegionResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  appeals?: Resolver<ResolversTypes['TitleConnection'], ParentType, ContextType, RequireFields<RegionAppealsArgs, 'first'>>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quotaUse?: Resolver<Array<ResolversTypes['Quota']>, ParentType, ContextType, RequireFields<RegionQuotaUseArgs, 'cycleId'>>;
  titleCounts?: Resolver<Array<ResolversTypes['TitleCount']>, ParentType, ContextType, Partial<RegionTitleCountsArgs>>;
  titlePage?: Resolver<ResolversTypes['TitleConnection'], ParentType, ContextType, RequireFields<RegionTitlePageArgs, 'first'>>;
  titleSeries?: Resolver<Array<ResolversTypes['TitleMonth']>, ParentType, ContextType, RequireFields<RegionTitleSeriesArgs, 'from' | 'to'>>;
  titles?: Resolver<Array<ResolversTypes['Title']>, ParentType, ContextType, Partial<RegionTitlesArgs>>;
};

export type ReviewResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Review'] = ResolversParentTypes['Review']> = {
  compliance?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deadline?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  facts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['ReviewOutcome'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  runId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  titleDecisions?: Resolver<Array<ResolversTypes['ReviewTitleDecision']>, ParentType, ContextType>;
  titleId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ReviewConnectionResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['ReviewConnection'] = ResolversParentTypes['ReviewConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ReviewEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReviewEdgeResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['ReviewEdge'] = ResolversParentTypes['ReviewEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Review'], ParentType, ContextType>;
};

export type ReviewOutcomeCountResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['ReviewOutcomeCount'] = ResolversParentTypes['ReviewOutcomeCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['ReviewOutcome'], ParentType, ContextType>;
};

export type ReviewRunResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['ReviewRun'] = ResolversParentTypes['ReviewRun']> = {
  alreadyRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  asOf?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cycleId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcomeCounts?: Resolver<Array<ResolversTypes['ReviewOutcomeCount']>, ParentType, ContextType>;
  regionCode?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  reviewed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reviews?: Resolver<ResolversTypes['ReviewConnection'], ParentType, ContextType, RequireFields<ReviewRunReviewsArgs, 'first'>>;
  revokedStationIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReviewTitleDecisionResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['ReviewTitleDecision'] = ResolversParentTypes['ReviewTitleDecision']> = {
  level?: Resolver<ResolversTypes['TitleLevel'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revoked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  titleId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type RuleProfileResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['RuleProfile'] = ResolversParentTypes['RuleProfile']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rules?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  settings?: Resolver<Array<ResolversTypes['RuleSetting']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RuleSettingResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['RuleSetting'] = ResolversParentTypes['RuleSetting']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
};

export type SandboxClockResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['SandboxClock'] = ResolversParentTypes['SandboxClock']> = {
  changes?: Resolver<Array<ResolversTypes['SandboxClockChange']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  now?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  offsetMs?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SandboxClockChangeResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['SandboxClockChange'] = ResolversParentTypes['SandboxClockChange']> = {
  advancedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  advancedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  offsetMs?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type StandardSetResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['StandardSet'] = ResolversParentTypes['StandardSet']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  criteria?: Resolver<Array<ResolversTypes['Criterion']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  levels?: Resolver<Array<ResolversTypes['TitleLevel']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type StationResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Station'] = ResolversParentTypes['Station'], FederationReferenceType extends FederationReferenceTypes['Station'] = FederationReferenceTypes['Station']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Station']> | FederationReferenceType, FederationReferenceType, ContextType>;
  applications?: Resolver<Array<ResolversTypes['Application']>, ParentType, ContextType>;
  compliance?: Resolver<ResolversTypes['Compliance'], ParentType, ContextType, RequireFields<StationComplianceArgs, 'standardSet' | 'year'>>;
  currentTitle?: Resolver<Maybe<ResolversTypes['Title']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inspections?: Resolver<Array<ResolversTypes['Inspection']>, ParentType, ContextType>;
  rectifications?: Resolver<Array<ResolversTypes['Rectification']>, ParentType, ContextType>;
  reviews?: Resolver<Array<ResolversTypes['Review']>, ParentType, ContextType>;
  titles?: Resolver<Array<ResolversTypes['Title']>, ParentType, ContextType>;
};

export type TitleResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['Title'] = ResolversParentTypes['Title']> = {
  appeal?: Resolver<Maybe<ResolversTypes['TitleAppeal']>, ParentType, ContextType>;
  certificateNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  conferredOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  cycle?: Resolver<ResolversTypes['AccreditationCycle'], ParentType, ContextType>;
  history?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['TitleLevel'], ParentType, ContextType>;
  reinstatedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  revokedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  revokedReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revokedReview?: Resolver<Maybe<ResolversTypes['Review']>, ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TitleStatus'], ParentType, ContextType>;
};

export type TitleAppealResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['TitleAppeal'] = ResolversParentTypes['TitleAppeal']> = {
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TitleConnectionResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['TitleConnection'] = ResolversParentTypes['TitleConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TitleEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TitleCountResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['TitleCount'] = ResolversParentTypes['TitleCount']> = {
  active?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['TitleLevel'], ParentType, ContextType>;
  revoked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TitleEdgeResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['TitleEdge'] = ResolversParentTypes['TitleEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Title'], ParentType, ContextType>;
};

export type TitleMonthResolvers<ContextType = AccreditationContext, ParentType extends ResolversParentTypes['TitleMonth'] = ResolversParentTypes['TitleMonth']> = {
  active?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  named?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reinstated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  revoked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = AccreditationContext> = {
  AccreditationCycle?: AccreditationCycleResolvers<ContextType>;
  Application?: ApplicationResolvers<ContextType>;
  ApplicationConnection?: ApplicationConnectionResolvers<ContextType>;
  ApplicationEdge?: ApplicationEdgeResolvers<ContextType>;
  ApplicationForm?: ApplicationFormResolvers<ContextType>;
  CalendarChange?: CalendarChangeResolvers<ContextType>;
  CityTitleStanding?: CityTitleStandingResolvers<ContextType>;
  Compliance?: ComplianceResolvers<ContextType>;
  Criterion?: CriterionResolvers<ContextType>;
  CriterionResult?: CriterionResultResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Endorsement?: EndorsementResolvers<ContextType>;
  FileRef?: FileRefResolvers<ContextType>;
  Finding?: FindingResolvers<ContextType>;
  HolidayCalendarVersion?: HolidayCalendarVersionResolvers<ContextType>;
  HolidayCalendarYear?: HolidayCalendarYearResolvers<ContextType>;
  Inspection?: InspectionResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  NoticeCandidate?: NoticeCandidateResolvers<ContextType>;
  Objection?: ObjectionResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PhaseWindow?: PhaseWindowResolvers<ContextType>;
  PublicNotice?: PublicNoticeResolvers<ContextType>;
  PublicObjectionReceipt?: PublicObjectionReceiptResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Quota?: QuotaResolvers<ContextType>;
  QuotaTemplateEntry?: QuotaTemplateEntryResolvers<ContextType>;
  Rectification?: RectificationResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  Review?: ReviewResolvers<ContextType>;
  ReviewConnection?: ReviewConnectionResolvers<ContextType>;
  ReviewEdge?: ReviewEdgeResolvers<ContextType>;
  ReviewOutcomeCount?: ReviewOutcomeCountResolvers<ContextType>;
  ReviewRun?: ReviewRunResolvers<ContextType>;
  ReviewTitleDecision?: ReviewTitleDecisionResolvers<ContextType>;
  RuleProfile?: RuleProfileResolvers<ContextType>;
  RuleSetting?: RuleSettingResolvers<ContextType>;
  SandboxClock?: SandboxClockResolvers<ContextType>;
  SandboxClockChange?: SandboxClockChangeResolvers<ContextType>;
  StandardSet?: StandardSetResolvers<ContextType>;
  Station?: StationResolvers<ContextType>;
  Title?: TitleResolvers<ContextType>;
  TitleAppeal?: TitleAppealResolvers<ContextType>;
  TitleConnection?: TitleConnectionResolvers<ContextType>;
  TitleCount?: TitleCountResolvers<ContextType>;
  TitleEdge?: TitleEdgeResolvers<ContextType>;
  TitleMonth?: TitleMonthResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = AccreditationContext> = {
  link?: LinkDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
};
