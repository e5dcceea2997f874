import { assertAllowed, forbidden, hasRole, requireUser } from '@leifeng/kit';
import type { VolunteerSearchFilter } from '../domain/volunteer-search';
import type { VolunteersContext as Ctx } from '../context';
import { canManage, canReadVolunteer, canSeePii, isLedgerReader } from '../domain/access';
import type { MembershipRow, Role } from '../domain/membership-service';
import { VolunteerPii } from '../domain/pii';
import type { ProfileChanges, VolunteerStatus } from '../domain/volunteer-profile';
import type { RegisterInput, VolunteerRow } from '../domain/volunteer-service';

/** The volunteer if the caller may read the file; null when unknown; FORBIDDEN otherwise. */
export async function readableVolunteer(ctx: Ctx, id: string): Promise<VolunteerRow | null> {
  const v = await ctx.loaders.volunteer.load(id);
  if (!v) return null;
  requireUser(ctx.user);
  if (!canReadVolunteer(ctx.user, v, await ctx.loaders.scopes.load(v.id))) throw forbidden('无权查看该志愿者档案');
  return v;
}

async function pii(ctx: Ctx, v: VolunteerRow): Promise<{ phone: string; idNumber: string; masked: boolean }> {
  const clear = ctx.volunteers.decrypt(v);
  if (canSeePii(ctx.user, v, await ctx.loaders.scopes.load(v.id))) return { ...clear, masked: false };
  return { phone: VolunteerPii.mask('phone', clear.phone), idNumber: VolunteerPii.mask('idNumber', clear.idNumber), masked: true };
}

/** Station members are the station's ledger: managers/admins of it and ledger readers (others: null with FORBIDDEN, the station still resolves). */
async function assertCanReadStationLedger(ctx: Ctx, stationId: string): Promise<boolean> {
  requireUser(ctx.user);
  const station = await ctx.loaders.station.load(stationId);
  if (!station) return false;
  if (!canManage(ctx.user, station) && !isLedgerReader(ctx.user)) throw forbidden('只有本站站长、所辖地区管理员、检查人员可以查看站点台账');
  return true;
}

export const volunteerResolvers = {
  Query: {
    volunteer: (_: unknown, { id }: { id: string }, ctx: Ctx) => readableVolunteer(ctx, id),
    myVolunteer: (_: unknown, __: unknown, ctx: Ctx) => ctx.volunteers.byAccount(requireUser(ctx.user).sub),
    searchVolunteers: (_: unknown, a: { filter?: VolunteerSearchFilter | null; first?: number | null; after?: string | null }, ctx: Ctx) =>
      ctx.search.search(ctx.user, a.filter ?? {}, a.first ?? 20, a.after),
    // Internal senders only (SMS): whole numbers, so nobody else, not even admins.
    volunteerContacts: (_: unknown, { ids }: { ids: string[] }, ctx: Ctx) => {
      assertAllowed(ctx.user, hasRole(ctx.user, 'SERVICE'), '只有内部服务可以批量读取志愿者联系方式');
      return ctx.volunteers.contacts(ids);
    },
  },
  Mutation: {
    registerVolunteer: (_: unknown, { input }: { input: RegisterInput }, ctx: Ctx) => ctx.volunteers.register(ctx, input),
    importVolunteers: async (_: unknown, { stationId, contentBase64 }: { stationId: string; contentBase64: string }, ctx: Ctx) => {
      const volunteers = await ctx.volunteerImport.importXlsx(ctx, stationId, contentBase64);
      return { count: volunteers.length, volunteers };
    },
    linkVolunteerAccount: (_: unknown, { phone, accountSub }: { phone: string; accountSub: string }, ctx: Ctx) => {
      assertAllowed(ctx.user, hasRole(ctx.user, 'SERVICE'), '只有身份服务可以关联志愿者账号');
      return ctx.volunteers.linkAccount(phone, accountSub);
    },
    addMember: (_: unknown, { input }: { input: { volunteerId: string; stationId: string; role?: Role; joinedOn?: string } }, ctx: Ctx) => ctx.memberships.add(ctx, input),
    leaveStation: (_: unknown, args: { membershipId: string; leftOn?: string }, ctx: Ctx) => ctx.memberships.leave(ctx, args.membershipId, args.leftOn),
    updateVolunteer: (_: unknown, args: { id: string; input: ProfileChanges }, ctx: Ctx) => ctx.profiles.update(ctx, args.id, args.input),
    setVolunteerStatus: (_: unknown, args: { id: string; status: VolunteerStatus; reason: string }, ctx: Ctx) => ctx.profiles.setStatus(ctx, args.id, args.status, args.reason),
  },
  Volunteer: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => readableVolunteer(ctx, ref.id),
    phone: async (v: VolunteerRow, _: unknown, ctx: Ctx) => (await pii(ctx, v)).phone,
    idNumber: async (v: VolunteerRow, _: unknown, ctx: Ctx) => (await pii(ctx, v)).idNumber,
    piiMasked: async (v: VolunteerRow, _: unknown, ctx: Ctx) => (await pii(ctx, v)).masked,
    stations: async (v: VolunteerRow, { includeFormer }: { includeFormer?: boolean }, ctx: Ctx) => {
      const rows = await ctx.loaders.membershipsOf.load(v.id);
      return includeFormer ? rows : rows.filter((r) => !r.leftOn);
    },
  },
  Membership: {
    volunteer: (ms: MembershipRow, _: unknown, ctx: Ctx) => readableVolunteer(ctx, ms.volunteerId),
    station: (ms: MembershipRow) => ({ id: ms.stationId }),
    current: (ms: MembershipRow) => !ms.leftOn,
  },
  Station: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    members: async ({ id }: { id: string }, args: { roles?: Role[] | null; includeFormer?: boolean }, ctx: Ctx) => {
      if (!(await assertCanReadStationLedger(ctx, id))) return [];
      const rows = await ctx.loaders.members.load(`${args.includeFormer ? 1 : 0}|${id}`);
      return args.roles?.length ? rows.filter((r) => args.roles!.includes(r.role)) : rows;
    },
  },
};
