import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { StationRef as StationRefModel, RegionRef as RegionRefModel } from '@leifeng/kit';
import type { AccountRow as AccountRowModel } from '../services/account-service';
import type { GrantAuditRow as GrantAuditRowModel } from '../services/grant-service';
import type { IdentityContext } from '../context';
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
  link__Import: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type Account = {
  __typename?: 'Account';
  createdAt: Scalars['DateTime']['output'];
  displayName?: Maybe<Scalars['String']['output']>;
  /** Grants in force. */
  grants: Array<RoleGrant>;
  /** Whether the person set a password (officers may sign in with phone + password). */
  hasPassword: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** 138****1234: the full number is never returned. */
  phoneMasked: Scalars['String']['output'];
  status: AccountStatus;
  /** The volunteer record linked by the verified phone number, if any. */
  volunteerId?: Maybe<Scalars['ID']['output']>;
};

export type AccountStatus =
  | 'ACTIVE'
  | 'DISABLED';

export type AuthSession = {
  __typename?: 'AuthSession';
  /** ES256 JWT, at most 15 minutes; send as Authorization: Bearer. */
  accessToken: Scalars['String']['output'];
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  account: Account;
  /** The grant the access token carries (null: the person acts for themself, as a VOLUNTEER). */
  activeGrant?: Maybe<RoleGrant>;
  /** Opaque, single use: keep it safe, exchange it with refreshSession before it expires. */
  refreshToken: Scalars['String']['output'];
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
};

export type GrantAuditEntry = {
  __typename?: 'GrantAuditEntry';
  /** GRANT, INVITE, REVOKE */
  action: Scalars['String']['output'];
  actor: Scalars['String']['output'];
  agencyId?: Maybe<Scalars['ID']['output']>;
  at: Scalars['DateTime']['output'];
  /** ALLOWED or REFUSED */
  outcome: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  regionCode?: Maybe<Scalars['ID']['output']>;
  role?: Maybe<Scalars['String']['output']>;
  stationId?: Maybe<Scalars['ID']['output']>;
  targetPhoneMasked?: Maybe<Scalars['String']['output']>;
};

/** Roles a person can be granted (SERVICE is for machines). */
export type GrantRole =
  | 'AGENCY'
  | 'CITY_ADMIN'
  | 'COUNTY_ADMIN'
  | 'INSPECTOR'
  | 'PROVINCE_ADMIN'
  | 'STATION_MANAGER'
  | 'VOLUNTEER';

export type Invitation = {
  __typename?: 'Invitation';
  agencyId?: Maybe<Scalars['ID']['output']>;
  expiresAt: Scalars['DateTime']['output'];
  /** Set when the invitee already has an account: the grant was made at once. */
  grant?: Maybe<RoleGrant>;
  id: Scalars['ID']['output'];
  invitedBy: Scalars['String']['output'];
  phoneMasked: Scalars['String']['output'];
  regionCode?: Maybe<Scalars['ID']['output']>;
  role: GrantRole;
  stationId?: Maybe<Scalars['ID']['output']>;
};

export type InviteGrantInput = {
  /** The partner agency for AGENCY. */
  agencyId?: InputMaybe<Scalars['ID']['input']>;
  /** When the invitation lapses if not accepted (default 7 days, at most 30). */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  phone: Scalars['String']['input'];
  /** The region for admins, inspectors and agencies. */
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  role: GrantRole;
  /** The station for STATION_MANAGER. */
  stationId?: InputMaybe<Scalars['ID']['input']>;
  /** When the grant itself ends (default: until revoked). */
  validUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Invites a person (by phone) to a role in a scope; accepted by signing in with that phone before it expires. */
  inviteGrant: Invitation;
  /** Uses up the refresh token and returns a new pair. Public (the refresh token is the credential). A token used twice ends its whole session. */
  refreshSession: AuthSession;
  /**
   * Sends a 6-digit code proving a phone for a public action without an account (OBJECTION: objecting to a
   * 公示). Public; the sign-in code's limits and lock-outs apply.
   */
  requestPhoneVerificationCode: SignInCodeRequest;
  /** Sends a 6-digit sign-in code by SMS (valid 5 minutes). Public. Limited per phone and per client address. */
  requestSignInCode: SignInCodeRequest;
  /** Revokes a grant; its holder's next refresh (within one access-token lifetime) no longer carries it. */
  revokeGrant: RoleGrant;
  /** Ends one of the signed-in person's own sessions (from mySessions): its refresh token stops at once, an access token already issued within its lifetime. */
  revokeMySession: Scalars['Boolean']['output'];
  /** Makes a new signing key current; the old one stays published until the next rotation (PROVINCE_ADMIN or SERVICE). */
  rotateSigningKey: SigningKey;
  /** Disables or re-enables an account (PROVINCE_ADMIN). Disabling ends its sessions at once. */
  setAccountStatus: Account;
  /** Sets the signed-in officer's password (12–128 characters, argon2id); changing one needs the current password. Only people holding a grant. */
  setPassword: Scalars['Boolean']['output'];
  /** Signs in with the code; creates the account on first sign-in. Public. Wrong codes count toward a lock-out. */
  signInWithCode: AuthSession;
  /** Signs in with an officer's password (set after an SMS sign-in with setPassword). Public. Failures share the code's per-phone and per-address lock-outs. */
  signInWithPassword: AuthSession;
  /** Ends the session the refresh token belongs to. Public (the refresh token is the credential). */
  signOut: Scalars['Boolean']['output'];
  /** Ends every session of the signed-in account; returns how many were open. */
  signOutEverywhere: Scalars['Int']['output'];
  /** Switches the grant in use without signing in again (uses up the refresh token like refreshSession). */
  switchGrant: AuthSession;
  /** Checks that code and returns a signed proof (15 minutes) that the caller holds the phone. Public; no account is made. */
  verifyPhone: PhoneProof;
};


export type MutationInviteGrantArgs = {
  input: InviteGrantInput;
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRequestPhoneVerificationCodeArgs = {
  phone: Scalars['String']['input'];
  purpose: PhoneProofPurpose;
};


export type MutationRequestSignInCodeArgs = {
  phone: Scalars['String']['input'];
};


export type MutationRevokeGrantArgs = {
  grantId: Scalars['ID']['input'];
};


export type MutationRevokeMySessionArgs = {
  sessionId: Scalars['ID']['input'];
};


export type MutationSetAccountStatusArgs = {
  accountId: Scalars['ID']['input'];
  status: AccountStatus;
};


export type MutationSetPasswordArgs = {
  currentPassword?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
};


export type MutationSignInWithCodeArgs = {
  code: Scalars['String']['input'];
  phone: Scalars['String']['input'];
};


export type MutationSignInWithPasswordArgs = {
  password: Scalars['String']['input'];
  phone: Scalars['String']['input'];
};


export type MutationSignOutArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationSwitchGrantArgs = {
  grantId: Scalars['ID']['input'];
  refreshToken: Scalars['String']['input'];
};


export type MutationVerifyPhoneArgs = {
  code: Scalars['String']['input'];
  phone: Scalars['String']['input'];
  purpose: PhoneProofPurpose;
};

/** One sign-in of the caller (a session family of rotating refresh tokens). */
export type MySession = {
  __typename?: 'MySession';
  /** The client address seen at sign-in. */
  clientIp?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** Whether the access token of this request belongs to it. */
  current: Scalars['Boolean']['output'];
  /** The absolute end: a new sign-in is needed after it. */
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** When its refresh token was last exchanged (or the sign-in, if never). */
  lastUsedAt: Scalars['DateTime']['output'];
  regionCode?: Maybe<Scalars['ID']['output']>;
  /** The grant in use in it (null: acting for oneself). */
  role?: Maybe<GrantRole>;
  stationId?: Maybe<Scalars['ID']['output']>;
};

/** A short-lived ES256 token (typ phone-proof+jwt, signed with the JWKS keys) that the phone was verified. */
export type PhoneProof = {
  __typename?: 'PhoneProof';
  expiresAt: Scalars['DateTime']['output'];
  phoneMasked: Scalars['String']['output'];
  token: Scalars['String']['output'];
};

/** What a phone is verified for. */
export type PhoneProofPurpose =
  | 'OBJECTION';

export type Query = {
  __typename?: 'Query';
  /** Accounts by id (admins and SERVICE). */
  account?: Maybe<Account>;
  /** Grants, revokes and refused attempts filed under a region, newest first: admins whose region covers it. */
  grantAudit: Array<GrantAuditEntry>;
  /** The signed-in person's account (null for anonymous callers and for development tokens whose subject is no account). */
  me?: Maybe<Account>;
  /** The signed-in person's open sessions (sign-ins that can still refresh), most recently used first. */
  mySessions: Array<MySession>;
  /** The signing keys, newest first (PROVINCE_ADMIN). The public halves are at /.well-known/jwks.json. */
  signingKeys: Array<SigningKey>;
};


export type QueryAccountArgs = {
  id: Scalars['ID']['input'];
};


export type QueryGrantAuditArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  regionCode: Scalars['ID']['input'];
};

export type Region = {
  __typename?: 'Region';
  code: Scalars['ID']['output'];
};

/** One role in one scope, given by someone, for a time. */
export type RoleGrant = {
  __typename?: 'RoleGrant';
  /** The partner agency (no subgraph owns agencies with a name yet: only the id). */
  agencyId?: Maybe<Scalars['ID']['output']>;
  grantedAt: Scalars['DateTime']['output'];
  /** The subject of whoever granted it. */
  grantedBy: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The grant's region (its name comes from the stations subgraph); null when the grant names none. */
  region?: Maybe<Region>;
  regionCode?: Maybe<Scalars['ID']['output']>;
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  role: GrantRole;
  /** The grant's station (its name comes from the stations subgraph); null when the grant names none. */
  station?: Maybe<Station>;
  stationId?: Maybe<Scalars['ID']['output']>;
  validUntil?: Maybe<Scalars['DateTime']['output']>;
};

export type SignInCodeRequest = {
  __typename?: 'SignInCodeRequest';
  expiresAt: Scalars['DateTime']['output'];
  phoneMasked: Scalars['String']['output'];
  /** A new code can be asked for after this many seconds. */
  resendAfterSeconds: Scalars['Int']['output'];
};

export type SigningKey = {
  __typename?: 'SigningKey';
  createdAt: Scalars['DateTime']['output'];
  kid: Scalars['ID']['output'];
  /** CURRENT signs; PREVIOUS still verifies; RETIRED is no longer published. */
  state: Scalars['String']['output'];
};

export type Station = {
  __typename?: 'Station';
  id: Scalars['ID']['output'];
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
  Account: Account;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Account:
    ( { __typename: 'Account' }
    & GraphQLRecursivePick<FederationTypes['Account'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Account: ResolverTypeWrapper<AccountRowModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AccountStatus: AccountStatus;
  AuthSession: ResolverTypeWrapper<Omit<AuthSession, 'account' | 'activeGrant'> & { account: ResolversTypes['Account'], activeGrant?: Maybe<ResolversTypes['RoleGrant']> }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GrantAuditEntry: ResolverTypeWrapper<GrantAuditRowModel>;
  GrantRole: GrantRole;
  Invitation: ResolverTypeWrapper<Omit<Invitation, 'grant'> & { grant?: Maybe<ResolversTypes['RoleGrant']> }>;
  InviteGrantInput: InviteGrantInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  MySession: ResolverTypeWrapper<MySession>;
  PhoneProof: ResolverTypeWrapper<PhoneProof>;
  PhoneProofPurpose: PhoneProofPurpose;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Region: ResolverTypeWrapper<RegionRefModel>;
  RoleGrant: ResolverTypeWrapper<Omit<RoleGrant, 'region' | 'station'> & { region?: Maybe<ResolversTypes['Region']>, station?: Maybe<ResolversTypes['Station']> }>;
  SignInCodeRequest: ResolverTypeWrapper<SignInCodeRequest>;
  SigningKey: ResolverTypeWrapper<SigningKey>;
  Station: ResolverTypeWrapper<StationRefModel>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Account: AccountRowModel;
  Boolean: Scalars['Boolean']['output'];
  ID: Scalars['ID']['output'];
  AuthSession: Omit<AuthSession, 'account' | 'activeGrant'> & { account: ResolversParentTypes['Account'], activeGrant?: Maybe<ResolversParentTypes['RoleGrant']> };
  DateTime: Scalars['DateTime']['output'];
  GrantAuditEntry: GrantAuditRowModel;
  Invitation: Omit<Invitation, 'grant'> & { grant?: Maybe<ResolversParentTypes['RoleGrant']> };
  InviteGrantInput: InviteGrantInput;
  Mutation: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  MySession: MySession;
  PhoneProof: PhoneProof;
  Query: Record<PropertyKey, never>;
  Region: RegionRefModel;
  RoleGrant: Omit<RoleGrant, 'region' | 'station'> & { region?: Maybe<ResolversParentTypes['Region']>, station?: Maybe<ResolversParentTypes['Station']> };
  SignInCodeRequest: SignInCodeRequest;
  SigningKey: SigningKey;
  Station: StationRefModel;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
};

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AccountResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Account'] = ResolversParentTypes['Account'], FederationReferenceType extends FederationReferenceTypes['Account'] = FederationReferenceTypes['Account']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Account']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  grants?: Resolver<Array<ResolversTypes['RoleGrant']>, ParentType, ContextType>;
  hasPassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  phoneMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AccountStatus'], ParentType, ContextType>;
  volunteerId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type AuthSessionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['AuthSession'] = ResolversParentTypes['AuthSession']> = {
  accessToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  accessTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  account?: Resolver<ResolversTypes['Account'], ParentType, ContextType>;
  activeGrant?: Resolver<Maybe<ResolversTypes['RoleGrant']>, ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refreshTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GrantAuditEntryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['GrantAuditEntry'] = ResolversParentTypes['GrantAuditEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  agencyId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  regionCode?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stationId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  targetPhoneMasked?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type InvitationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Invitation'] = ResolversParentTypes['Invitation']> = {
  agencyId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  grant?: Resolver<Maybe<ResolversTypes['RoleGrant']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invitedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phoneMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  regionCode?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['GrantRole'], ParentType, ContextType>;
  stationId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  inviteGrant?: Resolver<ResolversTypes['Invitation'], ParentType, ContextType, RequireFields<MutationInviteGrantArgs, 'input'>>;
  refreshSession?: Resolver<ResolversTypes['AuthSession'], ParentType, ContextType, RequireFields<MutationRefreshSessionArgs, 'refreshToken'>>;
  requestPhoneVerificationCode?: Resolver<ResolversTypes['SignInCodeRequest'], ParentType, ContextType, RequireFields<MutationRequestPhoneVerificationCodeArgs, 'phone' | 'purpose'>>;
  requestSignInCode?: Resolver<ResolversTypes['SignInCodeRequest'], ParentType, ContextType, RequireFields<MutationRequestSignInCodeArgs, 'phone'>>;
  revokeGrant?: Resolver<ResolversTypes['RoleGrant'], ParentType, ContextType, RequireFields<MutationRevokeGrantArgs, 'grantId'>>;
  revokeMySession?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokeMySessionArgs, 'sessionId'>>;
  rotateSigningKey?: Resolver<ResolversTypes['SigningKey'], ParentType, ContextType>;
  setAccountStatus?: Resolver<ResolversTypes['Account'], ParentType, ContextType, RequireFields<MutationSetAccountStatusArgs, 'accountId' | 'status'>>;
  setPassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationSetPasswordArgs, 'password'>>;
  signInWithCode?: Resolver<ResolversTypes['AuthSession'], ParentType, ContextType, RequireFields<MutationSignInWithCodeArgs, 'code' | 'phone'>>;
  signInWithPassword?: Resolver<ResolversTypes['AuthSession'], ParentType, ContextType, RequireFields<MutationSignInWithPasswordArgs, 'password' | 'phone'>>;
  signOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationSignOutArgs, 'refreshToken'>>;
  signOutEverywhere?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  switchGrant?: Resolver<ResolversTypes['AuthSession'], ParentType, ContextType, RequireFields<MutationSwitchGrantArgs, 'grantId' | 'refreshToken'>>;
  verifyPhone?: Resolver<ResolversTypes['PhoneProof'], ParentType, ContextType, RequireFields<MutationVerifyPhoneArgs, 'code' | 'phone' | 'purpose'>>;
};

export type MySessionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['MySession'] = ResolversParentTypes['MySession']> = {
  clientIp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  regionCode?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['GrantRole']>, ParentType, ContextType>;
  stationId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type PhoneProofResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['PhoneProof'] = ResolversParentTypes['PhoneProof']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  phoneMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  account?: Resolver<Maybe<ResolversTypes['Account']>, ParentType, ContextType, RequireFields<QueryAccountArgs, 'id'>>;
  grantAudit?: Resolver<Array<ResolversTypes['GrantAuditEntry']>, ParentType, ContextType, RequireFields<QueryGrantAuditArgs, 'first' | 'regionCode'>>;
  me?: Resolver<Maybe<ResolversTypes['Account']>, ParentType, ContextType>;
  mySessions?: Resolver<Array<ResolversTypes['MySession']>, ParentType, ContextType>;
  signingKeys?: Resolver<Array<ResolversTypes['SigningKey']>, ParentType, ContextType>;
};

export type RegionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type RoleGrantResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['RoleGrant'] = ResolversParentTypes['RoleGrant']> = {
  agencyId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  grantedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  grantedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  regionCode?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['GrantRole'], ParentType, ContextType>;
  station?: Resolver<Maybe<ResolversTypes['Station']>, ParentType, ContextType>;
  stationId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type SignInCodeRequestResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SignInCodeRequest'] = ResolversParentTypes['SignInCodeRequest']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  phoneMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  resendAfterSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SigningKeyResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SigningKey'] = ResolversParentTypes['SigningKey']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  kid?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Station'] = ResolversParentTypes['Station']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = IdentityContext> = {
  Account?: AccountResolvers<ContextType>;
  AuthSession?: AuthSessionResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  GrantAuditEntry?: GrantAuditEntryResolvers<ContextType>;
  Invitation?: InvitationResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  MySession?: MySessionResolvers<ContextType>;
  PhoneProof?: PhoneProofResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  RoleGrant?: RoleGrantResolvers<ContextType>;
  SignInCodeRequest?: SignInCodeRequestResolvers<ContextType>;
  SigningKey?: SigningKeyResolvers<ContextType>;
  Station?: StationResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = IdentityContext> = {
  link?: LinkDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
};
