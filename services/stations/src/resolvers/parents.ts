import type { coverageFigure } from '../domain/region-facts';
import type { StationEntity } from '../db/station.entity';

/** Parent of CommunityCoverage's fields: the figures plus the region they are for (codegen mapper). */
export interface CommunityCoverageParent {
  regionCode: string;
  urban: ReturnType<typeof coverageFigure>;
  rural: ReturnType<typeof coverageFigure>;
  total: ReturnType<typeof coverageFigure>;
}

/** Parent of StationConnection's fields: totalCount is counted only when asked for. */
export interface StationConnectionParent {
  edges: { cursor: string; node: StationEntity }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}
