import { DateScalar, DateTimeScalar, DomainError, monthsBetween, requireUser } from '@leifeng/kit';
import { GraphQLScalarType } from 'graphql';
import type { AccreditationContext as Ctx } from '../context';
import { phaseOn } from '../domain/cycle-calendar';
import { todayIn } from '../domain/dates';
import type { ReviewOutcome } from '../domain/review-rules';
import type { ProfileRules, RuleProfile } from '../domain/rule-profile';
import type { TitleLevel } from '../domain/standards';
import type { ApplicationRow, CycleRow, RunRow, TitleRow } from '../services/rows';
import type { NoticeRow } from '../services/notice-service';
import { ObjectorPhoneCipher } from '../domain/objector-privacy';
import type { PublicObjectionInput } from '../services/public-objection-service';

interface ObjectionRow {
  noticeId: string;
  createdAt: Date;
  objectorName: string | null;
  objectorPhoneEnc: string | null;
  notice?: NoticeRow;
}
/** The notice an objection belongs to (attached when listed under it, else read). */
const noticeOf = async (o: ObjectionRow, ctx: Ctx): Promise<NoticeRow> => o.notice ?? (await ctx.notices.byId(o.noticeId))!;

const JSONScalar = new GraphQLScalarType({ name: 'JSON', serialize: (v) => v, parseValue: (v) => v, parseLiteral: () => {
  throw new DomainError('INVALID_JSON', 'JSON 参数请通过变量传入');
} });

const settingsOf = (rules: ProfileRules) => Object.entries(rules).map(([key, s]) => ({ key, value: s.value, source: s.source }));

const LEVEL_RANK: Record<TitleLevel, number> = { COUNTY: 1, CITY: 2, PROVINCE: 3 };
const stationRef = (id: string) => ({ __typename: 'Station', id });

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: {
    standardSets: (_: unknown, __: unknown, ctx: Ctx) => ctx.campaign.listStandardSets(),
    standardSet: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.campaign.standardSet(id),
    ruleProfiles: (_: unknown, __: unknown, ctx: Ctx) => ctx.campaign.listRuleProfiles(),
    ruleProfile: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.campaign.ruleProfile(id),
    cycle: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.campaign.cycle(id),
    quotaTemplate: (_: unknown, { code }: { code: string }, ctx: Ctx) => ctx.campaign.quotaTemplate(code),
    cycles: (_: unknown, a: { issuingRegionCode?: string }, ctx: Ctx) => ctx.campaign.cycles(a.issuingRegionCode),
    application: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.applications.byId(ctx.user, id),
    notice: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.notices.byId(id),
    sandboxClock: (_: unknown, __: unknown, ctx: Ctx) => {
      requireUser(ctx.user);
      return ctx.sandbox.state();
    },
    holidayCalendar: (_: unknown, { year }: { year: number }, ctx: Ctx) => ctx.notices.holidayYear(year),
    reviewRun: (_: unknown, { id }: { id: string }, ctx: Ctx) => {
      requireUser(ctx.user);
      return ctx.reviews.run(id);
    },
  },
  Mutation: {
    createStandardSet: (_: unknown, { input }: any, ctx: Ctx) => ctx.campaign.createStandardSet(ctx.user, input),
    createRuleProfile: (_: unknown, { input }: any, ctx: Ctx) => ctx.campaign.createRuleProfile(ctx.user, input),
    createCycle: (_: unknown, { input }: any, ctx: Ctx) => ctx.campaign.createCycle(ctx.user, input),
    updateCyclePhases: (_: unknown, a: any, ctx: Ctx) => ctx.campaign.updatePhases(ctx.user, a.cycleId, a.phases),
    setQuota: async (_: unknown, a: any, ctx: Ctx) => {
      const q = await ctx.campaign.setQuota(ctx.user, a.cycleId, a.regionCode, a.level, a.amount);
      return (await ctx.campaign.quotas(q.cycleId, q.regionCode)).find((u) => u.level === q.level) ?? { ...q, used: 0 };
    },
    submitApplication: (_: unknown, { input }: any, ctx: Ctx) => ctx.applications.submit(ctx.user, input, ctx.requestId),
    resubmitApplication: (_: unknown, a: any, ctx: Ctx) => ctx.applications.resubmit(ctx.user, a.id, a.form, a.attachments, ctx.requestId),
    endorseApplication: (_: unknown, a: any, ctx: Ctx) => ctx.applications.endorse(ctx.user, a.id, a.input, ctx.requestId),
    recordInspection: (_: unknown, { input }: any, ctx: Ctx) => ctx.inspections.record(ctx.user, input),
    orderRectification: (_: unknown, { input }: any, ctx: Ctx) => ctx.inspections.order(ctx.user, input, ctx.requestId),
    followUpRectification: (_: unknown, a: any, ctx: Ctx) => ctx.inspections.followUp(ctx.user, a.id, a.met, a.note),
    publishNotice: (_: unknown, { input }: any, ctx: Ctx) => ctx.notices.publish(ctx.user, input, ctx.requestId),
    fileObjection: (_: unknown, a: any, ctx: Ctx) => ctx.notices.fileObjection(ctx.user, a.noticeId, a.applicationId, a.content),
    filePublicObjection: (_: unknown, { input }: { input: PublicObjectionInput }, ctx: Ctx) => ctx.publicObjections.file(input, ctx.clientIp ?? null),
    resolveObjection: (_: unknown, a: any, ctx: Ctx) => ctx.notices.resolveObjection(ctx.user, a.id, a.upheld, a.resolution, ctx.requestId),
    advanceSandboxClock: (_: unknown, { input }: any, ctx: Ctx) => ctx.sandbox.advance(ctx.user, input),
    publishHolidayCalendar: async (_: unknown, { input }: any, ctx: Ctx) => {
      const row = await ctx.notices.publishHolidayYear(ctx.user, input);
      return (await ctx.notices.holidayYear(row.year))!;
    },
    nameCandidates: (_: unknown, a: any, ctx: Ctx) => ctx.titles.nameFromNotice(ctx.user, a.noticeId, ctx.requestId),
    startReview: (_: unknown, { input }: any, ctx: Ctx) => ctx.reviews.start(ctx.user, input),
    appealRevocation: (_: unknown, a: any, ctx: Ctx) => ctx.titles.appeal(ctx.user, a.titleId, a.reason),
    decideAppeal: (_: unknown, a: any, ctx: Ctx) => ctx.titles.decideAppeal(ctx.user, a.titleId, a.reinstate, a.comment, ctx.requestId),
  },
  RuleProfile: {
    settings: (p: RuleProfile) => settingsOf(p.rules),
  },
  AccreditationCycle: {
    standardSet: (c: CycleRow, _: unknown, ctx: Ctx) => ctx.campaign.standardSet(c.standardSetId),
    ruleProfile: (c: CycleRow, _: unknown, ctx: Ctx) => ctx.campaign.ruleProfile(c.profileId),
    rules: (c: CycleRow) => settingsOf(c.rules),
    calendarChanges: (c: CycleRow, _: unknown, ctx: Ctx) => ctx.campaign.calendarChanges(c.id),
    currentPhase: (c: CycleRow, _: unknown, ctx: Ctx) => phaseOn(c.phases, todayIn(ctx.clock)),
    quotas: (c: CycleRow, _: unknown, ctx: Ctx) => ctx.campaign.quotas(c.id),
    applications: (c: CycleRow, a: { level?: TitleLevel; status?: string }, ctx: Ctx) => ctx.applications.byCycle(c.id, a.level, a.status),
    notices: (c: CycleRow, _: unknown, ctx: Ctx) => ctx.notices.ofCycle(c.id),
    reviewRuns: (c: CycleRow, _: unknown, ctx: Ctx) => {
      requireUser(ctx.user);
      return ctx.reviews.runsOfCycle(c.id);
    },
  },
  Application: {
    station: (a: ApplicationRow) => stationRef(a.stationId),
    cycle: (a: ApplicationRow, _: unknown, ctx: Ctx) => ctx.campaign.cycle(a.cycleId),
    form: (a: ApplicationRow, _: unknown, ctx: Ctx) => ctx.applications.formFor(ctx.user, a),
    endorsements: (a: ApplicationRow, _: unknown, ctx: Ctx) => ctx.loaders.endorsements.load(a.id),
  },
  Objection: {
    filedAt: (o: ObjectionRow) => o.createdAt,
    publicFiling: (o: ObjectionRow) => !!o.objectorPhoneEnc,
    objectorName: async (o: ObjectionRow, _: unknown, ctx: Ctx) =>
      o.objectorName && ObjectorPhoneCipher.mayKnowObjector(ctx.user, await noticeOf(o, ctx)) ? o.objectorName : null,
    objectorPhone: async (o: ObjectionRow, _: unknown, ctx: Ctx) => ctx.objectors.phoneFor(ctx.user, await noticeOf(o, ctx), o.objectorPhoneEnc),
  },
  PublicNotice: {
    applications: async (n: { applicationIds: string[] }, _: unknown, ctx: Ctx) => (await Promise.all(n.applicationIds.map((id) => ctx.applications.byId(ctx.user, id)))).filter(Boolean),
    objections: async (n: NoticeRow, _: unknown, ctx: Ctx) => (await ctx.loaders.objections.load(n.id)).map((o: ObjectionRow) => ({ ...o, notice: n })),
    candidates: async (n: NoticeRow, _: unknown, ctx: Ctx) =>
      (await ctx.notices.candidates(n)).map((c) => ({ applicationId: c.applicationId, level: c.level, station: stationRef(c.stationId) })),
    acceptingObjections: (n: NoticeRow, _: unknown, ctx: Ctx) => ctx.notices.acceptingObjections(n),
  },
  Title: {
    station: (t: TitleRow) => stationRef(t.stationId),
    cycle: (t: TitleRow, _: unknown, ctx: Ctx) => ctx.campaign.cycle(t.cycleId),
    revokedReview: async (t: TitleRow, _: unknown, ctx: Ctx) => (t.revokedReviewId ? (await ctx.loaders.reviewsByStation.load(t.stationId)).find((r) => r.id === t.revokedReviewId) ?? null : null),
  },
  Review: {
    station: (r: { stationId: string }) => stationRef(r.stationId),
  },
  ReviewRun: {
    key: (r: RunRow) => r.runKey,
    alreadyRun: (r: RunRow & { alreadyRun?: boolean }) => !!r.alreadyRun,
    reviewed: (r: RunRow, _: unknown, ctx: Ctx) => ctx.reviews.reviewedCount(r.id),
    reviews: (r: RunRow, a: { outcome?: ReviewOutcome | null; first?: number; after?: string | null }, ctx: Ctx) =>
      ctx.reviews.reviewPage(r.id, { outcome: a.outcome, first: a.first ?? 100, after: a.after }),
    outcomeCounts: (r: RunRow, _: unknown, ctx: Ctx) => ctx.reviews.outcomeCounts(r.id),
    revokedStationIds: (r: RunRow, _: unknown, ctx: Ctx) => ctx.reviews.failedStationIds(r.id),
  },
  Station: {
    __resolveReference: (ref: { id: string }) => ref,
    titles: (s: { id: string }, _: unknown, ctx: Ctx) => ctx.loaders.titlesByStation.load(s.id),
    currentTitle: async (s: { id: string }, _: unknown, ctx: Ctx) => {
      const active = (await ctx.loaders.titlesByStation.load(s.id)).filter((t) => t.status === 'ACTIVE');
      return active.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || b.conferredOn.localeCompare(a.conferredOn))[0] ?? null;
    },
    applications: (s: { id: string }, _: unknown, ctx: Ctx) => {
      requireUser(ctx.user);
      return ctx.loaders.applicationsByStation.load(s.id);
    },
    compliance: async (s: { id: string }, a: { standardSet: string; year: number; level?: TitleLevel }, ctx: Ctx) => {
      const result = await ctx.compliance.forStation(ctx.user, s.id, a.standardSet, a.year, a.level);
      return {
        ...result,
        notMet: result.criteria.filter((c) => c.status === 'NOT_MET').map((c) => c.code),
        awaitingInspection: result.criteria.filter((c) => c.status === 'NOT_JUDGED').map((c) => c.code),
        standardSet: await ctx.campaign.standardSet(result.standardSetId),
      };
    },
    reviews: (s: { id: string }, _: unknown, ctx: Ctx) => ctx.loaders.reviewsByStation.load(s.id),
    inspections: (s: { id: string }, _: unknown, ctx: Ctx) => ctx.inspections.byStation(s.id),
    rectifications: (s: { id: string }, _: unknown, ctx: Ctx) => ctx.inspections.rectificationsOf(s.id),
  },
  Region: {
    __resolveReference: (ref: { code: string }) => ref,
    quotaUse: async (r: { code: string }, a: { cycleId: string }, ctx: Ctx) => {
      const all = await ctx.campaign.quotas(a.cycleId);
      const prefix = r.code.replace(/(00)+$/, '');
      return all.filter((q) => q.regionCode.startsWith(prefix));
    },
    titleCounts: async (r: { code: string }, a: { year?: number }, ctx: Ctx) => {
      const titles = await ctx.titles.inRegion(r.code, null, a.year);
      const counts = new Map<string, { level: TitleLevel; year: number; active: number; revoked: number }>();
      for (const t of titles) {
        const year = Number(t.conferredOn.slice(0, 4));
        const key = `${t.level}-${year}`;
        const c = counts.get(key) ?? { level: t.level, year, active: 0, revoked: 0 };
        if (t.status === 'ACTIVE') c.active += 1;
        else c.revoked += 1;
        counts.set(key, c);
      }
      return [...counts.values()].sort((x, y) => x.year - y.year || LEVEL_RANK[x.level] - LEVEL_RANK[y.level]);
    },
    titles: (r: { code: string }, a: { level?: TitleLevel; year?: number }, ctx: Ctx) => ctx.titles.inRegion(r.code, a.level, a.year),
    titleSeries: (r: { code: string }, a: { from: string; to: string; level?: TitleLevel | null }, ctx: Ctx) => {
      monthsBetween(a.from, a.to); // a bad period fails before any SQL
      return ctx.loaders.titleSeries(a.from, a.to, a.level ?? null).load(r.code);
    },
  },
};
