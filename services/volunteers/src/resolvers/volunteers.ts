import type { Resolvers } from '../generated/resolvers';
import { assertAllowed, forbidden, hasRole, requireUser } from '@leifeng/kit';
import type { VolunteersContext as Ctx } from '../context';
import { canManage, canReadVolunteer, canSeePii, isLedgerReader } from '../domain/access';
import { VolunteerPii } from '../domain/pii';
import type { VolunteerRow } from '../services/volunteer-service';

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
  return {
    phone: VolunteerPii.mask('phone', clear.phone),
    idNumber: VolunteerPii.mask('idNumber', clear.idNumber),
    masked: true,
  };
}

/** Station members are the station's ledger: managers/admins of it and ledger readers (others: null with FORBIDDEN, the station still resolves). */
async function assertCanReadStationLedger(ctx: Ctx, stationId: string): Promise<boolean> {
  requireUser(ctx.user);
  const station = await ctx.loaders.station.load(stationId);
  if (!station) return false;
  if (!canManage(ctx.user, station) && !isLedgerReader(ctx.user))
    throw forbidden('只有本站站长、所辖地区管理员、检查人员可以查看站点台账');
  return true;
}

export const volunteerResolvers: Resolvers = {
  Query: {
    volunteer: (_, { id }, ctx) => readableVolunteer(ctx, id),
    myVolunteer: async (_, __, ctx) => (await ctx.volunteers.byAccount(requireUser(ctx.user).sub)) ?? null,
    searchVolunteers: (_, a, ctx) => ctx.search.search(ctx.user, a.filter ?? {}, a.first ?? 20, a.after),
    // Internal senders only (SMS): whole numbers, so nobody else, not even admins.
    volunteerContacts: (_, { ids }, ctx) => {
      assertAllowed(ctx.user, hasRole(ctx.user, 'SERVICE'), '只有内部服务可以批量读取志愿者联系方式');
      return ctx.volunteers.contacts(ids);
    },
  },
  Mutation: {
    registerVolunteer: (_, { input }, ctx) => ctx.volunteers.register(ctx, input),
    importVolunteers: async (_, { stationId, contentBase64 }, ctx) => {
      const volunteers = await ctx.volunteerImport.importXlsx(ctx, stationId, contentBase64);
      return { count: volunteers.length, volunteers };
    },
    linkVolunteerAccount: (_, { phone, accountSub }, ctx) => {
      assertAllowed(ctx.user, hasRole(ctx.user, 'SERVICE'), '只有身份服务可以关联志愿者账号');
      return ctx.volunteers.linkAccount(phone, accountSub);
    },
    addMember: (_, { input }, ctx) => ctx.memberships.add(ctx, input),
    leaveStation: (_, args, ctx) => ctx.memberships.leave(ctx, args.membershipId, args.leftOn),
    changeMemberRole: (_, args, ctx) => ctx.memberships.changeRole(ctx, args.membershipId, args.role),
    updateVolunteer: (_, args, ctx) => ctx.profiles.update(ctx, args.id, args.input),
    setVolunteerStatus: (_, args, ctx) => ctx.profiles.setStatus(ctx, args.id, args.status, args.reason),
  },
  Volunteer: {
    __resolveReference: (ref, ctx) => readableVolunteer(ctx, ref.id),
    phone: async (v, _, ctx) => (await pii(ctx, v)).phone,
    idNumber: async (v, _, ctx) => (await pii(ctx, v)).idNumber,
    piiMasked: async (v, _, ctx) => (await pii(ctx, v)).masked,
    stations: async (v, { includeFormer }, ctx) => {
      const rows = await ctx.loaders.membershipsOf.load(v.id);
      return includeFormer ? rows : rows.filter((r) => !r.leftOn);
    },
  },
  Membership: {
    volunteer: (ms, _, ctx) => readableVolunteer(ctx, ms.volunteerId),
    station: (ms) => ({ id: ms.stationId }),
    current: (ms) => !ms.leftOn,
  },
  Station: {
    __resolveReference: (ref) => ({ id: ref.id }),
    members: async ({ id }, args, ctx) => {
      if (!(await assertCanReadStationLedger(ctx, id))) return [];
      const rows = await ctx.loaders.members.load(`${args.includeFormer ? 1 : 0}|${id}`);
      return args.roles?.length ? rows.filter((r) => args.roles!.includes(r.role)) : rows;
    },
  },
};
