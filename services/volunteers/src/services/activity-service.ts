import { randomInt } from 'node:crypto';
import { DomainError, forbidden, requireUser, systemClock } from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { assertManage, canManage } from '../domain/access';
import { text, type Actor } from '../domain/common';
import { isUniqueViolation, updateReturning } from './sql';
import { StationRefs, isUuid } from './station-ref';

const ACTIVITY_CATEGORIES = [
  // The five Hunan areas (2012 campaign).
  'CENTRAL_WORK',
  'KEY_YOUTH',
  'VULNERABLE_GROUPS',
  'PUBLIC_AFFAIRS',
  'CIVILITY',
  // Changzhi station services.
  'CONVENIENCE',
  'CULTURAL',
  'OTHER',
] as const;

export interface ActivityInput {
  stationId: string;
  title: string;
  category: (typeof ACTIVITY_CATEGORIES)[number];
  startsAt: Date;
  endsAt: Date;
  place: string;
  description?: string | null;
  photos?: { fileName: string; url: string; takenAt?: Date | null }[] | null;
  capacity?: number | null;
}

export interface ActivityRow {
  id: string;
  stationId: string;
  title: string;
  category: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  description: string | null;
  photos: { fileName: string; url: string; takenAt?: string | null }[];
  capacity: number | null;
  signInCode: string;
  status: 'PLANNED' | 'CANCELLED';
}

export interface SignUpRow {
  activityId: string;
  signedUpAt: Date;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  recordId: string | null;
}

export const ACTIVITY_COLUMNS = `a.id, a.station_id AS "stationId", a.title, a.category, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.place,
  a.description, a.photos, a.capacity, a.sign_in_code AS "signInCode", a.status`;

// No 0/O, 1/I/L: read off a poster and typed on a phone.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

const activityNotFound = (id: string) => new DomainError('ACTIVITY_NOT_FOUND', `未找到活动：${id}`, { id });

export class ActivityService {
  constructor(private readonly ds: DataSource) {}

  /** Planned or already held (recorded afterwards for the ledger); managers/admins of the station. */
  async create(actor: Actor, input: ActivityInput): Promise<ActivityRow> {
    const user = requireUser(actor.user);
    const title = text(input.title, 'title', '活动名称', 100)!;
    const place = text(input.place, 'place', '活动地点', 200)!;
    const description = text(input.description, 'description', '活动内容', 2000, { optional: true });
    if (!ACTIVITY_CATEGORIES.includes(input.category))
      throw new DomainError('INVALID_CATEGORY', '活动类别不正确', {
        field: 'category',
      });
    if (!(input.endsAt > input.startsAt))
      throw new DomainError('INVALID_TIME_RANGE', '活动结束时间应晚于开始时间', { field: 'endsAt' });
    if (
      input.capacity !== undefined &&
      input.capacity !== null &&
      (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 100000)
    ) {
      throw new DomainError('INVALID_NUMBER', '招募人数应为正整数', {
        field: 'capacity',
      });
    }
    const photos = (input.photos ?? []).map((p) => {
      if (!/^https?:\/\//i.test(p.url))
        throw new DomainError('INVALID_URL', `照片链接须为 http(s) 地址：${p.url}`, { field: 'photos' });
      return {
        fileName: text(p.fileName, 'photos', '照片文件名', 200)!,
        url: p.url,
        takenAt: p.takenAt ? p.takenAt.toISOString() : null,
      };
    });
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.ds.transaction(async (m) => {
          const station = await StationRefs.require(m, input.stationId, {
            open: true,
          });
          assertManage(user, station);
          const [row] = await m.query(
            `INSERT INTO activities AS a (station_id, title, category, starts_at, ends_at, place, description, photos, capacity, sign_in_code, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${ACTIVITY_COLUMNS}`,
            [
              station.id,
              title,
              input.category,
              input.startsAt,
              input.endsAt,
              place,
              description,
              JSON.stringify(photos),
              input.capacity ?? null,
              newCode(),
              user.sub,
            ],
          );
          return row;
        });
      } catch (err) {
        if (attempt < 3 && isUniqueViolation(err, 'activities_sign_in_code_key')) continue;
        throw err;
      }
    }
  }

  async cancel(actor: Actor, id: string): Promise<ActivityRow> {
    return this.ds.transaction(async (m) => {
      const activity = await ActivityService.lock(m, id);
      assertManage(actor.user, await StationRefs.require(m, activity.stationId));
      const [row] = await updateReturning<ActivityRow>(
        m,
        `UPDATE activities a SET status = 'CANCELLED' WHERE id = $1 RETURNING ${ACTIVITY_COLUMNS}`,
        [id],
      );
      return row;
    });
  }

  static async lock(m: EntityManager, id: string): Promise<ActivityRow> {
    const [row] = isUuid(id)
      ? await m.query(`SELECT ${ACTIVITY_COLUMNS} FROM activities a WHERE a.id = $1 FOR UPDATE`, [id])
      : [];
    if (!row) throw activityNotFound(id);
    return row;
  }

  /** Adds a sign-up within capacity (the activity row is locked by the caller). */
  static async addSignup(m: EntityManager, activity: ActivityRow, volunteerId: string): Promise<void> {
    if (activity.status === 'CANCELLED') throw new DomainError('ACTIVITY_CANCELLED', '活动已取消');
    if (activity.endsAt <= systemClock.now()) throw new DomainError('ACTIVITY_ENDED', '活动已结束，不能报名');
    const [{ taken, mine }] = await m.query(
      `SELECT count(*)::int AS taken, bool_or(volunteer_id = $2) AS mine FROM activity_signups WHERE activity_id = $1`,
      [activity.id, volunteerId],
    );
    if (mine) throw new DomainError('ALREADY_SIGNED_UP', '已经报名该活动');
    if (activity.capacity !== null && taken >= activity.capacity)
      throw new DomainError('ACTIVITY_FULL', `活动名额已满（${activity.capacity} 人）`);
    await m.query(`INSERT INTO activity_signups (activity_id, volunteer_id) VALUES ($1, $2)`, [
      activity.id,
      volunteerId,
    ]);
  }

  /** The volunteer signs themself up; a manager/admin of the station may sign up any volunteer. */
  async signUp(actor: Actor, activityId: string, volunteerId: string): Promise<ActivityRow> {
    const user = requireUser(actor.user);
    return this.ds.transaction(async (m) => {
      const activity = await ActivityService.lock(m, activityId);
      const station = await StationRefs.require(m, activity.stationId);
      const [v] = isUuid(volunteerId)
        ? await m.query(`SELECT account_sub AS "accountSub", status FROM volunteers WHERE id = $1`, [volunteerId])
        : [];
      if (!v) throw new DomainError('VOLUNTEER_NOT_FOUND', `未找到志愿者：${volunteerId}`);
      if (v.accountSub !== user.sub && !canManage(user, station))
        throw forbidden('只能为本人报名，或由本站站长、所辖地区管理员代为报名');
      if (v.status !== 'ACTIVE') throw new DomainError('VOLUNTEER_INACTIVE', '该志愿者当前不在服务状态');
      await ActivityService.addSignup(m, activity, volunteerId);
      return activity;
    });
  }

  /** Cancels a sign-up before the activity starts and before check-in (the volunteer, or a manager/admin of the station). */
  async cancelSignUp(actor: Actor, activityId: string, volunteerId: string): Promise<ActivityRow> {
    const user = requireUser(actor.user);
    return this.ds.transaction(async (m) => {
      const activity = await ActivityService.lock(m, activityId);
      const station = await StationRefs.require(m, activity.stationId);
      const [v] = isUuid(volunteerId)
        ? await m.query(`SELECT account_sub AS "accountSub" FROM volunteers WHERE id = $1`, [volunteerId])
        : [];
      if (!v) throw new DomainError('VOLUNTEER_NOT_FOUND', `未找到志愿者：${volunteerId}`);
      if (v.accountSub !== user.sub && !canManage(user, station))
        throw forbidden('只能取消本人的报名，或由本站站长、所辖地区管理员代为取消');
      const [signup] = await m.query(
        `SELECT checked_in_at FROM activity_signups WHERE activity_id = $1 AND volunteer_id = $2`,
        [activity.id, volunteerId],
      );
      if (!signup) throw new DomainError('NOT_SIGNED_UP', '尚未报名该活动');
      if (signup.checked_in_at) throw new DomainError('ALREADY_CHECKED_IN', '已经签到，不能取消报名');
      if (activity.startsAt <= systemClock.now()) throw new DomainError('ACTIVITY_STARTED', '活动已开始，不能取消报名');
      await m.query(`DELETE FROM activity_signups WHERE activity_id = $1 AND volunteer_id = $2`, [
        activity.id,
        volunteerId,
      ]);
      return activity;
    });
  }

  /** The caller's own sign-ups among the activities (account sub → volunteer), one statement. */
  async attendanceOf(sub: string, activityIds: readonly string[]): Promise<SignUpRow[]> {
    const valid = activityIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT s.activity_id AS "activityId", s.signed_up_at AS "signedUpAt", s.checked_in_at AS "checkedInAt",
              r.ended_at AS "checkedOutAt", r.id AS "recordId"
         FROM activity_signups s JOIN volunteers v ON v.id = s.volunteer_id
         LEFT JOIN service_records r ON r.id = s.record_id
        WHERE v.account_sub = $1 AND s.activity_id = ANY($2::uuid[])`,
      [sub, valid],
    );
  }

  async byIds(ids: readonly string[]): Promise<ActivityRow[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(`SELECT ${ACTIVITY_COLUMNS} FROM activities a WHERE a.id = ANY($1::uuid[])`, [valid]);
  }

  /**
   * Upcoming activities of many stations in one statement: not cancelled and not ended at `now` (the
   * platform clock, which a sandbox moves), soonest first, at most 100 each. Running ones count: check-in
   * lasts until the end.
   */
  async upcomingOfStations(stationIds: readonly string[], now: Date = systemClock.now()): Promise<ActivityRow[]> {
    const valid = stationIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${ACTIVITY_COLUMNS} FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL (
         SELECT * FROM activities x WHERE x.station_id = p.id AND x.status <> 'CANCELLED' AND x.ends_at > $2
          ORDER BY x.starts_at, x.id LIMIT 100) a`,
      [valid, now],
    );
  }

  /** Activities of many stations in one statement, newest first, at most 500 each. */
  async ofStations(stationIds: readonly string[], from?: Date | null, to?: Date | null): Promise<ActivityRow[]> {
    const valid = stationIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${ACTIVITY_COLUMNS} FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL (
         SELECT * FROM activities x WHERE x.station_id = p.id AND ($2::timestamptz IS NULL OR x.starts_at >= $2) AND ($3::timestamptz IS NULL OR x.starts_at < $3)
          ORDER BY x.starts_at DESC LIMIT 500) a`,
      [valid, from ?? null, to ?? null],
    );
  }
}
