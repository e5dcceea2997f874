import {
  DateScalar,
  DateTimeScalar,
  DomainError,
  monthsBetween,
  regionRef,
  requireUser,
  stationRef,
} from '@leifeng/kit';
import type { Resolvers } from '../generated/resolvers';
import { GraphQLScalarType } from 'graphql';
import { phaseOn } from '../domain/cycle-calendar';
import { todayIn } from '../domain/dates';
import type { ProfileRules } from '../domain/rule-profile';
import type { TitleLevel } from '../domain/standards';
import type { NoticeRow } from '../services/notice-service';
import type { ApplicationRow, ObjectionRow } from '../services/rows';
import { ObjectorPhoneCipher } from '../domain/objector-privacy';
import type { AccreditationContext as Ctx } from '../context';

type ListedObjection = ObjectionRow & { notice?: NoticeRow };
/** The notice an objection belongs to (attached when listed under it, else read). */
const noticeOf = async (o: ListedObjection, ctx: Ctx): Promise<NoticeRow> =>
  o.notice ?? (await ctx.notices.byId(o.noticeId))!;

const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: () => {
    throw new DomainError('INVALID_JSON', 'JSON 参数请通过变量传入');
  },
});

const settingsOf = (rules: ProfileRules) =>
  Object.entries(rules).map(([key, s]) => ({
    key,
    value: s.value,
    source: s.source,
  }));

const LEVEL_RANK: Record<TitleLevel, number> = {
  COUNTY: 1,
  CITY: 2,
  PROVINCE: 3,
};

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: {
    standardSets: (_, __, ctx) => ctx.campaign.listStandardSets(),
    standardSet: (_, { id }, ctx) => ctx.campaign.standardSet(id),
    ruleProfiles: (_, __, ctx) => ctx.campaign.listRuleProfiles(),
    ruleProfile: (_, { id }, ctx) => ctx.campaign.ruleProfile(id),
    cycle: (_, { id }, ctx) => ctx.campaign.cycle(id),
    quotaTemplate: (_, { code }, ctx) => ctx.campaign.quotaTemplate(code),
    cycles: (_, a, ctx) => ctx.campaign.cycles(a.issuingRegionCode),
    application: (_, { id }, ctx) => ctx.applications.byId(ctx.user, id),
    notice: (_, { id }, ctx) => ctx.notices.byId(id),
    sandboxClock: (_, __, ctx) => {
      requireUser(ctx.user);
      return ctx.sandbox.state();
    },
    holidayCalendar: (_, { year }, ctx) => ctx.notices.holidayYear(year),
    myTodo: (_, a, ctx) => ctx.applications.todoPage(ctx.user, a),
    reviewRun: (_, { id }, ctx) => {
      requireUser(ctx.user);
      return ctx.reviews.run(id);
    },
  },
  Mutation: {
    createStandardSet: (_, { input }, ctx) => ctx.campaign.createStandardSet(ctx.user, input),
    createRuleProfile: (_, { input }, ctx) => ctx.campaign.createRuleProfile(ctx.user, input),
    createCycle: (_, { input }, ctx) => ctx.campaign.createCycle(ctx.user, input),
    updateCyclePhases: (_, a, ctx) => ctx.campaign.updatePhases(ctx.user, a.cycleId, a.phases),
    setQuota: async (_, a, ctx) => {
      const q = await ctx.campaign.setQuota(ctx.user, a.cycleId, a.regionCode, a.level, a.amount);
      return (await ctx.campaign.quotas(q.cycleId, q.regionCode)).find((u) => u.level === q.level) ?? { ...q, used: 0 };
    },
    submitApplication: (_, { input }, ctx) => ctx.applications.submit(ctx.user, input, ctx.requestId),
    resubmitApplication: (_, a, ctx) => ctx.applications.resubmit(ctx.user, a.id, a.form, a.attachments, ctx.requestId),
    endorseApplication: (_, a, ctx) => ctx.applications.endorse(ctx.user, a.id, a.input, ctx.requestId),
    recordInspection: (_, { input }, ctx) => ctx.inspections.record(ctx.user, input),
    orderRectification: (_, { input }, ctx) => ctx.inspections.order(ctx.user, input, ctx.requestId),
    followUpRectification: (_, a, ctx) => ctx.inspections.followUp(ctx.user, a.id, a.met, a.note),
    publishNotice: (_, { input }, ctx) => ctx.notices.publish(ctx.user, input, ctx.requestId),
    fileObjection: (_, a, ctx) => ctx.notices.fileObjection(ctx.user, a.noticeId, a.applicationId, a.content),
    filePublicObjection: (_, { input }, ctx) => ctx.publicObjections.file(input, ctx.clientIp ?? null),
    resolveObjection: (_, a, ctx) =>
      ctx.notices.resolveObjection(ctx.user, a.id, a.upheld, a.resolution, ctx.requestId),
    advanceSandboxClock: (_, { input }, ctx) => ctx.sandbox.advance(ctx.user, input),
    publishHolidayCalendar: async (_, { input }, ctx) => {
      const row = await ctx.notices.publishHolidayYear(ctx.user, input);
      return (await ctx.notices.holidayYear(row.year))!;
    },
    nameCandidates: (_, a, ctx) => ctx.titles.nameFromNotice(ctx.user, a.noticeId, ctx.requestId),
    startReview: (_, { input }, ctx) => ctx.reviews.start(ctx.user, input),
    appealRevocation: (_, a, ctx) => ctx.titles.appeal(ctx.user, a.titleId, a.reason),
    decideAppeal: (_, a, ctx) => ctx.titles.decideAppeal(ctx.user, a.titleId, a.reinstate, a.comment, ctx.requestId),
  },
  RuleProfile: {
    settings: (p) => settingsOf(p.rules),
  },
  AccreditationCycle: {
    issuingRegion: (c) => regionRef(c.issuingRegionCode),
    standardSet: async (c, _, ctx) => (await ctx.campaign.standardSet(c.standardSetId))!,
    ruleProfile: async (c, _, ctx) => (await ctx.campaign.ruleProfile(c.profileId))!,
    rules: (c) => settingsOf(c.rules),
    calendarChanges: (c, _, ctx) => ctx.campaign.calendarChanges(c.id),
    currentPhase: (c, _, ctx) => phaseOn(c.phases, todayIn(ctx.clock)),
    quotas: (c, _, ctx) => ctx.campaign.quotas(c.id),
    applications: (c, a, ctx) => ctx.applications.byCycle(c.id, a.level, a.status),
    notices: (c, _, ctx) => ctx.notices.ofCycle(c.id),
    reviewRuns: (c, _, ctx) => {
      requireUser(ctx.user);
      return ctx.reviews.runsOfCycle(c.id);
    },
  },
  Quota: {
    region: (q) => regionRef(q.regionCode),
  },
  QuotaTemplateEntry: {
    region: (q) => regionRef(q.regionCode),
  },
  Application: {
    station: (a) => stationRef(a.stationId),
    cycle: async (a, _, ctx) => (await ctx.campaign.cycle(a.cycleId))!,
    form: (a, _, ctx) => ctx.applications.formFor(ctx.user, a),
    endorsements: (a, _, ctx) => ctx.loaders.endorsements.load(a.id),
  },
  Objection: {
    filedAt: (o) => o.createdAt,
    publicFiling: (o) => !!o.objectorPhoneEnc,
    objectorName: async (o, _, ctx) =>
      o.objectorName && ObjectorPhoneCipher.mayKnowObjector(ctx.user, await noticeOf(o, ctx)) ? o.objectorName : null,
    objectorPhone: async (o, _, ctx) => ctx.objectors.phoneFor(ctx.user, await noticeOf(o, ctx), o.objectorPhoneEnc),
  },
  PublicNotice: {
    applications: async (n, _, ctx) =>
      (await Promise.all(n.applicationIds.map((id) => ctx.applications.byId(ctx.user, id)))).filter(
        (a): a is ApplicationRow => !!a,
      ),
    objections: async (n, _, ctx) =>
      (await ctx.loaders.objections.load(n.id)).map((o) => ({
        ...o,
        notice: n,
      })),
    candidates: async (n, _, ctx) =>
      (await ctx.notices.candidates(n)).map((c) => ({
        applicationId: c.applicationId,
        level: c.level,
        station: stationRef(c.stationId),
      })),
    acceptingObjections: (n, _, ctx) => ctx.notices.acceptingObjections(n),
  },
  Title: {
    station: (t) => stationRef(t.stationId),
    cycle: async (t, _, ctx) => (await ctx.campaign.cycle(t.cycleId))!,
    revokedReview: async (t, _, ctx) =>
      t.revokedReviewId
        ? ((await ctx.loaders.reviewsByStation.load(t.stationId)).find((r) => r.id === t.revokedReviewId) ?? null)
        : null,
  },
  Review: {
    station: (r) => stationRef(r.stationId),
  },
  ReviewRun: {
    key: (r) => r.runKey,
    alreadyRun: (r) => !!r.alreadyRun,
    reviewed: (r, _, ctx) => ctx.reviews.reviewedCount(r.id),
    reviews: (r, a, ctx) =>
      ctx.reviews.reviewPage(r.id, {
        outcome: a.outcome,
        first: a.first ?? 100,
        after: a.after,
      }),
    outcomeCounts: (r, _, ctx) => ctx.reviews.outcomeCounts(r.id),
    revokedStationIds: (r, _, ctx) => ctx.reviews.failedStationIds(r.id),
  },
  Station: {
    __resolveReference: (ref) => ref,
    titles: (s, _, ctx) => ctx.loaders.titlesByStation.load(s.id),
    currentTitle: async (s, _, ctx) => {
      const active = (await ctx.loaders.titlesByStation.load(s.id)).filter((t) => t.status === 'ACTIVE');
      return (
        active.sort(
          (a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || b.conferredOn.localeCompare(a.conferredOn),
        )[0] ?? null
      );
    },
    applications: (s, _, ctx) => {
      requireUser(ctx.user);
      return ctx.loaders.applicationsByStation.load(s.id);
    },
    compliance: async (s, a, ctx) => {
      const result = await ctx.compliance.forStation(ctx.user, s.id, a.standardSet, a.year, a.level);
      return {
        ...result,
        notMet: result.criteria.filter((c) => c.status === 'NOT_MET').map((c) => c.code),
        awaitingInspection: result.criteria.filter((c) => c.status === 'NOT_JUDGED').map((c) => c.code),
        standardSet: (await ctx.campaign.standardSet(result.standardSetId))!,
      };
    },
    reviews: (s, _, ctx) => ctx.loaders.reviewsByStation.load(s.id),
    inspections: (s, _, ctx) => ctx.inspections.byStation(s.id),
    rectifications: (s, _, ctx) => ctx.inspections.rectificationsOf(s.id),
  },
  Region: {
    __resolveReference: (ref) => ref,
    quotaUse: async (r, a, ctx) => {
      const all = await ctx.campaign.quotas(a.cycleId);
      const prefix = r.code.replace(/(00)+$/, '');
      return all.filter((q) => q.regionCode.startsWith(prefix));
    },
    titleCounts: async (r, a, ctx) => {
      const titles = await ctx.titles.inRegion(r.code, null, a.year);
      const counts = new Map<string, { level: TitleLevel; year: number; active: number; revoked: number }>();
      for (const t of titles) {
        const year = Number(t.conferredOn.slice(0, 4));
        const key = `${t.level}-${year}`;
        const c = counts.get(key) ?? {
          level: t.level,
          year,
          active: 0,
          revoked: 0,
        };
        if (t.status === 'ACTIVE') c.active += 1;
        else c.revoked += 1;
        counts.set(key, c);
      }
      return [...counts.values()].sort((x, y) => x.year - y.year || LEVEL_RANK[x.level] - LEVEL_RANK[y.level]);
    },
    titles: (r, a, ctx) => ctx.titles.inRegion(r.code, a.level, a.year),
    titlePage: (r, a, ctx) => ctx.titles.titlePage(ctx.user, r.code, a, a),
    appeals: (r, a, ctx) => ctx.titles.appealPage(ctx.user, r.code, a.status, a),
    titleSeries: (r, a, ctx) => {
      monthsBetween(a.from, a.to); // a bad period fails before any SQL
      return ctx.loaders.titleSeries(a.from, a.to, a.level ?? null).load(r.code);
    },
  },
};
