import type { Resolvers } from '../generated/resolvers';
import { forbidden, requireUser } from '@leifeng/kit';
import type { VolunteersContext as Ctx } from '../context';
import { canManage, isLedgerReader, isSelf } from '../domain/access';
import type { RecordRow } from '../services/record-service';
import { readableVolunteer } from './volunteers';

/** The volunteer, managers/admins of the record's station, ledger readers. */
async function readableRecord(ctx: Ctx, id: string): Promise<RecordRow | null> {
  const record = await ctx.loaders.record.load(id);
  if (!record) return null;
  const user = requireUser(ctx.user);
  const station = await ctx.loaders.station.load(record.stationId);
  const volunteer = await ctx.loaders.volunteer.load(record.volunteerId);
  if ((station && canManage(user, station)) || isLedgerReader(user) || (volunteer && isSelf(user, volunteer)))
    return record;
  throw forbidden('无权查看该服务记录');
}

async function assertStationLedger(ctx: Ctx, stationId: string): Promise<void> {
  const user = requireUser(ctx.user);
  const station = await ctx.loaders.station.load(stationId);
  if (station && !canManage(user, station) && !isLedgerReader(user))
    throw forbidden('只有本站站长、所辖地区管理员、检查人员可以查看站点台账');
}

export const recordResolvers: Resolvers = {
  Query: {
    activity: (_, { id }, ctx) => ctx.loaders.activity.load(id),
    serviceRecord: (_, { id }, ctx) => readableRecord(ctx, id),
    serviceRecords: async (_, args, ctx) => {
      await assertStationLedger(ctx, args.stationId);
      const rows = await ctx.records.list({
        stationId: args.stationId,
        statuses: args.statuses,
        year: args.year,
      });
      rows.forEach((r) => ctx.loaders.record.prime(r.id, r));
      return rows;
    },
  },
  Mutation: {
    createActivity: (_, { input }, ctx) => ctx.activities.create(ctx, input),
    cancelActivity: (_, { id }, ctx) => ctx.activities.cancel(ctx, id),
    signUpForActivity: (_, args, ctx) => ctx.activities.signUp(ctx, args.activityId, args.volunteerId),
    cancelActivitySignUp: (_, args, ctx) => ctx.activities.cancelSignUp(ctx, args.activityId, args.volunteerId),
    checkIn: (_, { code }, ctx) => ctx.records.checkIn(ctx, code),
    checkOut: (_, { activityId }, ctx) => ctx.records.checkOut(ctx, activityId),
    recordService: (_, { input }, ctx) => ctx.records.record(ctx, input),
    verifyServiceRecord: (_, args, ctx) => ctx.records.verify(ctx, args.id, args),
    rejectServiceRecord: (_, args, ctx) => ctx.records.reject(ctx, args.id, args.reason),
    reverseServiceRecord: (_, args, ctx) => ctx.records.reverse(ctx, args.id, args.reason, args.correction),
  },
  Activity: {
    station: (a) => ({ id: a.stationId }),
    signUpCount: (a, _, ctx) => ctx.loaders.signUpCount.load(a.id),
    myAttendance: (a, _, ctx) => ctx.loaders.myAttendance.load(a.id),
    signInCode: async (a, _, ctx) => {
      const station = await ctx.loaders.station.load(a.stationId);
      return station && canManage(ctx.user, station) ? a.signInCode : null;
    },
  },
  ServiceRecord: {
    volunteer: (r, _, ctx) => readableVolunteer(ctx, r.volunteerId),
    station: (r) => ({ id: r.stationId }),
    activity: (r, _, ctx) => (r.activityId ? ctx.loaders.activity.load(r.activityId) : null),
    corrects: (r, _, ctx) => (r.correctsId ? ctx.loaders.record.load(r.correctsId) : null),
  },
};
