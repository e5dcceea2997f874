import { assertAllowed, DateTimeScalar, hasRole, isUuid, type AuthUser } from '@leifeng/kit';
import type { IdentityContext } from '../context';
import type { AccountRow } from '../services/account-service';
import type { InviteInput } from '../services/grant-service';
import type { AuthSession, GrantRow } from '../services/session-service';

type Ctx = IdentityContext;

/** The mutations anonymous callers may run (the kit refuses every other one before its resolver). */

const grant = (g: GrantRow | null) =>
  g && { id: g.id, role: g.role, regionCode: g.region_code, stationId: g.station_id, agencyId: g.agency_id, grantedBy: g.granted_by, grantedAt: g.granted_at, validUntil: g.valid_until, revokedAt: g.revoked_at };

const session = (s: AuthSession, ctx: Ctx) => ({ ...s, account: ctx.loaders.account.load(s.accountId), activeGrant: grant(s.grant) });

const canReadAccounts = (user: AuthUser | undefined) => hasRole(user, 'PROVINCE_ADMIN', 'CITY_ADMIN', 'COUNTY_ADMIN', 'SERVICE');

export const resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    me: (_: unknown, __: unknown, ctx: Ctx) => (ctx.user && isUuid(ctx.user.sub) ? ctx.loaders.account.load(ctx.user.sub) : null),
    account: (_: unknown, { id }: { id: string }, ctx: Ctx) => {
      assertAllowed(ctx.user, canReadAccounts(ctx.user) || ctx.user?.sub === id);
      return ctx.loaders.account.load(id);
    },
    signingKeys: (_: unknown, __: unknown, ctx: Ctx) => {
      assertAllowed(ctx.user, hasRole(ctx.user, 'PROVINCE_ADMIN', 'SERVICE'), '只有省级管理员可以查看签名密钥');
      return ctx.keys.list();
    },
    mySessions: (_: unknown, __: unknown, ctx: Ctx) => ctx.mySessions.list(ctx.user),
    grantAudit: (_: unknown, { regionCode, first }: { regionCode: string; first?: number }, ctx: Ctx) => ctx.grants.auditTrail(ctx.user, regionCode, first ?? 50),
  },
  Mutation: {
    requestSignInCode: (_: unknown, { phone }: { phone: string }, ctx: Ctx) => ctx.signIn.requestCode(phone, ctx.clientIp ?? null, ctx.requestId),
    signInWithCode: async (_: unknown, { phone, code }: { phone: string; code: string }, ctx: Ctx) => session(await ctx.signIn.signIn(phone, code, ctx.clientIp ?? null), ctx),
    signInWithPassword: async (_: unknown, { phone, password }: { phone: string; password: string }, ctx: Ctx) =>
      session(await ctx.passwords.signIn(phone, password, ctx.clientIp ?? null), ctx),
    setPassword: (_: unknown, { password, currentPassword }: { password: string; currentPassword?: string | null }, ctx: Ctx) =>
      ctx.passwords.set(ctx.user, password, currentPassword),
    refreshSession: async (_: unknown, { refreshToken }: { refreshToken: string }, ctx: Ctx) => session(await ctx.sessions.refresh(refreshToken), ctx),
    signOut: (_: unknown, { refreshToken }: { refreshToken: string }, ctx: Ctx) => ctx.sessions.signOut(refreshToken),
    signOutEverywhere: (_: unknown, __: unknown, ctx: Ctx) => ctx.accounts.signOutEverywhere(ctx.user),
    revokeMySession: (_: unknown, { sessionId }: { sessionId: string }, ctx: Ctx) => ctx.mySessions.revoke(ctx.user, sessionId),
    switchGrant: async (_: unknown, { refreshToken, grantId }: { refreshToken: string; grantId: string }, ctx: Ctx) => {
      assertAllowed(ctx.user, true);
      return session(await ctx.sessions.refresh(refreshToken, grantId, ctx.user!.sub), ctx);
    },
    setAccountStatus: (_: unknown, { accountId, status }: { accountId: string; status: 'ACTIVE' | 'DISABLED' }, ctx: Ctx) => ctx.accounts.setStatus(ctx.user, accountId, status),
    rotateSigningKey: (_: unknown, __: unknown, ctx: Ctx) => {
      assertAllowed(ctx.user, hasRole(ctx.user, 'PROVINCE_ADMIN', 'SERVICE'), '只有省级管理员可以轮换签名密钥');
      return ctx.keys.rotate() as Promise<unknown>;
    },
    inviteGrant: async (_: unknown, { input }: { input: InviteInput }, ctx: Ctx) => {
      const inv = (await ctx.grants.invite(ctx.user, input, ctx.requestId)) as Record<string, any>;
      return { id: inv.id, phoneMasked: inv.phone_masked, role: inv.role, regionCode: inv.region_code, stationId: inv.station_id, agencyId: inv.agency_id, invitedBy: inv.invited_by, expiresAt: inv.expires_at, grant: null };
    },
    revokeGrant: async (_: unknown, { grantId }: { grantId: string }, ctx: Ctx) => grant(await ctx.grants.revoke(ctx.user, grantId)),
  },
  Account: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.account.load(ref.id),
    phoneMasked: (a: AccountRow) => a.phone_masked,
    displayName: (a: AccountRow) => a.display_name,
    volunteerId: (a: AccountRow) => a.volunteer_id,
    createdAt: (a: AccountRow) => a.created_at,
    hasPassword: (a: AccountRow) => !!a.password_set_at,
    grants: async (a: AccountRow, _: unknown, ctx: Ctx) => (await ctx.loaders.grants.load(a.id)).map(grant),
  },
  GrantAuditEntry: {
    actor: (e: Record<string, unknown>) => e.actor_sub,
    regionCode: (e: Record<string, unknown>) => e.region_code,
    stationId: (e: Record<string, unknown>) => e.station_id,
    agencyId: (e: Record<string, unknown>) => e.agency_id,
    targetPhoneMasked: (e: Record<string, unknown>) => e.target_phone_masked,
  },
};
