import { forbidden, requireUser } from '@leifeng/kit';
import type { VolunteersContext as Ctx } from '../context';
import { canManage, isLedgerReader, isSelf } from '../domain/access';
import type { ActivityInput, ActivityRow } from '../domain/activity-service';
import type { RecordContent, RecordInput, RecordRow } from '../domain/record-service';
import { readableVolunteer } from './volunteers';

/** The volunteer, managers/admins of the record's station, ledger readers. */
async function readableRecord(ctx: Ctx, id: string): Promise<RecordRow | null> {
  const record = await ctx.loaders.record.load(id);
  if (!record) return null;
  const user = requireUser(ctx.user);
  const station = await ctx.loaders.station.load(record.stationId);
  const volunteer = await ctx.loaders.volunteer.load(record.volunteerId);
  if ((station && canManage(user, station)) || isLedgerReader(user) || (volunteer && isSelf(user, volunteer))) return record;
  throw forbidden('无权查看该服务记录');
}

async function assertStationLedger(ctx: Ctx, stationId: string): Promise<void> {
  const user = requireUser(ctx.user);
  const station = await ctx.loaders.station.load(stationId);
  if (station && !canManage(user, station) && !isLedgerReader(user)) throw forbidden('只有本站站长、所辖地区管理员、检查人员可以查看站点台账');
}

export const recordResolvers = {
  Query: {
    activity: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.loaders.activity.load(id),
    serviceRecord: (_: unknown, { id }: { id: string }, ctx: Ctx) => readableRecord(ctx, id),
    serviceRecords: async (_: unknown, args: { stationId: string; statuses?: string[]; year?: number }, ctx: Ctx) => {
      await assertStationLedger(ctx, args.stationId);
      const rows = await ctx.records.list({ stationId: args.stationId, statuses: args.statuses, year: args.year });
      rows.forEach((r) => ctx.loaders.record.prime(r.id, r));
      return rows;
    },
  },
  Mutation: {
    createActivity: (_: unknown, { input }: { input: ActivityInput }, ctx: Ctx) => ctx.activities.create(ctx, input),
    cancelActivity: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.activities.cancel(ctx, id),
    signUpForActivity: (_: unknown, args: { activityId: string; volunteerId: string }, ctx: Ctx) => ctx.activities.signUp(ctx, args.activityId, args.volunteerId),
    cancelActivitySignUp: (_: unknown, args: { activityId: string; volunteerId: string }, ctx: Ctx) =>
      ctx.activities.cancelSignUp(ctx, args.activityId, args.volunteerId),
    checkIn: (_: unknown, { code }: { code: string }, ctx: Ctx) => ctx.records.checkIn(ctx, code),
    checkOut: (_: unknown, { activityId }: { activityId: string }, ctx: Ctx) => ctx.records.checkOut(ctx, activityId),
    recordService: (_: unknown, { input }: { input: RecordInput }, ctx: Ctx) => ctx.records.record(ctx, input),
    verifyServiceRecord: (_: unknown, args: { id: string; quality?: never; hours?: number }, ctx: Ctx) => ctx.records.verify(ctx, args.id, args),
    rejectServiceRecord: (_: unknown, args: { id: string; reason: string }, ctx: Ctx) => ctx.records.reject(ctx, args.id, args.reason),
    reverseServiceRecord: (_: unknown, args: { id: string; reason: string; correction?: RecordContent }, ctx: Ctx) =>
      ctx.records.reverse(ctx, args.id, args.reason, args.correction),
  },
  Activity: {
    station: (a: ActivityRow) => ({ id: a.stationId }),
    signUpCount: (a: ActivityRow, _: unknown, ctx: Ctx) => ctx.loaders.signUpCount.load(a.id),
    myAttendance: (a: ActivityRow, _: unknown, ctx: Ctx) => ctx.loaders.myAttendance.load(a.id),
    signInCode: async (a: ActivityRow, _: unknown, ctx: Ctx) => {
      const station = await ctx.loaders.station.load(a.stationId);
      return station && canManage(ctx.user, station) ? a.signInCode : null;
    },
  },
  ServiceRecord: {
    volunteer: (r: RecordRow, _: unknown, ctx: Ctx) => readableVolunteer(ctx, r.volunteerId),
    station: (r: RecordRow) => ({ id: r.stationId }),
    activity: (r: RecordRow, _: unknown, ctx: Ctx) => (r.activityId ? ctx.loaders.activity.load(r.activityId) : null),
    corrects: (r: RecordRow, _: unknown, ctx: Ctx) => (r.correctsId ? ctx.loaders.record.load(r.correctsId) : null),
  },
};
