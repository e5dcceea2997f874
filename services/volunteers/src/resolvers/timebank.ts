import type { VolunteersContext as Ctx } from '../context';
import type { VolunteerRow } from '../domain/volunteer-service';

export const timeBankResolvers = {
  Query: {
    catalogue: (_: unknown, { stationId }: { stationId: string }, ctx: Ctx) => ctx.timeBank.catalogue(stationId),
  },
  Mutation: {
    addCatalogueItem: (_: unknown, { input }: { input: { stationId: string; name: string; points: number } }, ctx: Ctx) => ctx.timeBank.addCatalogueItem(ctx, input),
    redeemPoints: (_: unknown, { input }: { input: never }, ctx: Ctx) => ctx.timeBank.redeem(ctx, input),
    withdrawPointsForService: (_: unknown, { input }: { input: never }, ctx: Ctx) => ctx.timeBank.withdrawForService(ctx, input),
    donatePoints: (_: unknown, { input }: { input: never }, ctx: Ctx) => ctx.timeBank.donate(ctx, input),
  },
  Volunteer: {
    // The parent Volunteer was already checked readable (self, the station's managers/admins, ledger readers).
    timeBank: async (v: VolunteerRow, _: unknown, ctx: Ctx) => ({ volunteerId: v.id, ...(await ctx.loaders.timeBank.load(`all|${v.id}`)) }),
  },
  TimeBankAccount: {
    transactions: (a: { volunteerId: string }, { first }: { first: number }, ctx: Ctx) => ctx.loaders.transactions.load(`${Math.min(Math.max(first ?? 20, 1), 200)}|${a.volunteerId}`),
  },
  TimeBankTransaction: {
    replayed: (t: { replayed?: boolean }) => !!t.replayed,
  },
  CatalogueItem: {
    station: (c: { stationId: string }) => ({ id: c.stationId }),
  },
};
