import { assertAllowed, DateTimeScalar, hasRole, isUuid, regionRef, stationRef, type AuthUser } from '@leifeng/kit';
import type { Resolvers } from '../generated/resolvers';
import type { IdentityContext } from '../context';
import type { AuthSession, GrantRow } from '../services/session-service';

type Ctx = IdentityContext;

/** The mutations anonymous callers may run (the kit refuses every other one before its resolver). */

const grant = (g: GrantRow) => ({
  id: g.id,
  role: g.role,
  regionCode: g.region_code,
  region: g.region_code ? regionRef(g.region_code) : null,
  stationId: g.station_id,
  station: g.station_id ? stationRef(g.station_id) : null,
  agencyId: g.agency_id,
  grantedBy: g.granted_by,
  grantedAt: g.granted_at,
  validUntil: g.valid_until,
  revokedAt: g.revoked_at,
});

// A session's account exists (foreign key); it loads beside the other fields, as before.
const session = (s: AuthSession, ctx: Ctx) => ({
  ...s,
  account: ctx.loaders.account.load(s.accountId).then((a) => a!),
  activeGrant: s.grant && grant(s.grant),
});

const canReadAccounts = (user: AuthUser | undefined) =>
  hasRole(user, 'PROVINCE_ADMIN', 'CITY_ADMIN', 'COUNTY_ADMIN', 'SERVICE');

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    me: (_, __, ctx) => (ctx.user && isUuid(ctx.user.sub) ? ctx.loaders.account.load(ctx.user.sub) : null),
    account: (_, { id }, ctx) => {
      assertAllowed(ctx.user, canReadAccounts(ctx.user) || ctx.user?.sub === id);
      return ctx.loaders.account.load(id);
    },
    signingKeys: (_, __, ctx) => {
      assertAllowed(ctx.user, hasRole(ctx.user, 'PROVINCE_ADMIN', 'SERVICE'), '只有省级管理员可以查看签名密钥');
      return ctx.keys.list();
    },
    mySessions: (_, __, ctx) => ctx.mySessions.list(ctx.user),
    grantAudit: (_, { regionCode, first }, ctx) => ctx.grants.auditTrail(ctx.user, regionCode, first ?? 50),
  },
  Mutation: {
    requestSignInCode: (_, { phone }, ctx) => ctx.signIn.requestCode(phone, ctx.clientIp ?? null, ctx.requestId),
    requestPhoneVerificationCode: (_, a, ctx) =>
      ctx.phoneProofs.requestCode(a.phone, a.purpose, ctx.clientIp ?? null, ctx.requestId),
    verifyPhone: (_, a, ctx) => ctx.phoneProofs.verify(a.phone, a.code, a.purpose, ctx.clientIp ?? null),
    signInWithCode: async (_, { phone, code }, ctx) =>
      session(await ctx.signIn.signIn(phone, code, ctx.clientIp ?? null), ctx),
    signInWithPassword: async (_, { phone, password }, ctx) =>
      session(await ctx.passwords.signIn(phone, password, ctx.clientIp ?? null), ctx),
    setPassword: (_, { password, currentPassword }, ctx) => ctx.passwords.set(ctx.user, password, currentPassword),
    refreshSession: async (_, { refreshToken }, ctx) => session(await ctx.sessions.refresh(refreshToken), ctx),
    signOut: (_, { refreshToken }, ctx) => ctx.sessions.signOut(refreshToken),
    signOutEverywhere: (_, __, ctx) => ctx.accounts.signOutEverywhere(ctx.user),
    revokeMySession: (_, { sessionId }, ctx) => ctx.mySessions.revoke(ctx.user, sessionId),
    switchGrant: async (_, { refreshToken, grantId }, ctx) => {
      assertAllowed(ctx.user, true);
      return session(await ctx.sessions.refresh(refreshToken, grantId, ctx.user!.sub), ctx);
    },
    setAccountStatus: (_, { accountId, status }, ctx) => ctx.accounts.setStatus(ctx.user, accountId, status),
    rotateSigningKey: async (_, __, ctx) => {
      assertAllowed(ctx.user, hasRole(ctx.user, 'PROVINCE_ADMIN', 'SERVICE'), '只有省级管理员可以轮换签名密钥');
      // Without a minimum age rotate always makes a key.
      return (await ctx.keys.rotate())!;
    },
    inviteGrant: async (_, { input }, ctx) => {
      const inv = await ctx.grants.invite(ctx.user, input, ctx.requestId);
      return {
        id: inv.id,
        phoneMasked: inv.phone_masked,
        role: inv.role,
        regionCode: inv.region_code,
        stationId: inv.station_id,
        agencyId: inv.agency_id,
        invitedBy: inv.invited_by,
        expiresAt: inv.expires_at,
        grant: null,
      };
    },
    revokeGrant: async (_, { grantId }, ctx) => grant(await ctx.grants.revoke(ctx.user, grantId)),
  },
  Account: {
    __resolveReference: (ref, ctx) => ctx.loaders.account.load(ref.id),
    phoneMasked: (a) => a.phone_masked,
    displayName: (a) => a.display_name,
    volunteerId: (a) => a.volunteer_id,
    createdAt: (a) => a.created_at,
    hasPassword: (a) => !!a.password_set_at,
    grants: async (a, _, ctx) => (await ctx.loaders.grants.load(a.id)).map(grant),
  },
  GrantAuditEntry: {
    actor: (e) => e.actor_sub,
    regionCode: (e) => e.region_code,
    stationId: (e) => e.station_id,
    agencyId: (e) => e.agency_id,
    targetPhoneMasked: (e) => e.target_phone_masked,
  },
};
