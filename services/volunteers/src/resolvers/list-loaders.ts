import type DataLoader from 'dataloader';
import type { VolunteersServices } from '../service-set';
import type { ActivityRow } from '../services/activity-service';
import type { CertificateRow } from '../services/certificate-service';
import type { DemandRow } from '../services/demand-service';
import type { DutyShift, OnDutyRow } from '../services/duty-service';
import type { TxRow } from '../services/ledger';
import type { PairingRow } from '../services/pairing-service';
import type { RecordRow } from '../services/record-service';
import type { TrainingRow } from '../services/training-service';
import { paramLoader } from './loaders';

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

const list = <T>(fetch: (params: string, ids: string[]) => Promise<Map<string, T[]>>): DataLoader<string, T[]> =>
  paramLoader<T[]>(fetch, () => []);
const nullable = (p: string) => (p === '' ? null : p);

/**
 * Per-parent lists (a volunteer's records, points, trainings, certificates; a station's activities,
 * duty, trainings, pairings, demands, today's duty): keys are "<params>|<parent id>", one statement per
 * distinct parameter set whatever the number of parents in the page.
 */
export function createListLoaders(s: VolunteersServices) {
  return {
    /** "<year or ''>|<statuses sorted, comma-joined>|<volunteerId>" */
    recordsOfVolunteer: list<RecordRow>(async (params, ids) => {
      const [year, statuses] = params.split('|');
      return group(
        await s.records.listForVolunteers(ids, statuses ? statuses.split(',') : null, year ? Number(year) : null),
        (r) => r.volunteerId,
      );
    }),
    timeBank: paramLoader<{ balance: number; available: number }>(
      (_, ids) => s.timeBank.summaries(ids),
      () => ({ balance: 0, available: 0 }),
    ),
    /** "<first>|<volunteerId>" */
    transactions: list<TxRow>(async (first, ids) =>
      group(await s.timeBank.transactionsOf(ids, Number(first)), (r) => (r as TxRow & { ownerId: string }).ownerId),
    ),
    trainingsOfVolunteer: list<TrainingRow & { attended: boolean; volunteerId: string }>(async (_, ids) =>
      group(await s.trainings.ofVolunteers(ids), (r) => r.volunteerId),
    ),
    certificatesOfVolunteer: list<CertificateRow>(async (_, ids) =>
      group(await s.certificates.ofVolunteers(ids), (r) => r.volunteerId),
    ),
    /** "<from ISO or ''>|<to ISO or ''>|<stationId>" */
    activitiesOfStation: list<ActivityRow>(async (params, ids) => {
      const [from, to] = params.split('|').map(nullable);
      return group(
        await s.activities.ofStations(ids, from ? new Date(from) : null, to ? new Date(to) : null),
        (r) => r.stationId,
      );
    }),
    /** "|<stationId>": not ended by the platform clock, read once per batch. */
    upcomingActivitiesOfStation: list<ActivityRow>(async (_, ids) =>
      group(await s.activities.upcomingOfStations(ids), (r) => r.stationId),
    ),
    /** "<from>|<to>|<stationId>" */
    dutyOfStation: list<DutyShift>(async (params, ids) => {
      const [from, to] = params.split('|');
      return group(await s.duty.ofStations(ids, from, to), (r) => r.stationId);
    }),
    /** "<date>|<stationId>" */
    onDuty: list<OnDutyRow>(async (date, ids) => group(await s.duty.onDuty(ids, date), (r) => r.stationId)),
    /** "<year or ''>|<stationId>" */
    trainingsOfStation: list<TrainingRow>(async (year, ids) =>
      group(await s.trainings.ofStations(ids, year ? Number(year) : null), (r) => r.stationId),
    ),
    /** "<includeEnded 0|1>|<stationId>" */
    pairingsOfStation: list<PairingRow>(async (ended, ids) =>
      group(await s.pairings.ofStations(ids, ended === '1'), (r) => r.stationId),
    ),
    /** "<year>|<hours>|<stationId>" */
    belowHours: list<{ stationId: string; volunteerId: string; hours: number }>(async (params, ids) => {
      const [year, hours] = params.split('|').map(Number);
      return group(await s.stats.belowHours(ids, year, hours), (r) => r.stationId);
    }),
    /** "<statuses sorted, comma-joined>|<stationId>" */
    demandsOfStation: list<DemandRow>(async (statuses, ids) =>
      group(await s.demands.ofStations(ids, statuses ? statuses.split(',') : null), (r) => r.stationId),
    ),
  };
}

/** A stable key part for an optional list argument. */
export const listKey = (values?: readonly string[] | null) => (values?.length ? [...values].sort().join(',') : '');
