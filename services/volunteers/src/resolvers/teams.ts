import { DomainError, forbidden, requireUser, shanghaiToday } from '@leifeng/kit';
import type { VolunteersContext as Ctx } from '../context';
import { canManage, isLedgerReader } from '../domain/access';
import { maskName } from '../domain/common';
import { certificateQrDataUrl, certificateVerifyUrl } from '../domain/certificate-qr';
import type { CertificateRow } from '../domain/certificate-service';
import type { DemandRow } from '../domain/demand-service';
import { checkWeekOf, type DutyShift } from '../domain/duty-service';
import type { PairingInput, PairingRow } from '../domain/pairing-service';
import type { TrainingRow } from '../domain/training-service';
import type { VolunteerRow } from '../domain/volunteer-service';
import { listKey } from './list-loaders';
import { readableVolunteer } from './volunteers';

/** Lists that are part of a station's ledger: its managers/admins and ledger readers. */
async function assertLedger(ctx: Ctx, stationId: string): Promise<boolean> {
  const user = requireUser(ctx.user);
  const station = await ctx.loaders.station.load(stationId);
  if (!station) return false;
  if (!canManage(user, station) && !isLedgerReader(user)) throw forbidden('只有本站站长、所辖地区管理员、检查人员可以查看站点台账');
  return true;
}


/** A volunteer the reader may not see reads as null in a pairing; any other failure is an error. */
function hiddenWhenForbidden(err: unknown): null {
  if (err instanceof DomainError && err.code === 'FORBIDDEN') return null;
  throw err;
}

export const teamResolvers = {
  Query: {
    verifyCertificate: async (_: unknown, { code }: { code: string }, ctx: Ctx) => {
      const cert = await ctx.certificates.byCode(code);
      if (!cert) return { valid: false, state: 'NOT_FOUND' };
      const volunteer = await ctx.loaders.volunteer.load(cert.volunteerId);
      return {
        valid: !cert.revokedAt,
        state: cert.revokedAt ? 'REVOKED' : 'VALID',
        number: cert.number,
        holderName: volunteer ? maskName(volunteer.name) : null,
        stationId: cert.stationId,
        totalHours: cert.totalHours,
        recordCount: cert.recordIds.length,
        issuedAt: cert.issuedAt,
        revokedAt: cert.revokedAt,
      };
    },
    matchSuggestions: (_: unknown, args: { demandId: string; first: number }, ctx: Ctx) => ctx.demands.suggestions(ctx, args.demandId, args.first),
  },
  Mutation: {
    signUpForDuty: (_: unknown, { input }: { input: never }, ctx: Ctx) => ctx.duty.signUp(ctx, input),
    cancelDuty: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.duty.cancel(ctx, id),
    createTraining: (_: unknown, { input }: { input: never }, ctx: Ctx) => ctx.trainings.create(ctx, input),
    recordTrainingAttendance: (_: unknown, args: { trainingId: string; marks: { volunteerId: string; attended: boolean }[] }, ctx: Ctx) =>
      ctx.trainings.recordAttendance(ctx, args.trainingId, args.marks),
    createPairing: (_: unknown, { input }: { input: PairingInput }, ctx: Ctx) => ctx.pairings.create(ctx, input),
    endPairing: (_: unknown, args: { id: string; endedOn?: string }, ctx: Ctx) => ctx.pairings.end(ctx, args.id, args.endedOn),
    issueCertificate: (_: unknown, { input }: { input: never }, ctx: Ctx) => ctx.certificates.issue(ctx, input),
    revokeCertificate: (_: unknown, args: { id: string; reason: string }, ctx: Ctx) => ctx.certificates.revoke(ctx, args.id, args.reason),
    createDemand: (_: unknown, { input }: { input: never }, ctx: Ctx) => ctx.demands.create(ctx, input),
    acceptMatch: (_: unknown, args: { demandId: string; volunteerId: string }, ctx: Ctx) => ctx.demands.accept(ctx, args.demandId, args.volunteerId),
  },
  Station: {
    // Which opening slots lack a volunteer: no personal data, public like the opening hours themselves.
    dutyCoverage: async (s: { id: string }, { weekOf }: { weekOf: string }, ctx: Ctx) => {
      checkWeekOf(weekOf);
      return { ...(await ctx.loaders.dutyCoverage.load(`${weekOf}|${s.id}`)), weekOf };
    },
    dutyShifts: async (s: { id: string }, args: { from: string; to: string }, ctx: Ctx) => ((await assertLedger(ctx, s.id)) ? ctx.loaders.dutyOfStation.load(`${args.from}|${args.to}|${s.id}`) : []),
    trainings: async (s: { id: string }, args: { year?: number | null }, ctx: Ctx) => ((await assertLedger(ctx, s.id)) ? ctx.loaders.trainingsOfStation.load(`${args.year ?? ''}|${s.id}`) : []),
    pairings: async (s: { id: string }, args: { includeEnded?: boolean }, ctx: Ctx) => ((await assertLedger(ctx, s.id)) ? ctx.loaders.pairingsOfStation.load(`${args.includeEnded ? 1 : 0}|${s.id}`) : []),
    demands: async (s: { id: string }, args: { statuses?: string[] | null }, ctx: Ctx) => ((await assertLedger(ctx, s.id)) ? ctx.loaders.demandsOfStation.load(`${listKey(args.statuses)}|${s.id}`) : []),
    // Public, for the notice board: masked names, role and shift times of today's duty; no contact data.
    onDutyToday: async (s: { id: string }, _: unknown, ctx: Ctx) =>
      (await ctx.loaders.onDuty.load(`${shanghaiToday()}|${s.id}`)).map((d) => ({ displayName: maskName(d.name), role: d.role, opens: d.opens, closes: d.closes })),
  },
  DutyShift: {
    station: (d: DutyShift) => ({ id: d.stationId }),
    volunteer: (d: DutyShift, _: unknown, ctx: Ctx) => readableVolunteer(ctx, d.volunteerId),
  },
  Training: {
    station: (t: TrainingRow) => ({ id: t.stationId }),
    attendance: (t: TrainingRow, _: unknown, ctx: Ctx) => ctx.loaders.attendance.load(t.id),
  },
  Attendance: {
    volunteer: (a: { volunteerId: string }, _: unknown, ctx: Ctx) => readableVolunteer(ctx, a.volunteerId),
  },
  Pairing: {
    station: (p: PairingRow) => ({ id: p.stationId }),
    volunteers: (p: PairingRow, _: unknown, ctx: Ctx) => Promise.all(p.volunteerIds.map((id) => readableVolunteer(ctx, id).catch(hiddenWhenForbidden))),
  },
  Certificate: {
    station: (c: CertificateRow) => ({ id: c.stationId }),
    volunteer: (c: CertificateRow, _: unknown, ctx: Ctx) => readableVolunteer(ctx, c.volunteerId),
    records: async (c: CertificateRow, _: unknown, ctx: Ctx) => (await ctx.loaders.record.loadMany(c.recordIds)).filter((r) => r && !(r instanceof Error)),
    qrText: (c: CertificateRow, _: unknown, ctx: Ctx) => certificateVerifyUrl(ctx.config.publicBaseUrl, c.verificationCode),
    qrSvg: (c: CertificateRow, _: unknown, ctx: Ctx) => certificateQrDataUrl(certificateVerifyUrl(ctx.config.publicBaseUrl, c.verificationCode)),
  },
  Demand: {
    station: (d: DemandRow) => ({ id: d.stationId }),
    activity: (d: DemandRow, _: unknown, ctx: Ctx) => (d.activityId ? ctx.loaders.activity.load(d.activityId) : null),
    matchedVolunteer: (d: DemandRow, _: unknown, ctx: Ctx) => (d.matchedVolunteerId ? readableVolunteer(ctx, d.matchedVolunteerId) : null),
  },
  MatchSuggestion: {
    volunteer: (s: { volunteerId: string }, _: unknown, ctx: Ctx) => readableVolunteer(ctx, s.volunteerId),
  },
  Volunteer: {
    trainings: async (v: VolunteerRow, _: unknown, ctx: Ctx) => (await ctx.loaders.trainingsOfVolunteer.load(`all|${v.id}`)).map(({ attended, volunteerId: _v, ...training }) => ({ training, attended })),
    certificates: (v: VolunteerRow, _: unknown, ctx: Ctx) => ctx.loaders.certificatesOfVolunteer.load(`all|${v.id}`),
  },
};
