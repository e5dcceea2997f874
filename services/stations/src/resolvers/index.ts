import { canManageStation, DateScalar, DateTimeScalar, DomainError, MAX_PAGE_SIZE } from '@leifeng/kit';
import type { RegionEntity } from '../db/region.entity';
import type { StationEntity } from '../db/station.entity';
import type { StationsContext } from '../context';
import { lineageCodes } from '../domain/region-service';
import { stationCursor, type StationFilter } from '../domain/station-service';
import type { StationInput } from '../domain/station-input';

type Ctx = StationsContext;

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    station: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.loaders.station.load(id),
    stationsByIds: (_: unknown, { ids }: { ids: string[] }, ctx: Ctx) => {
      if (ids.length > MAX_PAGE_SIZE) throw new DomainError('INVALID_PAGE_SIZE', `一次最多查询 ${MAX_PAGE_SIZE} 个站点`, { field: 'ids' });
      return ctx.loaders.station.loadMany(ids);
    },
    stations: async (_: unknown, args: { filter?: StationFilter; first?: number; after?: string }, ctx: Ctx) => {
      const page = await ctx.stations.list(args.filter ?? {}, args.first ?? 20, args.after);
      page.stations.forEach((s) => ctx.loaders.station.prime(s.id, s));
      return {
        edges: page.stations.map((node) => ({ cursor: stationCursor(node), node })),
        // An empty page (first: 0) ends where it started, so following endCursor never restarts the list.
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.stations.length ? stationCursor(page.stations[page.stations.length - 1]) : (args.after ?? null) },
        totalCount: page.totalCount,
      };
    },
    region: (_: unknown, { code }: { code: string }, ctx: Ctx) => ctx.loaders.region.load(code),
    regions: (_: unknown, { parentCode }: { parentCode?: string | null }, ctx: Ctx) => ctx.loaders.children.load(parentCode ?? ''),
  },
  Mutation: {
    createStation: (_: unknown, { input }: { input: StationInput & { leader: { name: string; phone: string } } }, ctx: Ctx) =>
      ctx.stations.create(ctx.user, input, ctx.requestId),
    updateStation: (_: unknown, { id, input }: { id: string; input: StationInput }, ctx: Ctx) => ctx.stations.update(ctx.user, id, input, ctx.requestId),
    closeStation: (_: unknown, { id, reason }: { id: string; reason: string }, ctx: Ctx) => ctx.stations.close(ctx.user, id, reason, ctx.requestId),
  },
  Region: {
    __resolveReference: (ref: { code: string }, ctx: Ctx) => ctx.loaders.region.load(ref.code),
    parent: (r: RegionEntity, _: unknown, ctx: Ctx) => (r.parentCode ? ctx.loaders.region.load(r.parentCode) : null),
    children: (r: RegionEntity, _: unknown, ctx: Ctx) => ctx.loaders.children.load(r.code),
    fullName: async (r: RegionEntity, _: unknown, ctx: Ctx) => {
      // Ancestors follow from the code itself, so this batches with every other region lookup.
      const lineage = await ctx.loaders.region.loadMany(lineageCodes(r.code));
      const names = lineage.filter((x): x is RegionEntity => !!x && !(x instanceof Error)).map((x) => x.name);
      return names.length ? names.join(' ') : r.name;
    },
  },
  Station: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.station.load(ref.id),
    region: (s: StationEntity, _: unknown, ctx: Ctx) => ctx.loaders.region.load(s.regionCode),
    location: (s: StationEntity) => (s.longitude !== null && s.latitude !== null ? { longitude: s.longitude, latitude: s.latitude } : null),
    leader: (s: StationEntity, _: unknown, ctx: Ctx) => ({
      name: s.leaderName,
      // The leader's own number is personal data (stored encrypted); the public contact is the hotline.
      phone: ctx.leaderPhones.show(s.leaderPhoneEnc, canManageStation(ctx.user, s)),
    }),
  },
};
