import { DomainError } from '@leifeng/kit';
import type { Resolvers } from '../generated/resolvers';

export const timeBankResolvers: Resolvers = {
  Query: {
    catalogue: (_, { stationId }, ctx) => ctx.timeBank.catalogue(stationId),
    donationRecipient: async (_, { phone }, ctx) => {
      const r = await ctx.donationRecipients.find(ctx.user, phone);
      return { maskedName: r.maskedName, stationNames: r.stationNames };
    },
  },
  Mutation: {
    addCatalogueItem: (_, { input }, ctx) => ctx.timeBank.addCatalogueItem(ctx, input),
    redeemPoints: (_, { input }, ctx) => ctx.timeBank.redeem(ctx, input),
    withdrawPointsForService: (_, { input }, ctx) => ctx.timeBank.withdrawForService(ctx, input),
    donatePoints: async (_, { input }, ctx) => {
      const { toVolunteerId, toPhone, ...rest } = input;
      if (!toVolunteerId === !toPhone)
        throw new DomainError('INVALID_RECIPIENT', '请填写受赠志愿者的手机号码', { field: 'toPhone' });
      // By phone: the same rule as donationRecipient (a volunteer of one of my stations, counted look-ups).
      const to = toPhone ? (await ctx.donationRecipients.find(ctx.user, toPhone)).id : toVolunteerId!;
      return ctx.timeBank.donate(ctx, { ...rest, toVolunteerId: to });
    },
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
