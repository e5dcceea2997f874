import { DomainError, requireUser } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { assertManage } from '../domain/access';
import { isCalendarDate, round2, text, type Actor } from '../domain/common';
import { StationRefs, isUuid } from './station-ref';

const TRAINING_KINDS = ['INITIAL', 'PERIODIC', 'AD_HOC', 'ADVANCED'] as const;

export interface TrainingRow {
  id: string;
  stationId: string;
  kind: (typeof TRAINING_KINDS)[number];
  title: string;
  heldOn: string;
  hours: number;
  trainer: string | null;
}

export interface AttendanceRow {
  trainingId: string;
  volunteerId: string;
  attended: boolean;
}

const COLUMNS = `t.id, t.station_id AS "stationId", t.kind, t.title, t.held_on::text AS "heldOn", t.hours::float8 AS hours, t.trainer`;

/** Trainings (岗前 initial, periodic, ad hoc, advanced for core volunteers) and who attended. */
export class TrainingService {
  constructor(private readonly ds: DataSource) {}

  async create(
    actor: Actor,
    input: {
      stationId: string;
      kind: TrainingRow['kind'];
      title: string;
      heldOn: string;
      hours: number;
      trainer?: string | null;
    },
  ): Promise<TrainingRow> {
    const user = requireUser(actor.user);
    if (!TRAINING_KINDS.includes(input.kind))
      throw new DomainError('INVALID_KIND', '培训类型不正确', {
        field: 'kind',
      });
    const title = text(input.title, 'title', '培训名称', 100)!;
    const trainer = text(input.trainer, 'trainer', '培训人', 50, {
      optional: true,
    });
    if (!isCalendarDate(input.heldOn))
      throw new DomainError('INVALID_DATE', '培训日期不正确', {
        field: 'heldOn',
      });
    if (!(input.hours > 0 && input.hours <= 24))
      throw new DomainError('INVALID_HOURS', '培训时长应为 0–24 小时', {
        field: 'hours',
      });
    return this.ds.transaction(async (m) => {
      const station = await StationRefs.require(m, input.stationId, {
        open: true,
      });
      assertManage(user, station);
      const [row] = await m.query(
        `INSERT INTO trainings AS t (station_id, kind, title, held_on, hours, trainer, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [station.id, input.kind, title, input.heldOn, round2(input.hours), trainer, user.sub],
      );
      return row;
    });
  }

  /** Records attendance (replaces earlier marks of the same people); only registered volunteers. */
  async recordAttendance(
    actor: Actor,
    trainingId: string,
    marks: { volunteerId: string; attended: boolean }[],
  ): Promise<TrainingRow> {
    const user = requireUser(actor.user);
    return this.ds.transaction(async (m) => {
      const [training]: TrainingRow[] = isUuid(trainingId)
        ? await m.query(`SELECT ${COLUMNS} FROM trainings t WHERE t.id = $1 FOR UPDATE`, [trainingId])
        : [];
      if (!training) throw new DomainError('TRAINING_NOT_FOUND', `未找到培训：${trainingId}`);
      assertManage(user, await StationRefs.require(m, training.stationId));
      const ids = marks.map((x) => x.volunteerId);
      if (new Set(ids).size !== ids.length)
        throw new DomainError('DUPLICATE_VALUE', '同一志愿者出现多次', {
          field: 'marks',
        });
      const known: { id: string }[] = await m.query(`SELECT id FROM volunteers WHERE id = ANY($1::uuid[])`, [
        ids.filter(isUuid),
      ]);
      const missing = ids.filter((id) => !known.some((k) => k.id === id));
      if (missing.length) throw new DomainError('VOLUNTEER_NOT_FOUND', `未找到志愿者：${missing.join('、')}`);
      for (const mark of marks) {
        await m.query(
          // clock_timestamp, not now(): marks of one call keep their order (now() is the same for the whole transaction).
          `INSERT INTO training_attendance (training_id, volunteer_id, attended, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, clock_timestamp())
           ON CONFLICT (training_id, volunteer_id) DO UPDATE SET attended = EXCLUDED.attended, recorded_by = EXCLUDED.recorded_by, recorded_at = clock_timestamp()`,
          [training.id, mark.volunteerId, mark.attended, user.sub],
        );
      }
      return training;
    });
  }

  async ofStations(stationIds: readonly string[], year?: number | null): Promise<TrainingRow[]> {
    const valid = stationIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${COLUMNS} FROM trainings t WHERE t.station_id = ANY($1::uuid[]) AND ($2::int IS NULL OR extract(year FROM t.held_on) = $2) ORDER BY t.held_on DESC`,
      [valid, year ?? null],
    );
  }

  async attendance(trainingIds: readonly string[]): Promise<AttendanceRow[]> {
    return this.ds.query(
      `SELECT training_id AS "trainingId", volunteer_id AS "volunteerId", attended FROM training_attendance WHERE training_id = ANY($1::uuid[]) ORDER BY recorded_at, volunteer_id`,
      [trainingIds.filter(isUuid)],
    );
  }

  async ofVolunteers(
    volunteerIds: readonly string[],
  ): Promise<(TrainingRow & { attended: boolean; volunteerId: string })[]> {
    const valid = volunteerIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${COLUMNS}, a.attended, a.volunteer_id AS "volunteerId" FROM training_attendance a JOIN trainings t ON t.id = a.training_id
        WHERE a.volunteer_id = ANY($1::uuid[]) ORDER BY t.held_on DESC, t.id`,
      [valid],
    );
  }
}
