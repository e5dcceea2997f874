import type { GraphClient } from '@leifeng/kit';
import type { RecipientKind } from './recipients';

export type BulkAudience = 'VOLUNTEERS' | 'STATION_LEADERS';

/** Who a bulk send reaches: recipient ids only (phones are read at send time, one lookup per dispatch batch). */
export interface RecipientSource {
  list(regionCode: string, audience: BulkAudience): Promise<{ kind: RecipientKind; id: string }[]>;
}

const PAGE = 200;

/**
 * Through the gateway with a SERVICE token: open stations under the region from stations
 * (`stations(filter: { regionCode })`, paged), and for volunteers each station's current members with
 * role VOLUNTEER from volunteers (`Station.members`), counted once.
 */
export class GraphRecipientSource implements RecipientSource {
  constructor(private readonly graph: GraphClient) {}

  async list(regionCode: string, audience: BulkAudience): Promise<{ kind: RecipientKind; id: string }[]> {
    const volunteers = audience === 'VOLUNTEERS';
    const selection = volunteers ? `id members(roles: [VOLUNTEER]) { volunteer { id } }` : 'id';
    const out = new Map<string, { kind: RecipientKind; id: string }>();
    let after: string | null = null;
    for (;;) {
      const res: {
        data?: {
          stations?: {
            edges: unknown[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          } | null;
        };
        errors?: { message: string }[];
      } = await this.graph.request(
        `query NotifyBulkRecipients($f: StationFilter, $first: Int, $after: String) { stations(filter: $f, first: $first, after: $after) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
        { f: { regionCode, statuses: ['ACTIVE'] }, first: PAGE, after },
        { timeoutMs: 30_000 },
      );
      if (!res.data?.stations) throw new Error(`listing recipients failed: ${res.errors?.[0]?.message ?? 'no data'}`);
      for (const { node } of res.data.stations.edges as {
        node: { id: string; members?: { volunteer: { id: string } | null }[] };
      }[]) {
        if (!volunteers) out.set(node.id, { kind: 'STATION_LEADER', id: node.id });
        else
          for (const m of node.members ?? [])
            if (m.volunteer)
              out.set(m.volunteer.id, {
                kind: 'VOLUNTEER',
                id: m.volunteer.id,
              });
      }
      if (!res.data.stations.pageInfo.hasNextPage) return [...out.values()];
      after = res.data.stations.pageInfo.endCursor;
    }
  }
}
