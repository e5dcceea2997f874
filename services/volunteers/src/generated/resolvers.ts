import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { StationRef as StationRefModel } from '@leifeng/kit';
import type { RegionParent as RegionParentModel, WithVolunteerId as WithVolunteerIdModel, TimeBankAccountParent as TimeBankAccountParentModel, TimeBankTransactionParent as TimeBankTransactionParentModel } from '../resolvers/parents';
import type { VolunteerRow as VolunteerRowModel } from '../services/volunteer-service';
import type { MembershipRow as MembershipRowModel } from '../services/membership-rows';
import type { ActivityRow as ActivityRowModel } from '../services/activity-service';
import type { RecordRow as RecordRowModel } from '../services/record-service';
import type { DutyShift as DutyShiftModel } from '../services/duty-service';
import type { TrainingRow as TrainingRowModel } from '../services/training-service';
import type { PairingRow as PairingRowModel } from '../services/pairing-service';
import type { CertificateRow as CertificateRowModel } from '../services/certificate-service';
import type { DemandRow as DemandRowModel } from '../services/demand-service';
import type { CatalogueItem as CatalogueItemModel } from '../services/timebank-service';
import type { VolunteersContext } from '../context';
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

export type Activity = {
  __typename?: 'Activity';
  capacity?: Maybe<Scalars['Int']['output']>;
  category: ActivityCategory;
  description?: Maybe<Scalars['String']['output']>;
  endsAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The caller's own sign-up (null when the caller has not signed up). */
  myAttendance?: Maybe<ActivityAttendance>;
  photos: Array<Photo>;
  place: Scalars['String']['output'];
  /** Null unless the caller manages the station. */
  signInCode?: Maybe<Scalars['String']['output']>;
  signUpCount: Scalars['Int']['output'];
  startsAt: Scalars['DateTime']['output'];
  station: Station;
  status: ActivityStatus;
  title: Scalars['String']['output'];
};

export type ActivityAttendance = {
  __typename?: 'ActivityAttendance';
  checkedInAt?: Maybe<Scalars['DateTime']['output']>;
  /** Set once the volunteer checked out. */
  checkedOutAt?: Maybe<Scalars['DateTime']['output']>;
  recordId?: Maybe<Scalars['ID']['output']>;
  signedUpAt: Scalars['DateTime']['output'];
};

export type ActivityCategory =
  /** 服务党政中心工作 */
  | 'CENTRAL_WORK'
  /** 精神文明建设 */
  | 'CIVILITY'
  /** 便民服务 */
  | 'CONVENIENCE'
  /** 文化服务 */
  | 'CULTURAL'
  /** 关爱重点青少年群体 */
  | 'KEY_YOUTH'
  | 'OTHER'
  /** 基层公共事务 */
  | 'PUBLIC_AFFAIRS'
  /** 扶助弱势困难群众 */
  | 'VULNERABLE_GROUPS';

export type ActivityStatus =
  | 'CANCELLED'
  | 'PLANNED';

export type AddMemberInput = {
  joinedOn?: InputMaybe<Scalars['Date']['input']>;
  role?: InputMaybe<MembershipRole>;
  stationId: Scalars['ID']['input'];
  volunteerId: Scalars['ID']['input'];
};

export type Attendance = {
  __typename?: 'Attendance';
  attended: Scalars['Boolean']['output'];
  volunteer?: Maybe<Volunteer>;
};

export type AttendanceInput = {
  attended: Scalars['Boolean']['input'];
  volunteerId: Scalars['ID']['input'];
};

export type Beneficiary = {
  __typename?: 'Beneficiary';
  name: Scalars['String']['output'];
  note?: Maybe<Scalars['String']['output']>;
};

export type BeneficiaryInput = {
  name: Scalars['String']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};

export type CatalogueItem = {
  __typename?: 'CatalogueItem';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  points: Scalars['Float']['output'];
  station: Station;
};

export type CatalogueItemInput = {
  name: Scalars['String']['input'];
  points: Scalars['Float']['input'];
  stationId: Scalars['ID']['input'];
};

export type Certificate = {
  __typename?: 'Certificate';
  id: Scalars['ID']['output'];
  issuedAt: Scalars['DateTime']['output'];
  /** ZYFW + year + 6 digits. */
  number: Scalars['String']['output'];
  /** The QR code of qrText as an SVG data URL (data:image/svg+xml;base64,…); also served at GET /certificates/{verificationCode}/qr.svg. */
  qrSvg: Scalars['String']['output'];
  /** The URL the certificate's QR code carries: the public verification page (<PUBLIC_BASE_URL>/verify/<code>), which a phone camera opens. */
  qrText: Scalars['String']['output'];
  records: Array<ServiceRecord>;
  revokeReason?: Maybe<Scalars['String']['output']>;
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  station: Station;
  totalHours: Scalars['Float']['output'];
  verificationCode: Scalars['String']['output'];
  volunteer?: Maybe<Volunteer>;
};

/** What anyone may learn from a verification code: enough to trust a paper certificate, no personal data beyond a masked name. */
export type CertificateCheck = {
  __typename?: 'CertificateCheck';
  holderName?: Maybe<Scalars['String']['output']>;
  issuedAt?: Maybe<Scalars['DateTime']['output']>;
  number?: Maybe<Scalars['String']['output']>;
  recordCount?: Maybe<Scalars['Int']['output']>;
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** NOT_FOUND, REVOKED or VALID. */
  state: Scalars['String']['output'];
  stationId?: Maybe<Scalars['ID']['output']>;
  totalHours?: Maybe<Scalars['Float']['output']>;
  valid: Scalars['Boolean']['output'];
};

export type CreateActivityInput = {
  capacity?: InputMaybe<Scalars['Int']['input']>;
  category: ActivityCategory;
  description?: InputMaybe<Scalars['String']['input']>;
  endsAt: Scalars['DateTime']['input'];
  photos?: InputMaybe<Array<PhotoInput>>;
  place: Scalars['String']['input'];
  startsAt: Scalars['DateTime']['input'];
  stationId: Scalars['ID']['input'];
  title: Scalars['String']['input'];
};

export type Demand = {
  __typename?: 'Demand';
  activity?: Maybe<Activity>;
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: DemandKind;
  matchedVolunteer?: Maybe<Volunteer>;
  requester: Scalars['String']['output'];
  skill?: Maybe<Scalars['String']['output']>;
  station: Station;
  status: DemandStatus;
  windowEnd: Scalars['DateTime']['output'];
  windowStart: Scalars['DateTime']['output'];
};

export type DemandInput = {
  /** Required for ACTIVITY demands. */
  activityId?: InputMaybe<Scalars['ID']['input']>;
  description: Scalars['String']['input'];
  kind: DemandKind;
  requester: Scalars['String']['input'];
  skill?: InputMaybe<Scalars['String']['input']>;
  stationId: Scalars['ID']['input'];
  windowEnd: Scalars['DateTime']['input'];
  windowStart: Scalars['DateTime']['input'];
};

export type DemandKind =
  | 'ACTIVITY'
  | 'PAIRING';

export type DemandStatus =
  | 'CLOSED'
  | 'MATCHED'
  | 'OPEN';

export type DonatePointsInput = {
  fromVolunteerId: Scalars['ID']['input'];
  idempotencyKey: Scalars['String']['input'];
  points: Scalars['Float']['input'];
  /** The recipient's mobile number: a volunteer who currently shares a station with the giver (see donationRecipient). */
  toPhone?: InputMaybe<Scalars['String']['input']>;
  /** The recipient's id; or give toPhone instead (exactly one of the two). */
  toVolunteerId?: InputMaybe<Scalars['ID']['input']>;
};

/** The recipient of a donation as the giver may see it before donating. */
export type DonationRecipient = {
  __typename?: 'DonationRecipient';
  /** The name with its middle masked: 张*明 (two characters: 张*). */
  maskedName: Scalars['String']['output'];
  /** The giver's current stations the recipient also belongs to. */
  stationNames: Array<Scalars['String']['output']>;
};

export type DutyCoverage = {
  __typename?: 'DutyCoverage';
  fullyCovered: Scalars['Boolean']['output'];
  openingSlotCount: Scalars['Int']['output'];
  /** How many opening slots lack a volunteer: what reviews need, without the slot list. */
  uncoveredSlotCount: Scalars['Int']['output'];
  uncoveredSlots: Array<DutySlot>;
  weekOf: Scalars['Date']['output'];
};

export type DutyShift = {
  __typename?: 'DutyShift';
  closes: Scalars['String']['output'];
  date: Scalars['Date']['output'];
  id: Scalars['ID']['output'];
  opens: Scalars['String']['output'];
  station: Station;
  volunteer?: Maybe<Volunteer>;
};

export type DutySignUpInput = {
  date: Scalars['Date']['input'];
  /** The opening slot's start, HH:MM. */
  opens: Scalars['String']['input'];
  stationId: Scalars['ID']['input'];
  volunteerId: Scalars['ID']['input'];
};

export type DutySlot = {
  __typename?: 'DutySlot';
  closes: Scalars['String']['output'];
  date: Scalars['Date']['output'];
  opens: Scalars['String']['output'];
  weekday: Weekday;
};

export type Gender =
  | 'FEMALE'
  | 'MALE';

export type IssueCertificateInput = {
  recordIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  stationId: Scalars['ID']['input'];
  volunteerId: Scalars['ID']['input'];
  year?: InputMaybe<Scalars['Int']['input']>;
};

export type MatchSuggestion = {
  __typename?: 'MatchSuggestion';
  hoursThisYear: Scalars['Float']['output'];
  skillMatched: Scalars['Boolean']['output'];
  volunteer?: Maybe<Volunteer>;
};

export type Membership = {
  __typename?: 'Membership';
  current: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  joinedOn: Scalars['Date']['output'];
  leftOn?: Maybe<Scalars['Date']['output']>;
  role: MembershipRole;
  station: Station;
  /** Null with FORBIDDEN when the caller may not read this volunteer. */
  volunteer?: Maybe<Volunteer>;
};

export type MembershipRole =
  /** 负责人 */
  | 'LEADER'
  /** 专职管理员 */
  | 'STAFF'
  | 'VOLUNTEER';

export type Mutation = {
  __typename?: 'Mutation';
  /** Creates the pairing (PAIRING demand) or the activity sign-up (ACTIVITY demand) and marks the demand MATCHED. */
  acceptMatch: Demand;
  addCatalogueItem: CatalogueItem;
  /** Adds a member to a station (managers/admins: any role; the volunteer: VOLUNTEER). */
  addMember: Membership;
  cancelActivity: Activity;
  /** Cancels a sign-up before the activity starts and before check-in (the volunteer, or a manager/admin of the station). */
  cancelActivitySignUp: Activity;
  cancelDuty: DutyShift;
  /** Changes a current member's role (managers of the station, admins of its region). A station keeps at least one LEADER (LAST_LEADER); the change is audited (who, when) and emits membership.role_changed. */
  changeMemberRole: Membership;
  /** Check-in with the code shown at the station (from 1 hour before the start): a pending record until check-out. */
  checkIn: ServiceRecord;
  checkOut: ServiceRecord;
  /** Plans (or records afterwards) an activity of a station; it gets a short sign-in code. */
  createActivity: Activity;
  createDemand: Demand;
  createPairing: Pairing;
  createTraining: Training;
  /** Gives points to another volunteer (the giver only): by id, or by mobile number under donationRecipient's rule. */
  donatePoints: TimeBankTransaction;
  endPairing: Pairing;
  /**
   * Registers a station's volunteers from the XLSX import template (first sheet, header row: 姓名, 公民身份号码, 手机号码,
   * 政治面貌 required; 特长 (separated by 、), 本站角色 (志愿者 / 专职管理员 / 负责人, default 志愿者) optional) and joins
   * them to the station. Managers of the station and admins covering it. Every row is checked first (the rules of
   * registerVolunteer, duplicates in the file and on the platform): any bad row fails the import with IMPORT_INVALID_ROWS
   * (extensions.errors: one entry per problem with row, field, code, message) and nothing is written; otherwise all rows
   * are registered in one transaction.
   */
  importVolunteers: VolunteerImportResult;
  /** 志愿服务证明 from the station's verified records of the volunteer (given ids, or all of a year). */
  issueCertificate: Certificate;
  /** Ends a membership; the history stays. */
  leaveStation: Membership;
  /** SERVICE only (identity, once the number is verified by SMS code): links the unlinked volunteer registered with that mobile number to the account. Returns the volunteer id, or null when there is none to link. */
  linkVolunteerAccount?: Maybe<Scalars['ID']['output']>;
  /** A record written by the station after the activity (PENDING). */
  recordService: ServiceRecord;
  recordTrainingAttendance: Training;
  /** Redeems points for goods (the volunteer, or a manager/admin of the item's station). Retries with the same key post once. */
  redeemPoints: TimeBankTransaction;
  /** Self-registration with a VOLUNTEER token (stationId optional, joins as VOLUNTEER), or by a manager/admin of stationId. */
  registerVolunteer: Volunteer;
  /** PENDING → REJECTED with a reason. */
  rejectServiceRecord: ServiceRecord;
  /** Corrects a VERIFIED record: it becomes REVERSED (content untouched, points withdrawn); the correction, if given, is a new verified record. */
  reverseServiceRecord: ServiceRecordReversal;
  revokeCertificate: Certificate;
  /** ACTIVE / SUSPENDED / WITHDRAWN with a reason (managers/admins of one of the volunteer's current stations). WITHDRAWN ends the current memberships. */
  setVolunteerStatus: Volunteer;
  /** The volunteer signs up (or a manager/admin of the station signs a volunteer up), within capacity. */
  signUpForActivity: Activity;
  /** A current member signs up for one opening slot of the station (themself, or by a manager/admin). */
  signUpForDuty: DutyShift;
  /** Edits the profile (the volunteer, or a manager/admin of one of their current stations); the whole file is re-validated and a changed phone or ID number re-checked for duplicates. */
  updateVolunteer: Volunteer;
  /** PENDING → VERIFIED (manager/admin of the station); credits time-bank points. */
  verifyServiceRecord: ServiceRecord;
  /** Uses points for service the volunteer receives (the volunteer only). */
  withdrawPointsForService: TimeBankTransaction;
};


export type MutationAcceptMatchArgs = {
  demandId: Scalars['ID']['input'];
  volunteerId: Scalars['ID']['input'];
};


export type MutationAddCatalogueItemArgs = {
  input: CatalogueItemInput;
};


export type MutationAddMemberArgs = {
  input: AddMemberInput;
};


export type MutationCancelActivityArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelActivitySignUpArgs = {
  activityId: Scalars['ID']['input'];
  volunteerId: Scalars['ID']['input'];
};


export type MutationCancelDutyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationChangeMemberRoleArgs = {
  membershipId: Scalars['ID']['input'];
  role: MembershipRole;
};


export type MutationCheckInArgs = {
  code: Scalars['String']['input'];
};


export type MutationCheckOutArgs = {
  activityId: Scalars['ID']['input'];
};


export type MutationCreateActivityArgs = {
  input: CreateActivityInput;
};


export type MutationCreateDemandArgs = {
  input: DemandInput;
};


export type MutationCreatePairingArgs = {
  input: PairingInput;
};


export type MutationCreateTrainingArgs = {
  input: TrainingInput;
};


export type MutationDonatePointsArgs = {
  input: DonatePointsInput;
};


export type MutationEndPairingArgs = {
  endedOn?: InputMaybe<Scalars['Date']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationImportVolunteersArgs = {
  contentBase64: Scalars['String']['input'];
  stationId: Scalars['ID']['input'];
};


export type MutationIssueCertificateArgs = {
  input: IssueCertificateInput;
};


export type MutationLeaveStationArgs = {
  leftOn?: InputMaybe<Scalars['Date']['input']>;
  membershipId: Scalars['ID']['input'];
};


export type MutationLinkVolunteerAccountArgs = {
  accountSub: Scalars['ID']['input'];
  phone: Scalars['String']['input'];
};


export type MutationRecordServiceArgs = {
  input: ServiceRecordInput;
};


export type MutationRecordTrainingAttendanceArgs = {
  marks: Array<AttendanceInput>;
  trainingId: Scalars['ID']['input'];
};


export type MutationRedeemPointsArgs = {
  input: RedeemPointsInput;
};


export type MutationRegisterVolunteerArgs = {
  input: RegisterVolunteerInput;
};


export type MutationRejectServiceRecordArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationReverseServiceRecordArgs = {
  correction?: InputMaybe<ServiceRecordCorrectionInput>;
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRevokeCertificateArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationSetVolunteerStatusArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  status: VolunteerStatus;
};


export type MutationSignUpForActivityArgs = {
  activityId: Scalars['ID']['input'];
  volunteerId: Scalars['ID']['input'];
};


export type MutationSignUpForDutyArgs = {
  input: DutySignUpInput;
};


export type MutationUpdateVolunteerArgs = {
  id: Scalars['ID']['input'];
  input: UpdateVolunteerInput;
};


export type MutationVerifyServiceRecordArgs = {
  hours?: InputMaybe<Scalars['Float']['input']>;
  id: Scalars['ID']['input'];
  quality?: InputMaybe<ServiceQuality>;
};


export type MutationWithdrawPointsForServiceArgs = {
  input: WithdrawPointsInput;
};

export type OnDutyVolunteer = {
  __typename?: 'OnDutyVolunteer';
  closes: Scalars['String']['output'];
  /** The name masked to the family name: 张*. */
  displayName: Scalars['String']['output'];
  /** HH:MM */
  opens: Scalars['String']['output'];
  role: MembershipRole;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Pairing = {
  __typename?: 'Pairing';
  beneficiaries: Array<Beneficiary>;
  endedOn?: Maybe<Scalars['Date']['output']>;
  id: Scalars['ID']['output'];
  kind: PairingKind;
  note?: Maybe<Scalars['String']['output']>;
  startedOn: Scalars['Date']['output'];
  station: Station;
  volunteers: Array<Maybe<Volunteer>>;
};

export type PairingInput = {
  beneficiaries: Array<BeneficiaryInput>;
  kind: PairingKind;
  note?: InputMaybe<Scalars['String']['input']>;
  startedOn?: InputMaybe<Scalars['Date']['input']>;
  stationId: Scalars['ID']['input'];
  volunteerIds: Array<Scalars['ID']['input']>;
};

export type PairingKind =
  /** 多助一 */
  | 'MANY_TO_ONE'
  /** 一助多 */
  | 'ONE_TO_MANY'
  /** 一助一 */
  | 'ONE_TO_ONE';

export type Photo = {
  __typename?: 'Photo';
  fileName: Scalars['String']['output'];
  takenAt?: Maybe<Scalars['DateTime']['output']>;
  url: Scalars['String']['output'];
};

export type PhotoInput = {
  fileName: Scalars['String']['input'];
  takenAt?: InputMaybe<Scalars['DateTime']['input']>;
  url: Scalars['String']['input'];
};

export type PoliticalStatus =
  /** 中共党员（含预备党员） */
  | 'CPC_MEMBER'
  /** 共青团员 */
  | 'CYL_MEMBER'
  /** 其他 */
  | 'OTHER';

export type Query = {
  __typename?: 'Query';
  /** Activities are public; the sign-in code only shows to the station's managers/admins. */
  activity?: Maybe<Activity>;
  /** Goods a station offers for time-bank points. */
  catalogue: Array<CatalogueItem>;
  /**
   * Whom a donation by mobile number would reach, to confirm before donating (the caller must be a volunteer).
   * Matched through the keyed phone hash; only volunteers who currently share a station with the caller are
   * found, and only their masked name (张*明) is shown. A number of nobody and one of a volunteer elsewhere both
   * get RECIPIENT_NOT_FOUND; 30 look-ups per volunteer per hour (RECIPIENT_LOOKUP_RATE_LIMITED).
   */
  donationRecipient: DonationRecipient;
  /** Volunteers suggested for a demand: current members with the skill, free in the window, least-served first (managers/admins). */
  matchSuggestions: Array<MatchSuggestion>;
  /** The caller's own file (the account linked at self-registration). */
  myVolunteer?: Maybe<Volunteer>;
  /** Officers' search (admins within their region, inspectors and agencies anywhere): name contains, phone exact (matched through the keyed hash, never by decrypting), region of a current or former station (default: the caller's), status; newest first; first at most 100. */
  searchVolunteers: VolunteerSearchConnection;
  /** One record: the volunteer, managers/admins of its station, ledger readers. */
  serviceRecord?: Maybe<ServiceRecord>;
  /** A station's records, newest first (at most 500): managers/admins of the station, ledger readers. */
  serviceRecords: Array<ServiceRecord>;
  /** Anyone can check a service certificate by its verification code (or the QR code that carries it). */
  verifyCertificate: CertificateCheck;
  /** A volunteer's file: the volunteer, managers/admins of their stations, inspectors, agencies, internal services. */
  volunteer?: Maybe<Volunteer>;
  /** Whole phone numbers of many volunteers in one read, in the order asked (internal SERVICE tokens only; at most 500 ids). Null for an unknown or WITHDRAWN volunteer. */
  volunteerContacts: Array<Maybe<VolunteerContact>>;
};


export type QueryActivityArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCatalogueArgs = {
  stationId: Scalars['ID']['input'];
};


export type QueryDonationRecipientArgs = {
  phone: Scalars['String']['input'];
};


export type QueryMatchSuggestionsArgs = {
  demandId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySearchVolunteersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<VolunteerSearchInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryServiceRecordArgs = {
  id: Scalars['ID']['input'];
};


export type QueryServiceRecordsArgs = {
  stationId: Scalars['ID']['input'];
  statuses?: InputMaybe<Array<ServiceRecordStatus>>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryVerifyCertificateArgs = {
  code: Scalars['String']['input'];
};


export type QueryVolunteerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVolunteerContactsArgs = {
  ids: Array<Scalars['ID']['input']>;
};

export type RedeemPointsInput = {
  /** 8–100 characters [A-Za-z0-9._-]; a retry with the same key posts nothing new. */
  idempotencyKey: Scalars['String']['input'];
  itemId: Scalars['ID']['input'];
  quantity?: InputMaybe<Scalars['Int']['input']>;
  volunteerId: Scalars['ID']['input'];
};

export type Region = {
  __typename?: 'Region';
  code: Scalars['ID']['output'];
  /** Officer-entered population (owned by stations); read here only for volunteerShare. */
  population?: Maybe<Scalars['Int']['output']>;
  /** The station totals over every station under the region (volunteers counted once). */
  serviceStats: RegionServiceStats;
  /** Monthly series over 'YYYY-MM' months from..to (at most 120), from the monthly summaries (Asia/Shanghai months). */
  volunteerSeries: Array<VolunteerMonth>;
  /** Registered volunteers whose station is in the region ÷ the region's population (see VolunteerShare.definition). */
  volunteerShare: VolunteerShare;
};


export type RegionServiceStatsArgs = {
  hoursThreshold?: InputMaybe<Scalars['Float']['input']>;
  year: Scalars['Int']['input'];
};


export type RegionVolunteerSeriesArgs = {
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
};

export type RegionServiceStats = {
  __typename?: 'RegionServiceStats';
  activeVolunteerCount: Scalars['Int']['output'];
  activityCount: Scalars['Int']['output'];
  /** Memberships of stations with a known headcount / the sum of those headcounts. */
  headcountShare?: Maybe<Scalars['Float']['output']>;
  leaderCount: Scalars['Int']['output'];
  /** Distinct current members of those stations. */
  memberCount: Scalars['Int']['output'];
  monthsWithActivity: Array<Scalars['Int']['output']>;
  regionCode: Scalars['ID']['output'];
  staffCount: Scalars['Int']['output'];
  /** Stations under the region that are not closed. */
  stationCount: Scalars['Int']['output'];
  verifiedHours: Scalars['Float']['output'];
  volunteersMeetingThreshold?: Maybe<Scalars['Int']['output']>;
  year: Scalars['Int']['output'];
};

export type RegisterVolunteerInput = {
  /** Optional: taken from the ID number, must agree when given. */
  birthDate?: InputMaybe<Scalars['Date']['input']>;
  /** Optional: taken from the ID number, must agree when given. */
  gender?: InputMaybe<Gender>;
  /** GB 11643 18-digit resident ID number. */
  idNumber: Scalars['String']['input'];
  name: Scalars['String']['input'];
  phone: Scalars['String']['input'];
  politicalStatus: PoliticalStatus;
  role?: InputMaybe<MembershipRole>;
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
  stationId?: InputMaybe<Scalars['ID']['input']>;
};

export type ServiceQuality =
  | 'EXCELLENT'
  | 'FAIR'
  | 'GOOD'
  | 'POOR';

/** 志愿服务记录 in the uniform format of the national recording rules (art. 7). */
export type ServiceRecord = {
  __typename?: 'ServiceRecord';
  activity?: Maybe<Activity>;
  activityLeader?: Maybe<Scalars['String']['output']>;
  activityName: Scalars['String']['output'];
  content: Scalars['String']['output'];
  /** The reversed record this one corrects. */
  corrects?: Maybe<ServiceRecord>;
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  decidedBy?: Maybe<Scalars['String']['output']>;
  /** Null while checked in. */
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Service time in hours, travel excluded. */
  hours?: Maybe<Scalars['Float']['output']>;
  id: Scalars['ID']['output'];
  place: Scalars['String']['output'];
  quality?: Maybe<ServiceQuality>;
  recipient?: Maybe<Scalars['String']['output']>;
  recordedAt: Scalars['DateTime']['output'];
  recorder: Scalars['String']['output'];
  rejectReason?: Maybe<Scalars['String']['output']>;
  reversalReason?: Maybe<Scalars['String']['output']>;
  reversedAt?: Maybe<Scalars['DateTime']['output']>;
  reversedBy?: Maybe<Scalars['String']['output']>;
  serviceDate: Scalars['Date']['output'];
  startedAt: Scalars['DateTime']['output'];
  station: Station;
  status: ServiceRecordStatus;
  volunteer?: Maybe<Volunteer>;
};

export type ServiceRecordCorrectionInput = {
  activityLeader?: InputMaybe<Scalars['String']['input']>;
  activityName: Scalars['String']['input'];
  content: Scalars['String']['input'];
  endedAt: Scalars['DateTime']['input'];
  hours?: InputMaybe<Scalars['Float']['input']>;
  place: Scalars['String']['input'];
  quality: ServiceQuality;
  recipient?: InputMaybe<Scalars['String']['input']>;
  recorder: Scalars['String']['input'];
  startedAt: Scalars['DateTime']['input'];
};

export type ServiceRecordInput = {
  activityId?: InputMaybe<Scalars['ID']['input']>;
  activityLeader?: InputMaybe<Scalars['String']['input']>;
  activityName: Scalars['String']['input'];
  content: Scalars['String']['input'];
  endedAt: Scalars['DateTime']['input'];
  /** Defaults to the span; never more than it (travel excluded). */
  hours?: InputMaybe<Scalars['Float']['input']>;
  place: Scalars['String']['input'];
  quality?: InputMaybe<ServiceQuality>;
  recipient?: InputMaybe<Scalars['String']['input']>;
  recorder: Scalars['String']['input'];
  startedAt: Scalars['DateTime']['input'];
  stationId: Scalars['ID']['input'];
  volunteerId: Scalars['ID']['input'];
};

export type ServiceRecordReversal = {
  __typename?: 'ServiceRecordReversal';
  correction?: Maybe<ServiceRecord>;
  reversed: ServiceRecord;
};

export type ServiceRecordStatus =
  | 'PENDING'
  | 'REJECTED'
  | 'REVERSED'
  | 'VERIFIED';

export type Station = {
  __typename?: 'Station';
  /** Activities, newest first (at most 500). */
  activities: Array<Activity>;
  demands: Array<Demand>;
  /** Opening-hour slots of the week starting Monday `weekOf` with no volunteer on duty. */
  dutyCoverage: DutyCoverage;
  /** Duty shifts between two dates (managers/admins, ledger readers). */
  dutyShifts: Array<DutyShift>;
  id: Scalars['ID']['output'];
  /** Team members (managers/admins of the station, inspectors, agencies, internal services). Null with FORBIDDEN for other callers, so the rest of the station still resolves. */
  members?: Maybe<Array<Membership>>;
  /** Who is on duty today (Asia/Shanghai): public, for the notice board — masked names (张*), role, shift times; no contact data. */
  onDutyToday?: Maybe<Array<OnDutyVolunteer>>;
  pairings: Array<Pairing>;
  /** Verified facts of one calendar year (Asia/Shanghai). */
  serviceStats: StationServiceStats;
  trainings: Array<Training>;
  /** Activities not cancelled and not ended by the platform clock (a sandbox moves it), soonest first (at most 100): what a volunteer can still sign up for or check in to. */
  upcomingActivities: Array<Activity>;
  /** Current members whose verified hours at this station in the year are below `hours` (Linyi: 50 county, 100 city). */
  volunteersBelowHours: Array<VolunteerHours>;
};


export type StationActivitiesArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type StationDemandsArgs = {
  statuses?: InputMaybe<Array<DemandStatus>>;
};


export type StationDutyCoverageArgs = {
  weekOf: Scalars['Date']['input'];
};


export type StationDutyShiftsArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


export type StationMembersArgs = {
  includeFormer?: InputMaybe<Scalars['Boolean']['input']>;
  roles?: InputMaybe<Array<MembershipRole>>;
};


export type StationPairingsArgs = {
  includeEnded?: InputMaybe<Scalars['Boolean']['input']>;
};


export type StationServiceStatsArgs = {
  hoursThreshold?: InputMaybe<Scalars['Float']['input']>;
  year: Scalars['Int']['input'];
};


export type StationTrainingsArgs = {
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type StationVolunteersBelowHoursArgs = {
  hours: Scalars['Float']['input'];
  year: Scalars['Int']['input'];
};

export type StationServiceStats = {
  __typename?: 'StationServiceStats';
  /** Current members with at least one verified record at the station in the year. */
  activeVolunteerCount: Scalars['Int']['output'];
  /** Activities held (started, not cancelled) in the year. */
  activityCount: Scalars['Int']['output'];
  /** memberCount / unitHeadcount (null when the headcount is unknown or 0). */
  headcountShare?: Maybe<Scalars['Float']['output']>;
  leaderCount: Scalars['Int']['output'];
  /** Current members, all roles. */
  memberCount: Scalars['Int']['output'];
  /** Months 1–12 of the year with at least one activity held. */
  monthsWithActivity: Array<Scalars['Int']['output']>;
  /** Full-time managers (STAFF). */
  staffCount: Scalars['Int']['output'];
  verifiedHours: Scalars['Float']['output'];
  /** Current members whose verified hours at the station in the year reach hoursThreshold (null without one). */
  volunteersMeetingThreshold?: Maybe<Scalars['Int']['output']>;
  year: Scalars['Int']['output'];
};

export type TimeBankAccount = {
  __typename?: 'TimeBankAccount';
  /** Balance less points past expiry not yet written off. */
  available: Scalars['Float']['output'];
  /** Sum of the account's ledger entries. */
  balance: Scalars['Float']['output'];
  transactions: Array<TimeBankTransaction>;
};


export type TimeBankAccountTransactionsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type TimeBankTransaction = {
  __typename?: 'TimeBankTransaction';
  amount: Scalars['Float']['output'];
  /** For donations: the other volunteer's id. */
  counterpartyId?: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: TimeBankTransactionKind;
  /** True when this answer replays an earlier request with the same idempotency key. */
  replayed: Scalars['Boolean']['output'];
  serviceRecordId?: Maybe<Scalars['ID']['output']>;
};

export type TimeBankTransactionKind =
  | 'CREDIT_REVERSAL'
  | 'DONATION'
  | 'EXPIRY'
  | 'REDEMPTION'
  | 'SERVICE_CREDIT'
  | 'SERVICE_WITHDRAWAL';

export type Training = {
  __typename?: 'Training';
  attendance: Array<Attendance>;
  heldOn: Scalars['Date']['output'];
  hours: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  kind: TrainingKind;
  station: Station;
  title: Scalars['String']['output'];
  trainer?: Maybe<Scalars['String']['output']>;
};

export type TrainingInput = {
  heldOn: Scalars['Date']['input'];
  hours: Scalars['Float']['input'];
  kind: TrainingKind;
  stationId: Scalars['ID']['input'];
  title: Scalars['String']['input'];
  trainer?: InputMaybe<Scalars['String']['input']>;
};

export type TrainingKind =
  /** 骨干志愿者进阶培训 */
  | 'ADVANCED'
  /** 临时培训 */
  | 'AD_HOC'
  /** 岗前培训 */
  | 'INITIAL'
  /** 定期培训 */
  | 'PERIODIC';

/** Only the fields given change; the ID number decides birth date and gender, which must agree when given. */
export type UpdateVolunteerInput = {
  birthDate?: InputMaybe<Scalars['Date']['input']>;
  gender?: InputMaybe<Gender>;
  idNumber?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  politicalStatus?: InputMaybe<PoliticalStatus>;
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type Volunteer = {
  __typename?: 'Volunteer';
  birthDate: Scalars['Date']['output'];
  certificates: Array<Certificate>;
  gender: Gender;
  hoursToNextStar?: Maybe<Scalars['Float']['output']>;
  id: Scalars['ID']['output'];
  /** Masked (4301**********1234) under the same rule as phone. */
  idNumber: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Masked (138****1234) unless the caller is the volunteer, an admin whose region covers one of their current stations, or an internal service. */
  phone: Scalars['String']['output'];
  /** True when phone and idNumber are shown masked to this caller. */
  piiMasked: Scalars['Boolean']['output'];
  politicalStatus: PoliticalStatus;
  registeredOn: Scalars['Date']['output'];
  serviceRecords: Array<ServiceRecord>;
  skills: Array<Scalars['String']['output']>;
  /** Star level 0–5 from cumulative verified hours (thresholds are configuration; default 100/300/600/1000/1500). */
  starLevel: Scalars['Int']['output'];
  stations: Array<Membership>;
  status: VolunteerStatus;
  statusChangedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why the status was last changed. */
  statusReason?: Maybe<Scalars['String']['output']>;
  /** Points (spendable) — hours are never spent. */
  timeBank: TimeBankAccount;
  trainings: Array<VolunteerTraining>;
  /** Verified service hours, all time or in one calendar year. */
  verifiedHours: Scalars['Float']['output'];
};


export type VolunteerServiceRecordsArgs = {
  statuses?: InputMaybe<Array<ServiceRecordStatus>>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type VolunteerStationsArgs = {
  includeFormer?: InputMaybe<Scalars['Boolean']['input']>;
};


export type VolunteerVerifiedHoursArgs = {
  year?: InputMaybe<Scalars['Int']['input']>;
};

/** A volunteer's contact for internal senders (SMS): the whole number. */
export type VolunteerContact = {
  __typename?: 'VolunteerContact';
  id: Scalars['ID']['output'];
  phone: Scalars['String']['output'];
};

export type VolunteerHours = {
  __typename?: 'VolunteerHours';
  hours: Scalars['Float']['output'];
  volunteer?: Maybe<Volunteer>;
};

/** The volunteers an import registered, in the file's order. */
export type VolunteerImportResult = {
  __typename?: 'VolunteerImportResult';
  count: Scalars['Int']['output'];
  volunteers: Array<Volunteer>;
};

export type VolunteerMonth = {
  __typename?: 'VolunteerMonth';
  /** Volunteers with at least one verified service record at a station under the region dated in the month (each counted once). */
  activeVolunteers: Scalars['Int']['output'];
  /** Activities not cancelled that start in the month (planned ones of the current month included). */
  activityCount: Scalars['Int']['output'];
  /** YYYY-MM */
  month: Scalars['String']['output'];
  /** Volunteers who joined a station under the region in the month (each counted once). */
  registeredVolunteers: Scalars['Int']['output'];
  /** Verified hours of service dated in the month. */
  verifiedHours: Scalars['Float']['output'];
};

export type VolunteerSearchConnection = {
  __typename?: 'VolunteerSearchConnection';
  nodes: Array<Volunteer>;
  pageInfo: PageInfo;
};

export type VolunteerSearchInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<VolunteerStatus>;
};

export type VolunteerShare = {
  __typename?: 'VolunteerShare';
  /** The definition in words, for display next to the figure. */
  definition: Scalars['String']['output'];
  /** The region's population as entered by an officer (Region.populationYear / populationSource say which); null until entered. */
  population?: Maybe<Scalars['Int']['output']>;
  /** Distinct volunteers with a current membership at a station under the region that is not closed (RegionServiceStats.memberCount). */
  registeredVolunteers: Scalars['Int']['output'];
  /** registeredVolunteers / population, 4 decimals; null without a population (never estimated). */
  share?: Maybe<Scalars['Float']['output']>;
};

export type VolunteerStatus =
  | 'ACTIVE'
  | 'SUSPENDED'
  | 'WITHDRAWN';

export type VolunteerTraining = {
  __typename?: 'VolunteerTraining';
  attended: Scalars['Boolean']['output'];
  training: Training;
};

export type Weekday =
  | 'FRIDAY'
  | 'MONDAY'
  | 'SATURDAY'
  | 'SUNDAY'
  | 'THURSDAY'
  | 'TUESDAY'
  | 'WEDNESDAY';

export type WithdrawPointsInput = {
  description: Scalars['String']['input'];
  idempotencyKey: Scalars['String']['input'];
  points: Scalars['Float']['input'];
  volunteerId: Scalars['ID']['input'];
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
  Volunteer: Volunteer;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Region:
    ( { __typename: 'Region' }
    & GraphQLRecursivePick<FederationTypes['Region'], {"code":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Region'], {"population":true}> ) );
  Station:
    ( { __typename: 'Station' }
    & GraphQLRecursivePick<FederationTypes['Station'], {"id":true}> );
  Volunteer:
    ( { __typename: 'Volunteer' }
    & GraphQLRecursivePick<FederationTypes['Volunteer'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Activity: ResolverTypeWrapper<ActivityRowModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ActivityAttendance: ResolverTypeWrapper<ActivityAttendance>;
  ActivityCategory: ActivityCategory;
  ActivityStatus: ActivityStatus;
  AddMemberInput: AddMemberInput;
  Attendance: ResolverTypeWrapper<WithVolunteerIdModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AttendanceInput: AttendanceInput;
  Beneficiary: ResolverTypeWrapper<Beneficiary>;
  BeneficiaryInput: BeneficiaryInput;
  CatalogueItem: ResolverTypeWrapper<CatalogueItemModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  CatalogueItemInput: CatalogueItemInput;
  Certificate: ResolverTypeWrapper<CertificateRowModel>;
  CertificateCheck: ResolverTypeWrapper<CertificateCheck>;
  CreateActivityInput: CreateActivityInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Demand: ResolverTypeWrapper<DemandRowModel>;
  DemandInput: DemandInput;
  DemandKind: DemandKind;
  DemandStatus: DemandStatus;
  DonatePointsInput: DonatePointsInput;
  DonationRecipient: ResolverTypeWrapper<DonationRecipient>;
  DutyCoverage: ResolverTypeWrapper<DutyCoverage>;
  DutyShift: ResolverTypeWrapper<DutyShiftModel>;
  DutySignUpInput: DutySignUpInput;
  DutySlot: ResolverTypeWrapper<DutySlot>;
  Gender: Gender;
  IssueCertificateInput: IssueCertificateInput;
  MatchSuggestion: ResolverTypeWrapper<WithVolunteerIdModel>;
  Membership: ResolverTypeWrapper<MembershipRowModel>;
  MembershipRole: MembershipRole;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OnDutyVolunteer: ResolverTypeWrapper<OnDutyVolunteer>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Pairing: ResolverTypeWrapper<PairingRowModel>;
  PairingInput: PairingInput;
  PairingKind: PairingKind;
  Photo: ResolverTypeWrapper<Photo>;
  PhotoInput: PhotoInput;
  PoliticalStatus: PoliticalStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RedeemPointsInput: RedeemPointsInput;
  Region: ResolverTypeWrapper<RegionParentModel>;
  RegionServiceStats: ResolverTypeWrapper<RegionServiceStats>;
  RegisterVolunteerInput: RegisterVolunteerInput;
  ServiceQuality: ServiceQuality;
  ServiceRecord: ResolverTypeWrapper<RecordRowModel>;
  ServiceRecordCorrectionInput: ServiceRecordCorrectionInput;
  ServiceRecordInput: ServiceRecordInput;
  ServiceRecordReversal: ResolverTypeWrapper<Omit<ServiceRecordReversal, 'correction' | 'reversed'> & { correction?: Maybe<ResolversTypes['ServiceRecord']>, reversed: ResolversTypes['ServiceRecord'] }>;
  ServiceRecordStatus: ServiceRecordStatus;
  Station: ResolverTypeWrapper<StationRefModel>;
  StationServiceStats: ResolverTypeWrapper<StationServiceStats>;
  TimeBankAccount: ResolverTypeWrapper<TimeBankAccountParentModel>;
  TimeBankTransaction: ResolverTypeWrapper<TimeBankTransactionParentModel>;
  TimeBankTransactionKind: TimeBankTransactionKind;
  Training: ResolverTypeWrapper<TrainingRowModel>;
  TrainingInput: TrainingInput;
  TrainingKind: TrainingKind;
  UpdateVolunteerInput: UpdateVolunteerInput;
  Volunteer: ResolverTypeWrapper<VolunteerRowModel>;
  VolunteerContact: ResolverTypeWrapper<VolunteerContact>;
  VolunteerHours: ResolverTypeWrapper<WithVolunteerIdModel>;
  VolunteerImportResult: ResolverTypeWrapper<Omit<VolunteerImportResult, 'volunteers'> & { volunteers: Array<ResolversTypes['Volunteer']> }>;
  VolunteerMonth: ResolverTypeWrapper<VolunteerMonth>;
  VolunteerSearchConnection: ResolverTypeWrapper<Omit<VolunteerSearchConnection, 'nodes'> & { nodes: Array<ResolversTypes['Volunteer']> }>;
  VolunteerSearchInput: VolunteerSearchInput;
  VolunteerShare: ResolverTypeWrapper<VolunteerShare>;
  VolunteerStatus: VolunteerStatus;
  VolunteerTraining: ResolverTypeWrapper<Omit<VolunteerTraining, 'training'> & { training: ResolversTypes['Training'] }>;
  Weekday: Weekday;
  WithdrawPointsInput: WithdrawPointsInput;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Activity: ActivityRowModel;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  ActivityAttendance: ActivityAttendance;
  AddMemberInput: AddMemberInput;
  Attendance: WithVolunteerIdModel;
  Boolean: Scalars['Boolean']['output'];
  AttendanceInput: AttendanceInput;
  Beneficiary: Beneficiary;
  BeneficiaryInput: BeneficiaryInput;
  CatalogueItem: CatalogueItemModel;
  Float: Scalars['Float']['output'];
  CatalogueItemInput: CatalogueItemInput;
  Certificate: CertificateRowModel;
  CertificateCheck: CertificateCheck;
  CreateActivityInput: CreateActivityInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Demand: DemandRowModel;
  DemandInput: DemandInput;
  DonatePointsInput: DonatePointsInput;
  DonationRecipient: DonationRecipient;
  DutyCoverage: DutyCoverage;
  DutyShift: DutyShiftModel;
  DutySignUpInput: DutySignUpInput;
  DutySlot: DutySlot;
  IssueCertificateInput: IssueCertificateInput;
  MatchSuggestion: WithVolunteerIdModel;
  Membership: MembershipRowModel;
  Mutation: Record<PropertyKey, never>;
  OnDutyVolunteer: OnDutyVolunteer;
  PageInfo: PageInfo;
  Pairing: PairingRowModel;
  PairingInput: PairingInput;
  Photo: Photo;
  PhotoInput: PhotoInput;
  Query: Record<PropertyKey, never>;
  RedeemPointsInput: RedeemPointsInput;
  Region: RegionParentModel;
  RegionServiceStats: RegionServiceStats;
  RegisterVolunteerInput: RegisterVolunteerInput;
  ServiceRecord: RecordRowModel;
  ServiceRecordCorrectionInput: ServiceRecordCorrectionInput;
  ServiceRecordInput: ServiceRecordInput;
  ServiceRecordReversal: Omit<ServiceRecordReversal, 'correction' | 'reversed'> & { correction?: Maybe<ResolversParentTypes['ServiceRecord']>, reversed: ResolversParentTypes['ServiceRecord'] };
  Station: StationRefModel;
  StationServiceStats: StationServiceStats;
  TimeBankAccount: TimeBankAccountParentModel;
  TimeBankTransaction: TimeBankTransactionParentModel;
  Training: TrainingRowModel;
  TrainingInput: TrainingInput;
  UpdateVolunteerInput: UpdateVolunteerInput;
  Volunteer: VolunteerRowModel;
  VolunteerContact: VolunteerContact;
  VolunteerHours: WithVolunteerIdModel;
  VolunteerImportResult: Omit<VolunteerImportResult, 'volunteers'> & { volunteers: Array<ResolversParentTypes['Volunteer']> };
  VolunteerMonth: VolunteerMonth;
  VolunteerSearchConnection: Omit<VolunteerSearchConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Volunteer']> };
  VolunteerSearchInput: VolunteerSearchInput;
  VolunteerShare: VolunteerShare;
  VolunteerTraining: Omit<VolunteerTraining, 'training'> & { training: ResolversParentTypes['Training'] };
  WithdrawPointsInput: WithdrawPointsInput;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
};

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = VolunteersContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = VolunteersContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = VolunteersContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ActivityResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Activity'] = ResolversParentTypes['Activity']> = {
  capacity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  category?: Resolver<ResolversTypes['ActivityCategory'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  myAttendance?: Resolver<Maybe<ResolversTypes['ActivityAttendance']>, ParentType, ContextType>;
  photos?: Resolver<Array<ResolversTypes['Photo']>, ParentType, ContextType>;
  place?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signInCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  signUpCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ActivityStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ActivityAttendanceResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['ActivityAttendance'] = ResolversParentTypes['ActivityAttendance']> = {
  checkedInAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  checkedOutAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  signedUpAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type AttendanceResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Attendance'] = ResolversParentTypes['Attendance']> = {
  attended?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  volunteer?: Resolver<Maybe<ResolversTypes['Volunteer']>, ParentType, ContextType>;
};

export type BeneficiaryResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Beneficiary'] = ResolversParentTypes['Beneficiary']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CatalogueItemResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['CatalogueItem'] = ResolversParentTypes['CatalogueItem']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
};

export type CertificateResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Certificate'] = ResolversParentTypes['Certificate']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  qrSvg?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  qrText?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  records?: Resolver<Array<ResolversTypes['ServiceRecord']>, ParentType, ContextType>;
  revokeReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  totalHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  verificationCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  volunteer?: Resolver<Maybe<ResolversTypes['Volunteer']>, ParentType, ContextType>;
};

export type CertificateCheckResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['CertificateCheck'] = ResolversParentTypes['CertificateCheck']> = {
  holderName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  issuedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  number?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recordCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stationId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  totalHours?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DemandResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Demand'] = ResolversParentTypes['Demand']> = {
  activity?: Resolver<Maybe<ResolversTypes['Activity']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DemandKind'], ParentType, ContextType>;
  matchedVolunteer?: Resolver<Maybe<ResolversTypes['Volunteer']>, ParentType, ContextType>;
  requester?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  skill?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DemandStatus'], ParentType, ContextType>;
  windowEnd?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  windowStart?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type DonationRecipientResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['DonationRecipient'] = ResolversParentTypes['DonationRecipient']> = {
  maskedName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stationNames?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type DutyCoverageResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['DutyCoverage'] = ResolversParentTypes['DutyCoverage']> = {
  fullyCovered?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  openingSlotCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uncoveredSlotCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uncoveredSlots?: Resolver<Array<ResolversTypes['DutySlot']>, ParentType, ContextType>;
  weekOf?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type DutyShiftResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['DutyShift'] = ResolversParentTypes['DutyShift']> = {
  closes?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  opens?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  volunteer?: Resolver<Maybe<ResolversTypes['Volunteer']>, ParentType, ContextType>;
};

export type DutySlotResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['DutySlot'] = ResolversParentTypes['DutySlot']> = {
  closes?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  opens?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  weekday?: Resolver<ResolversTypes['Weekday'], ParentType, ContextType>;
};

export type MatchSuggestionResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['MatchSuggestion'] = ResolversParentTypes['MatchSuggestion']> = {
  hoursThisYear?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  skillMatched?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  volunteer?: Resolver<Maybe<ResolversTypes['Volunteer']>, ParentType, ContextType>;
};

export type MembershipResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Membership'] = ResolversParentTypes['Membership']> = {
  current?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joinedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  leftOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['MembershipRole'], ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  volunteer?: Resolver<Maybe<ResolversTypes['Volunteer']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acceptMatch?: Resolver<ResolversTypes['Demand'], ParentType, ContextType, RequireFields<MutationAcceptMatchArgs, 'demandId' | 'volunteerId'>>;
  addCatalogueItem?: Resolver<ResolversTypes['CatalogueItem'], ParentType, ContextType, RequireFields<MutationAddCatalogueItemArgs, 'input'>>;
  addMember?: Resolver<ResolversTypes['Membership'], ParentType, ContextType, RequireFields<MutationAddMemberArgs, 'input'>>;
  cancelActivity?: Resolver<ResolversTypes['Activity'], ParentType, ContextType, RequireFields<MutationCancelActivityArgs, 'id'>>;
  cancelActivitySignUp?: Resolver<ResolversTypes['Activity'], ParentType, ContextType, RequireFields<MutationCancelActivitySignUpArgs, 'activityId' | 'volunteerId'>>;
  cancelDuty?: Resolver<ResolversTypes['DutyShift'], ParentType, ContextType, RequireFields<MutationCancelDutyArgs, 'id'>>;
  changeMemberRole?: Resolver<ResolversTypes['Membership'], ParentType, ContextType, RequireFields<MutationChangeMemberRoleArgs, 'membershipId' | 'role'>>;
  checkIn?: Resolver<ResolversTypes['ServiceRecord'], ParentType, ContextType, RequireFields<MutationCheckInArgs, 'code'>>;
  checkOut?: Resolver<ResolversTypes['ServiceRecord'], ParentType, ContextType, RequireFields<MutationCheckOutArgs, 'activityId'>>;
  createActivity?: Resolver<ResolversTypes['Activity'], ParentType, ContextType, RequireFields<MutationCreateActivityArgs, 'input'>>;
  createDemand?: Resolver<ResolversTypes['Demand'], ParentType, ContextType, RequireFields<MutationCreateDemandArgs, 'input'>>;
  createPairing?: Resolver<ResolversTypes['Pairing'], ParentType, ContextType, RequireFields<MutationCreatePairingArgs, 'input'>>;
  createTraining?: Resolver<ResolversTypes['Training'], ParentType, ContextType, RequireFields<MutationCreateTrainingArgs, 'input'>>;
  donatePoints?: Resolver<ResolversTypes['TimeBankTransaction'], ParentType, ContextType, RequireFields<MutationDonatePointsArgs, 'input'>>;
  endPairing?: Resolver<ResolversTypes['Pairing'], ParentType, ContextType, RequireFields<MutationEndPairingArgs, 'id'>>;
  importVolunteers?: Resolver<ResolversTypes['VolunteerImportResult'], ParentType, ContextType, RequireFields<MutationImportVolunteersArgs, 'contentBase64' | 'stationId'>>;
  issueCertificate?: Resolver<ResolversTypes['Certificate'], ParentType, ContextType, RequireFields<MutationIssueCertificateArgs, 'input'>>;
  leaveStation?: Resolver<ResolversTypes['Membership'], ParentType, ContextType, RequireFields<MutationLeaveStationArgs, 'membershipId'>>;
  linkVolunteerAccount?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType, RequireFields<MutationLinkVolunteerAccountArgs, 'accountSub' | 'phone'>>;
  recordService?: Resolver<ResolversTypes['ServiceRecord'], ParentType, ContextType, RequireFields<MutationRecordServiceArgs, 'input'>>;
  recordTrainingAttendance?: Resolver<ResolversTypes['Training'], ParentType, ContextType, RequireFields<MutationRecordTrainingAttendanceArgs, 'marks' | 'trainingId'>>;
  redeemPoints?: Resolver<ResolversTypes['TimeBankTransaction'], ParentType, ContextType, RequireFields<MutationRedeemPointsArgs, 'input'>>;
  registerVolunteer?: Resolver<ResolversTypes['Volunteer'], ParentType, ContextType, RequireFields<MutationRegisterVolunteerArgs, 'input'>>;
  rejectServiceRecord?: Resolver<ResolversTypes['ServiceRecord'], ParentType, ContextType, RequireFields<MutationRejectServiceRecordArgs, 'id' | 'reason'>>;
  reverseServiceRecord?: Resolver<ResolversTypes['ServiceRecordReversal'], ParentType, ContextType, RequireFields<MutationReverseServiceRecordArgs, 'id' | 'reason'>>;
  revokeCertificate?: Resolver<ResolversTypes['Certificate'], ParentType, ContextType, RequireFields<MutationRevokeCertificateArgs, 'id' | 'reason'>>;
  setVolunteerStatus?: Resolver<ResolversTypes['Volunteer'], ParentType, ContextType, RequireFields<MutationSetVolunteerStatusArgs, 'id' | 'reason' | 'status'>>;
  signUpForActivity?: Resolver<ResolversTypes['Activity'], ParentType, ContextType, RequireFields<MutationSignUpForActivityArgs, 'activityId' | 'volunteerId'>>;
  signUpForDuty?: Resolver<ResolversTypes['DutyShift'], ParentType, ContextType, RequireFields<MutationSignUpForDutyArgs, 'input'>>;
  updateVolunteer?: Resolver<ResolversTypes['Volunteer'], ParentType, ContextType, RequireFields<MutationUpdateVolunteerArgs, 'id' | 'input'>>;
  verifyServiceRecord?: Resolver<ResolversTypes['ServiceRecord'], ParentType, ContextType, RequireFields<MutationVerifyServiceRecordArgs, 'id'>>;
  withdrawPointsForService?: Resolver<ResolversTypes['TimeBankTransaction'], ParentType, ContextType, RequireFields<MutationWithdrawPointsForServiceArgs, 'input'>>;
};

export type OnDutyVolunteerResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['OnDutyVolunteer'] = ResolversParentTypes['OnDutyVolunteer']> = {
  closes?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  opens?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['MembershipRole'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PairingResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Pairing'] = ResolversParentTypes['Pairing']> = {
  beneficiaries?: Resolver<Array<ResolversTypes['Beneficiary']>, ParentType, ContextType>;
  endedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PairingKind'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  startedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  volunteers?: Resolver<Array<Maybe<ResolversTypes['Volunteer']>>, ParentType, ContextType>;
};

export type PhotoResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Photo'] = ResolversParentTypes['Photo']> = {
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  takenAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  activity?: Resolver<Maybe<ResolversTypes['Activity']>, ParentType, ContextType, RequireFields<QueryActivityArgs, 'id'>>;
  catalogue?: Resolver<Array<ResolversTypes['CatalogueItem']>, ParentType, ContextType, RequireFields<QueryCatalogueArgs, 'stationId'>>;
  donationRecipient?: Resolver<ResolversTypes['DonationRecipient'], ParentType, ContextType, RequireFields<QueryDonationRecipientArgs, 'phone'>>;
  matchSuggestions?: Resolver<Array<ResolversTypes['MatchSuggestion']>, ParentType, ContextType, RequireFields<QueryMatchSuggestionsArgs, 'demandId' | 'first'>>;
  myVolunteer?: Resolver<Maybe<ResolversTypes['Volunteer']>, ParentType, ContextType>;
  searchVolunteers?: Resolver<ResolversTypes['VolunteerSearchConnection'], ParentType, ContextType, RequireFields<QuerySearchVolunteersArgs, 'first'>>;
  serviceRecord?: Resolver<Maybe<ResolversTypes['ServiceRecord']>, ParentType, ContextType, RequireFields<QueryServiceRecordArgs, 'id'>>;
  serviceRecords?: Resolver<Array<ResolversTypes['ServiceRecord']>, ParentType, ContextType, RequireFields<QueryServiceRecordsArgs, 'stationId'>>;
  verifyCertificate?: Resolver<ResolversTypes['CertificateCheck'], ParentType, ContextType, RequireFields<QueryVerifyCertificateArgs, 'code'>>;
  volunteer?: Resolver<Maybe<ResolversTypes['Volunteer']>, ParentType, ContextType, RequireFields<QueryVolunteerArgs, 'id'>>;
  volunteerContacts?: Resolver<Array<Maybe<ResolversTypes['VolunteerContact']>>, ParentType, ContextType, RequireFields<QueryVolunteerContactsArgs, 'ids'>>;
};

export type RegionResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  serviceStats?: Resolver<ResolversTypes['RegionServiceStats'], ParentType, ContextType, RequireFields<RegionServiceStatsArgs, 'year'>>;
  volunteerSeries?: Resolver<Array<ResolversTypes['VolunteerMonth']>, ParentType, ContextType, RequireFields<RegionVolunteerSeriesArgs, 'from' | 'to'>>;
  volunteerShare?: Resolver<ResolversTypes['VolunteerShare'], ParentType, ContextType>;
};

export type RegionServiceStatsResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['RegionServiceStats'] = ResolversParentTypes['RegionServiceStats']> = {
  activeVolunteerCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  activityCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  headcountShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  leaderCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memberCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  monthsWithActivity?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  staffCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stationCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  verifiedHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  volunteersMeetingThreshold?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ServiceRecordResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['ServiceRecord'] = ResolversParentTypes['ServiceRecord']> = {
  activity?: Resolver<Maybe<ResolversTypes['Activity']>, ParentType, ContextType>;
  activityLeader?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  activityName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  corrects?: Resolver<Maybe<ResolversTypes['ServiceRecord']>, ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  endedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  hours?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  place?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quality?: Resolver<Maybe<ResolversTypes['ServiceQuality']>, ParentType, ContextType>;
  recipient?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  recorder?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rejectReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reversalReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reversedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  reversedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  serviceDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ServiceRecordStatus'], ParentType, ContextType>;
  volunteer?: Resolver<Maybe<ResolversTypes['Volunteer']>, ParentType, ContextType>;
};

export type ServiceRecordReversalResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['ServiceRecordReversal'] = ResolversParentTypes['ServiceRecordReversal']> = {
  correction?: Resolver<Maybe<ResolversTypes['ServiceRecord']>, ParentType, ContextType>;
  reversed?: Resolver<ResolversTypes['ServiceRecord'], ParentType, ContextType>;
};

export type StationResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Station'] = ResolversParentTypes['Station'], FederationReferenceType extends FederationReferenceTypes['Station'] = FederationReferenceTypes['Station']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Station']> | FederationReferenceType, FederationReferenceType, ContextType>;
  activities?: Resolver<Array<ResolversTypes['Activity']>, ParentType, ContextType, Partial<StationActivitiesArgs>>;
  demands?: Resolver<Array<ResolversTypes['Demand']>, ParentType, ContextType, Partial<StationDemandsArgs>>;
  dutyCoverage?: Resolver<ResolversTypes['DutyCoverage'], ParentType, ContextType, RequireFields<StationDutyCoverageArgs, 'weekOf'>>;
  dutyShifts?: Resolver<Array<ResolversTypes['DutyShift']>, ParentType, ContextType, RequireFields<StationDutyShiftsArgs, 'from' | 'to'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  members?: Resolver<Maybe<Array<ResolversTypes['Membership']>>, ParentType, ContextType, RequireFields<StationMembersArgs, 'includeFormer'>>;
  onDutyToday?: Resolver<Maybe<Array<ResolversTypes['OnDutyVolunteer']>>, ParentType, ContextType>;
  pairings?: Resolver<Array<ResolversTypes['Pairing']>, ParentType, ContextType, RequireFields<StationPairingsArgs, 'includeEnded'>>;
  serviceStats?: Resolver<ResolversTypes['StationServiceStats'], ParentType, ContextType, RequireFields<StationServiceStatsArgs, 'year'>>;
  trainings?: Resolver<Array<ResolversTypes['Training']>, ParentType, ContextType, Partial<StationTrainingsArgs>>;
  upcomingActivities?: Resolver<Array<ResolversTypes['Activity']>, ParentType, ContextType>;
  volunteersBelowHours?: Resolver<Array<ResolversTypes['VolunteerHours']>, ParentType, ContextType, RequireFields<StationVolunteersBelowHoursArgs, 'hours' | 'year'>>;
};

export type StationServiceStatsResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['StationServiceStats'] = ResolversParentTypes['StationServiceStats']> = {
  activeVolunteerCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  activityCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  headcountShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  leaderCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memberCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  monthsWithActivity?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  staffCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  verifiedHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  volunteersMeetingThreshold?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TimeBankAccountResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['TimeBankAccount'] = ResolversParentTypes['TimeBankAccount']> = {
  available?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  balance?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  transactions?: Resolver<Array<ResolversTypes['TimeBankTransaction']>, ParentType, ContextType, RequireFields<TimeBankAccountTransactionsArgs, 'first'>>;
};

export type TimeBankTransactionResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['TimeBankTransaction'] = ResolversParentTypes['TimeBankTransaction']> = {
  amount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  counterpartyId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TimeBankTransactionKind'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  serviceRecordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type TrainingResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Training'] = ResolversParentTypes['Training']> = {
  attendance?: Resolver<Array<ResolversTypes['Attendance']>, ParentType, ContextType>;
  heldOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  hours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TrainingKind'], ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  trainer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type VolunteerResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['Volunteer'] = ResolversParentTypes['Volunteer'], FederationReferenceType extends FederationReferenceTypes['Volunteer'] = FederationReferenceTypes['Volunteer']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Volunteer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  certificates?: Resolver<Array<ResolversTypes['Certificate']>, ParentType, ContextType>;
  gender?: Resolver<ResolversTypes['Gender'], ParentType, ContextType>;
  hoursToNextStar?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  piiMasked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  politicalStatus?: Resolver<ResolversTypes['PoliticalStatus'], ParentType, ContextType>;
  registeredOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  serviceRecords?: Resolver<Array<ResolversTypes['ServiceRecord']>, ParentType, ContextType, Partial<VolunteerServiceRecordsArgs>>;
  skills?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  starLevel?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stations?: Resolver<Array<ResolversTypes['Membership']>, ParentType, ContextType, RequireFields<VolunteerStationsArgs, 'includeFormer'>>;
  status?: Resolver<ResolversTypes['VolunteerStatus'], ParentType, ContextType>;
  statusChangedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  statusReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timeBank?: Resolver<ResolversTypes['TimeBankAccount'], ParentType, ContextType>;
  trainings?: Resolver<Array<ResolversTypes['VolunteerTraining']>, ParentType, ContextType>;
  verifiedHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType, Partial<VolunteerVerifiedHoursArgs>>;
};

export type VolunteerContactResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['VolunteerContact'] = ResolversParentTypes['VolunteerContact']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  phone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type VolunteerHoursResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['VolunteerHours'] = ResolversParentTypes['VolunteerHours']> = {
  hours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  volunteer?: Resolver<Maybe<ResolversTypes['Volunteer']>, ParentType, ContextType>;
};

export type VolunteerImportResultResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['VolunteerImportResult'] = ResolversParentTypes['VolunteerImportResult']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  volunteers?: Resolver<Array<ResolversTypes['Volunteer']>, ParentType, ContextType>;
};

export type VolunteerMonthResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['VolunteerMonth'] = ResolversParentTypes['VolunteerMonth']> = {
  activeVolunteers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  activityCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registeredVolunteers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  verifiedHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type VolunteerSearchConnectionResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['VolunteerSearchConnection'] = ResolversParentTypes['VolunteerSearchConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Volunteer']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type VolunteerShareResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['VolunteerShare'] = ResolversParentTypes['VolunteerShare']> = {
  definition?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  population?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  registeredVolunteers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  share?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type VolunteerTrainingResolvers<ContextType = VolunteersContext, ParentType extends ResolversParentTypes['VolunteerTraining'] = ResolversParentTypes['VolunteerTraining']> = {
  attended?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  training?: Resolver<ResolversTypes['Training'], ParentType, ContextType>;
};

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = VolunteersContext> = {
  Activity?: ActivityResolvers<ContextType>;
  ActivityAttendance?: ActivityAttendanceResolvers<ContextType>;
  Attendance?: AttendanceResolvers<ContextType>;
  Beneficiary?: BeneficiaryResolvers<ContextType>;
  CatalogueItem?: CatalogueItemResolvers<ContextType>;
  Certificate?: CertificateResolvers<ContextType>;
  CertificateCheck?: CertificateCheckResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Demand?: DemandResolvers<ContextType>;
  DonationRecipient?: DonationRecipientResolvers<ContextType>;
  DutyCoverage?: DutyCoverageResolvers<ContextType>;
  DutyShift?: DutyShiftResolvers<ContextType>;
  DutySlot?: DutySlotResolvers<ContextType>;
  MatchSuggestion?: MatchSuggestionResolvers<ContextType>;
  Membership?: MembershipResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OnDutyVolunteer?: OnDutyVolunteerResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Pairing?: PairingResolvers<ContextType>;
  Photo?: PhotoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  RegionServiceStats?: RegionServiceStatsResolvers<ContextType>;
  ServiceRecord?: ServiceRecordResolvers<ContextType>;
  ServiceRecordReversal?: ServiceRecordReversalResolvers<ContextType>;
  Station?: StationResolvers<ContextType>;
  StationServiceStats?: StationServiceStatsResolvers<ContextType>;
  TimeBankAccount?: TimeBankAccountResolvers<ContextType>;
  TimeBankTransaction?: TimeBankTransactionResolvers<ContextType>;
  Training?: TrainingResolvers<ContextType>;
  Volunteer?: VolunteerResolvers<ContextType>;
  VolunteerContact?: VolunteerContactResolvers<ContextType>;
  VolunteerHours?: VolunteerHoursResolvers<ContextType>;
  VolunteerImportResult?: VolunteerImportResultResolvers<ContextType>;
  VolunteerMonth?: VolunteerMonthResolvers<ContextType>;
  VolunteerSearchConnection?: VolunteerSearchConnectionResolvers<ContextType>;
  VolunteerShare?: VolunteerShareResolvers<ContextType>;
  VolunteerTraining?: VolunteerTrainingResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = VolunteersContext> = {
  link?: LinkDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
};
