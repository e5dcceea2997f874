import { DomainError, type GraphClient } from '@leifeng/kit';
import type { FactsRequest, ServiceFacts, StationFacts, StationFactsSource } from '../domain/facts';

const PAGE = 500;
const OPTIONAL_FIELDS = ['serviceStats', 'announcementStats', 'dutyCoverage'] as const;
type OptionalField = (typeof OPTIONAL_FIELDS)[number];

/**
 * Reads facts through the gateway with a SERVICE token, in pages of stationsByIds. Fields other
 * subgraphs add to Station are asked for only when the composed graph has them (checked once a
 * minute), so the review keeps working — with those criteria NOT_JUDGED — while they are missing.
 */
/** One station as the facts query selects it; the optional groups only when the graph has them. */
interface FactsNode {
  name: string;
  category: string;
  status: string;
  regionCode: string;
  unitHeadcount: number | null;
  leader?: { name: string } | null;
  serviceItems?: unknown[] | null;
  facilities?: string[] | null;
  openingHours?: unknown[] | null;
  evidence?: { kind: string }[] | null;
  stats?: Omit<ServiceFacts, 'meetingThreshold'> | null;
  announcementStats?: StationFacts['announcements'] | null;
  dutyCoverage?: NonNullable<StationFacts['duty']> | null;
  /** Aliased stats per hours threshold (h0, h1, ...). */
  [alias: `h${number}`]: { volunteersMeetingThreshold: number | null } | null | undefined;
}

export class GraphFactsSource implements StationFactsSource {
  private fields?: { at: number; has: Set<string> };

  constructor(private readonly client: GraphClient) {}

  private async availableFields(): Promise<Set<string>> {
    if (this.fields && Date.now() - this.fields.at < 60_000) return this.fields.has;
    let fields: { name: string }[] = [];
    try {
      const res = await this.client.request<{
        __type: { fields: { name: string }[] } | null;
      }>(`{ __type(name: "Station") { fields { name } } }`);
      fields = res.data?.__type?.fields ?? [];
    } catch (err) {
      // A production gateway refuses introspection as a validation error (no data): fall back below.
      // Anything else (gateway down, token refused) is an outage and fails the batch.
      if ((err as DomainError).code !== 'GRAPHQL_VALIDATION_FAILED') throw err;
    }
    const has = new Set(fields.map((f) => f.name));
    // Introspection switched off: ask for everything and let partial errors mark what is missing.
    if (has.size === 0) OPTIONAL_FIELDS.forEach((f) => has.add(f));
    this.fields = { at: Date.now(), has };
    return has;
  }

  buildQuery(has: Set<string>, thresholds: number[]): string {
    const parts = [
      'id name category status regionCode unitHeadcount leader { name } serviceItems { name } facilities openingHours { weekday } evidence { kind }',
    ];
    const stats =
      'memberCount leaderCount staffCount activeVolunteerCount verifiedHours activityCount monthsWithActivity headcountShare';
    if (has.has('serviceStats')) {
      parts.push(`stats: serviceStats(year: $year) { ${stats} }`);
      thresholds.forEach((h, i) =>
        parts.push(`h${i}: serviceStats(year: $year, hoursThreshold: ${Number(h)}) { volunteersMeetingThreshold }`),
      );
    }
    if (has.has('announcementStats'))
      parts.push('announcementStats(year: $year) { publishedCount monthsWithAnnouncement }');
    if (has.has('dutyCoverage'))
      parts.push('dutyCoverage(weekOf: $weekOf) { weekOf openingSlotCount fullyCovered uncoveredSlotCount }');
    const weekOf = has.has('dutyCoverage') ? ', $weekOf: Date!' : '';
    return `query AccreditationFacts($ids: [ID!]!, $year: Int!${weekOf}) { stationsByIds(ids: $ids) { ${parts.join(' ')} } }`;
  }

  async load(stationIds: string[], req: FactsRequest): Promise<Map<string, StationFacts>> {
    const has = await this.availableFields();
    const query = this.buildQuery(has, req.hoursThresholds);
    const out = new Map<string, StationFacts>();
    for (let i = 0; i < stationIds.length; i += PAGE) {
      const ids = stationIds.slice(i, i + PAGE);
      const vars: Record<string, unknown> = { ids, year: req.year };
      if (has.has('dutyCoverage')) vars.weekOf = req.weekOf;
      const res = await this.client.request<{
        stationsByIds: (FactsNode | null)[];
      }>(query, vars);
      const failed = (index: number, field: string) =>
        (res.errors ?? []).some((e) => e.path?.[1] === index && e.path?.[2] === field);
      ids.forEach((id, index) => {
        const s = res.data?.stationsByIds?.[index];
        if (!s) {
          // Null with an error under it is a failed read (a non-null field's error nulls the whole station),
          // not a station that is gone: judging on it would delist every station of the page. The batch
          // fails instead and the job retries it later.
          const error = (res.errors ?? []).find((e) => e.path?.[0] === 'stationsByIds' && e.path?.[1] === index);
          if (error)
            throw new DomainError('GRAPH_ERROR', `读取站点事实失败：${error.message}`, {
              stationId: id,
              path: error.path,
            });
          out.set(id, {
            stationId: id,
            year: req.year,
            found: false,
            unavailable: [],
          });
          return;
        }
        const unavailable: string[] = OPTIONAL_FIELDS.filter(
          (f: OptionalField) => !has.has(f) || failed(index, f === 'serviceStats' ? 'stats' : f),
        );
        let service: ServiceFacts | undefined;
        if (s.stats && !unavailable.includes('serviceStats')) {
          const meetingThreshold: Record<string, number | null> = {};
          req.hoursThresholds.forEach(
            (h, k) => (meetingThreshold[String(h)] = s[`h${k}`]?.volunteersMeetingThreshold ?? null),
          );
          service = { ...s.stats, meetingThreshold };
        }
        out.set(id, {
          stationId: id,
          year: req.year,
          found: true,
          name: s.name,
          category: s.category,
          status: s.status,
          regionCode: s.regionCode,
          unitHeadcount: s.unitHeadcount,
          leaderName: s.leader?.name ?? null,
          serviceItemCount: s.serviceItems?.length ?? 0,
          facilities: s.facilities ?? [],
          openingSlotCount: s.openingHours?.length ?? 0,
          evidenceKinds: (s.evidence ?? []).map((e: { kind: string }) => e.kind),
          service,
          announcements: s.announcementStats ?? undefined,
          duty: s.dutyCoverage
            ? {
                weekOf: s.dutyCoverage.weekOf,
                openingSlotCount: s.dutyCoverage.openingSlotCount,
                fullyCovered: s.dutyCoverage.fullyCovered,
                uncoveredSlotCount: s.dutyCoverage.uncoveredSlotCount,
              }
            : undefined,
          unavailable,
        });
      });
    }
    return out;
  }
}
