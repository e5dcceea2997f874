import type { Resolvers } from '../generated/resolvers';
import { DomainError, forbidden, requireUser, shanghaiToday } from '@leifeng/kit';
import type { VolunteersContext as Ctx } from '../context';
import { canManage, isLedgerReader } from '../domain/access';
import { maskName } from '../domain/common';
import { certificateQrDataUrl, certificateVerifyUrl } from '../domain/certificate-qr';
import { checkWeekOf } from '../services/duty-service';
import type { PairingRow } from '../services/pairing-service';
import type { RecordRow } from '../services/record-service';
import type { VolunteerRow } from '../services/volunteer-service';
import { listKey } from './list-loaders';
import { readableVolunteer } from './volunteers';

/** Lists that are part of a station's ledger: its managers/admins and ledger readers. */
async function assertLedger(ctx: Ctx, stationId: string): Promise<boolean> {
  const user = requireUser(ctx.user);
  const station = await ctx.loaders.station.load(stationId);
  if (!station) return false;
  if (!canManage(user, station) && !isLedgerReader(user))
    throw forbidden('只有本站站长、所辖地区管理员、检查人员可以查看站点台账');
  return true;
}

/** A volunteer the reader may not see reads as null in a pairing; any other failure is an error. */
function hiddenWhenForbidden(err: unknown): null {
  if (err instanceof DomainError && err.code === 'FORBIDDEN') return null;
  throw err;
}

/** Pairing.volunteers: each one the reader may see, null for one hidden or missing. */
export function pairingVolunteers(ctx: Ctx, p: Pick<PairingRow, 'volunteerIds'>): Promise<(VolunteerRow | null)[]> {
  return Promise.all(p.volunteerIds.map((id) => readableVolunteer(ctx, id).catch(hiddenWhenForbidden)));
}

export const teamResolvers: Resolvers = {
  Query: {
    verifyCertificate: async (_, { code }, ctx) => {
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
    matchSuggestions: (_, args, ctx) => ctx.demands.suggestions(ctx, args.demandId, args.first),
  },
  Mutation: {
    signUpForDuty: (_, { input }, ctx) => ctx.duty.signUp(ctx, input),
    cancelDuty: (_, { id }, ctx) => ctx.duty.cancel(ctx, id),
    createTraining: (_, { input }, ctx) => ctx.trainings.create(ctx, input),
    recordTrainingAttendance: (_, args, ctx) => ctx.trainings.recordAttendance(ctx, args.trainingId, args.marks),
    createPairing: (_, { input }, ctx) => ctx.pairings.create(ctx, input),
    endPairing: (_, args, ctx) => ctx.pairings.end(ctx, args.id, args.endedOn),
    issueCertificate: (_, { input }, ctx) => ctx.certificates.issue(ctx, input),
    revokeCertificate: (_, args, ctx) => ctx.certificates.revoke(ctx, args.id, args.reason),
    createDemand: (_, { input }, ctx) => ctx.demands.create(ctx, input),
    acceptMatch: (_, args, ctx) => ctx.demands.accept(ctx, args.demandId, args.volunteerId),
  },
  Station: {
    // Which opening slots lack a volunteer: no personal data, public like the opening hours themselves.
    dutyCoverage: async (s, { weekOf }, ctx) => {
      checkWeekOf(weekOf);
      return {
        ...(await ctx.loaders.dutyCoverage.load(`${weekOf}|${s.id}`)),
        weekOf,
      };
    },
    dutyShifts: async (s, args, ctx) =>
      (await assertLedger(ctx, s.id)) ? ctx.loaders.dutyOfStation.load(`${args.from}|${args.to}|${s.id}`) : [],
    trainings: async (s, args, ctx) =>
      (await assertLedger(ctx, s.id)) ? ctx.loaders.trainingsOfStation.load(`${args.year ?? ''}|${s.id}`) : [],
    pairings: async (s, args, ctx) =>
      (await assertLedger(ctx, s.id)) ? ctx.loaders.pairingsOfStation.load(`${args.includeEnded ? 1 : 0}|${s.id}`) : [],
    demands: async (s, args, ctx) =>
      (await assertLedger(ctx, s.id)) ? ctx.loaders.demandsOfStation.load(`${listKey(args.statuses)}|${s.id}`) : [],
    // Public, for the notice board: masked names, role and shift times of today's duty; no contact data.
    onDutyToday: async (s, _, ctx) =>
      (await ctx.loaders.onDuty.load(`${shanghaiToday()}|${s.id}`)).map((d) => ({
        displayName: maskName(d.name),
        role: d.role,
        opens: d.opens,
        closes: d.closes,
      })),
  },
  DutyShift: {
    station: (d) => ({ id: d.stationId }),
    volunteer: (d, _, ctx) => readableVolunteer(ctx, d.volunteerId),
  },
  Training: {
    station: (t) => ({ id: t.stationId }),
    attendance: (t, _, ctx) => ctx.loaders.attendance.load(t.id),
  },
  Attendance: {
    volunteer: (a, _, ctx) => readableVolunteer(ctx, a.volunteerId),
  },
  Pairing: {
    station: (p) => ({ id: p.stationId }),
    volunteers: (p, _, ctx) => pairingVolunteers(ctx, p),
  },
  Certificate: {
    station: (c) => ({ id: c.stationId }),
    volunteer: (c, _, ctx) => readableVolunteer(ctx, c.volunteerId),
    records: async (c, _, ctx) =>
      (await ctx.loaders.record.loadMany(c.recordIds)).filter((r): r is RecordRow => !!r && !(r instanceof Error)),
    qrText: (c, _, ctx) => certificateVerifyUrl(ctx.config.publicBaseUrl, c.verificationCode),
    qrSvg: (c, _, ctx) => certificateQrDataUrl(certificateVerifyUrl(ctx.config.publicBaseUrl, c.verificationCode)),
  },
  Demand: {
    station: (d) => ({ id: d.stationId }),
    activity: (d, _, ctx) => (d.activityId ? ctx.loaders.activity.load(d.activityId) : null),
    matchedVolunteer: (d, _, ctx) => (d.matchedVolunteerId ? readableVolunteer(ctx, d.matchedVolunteerId) : null),
  },
  MatchSuggestion: {
    volunteer: (s, _, ctx) => readableVolunteer(ctx, s.volunteerId),
  },
  Volunteer: {
    trainings: async (v, _, ctx) =>
      (await ctx.loaders.trainingsOfVolunteer.load(`all|${v.id}`)).map(
        ({ attended, volunteerId: _v, ...training }) => ({
          training,
          attended,
        }),
      ),
    certificates: (v, _, ctx) => ctx.loaders.certificatesOfVolunteer.load(`all|${v.id}`),
  },
};
