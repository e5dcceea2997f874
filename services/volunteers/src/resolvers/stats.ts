import type { Resolvers } from '../generated/resolvers';
import { forbidden, monthsBetween, requireUser } from '@leifeng/kit';
import { volunteerShare } from '../domain/region-trends';
import { canManage, isLedgerReader } from '../domain/access';
import { checkThreshold, checkYear } from '../domain/stats';
import { hoursToNextStar, starLevel } from '../domain/stars';
import { listKey } from './list-loaders';

const thresholdKey = (t: number | null | undefined) => (t === null || t === undefined ? '' : String(t));

export const statsResolvers: Resolvers = {
  Station: {
    // Aggregates without personal data: public, like the station profile (dashboards read them anonymously).
    serviceStats: async ({ id }, args, ctx) => {
      checkYear(args.year);
      checkThreshold(args.hoursThreshold ?? null);
      const stats = await ctx.loaders.stationStats.load(`${args.year}|${thresholdKey(args.hoursThreshold)}|${id}`);
      // A station not (yet) in the replica has no members, records or activities here.
      return (
        stats ?? {
          year: args.year,
          memberCount: 0,
          leaderCount: 0,
          staffCount: 0,
          activeVolunteerCount: 0,
          verifiedHours: 0,
          activityCount: 0,
          monthsWithActivity: [],
          volunteersMeetingThreshold: args.hoursThreshold == null ? null : 0,
          headcountShare: null,
        }
      );
    },
    volunteersBelowHours: async ({ id }, args, ctx) => {
      checkYear(args.year);
      checkThreshold(args.hours);
      const user = requireUser(ctx.user);
      const station = await ctx.loaders.station.load(id);
      if (!station) return [];
      if (!canManage(user, station) && !isLedgerReader(user))
        throw forbidden('只有本站站长、所辖地区管理员、检查人员可以查看');
      return ctx.loaders.belowHours.load(`${args.year}|${args.hours}|${id}`);
    },
    activities: ({ id }, args, ctx) =>
      ctx.loaders.activitiesOfStation.load(`${args.from?.toISOString() ?? ''}|${args.to?.toISOString() ?? ''}|${id}`),
    upcomingActivities: ({ id }, _, ctx) => ctx.loaders.upcomingActivitiesOfStation.load(`|${id}`),
  },
  Region: {
    // population arrives with the reference when volunteerShare is asked (@requires).
    __resolveReference: (ref) => ref,
    // Aggregates without personal data, over an officer-entered public figure: public like serviceStats.
    volunteerShare: async (r, _, ctx) =>
      volunteerShare(await ctx.loaders.registeredVolunteers.load(r.code), r.population),
    volunteerSeries: ({ code }, { from, to }, ctx) => {
      monthsBetween(from, to); // a bad period fails before any SQL
      return ctx.loaders.volunteerSeries.load(`${from}|${to}|${code}`);
    },
    serviceStats: async ({ code }, args, ctx) => {
      checkYear(args.year);
      checkThreshold(args.hoursThreshold ?? null);
      // Every region has totals (zeros when empty); a null would fail the non-null field as it always did.
      return (await ctx.loaders.regionStats.load(`${args.year}|${thresholdKey(args.hoursThreshold)}|${code}`))!;
    },
  },
  VolunteerHours: {
    volunteer: (r, _, ctx) => ctx.loaders.volunteer.load(r.volunteerId),
  },
  Volunteer: {
    verifiedHours: (v, { year }, ctx) => {
      if (year !== undefined && year !== null) checkYear(year);
      return ctx.loaders.verifiedHours.load(`${year ?? 'all'}|${v.id}`);
    },
    starLevel: async (v, _, ctx) =>
      starLevel(await ctx.loaders.verifiedHours.load(`all|${v.id}`), ctx.config.starThresholds),
    hoursToNextStar: async (v, _, ctx) =>
      hoursToNextStar(await ctx.loaders.verifiedHours.load(`all|${v.id}`), ctx.config.starThresholds),
    serviceRecords: (v, args, ctx) => {
      if (args.year !== undefined && args.year !== null) checkYear(args.year);
      return ctx.loaders.recordsOfVolunteer.load(`${args.year ?? ''}|${listKey(args.statuses)}|${v.id}`);
    },
  },
};
