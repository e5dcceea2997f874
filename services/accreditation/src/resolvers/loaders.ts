import DataLoader from 'dataloader';
import type { AccreditationServices } from '../service-set';
import type { ApplicationRow, EndorsementRow, ObjectionRow, ReviewRow, TitleRow } from '../services/rows';
import type { TitleMonth } from '../services/title-series';

function grouped<K extends string, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => string) {
  return new DataLoader<K, V[]>(
    async (keys) => {
      const rows = await load(keys);
      return keys.map((k) => rows.filter((r) => keyOf(r) === k));
    },
    { maxBatchSize: 1000 },
  );
}

/** Regions' title series: one loader (one statement per batch of regions) per period and level. */
function titleSeriesLoaders(s: AccreditationServices) {
  const byParams = new Map<string, DataLoader<string, TitleMonth[]>>();
  return (from: string, to: string, level: string | null) => {
    const key = `${from}|${to}|${level ?? ''}`;
    let loader = byParams.get(key);
    if (!loader) {
      loader = new DataLoader<string, TitleMonth[]>(
        async (codes) => {
          const found = await s.titleSeries.series(codes, from, to, level);
          return codes.map((c) => found.get(c) ?? []);
        },
        { maxBatchSize: 1000 },
      );
      byParams.set(key, loader);
    }
    return loader;
  };
}

/** Per-request batching: a page of stations costs one statement per field kind. */
export function createLoaders(s: AccreditationServices) {
  return {
    titleSeries: titleSeriesLoaders(s),
    titlesByStation: grouped<string, TitleRow>(
      (ids) => s.titles.byStations(ids),
      (t) => t.stationId,
    ),
    applicationsByStation: grouped<string, ApplicationRow>(
      (ids) => s.applications.byStations(ids),
      (a) => a.stationId,
    ),
    endorsements: grouped<string, EndorsementRow>(
      (ids) => s.applications.endorsements(ids),
      (e) => e.applicationId,
    ),
    reviewsByStation: grouped<string, ReviewRow>(
      (ids) => s.reviews.reviewsByStations(ids),
      (r) => r.stationId,
    ),
    objections: grouped<string, ObjectionRow>(
      (ids) => s.notices.objections(ids),
      (o) => o.noticeId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
