import {
  assertAllowed,
  canManageStation,
  DateScalar,
  DateTimeScalar,
  DomainError,
  MAX_PAGE_SIZE,
  pageSize,
} from '@leifeng/kit';
import type { Resolvers } from '../generated/resolvers';
import type { RegionEntity } from '../db/region.entity';
import type { StationsContext } from '../context';
import { readPopulationSheet } from '../domain/population-file';
import { coverageFigure, isCommunityCode, monthsBetween, populationRowsFromSheet } from '../domain/region-facts';
import { lineageCodes } from '../services/region-service';
import { stationCursor } from '../services/station-service';
import type { StationInput } from '../domain/station-input';

type Ctx = StationsContext;

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    station: (_, { id }, ctx) => ctx.loaders.station.load(id),
    stationsByIds: (_, { ids }, ctx) => {
      if (ids.length > MAX_PAGE_SIZE)
        throw new DomainError('INVALID_PAGE_SIZE', `一次最多查询 ${MAX_PAGE_SIZE} 个站点`, { field: 'ids' });
      return ctx.loaders.station.loadMany(ids);
    },
    stations: async (_, args, ctx) => {
      const page = await ctx.stations.list(args.filter ?? {}, args.first ?? 20, args.after);
      page.stations.forEach((s) => ctx.loaders.station.prime(s.id, s));
      return {
        edges: page.stations.map((node) => ({
          cursor: stationCursor(node),
          node,
        })),
        // An empty page (first: 0) ends where it started, so following endCursor never restarts the list.
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: page.stations.length
            ? stationCursor(page.stations[page.stations.length - 1])
            : (args.after ?? null),
        },
        totalCount: page.totalCount,
      };
    },
    region: (_, { code }, ctx) => ctx.loaders.region.load(code),
    regions: (_, { parentCode }, ctx) => ctx.loaders.children.load(parentCode ?? ''),
  },
  Mutation: {
    createStation: (_, { input }, ctx) => ctx.stations.create(ctx.user, input, ctx.requestId),
    // UpdateStationInput's fields are nullable in the SDL; StationInput does not model an explicit null yet.
    updateStation: (_, { id, input }, ctx) => ctx.stations.update(ctx.user, id, input as StationInput, ctx.requestId),
    closeStation: (_, { id, reason }, ctx) => ctx.stations.close(ctx.user, id, reason, ctx.requestId),
    setRegionPopulations: async (_, { input }, ctx) =>
      regionsInOrder(ctx, await ctx.facts.setPopulations(ctx.user, input, ctx.requestId)),
    importStations: async (_, { contentBase64 }, ctx) => {
      const stations = await ctx.stationImport.importXlsx(ctx.user, contentBase64, ctx.requestId);
      stations.forEach((s) => ctx.loaders.station.prime(s.id, s));
      return { count: stations.length, stations };
    },
    importRegionPopulations: async (_, { file }, ctx) => {
      assertAllowed(ctx.user, true);
      const { inputs, rowOf } = populationRowsFromSheet(await readPopulationSheet(file.format, file.contentBase64));
      return regionsInOrder(ctx, await ctx.facts.setPopulations(ctx.user, inputs, ctx.requestId, rowOf));
    },
  },
  Region: {
    __resolveReference: (ref, ctx) => ctx.loaders.region.load(ref.code),
    parent: (r, _, ctx) => (r.parentCode ? ctx.loaders.region.load(r.parentCode) : null),
    children: (r, _, ctx) => ctx.loaders.children.load(r.code),
    fullName: async (r, _, ctx) => {
      // Ancestors follow from the code itself, so this batches with every other region lookup.
      const lineage = await ctx.loaders.region.loadMany(lineageCodes(r.code));
      const names = lineage.filter((x): x is RegionEntity => !!x && !(x instanceof Error)).map((x) => x.name);
      return names.length ? names.join(' ') : r.name;
    },
    communityCount: (r) => ({
      urban: r.urbanCommunityCount,
      rural: r.ruralCommunityCount,
      total: r.urbanCommunityCount + r.ruralCommunityCount,
    }),
    communityCoverage: async (r, _, ctx) => {
      const covered = await ctx.loaders.coverage.load(r.code);
      return {
        regionCode: r.code,
        urban: coverageFigure(r.urbanCommunityCount, covered.urban),
        rural: coverageFigure(r.ruralCommunityCount, covered.rural),
        total: coverageFigure(r.urbanCommunityCount + r.ruralCommunityCount, covered.urban + covered.rural),
      };
    },
    stationSeries: (r, { from, to }, ctx) => {
      monthsBetween(from, to); // bad periods fail here, before any SQL
      return ctx.loaders.stationSeries.load(`${from}|${to}|${r.code}`);
    },
  },
  CommunityCoverage: {
    uncoveredCommunities: async (cov, args, ctx) => {
      const first = pageSize(args.first ?? 50);
      if (args.after && !isCommunityCode(args.after))
        throw new DomainError('INVALID_CURSOR', '分页游标无效', {
          field: 'after',
        });
      const rows = await ctx.loaders.uncovered.load(
        JSON.stringify({
          regionCode: cov.regionCode,
          kind: args.kind ?? null,
          first,
          after: args.after ?? null,
        }),
      );
      const nodes = rows.slice(0, first);
      return {
        nodes,
        pageInfo: {
          hasNextPage: rows.length > first,
          endCursor: nodes.length ? nodes[nodes.length - 1].code : (args.after ?? null),
        },
      };
    },
  },
  Community: {
    // Community and station rows reference existing regions (foreign keys).
    township: async (c, _, ctx) => (await ctx.loaders.region.load(c.townshipCode))!,
  },
  Station: {
    __resolveReference: (ref, ctx) => ctx.loaders.station.load(ref.id),
    region: async (s, _, ctx) => (await ctx.loaders.region.load(s.regionCode))!,
    communities: (s, _, ctx) => ctx.loaders.stationCommunities.load(s.id),
    location: (s) =>
      s.longitude !== null && s.latitude !== null ? { longitude: s.longitude, latitude: s.latitude } : null,
    leader: (s, _, ctx) => ({
      name: s.leaderName,
      // The leader's own number is personal data (stored encrypted); the public contact is the hotline.
      phone: ctx.leaderPhones.show(s.leaderPhoneEnc, canManageStation(ctx.user, s)),
    }),
  },
};

/** Regions just written, read fresh (the request's region loader may hold older rows). */
async function regionsInOrder(ctx: Ctx, codes: string[]): Promise<RegionEntity[]> {
  const rows = await ctx.regions.byCodes(codes);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return codes.map((c) => byCode.get(c)!);
}
