import type { Resolvers } from '../generated/resolvers';

export const timeBankResolvers: Resolvers = {
  Query: {
    catalogue: (_, { stationId }, ctx) => ctx.timeBank.catalogue(stationId),
  },
  Mutation: {
    addCatalogueItem: (_, { input }, ctx) => ctx.timeBank.addCatalogueItem(ctx, input),
    redeemPoints: (_, { input }, ctx) => ctx.timeBank.redeem(ctx, input),
    withdrawPointsForService: (_, { input }, ctx) => ctx.timeBank.withdrawForService(ctx, input),
    donatePoints: (_, { input }, ctx) => ctx.timeBank.donate(ctx, input),
  },
  Volunteer: {
    // The parent Volunteer was already checked readable (self, the station's managers/admins, ledger readers).
    timeBank: async (v, _, ctx) => ({
      volunteerId: v.id,
      ...(await ctx.loaders.timeBank.load(`all|${v.id}`)),
    }),
  },
  TimeBankAccount: {
    transactions: (a, { first }, ctx) =>
      ctx.loaders.transactions.load(`${Math.min(Math.max(first ?? 20, 1), 200)}|${a.volunteerId}`),
  },
  TimeBankTransaction: {
    replayed: (t) => !!t.replayed,
  },
  CatalogueItem: {
    station: (c) => ({ id: c.stationId }),
  },
};
