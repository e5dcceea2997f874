import { DomainError, recordEvent, requireUser, systemClock, zhLabel } from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { QUALITIES, type Quality } from '../config';
import { assertManage } from '../domain/access';
import { ActivityService, ACTIVITY_COLUMNS, type ActivityRow } from './activity-service';
import { round2, shanghaiDate, SOURCE, text, type Actor } from '../domain/common';
import { updateReturning } from './sql';
import { checkInterval, spanHours } from '../domain/record-rules';
import { checkAgainstOthers } from './record-checks';
import { StationRefs, isUuid } from './station-ref';
import { type StationRef } from '../domain/station';
import { VolunteerService, type VolunteerRow } from './volunteer-service';

/** Check-out stays open until an hour after the activity ends (people finish late, not days later). */
const CHECK_OUT_GRACE_MS = 3600_000;

export interface RecordRow {
  id: string;
  volunteerId: string;
  stationId: string;
  activityId: string | null;
  activityName: string;
  serviceDate: string;
  place: string;
  recipient: string | null;
  content: string;
  startedAt: Date;
  endedAt: Date | null;
  hours: number | null;
  quality: Quality | null;
  activityLeader: string | null;
  recorder: string;
  status: 'PENDING' | 'VERIFIED' | 'REJECTED' | 'REVERSED';
  recordedBy: string;
  recordedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  reversedBy: string | null;
  reversedAt: Date | null;
  reversalReason: string | null;
  correctsId: string | null;
}

const RECORD_COLUMNS = `r.id, r.volunteer_id AS "volunteerId", r.station_id AS "stationId", r.activity_id AS "activityId",
  r.activity_name AS "activityName", r.service_date::text AS "serviceDate", r.place, r.recipient, r.content, r.started_at AS "startedAt",
  r.ended_at AS "endedAt", r.hours::float8 AS hours, r.quality, r.activity_leader AS "activityLeader", r.recorder, r.status,
  r.recorded_by AS "recordedBy", r.recorded_at AS "recordedAt", r.decided_by AS "decidedBy", r.decided_at AS "decidedAt",
  r.reject_reason AS "rejectReason", r.reversed_by AS "reversedBy", r.reversed_at AS "reversedAt", r.reversal_reason AS "reversalReason",
  r.corrects_id AS "correctsId"`;

/** The art. 7 content of a record (activity name, place, recipient, content, times, hours, quality, leader, recorder). */
export interface RecordContent {
  activityId?: string | null;
  activityName: string;
  place: string;
  recipient?: string | null;
  content: string;
  startedAt: Date;
  endedAt: Date;
  hours?: number | null;
  quality?: Quality | null;
  activityLeader?: string | null;
  recorder: string;
}

export interface RecordInput extends RecordContent {
  volunteerId: string;
  stationId: string;
}

/** Posts and withdraws the points a verified record earns (the time bank). */
export interface RecordLedger {
  creditForRecord(m: EntityManager, actor: Actor, record: RecordRow, volunteer: VolunteerRow): Promise<void>;
  reverseForRecord(m: EntityManager, actor: Actor, record: RecordRow): Promise<void>;
}

const recordNotFound = (id: string) => new DomainError('SERVICE_RECORD_NOT_FOUND', `未找到服务记录：${id}`, { id });

function checkQuality(q: string | null | undefined): Quality | null {
  if (q === null || q === undefined) return null;
  if (!QUALITIES.includes(q as Quality))
    throw new DomainError('INVALID_QUALITY', '服务质量评价不正确', {
      field: 'quality',
    });
  return q as Quality;
}

/** Service records (志愿服务记录): PENDING → VERIFIED / REJECTED; a verified record is corrected only by reversal + new record. */
export class RecordService {
  constructor(
    private readonly ds: DataSource,
    private readonly ledger: RecordLedger,
  ) {}

  private async insert(
    m: EntityManager,
    actor: Actor,
    station: StationRef,
    volunteerId: string,
    c: RecordContent,
    extra: { status?: 'PENDING' | 'VERIFIED'; correctsId?: string } = {},
  ): Promise<RecordRow> {
    const user = requireUser(actor.user);
    const activityName = text(c.activityName, 'activityName', '活动名称', 100)!;
    const place = text(c.place, 'place', '服务地点', 200)!;
    const content = text(c.content, 'content', '服务内容', 1000)!;
    const recipient = text(c.recipient, 'recipient', '服务对象', 100, {
      optional: true,
    });
    const leader = text(c.activityLeader, 'activityLeader', '活动负责人', 50, {
      optional: true,
    });
    const recorder = text(c.recorder, 'recorder', '记录人', 50)!;
    const quality = checkQuality(c.quality);
    const hours = c.hours === undefined || c.hours === null ? spanHours(c.startedAt, c.endedAt) : round2(c.hours);
    checkInterval(c.startedAt, c.endedAt, hours, systemClock.now());
    await checkAgainstOthers(m, volunteerId, c.startedAt, c.endedAt, hours);
    if (c.activityId) {
      const [a] = isUuid(c.activityId)
        ? await m.query(`SELECT station_id FROM activities WHERE id = $1`, [c.activityId])
        : [];
      if (!a || a.station_id !== station.id)
        throw new DomainError('ACTIVITY_NOT_FOUND', '未在本站找到该活动', {
          field: 'activityId',
        });
    }
    const verified = extra.status === 'VERIFIED';
    if (verified && !quality)
      throw new DomainError('QUALITY_REQUIRED', '核实服务记录须给出服务质量评价', { field: 'quality' });
    const [row] = await m.query(
      `INSERT INTO service_records AS r (volunteer_id, station_id, activity_id, activity_name, service_date, place, recipient, content, started_at, ended_at,
         hours, quality, activity_leader, recorder, status, recorded_by, decided_by, decided_at, corrects_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING ${RECORD_COLUMNS}`,
      [
        volunteerId,
        station.id,
        c.activityId ?? null,
        activityName,
        shanghaiDate(c.startedAt),
        place,
        recipient,
        content,
        c.startedAt,
        c.endedAt,
        hours,
        quality,
        leader,
        recorder,
        verified ? 'VERIFIED' : 'PENDING',
        user.sub,
        verified ? user.sub : null,
        verified ? systemClock.now() : null,
        extra.correctsId ?? null,
      ],
    );
    return row;
  }

  /** A record written by the organizer after the activity (managers/admins of the station). */
  async record(actor: Actor, input: RecordInput): Promise<RecordRow> {
    return this.ds.transaction(async (m) => {
      const station = await StationRefs.require(m, input.stationId, {
        open: true,
      });
      assertManage(actor.user, station, '只有本站站长或所辖地区管理员可以登记服务记录');
      await VolunteerService.lock(m, input.volunteerId);
      return this.insert(m, actor, station, input.volunteerId, input);
    });
  }

  /** Check-in by the sign-in code shown at the station: a pending record from now until check-out. */
  async checkIn(actor: Actor, code: string): Promise<RecordRow> {
    const user = requireUser(actor.user);
    return this.ds.transaction(async (m) => {
      const volunteer = await this.ownVolunteer(m, user.sub);
      const [activity]: ActivityRow[] = await m.query(
        `SELECT ${ACTIVITY_COLUMNS} FROM activities a WHERE a.sign_in_code = $1 FOR UPDATE`,
        [
          String(code ?? '')
            .trim()
            .toUpperCase(),
        ],
      );
      if (!activity) throw new DomainError('INVALID_SIGN_IN_CODE', '签到码无效');
      const now = systemClock.now();
      if (activity.status === 'CANCELLED') throw new DomainError('ACTIVITY_CANCELLED', '活动已取消');
      if (now.getTime() < activity.startsAt.getTime() - 3600_000 || now > activity.endsAt)
        throw new DomainError('CHECK_IN_CLOSED', '不在活动签到时间内（开始前 1 小时至结束）');
      const [signup] = await m.query(
        `SELECT checked_in_at FROM activity_signups WHERE activity_id = $1 AND volunteer_id = $2`,
        [activity.id, volunteer.id],
      );
      if (signup?.checked_in_at) throw new DomainError('ALREADY_CHECKED_IN', '已经签到');
      if (!signup) await ActivityService.addSignup(m, activity, volunteer.id);
      checkInterval(now, null, null, new Date(now.getTime() + 1000));
      await checkAgainstOthers(m, volunteer.id, now, null, null);
      const station = await StationRefs.require(m, activity.stationId, {
        open: true,
      });
      const [row] = await m.query(
        `INSERT INTO service_records AS r (volunteer_id, station_id, activity_id, activity_name, service_date, place, content, started_at, recorder, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '现场签到', $9) RETURNING ${RECORD_COLUMNS}`,
        [
          volunteer.id,
          station.id,
          activity.id,
          activity.title,
          shanghaiDate(now),
          activity.place,
          (activity.description ?? activity.title).slice(0, 1000),
          now,
          user.sub,
        ],
      );
      await m.query(
        `UPDATE activity_signups SET checked_in_at = $3, record_id = $4 WHERE activity_id = $1 AND volunteer_id = $2`,
        [activity.id, volunteer.id, now, row.id],
      );
      return row;
    });
  }

  /** Closes the volunteer's open check-in at an activity; hours are the span (the verifier may lower them). */
  async checkOut(actor: Actor, activityId: string): Promise<RecordRow> {
    const user = requireUser(actor.user);
    return this.ds.transaction(async (m) => {
      const volunteer = await this.ownVolunteer(m, user.sub);
      const [open]: RecordRow[] = isUuid(activityId)
        ? await m.query(
            `SELECT ${RECORD_COLUMNS} FROM service_records r WHERE r.activity_id = $1 AND r.volunteer_id = $2 AND r.ended_at IS NULL AND r.status = 'PENDING' FOR UPDATE`,
            [activityId, volunteer.id],
          )
        : [];
      if (!open) throw new DomainError('NOT_CHECKED_IN', '没有该活动的签到记录');
      const endedAt = systemClock.now();
      const [activity] = await m.query(`SELECT ends_at AS "endsAt" FROM activities WHERE id = $1`, [activityId]);
      if (endedAt.getTime() > activity.endsAt.getTime() + CHECK_OUT_GRACE_MS) {
        throw new DomainError('CHECK_OUT_CLOSED', '活动结束已超过 1 小时，不能签退，请联系站点管理员补录服务时长');
      }
      const span = spanHours(open.startedAt, endedAt);
      const hours = span > 0 ? span : null;
      checkInterval(open.startedAt, endedAt, hours, new Date(endedAt.getTime() + 1000));
      await checkAgainstOthers(m, volunteer.id, open.startedAt, endedAt, hours, open.id);
      const [row] = await updateReturning<RecordRow>(
        m,
        `UPDATE service_records r SET ended_at = $2, hours = $3 WHERE id = $1 RETURNING ${RECORD_COLUMNS}`,
        [open.id, endedAt, hours],
      );
      return row;
    });
  }

  private async ownVolunteer(m: EntityManager, sub: string): Promise<VolunteerRow> {
    const [v] = await m.query(`SELECT id FROM volunteers WHERE account_sub = $1`, [sub]);
    if (!v) throw new DomainError('NOT_A_VOLUNTEER', '请先注册为志愿者');
    return VolunteerService.lock(m, v.id);
  }

  /** Locks the volunteer, then the record (one order everywhere), and checks the caller manages its station. */
  private async lockForDecision(
    m: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<{
    record: RecordRow;
    volunteer: VolunteerRow;
    station: StationRef;
  }> {
    const [peek] = isUuid(id) ? await m.query(`SELECT volunteer_id FROM service_records WHERE id = $1`, [id]) : [];
    if (!peek) throw recordNotFound(id);
    const volunteer = await VolunteerService.lock(m, peek.volunteer_id);
    const [record]: RecordRow[] = await m.query(
      `SELECT ${RECORD_COLUMNS} FROM service_records r WHERE r.id = $1 FOR UPDATE`,
      [id],
    );
    const station = await StationRefs.require(m, record.stationId);
    assertManage(actor.user, station, '只有记录所在站点的站长或所辖地区管理员可以核实服务记录');
    return { record, volunteer, station };
  }

  async verify(
    actor: Actor,
    id: string,
    opts: { quality?: Quality | null; hours?: number | null } = {},
  ): Promise<RecordRow> {
    const user = requireUser(actor.user);
    return this.ds.transaction(async (m) => {
      const { record, volunteer, station } = await this.lockForDecision(m, actor, id);
      if (record.status !== 'PENDING')
        throw new DomainError(
          'RECORD_NOT_PENDING',
          `服务记录已是${zhLabel('serviceRecordStatus', record.status)}状态，不能核实`,
        );
      if (!record.endedAt) throw new DomainError('NOT_CHECKED_OUT', '尚未签退，不能核实');
      const quality = checkQuality(opts.quality) ?? record.quality;
      if (!quality) throw new DomainError('QUALITY_REQUIRED', '核实服务记录须给出服务质量评价', { field: 'quality' });
      const hours = opts.hours === undefined || opts.hours === null ? record.hours : round2(opts.hours);
      if (hours === null)
        throw new DomainError('HOURS_REQUIRED', '请填写服务时长', {
          field: 'hours',
        });
      checkInterval(record.startedAt, record.endedAt, hours, systemClock.now());
      await checkAgainstOthers(m, record.volunteerId, record.startedAt, record.endedAt, hours, record.id);
      const [row] = await updateReturning<RecordRow>(
        m,
        `UPDATE service_records r SET status = 'VERIFIED', quality = $2, hours = $3, decided_by = $4, decided_at = $5 WHERE id = $1 RETURNING ${RECORD_COLUMNS}`,
        [record.id, quality, hours, user.sub, systemClock.now()],
      );
      await this.afterVerified(m, actor, row, volunteer, station);
      return row;
    });
  }

  private async afterVerified(
    m: EntityManager,
    actor: Actor,
    row: RecordRow,
    volunteer: VolunteerRow,
    station: StationRef,
  ): Promise<void> {
    await this.ledger.creditForRecord(m, actor, row, volunteer);
    await recordEvent(m, SOURCE, {
      type: 'service_record.verified',
      aggregateType: 'ServiceRecord',
      aggregateId: row.id,
      payload: {
        recordId: row.id,
        volunteerId: row.volunteerId,
        stationId: row.stationId,
        regionCode: station.regionCode,
        serviceDate: row.serviceDate,
        hours: row.hours,
        quality: row.quality,
        correctsId: row.correctsId,
      },
      requestId: actor.requestId,
    });
  }

  async reject(actor: Actor, id: string, reason: string): Promise<RecordRow> {
    const user = requireUser(actor.user);
    const why = text(reason, 'reason', '退回原因', 500, { min: 2 })!;
    return this.ds.transaction(async (m) => {
      const { record } = await this.lockForDecision(m, actor, id);
      if (record.status !== 'PENDING')
        throw new DomainError(
          'RECORD_NOT_PENDING',
          `服务记录已是${zhLabel('serviceRecordStatus', record.status)}状态，不能退回`,
        );
      const [row] = await updateReturning<RecordRow>(
        m,
        `UPDATE service_records r SET status = 'REJECTED', reject_reason = $2, decided_by = $3, decided_at = $4 WHERE id = $1 RETURNING ${RECORD_COLUMNS}`,
        [record.id, why, user.sub, systemClock.now()],
      );
      return row;
    });
  }

  /**
   * Corrects a verified record: the original is marked REVERSED (its content untouched, its points
   * withdrawn) and, when given, a corrected record is written and verified in the same transaction.
   */
  async reverse(
    actor: Actor,
    id: string,
    reason: string,
    correction?: RecordContent | null,
  ): Promise<{ reversed: RecordRow; correction: RecordRow | null }> {
    const user = requireUser(actor.user);
    const why = text(reason, 'reason', '冲正原因', 500, { min: 2 })!;
    return this.ds.transaction(async (m) => {
      const { record, volunteer, station } = await this.lockForDecision(m, actor, id);
      if (record.status !== 'VERIFIED') throw new DomainError('RECORD_NOT_VERIFIED', '只有已核实的服务记录可以冲正');
      const [reversed] = await updateReturning<RecordRow>(
        m,
        `UPDATE service_records r SET status = 'REVERSED', reversed_by = $2, reversed_at = $4, reversal_reason = $3 WHERE id = $1 RETURNING ${RECORD_COLUMNS}`,
        [record.id, user.sub, why, systemClock.now()],
      );
      await this.ledger.reverseForRecord(m, actor, reversed);
      let fixed: RecordRow | null = null;
      if (correction) {
        fixed = await this.insert(
          m,
          actor,
          station,
          record.volunteerId,
          { activityId: record.activityId, ...correction },
          { status: 'VERIFIED', correctsId: record.id },
        );
      }
      await recordEvent(m, SOURCE, {
        type: 'service_record.reversed',
        aggregateType: 'ServiceRecord',
        aggregateId: record.id,
        payload: {
          recordId: record.id,
          volunteerId: record.volunteerId,
          stationId: record.stationId,
          regionCode: station.regionCode,
          hours: record.hours,
          reason: why,
          correctionId: fixed?.id ?? null,
        },
        requestId: actor.requestId,
      });
      if (fixed) await this.afterVerified(m, actor, fixed, volunteer, station);
      return { reversed, correction: fixed };
    });
  }

  async byIds(ids: readonly string[]): Promise<RecordRow[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(`SELECT ${RECORD_COLUMNS} FROM service_records r WHERE r.id = ANY($1::uuid[])`, [valid]);
  }

  /** Records of many volunteers in one statement, newest first, at most `limit` each. */
  async listForVolunteers(
    volunteerIds: readonly string[],
    statuses: string[] | null,
    year: number | null,
    limit = 500,
  ): Promise<RecordRow[]> {
    const valid = volunteerIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${RECORD_COLUMNS} FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL (
         SELECT * FROM service_records x WHERE x.volunteer_id = p.id AND ($2::text[] IS NULL OR x.status = ANY($2))
            AND ($3::int IS NULL OR x.service_date >= make_date($3, 1, 1) AND x.service_date < make_date($3 + 1, 1, 1))
          ORDER BY x.started_at DESC LIMIT $4) r`,
      [valid, statuses?.length ? statuses : null, year, limit],
    );
  }

  async list(
    filter: {
      stationId?: string;
      volunteerId?: string;
      statuses?: string[] | null;
      year?: number | null;
    },
    limit = 500,
  ): Promise<RecordRow[]> {
    if ((filter.stationId && !isUuid(filter.stationId)) || (filter.volunteerId && !isUuid(filter.volunteerId)))
      return [];
    return this.ds.query(
      `SELECT ${RECORD_COLUMNS} FROM service_records r
        WHERE ($1::uuid IS NULL OR r.station_id = $1) AND ($2::uuid IS NULL OR r.volunteer_id = $2)
          AND ($3::text[] IS NULL OR r.status = ANY($3)) AND ($4::int IS NULL OR r.service_date >= make_date($4, 1, 1) AND r.service_date < make_date($4 + 1, 1, 1))
        ORDER BY r.started_at DESC LIMIT $5`,
      [
        filter.stationId ?? null,
        filter.volunteerId ?? null,
        filter.statuses?.length ? filter.statuses : null,
        filter.year ?? null,
        limit,
      ],
    );
  }
}
