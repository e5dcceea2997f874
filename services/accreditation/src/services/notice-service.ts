import {
  assertAllowed,
  DomainError,
  forbidden,
  recordEvent,
  regionCovers,
  regionLevelOfCode,
  requireUser,
  type AuthUser,
  zhLabel,
} from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { assertPhase } from '../domain/cycle-calendar';
import { isDate, todayIn, type Clock } from '../domain/dates';
import { validateHolidayYear, type HolidayCalendar, type HolidayYearInput } from '../domain/holiday-calendar';
import { maySign } from '../domain/endorsement-chain';
import type { TitleLevel } from '../domain/standards';
import { SOURCE } from './application-service';
import { COLS, isUuid, one, requireCycle, type ObjectionRow } from './rows';

export interface NoticeRow {
  id: string;
  cycleId: string;
  level: TitleLevel;
  regionCode: string;
  startsOn: string;
  endsOn: string;
  applicationIds: string[];
  publishedBy: string;
  namedAt: Date | null;
  /** Set when the period runs into a year whose holiday arrangement is not published (counted Monday–Friday). */
  calendarWarning: string | null;
  createdAt: Date;
}

export interface HolidayYearRow {
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
  publishedBy: string;
  publishedAt: Date;
}
const HOLIDAY_COLS = `year, holidays, workdays, source, published_by AS "publishedBy", published_at AS "publishedAt"`;

const LEVEL_OF_REGION = {
  PROVINCE: 'PROVINCE',
  CITY: 'CITY',
  COUNTY: 'COUNTY',
} as const;

/** 公示: candidates on the region's notice board for N working days (public holidays and 调休 counted); objections resolved before naming. */
export class NoticeService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly calendar: HolidayCalendar,
  ) {}

  async publish(
    user: AuthUser | undefined,
    input: {
      cycleId: string;
      regionCode: string;
      startsOn?: string | null;
      workingDays?: number | null;
    },
    requestId?: string,
  ): Promise<NoticeRow> {
    requireUser(user);
    const today = todayIn(this.clock);
    const startsOn = input.startsOn ?? today;
    if (!isDate(startsOn) || startsOn < today)
      throw new DomainError('INVALID_DATE', '公示开始日期不能早于今天', {
        field: 'startsOn',
      });
    const regionLevel = regionLevelOfCode(input.regionCode);
    if (!regionLevel || regionLevel === 'TOWNSHIP')
      throw new DomainError('INVALID_REGION', '公示地区不正确', {
        field: 'regionCode',
      });
    const level = LEVEL_OF_REGION[regionLevel] as TitleLevel;
    return this.ds.transaction(async (m) => {
      const cycle = await requireCycle(m, input.cycleId, true);
      if (!cycle.levels.includes(level))
        throw new DomainError('LEVEL_NOT_AWARDED', `本年度创建活动不评选${zhLabel('titleLevel', level)}雷锋号`);
      if (!maySign(user, level, input.regionCode)) throw forbidden('只有本级创建工作领导小组可以发布公示');
      assertPhase(cycle.phases, 'publishNotice', today);
      const days = input.workingDays ?? cycle.noticeWorkingDays;
      if (!Number.isInteger(days) || days < 1 || days > 30)
        throw new DomainError('INVALID_NUMBER', '公示期应为 1–30 个工作日', {
          field: 'workingDays',
        });
      const candidates: { id: string }[] = await m.query(
        `SELECT id FROM application WHERE cycle_id = $1 AND level = $2 AND status = 'CANDIDATE' AND region_code LIKE $3
           AND NOT EXISTS (SELECT 1 FROM public_notice n WHERE n.cycle_id = $1 AND n.application_ids ? application.id::text)
         ORDER BY created_at`,
        [cycle.id, level, `${input.regionCode.slice(0, level === 'PROVINCE' ? 2 : level === 'CITY' ? 4 : 6)}%`],
      );
      if (candidates.length === 0) throw new DomainError('NO_CANDIDATES', '没有待公示的候选单位');
      const calendar = await this.calendarNow(m);
      const endsOn = calendar.addWorkingDays(startsOn, days);
      const missing = calendar.uncoveredYears(startsOn, endsOn);
      const calendarWarning = missing.length
        ? `${missing.join('、')} 年的节假日安排尚未发布，公示期暂按周一至周五计算工作日；发布后请核对公示截止日期`
        : null;
      const [{ id }] = await m.query(
        `INSERT INTO public_notice (cycle_id, level, region_code, starts_on, ends_on, application_ids, published_by, calendar_warning) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
        [
          cycle.id,
          level,
          input.regionCode,
          startsOn,
          endsOn,
          JSON.stringify(candidates.map((c) => c.id)),
          user!.sub,
          calendarWarning,
        ],
      );
      await recordEvent(m, SOURCE, {
        type: 'notice.published',
        aggregateType: 'PublicNotice',
        aggregateId: id,
        payload: {
          noticeId: id,
          cycleId: cycle.id,
          level,
          regionCode: input.regionCode,
          startsOn,
          endsOn,
          applicationIds: candidates.map((c) => c.id),
          calendarWarning: calendarWarning ?? undefined,
        },
        requestId,
      });
      return (await this.byId(id, m))!;
    });
  }

  /** The seeded calendar (and HOLIDAY_CALENDAR_FILE) with the years published through the graph laid over it. */
  private async calendarNow(m = this.ds.manager): Promise<HolidayCalendar> {
    const rows: HolidayYearRow[] = await m.query(
      `SELECT DISTINCT ON (year) ${HOLIDAY_COLS} FROM holiday_calendar_version ORDER BY year, id DESC`,
    );
    return this.calendar.merge({
      years: Object.fromEntries(rows.map((r) => [String(r.year), { holidays: r.holidays, workdays: r.workdays }])),
    });
  }

  /** A province admin publishes a year's arrangement as the State Council's notice lists it; earlier versions are kept. */
  async publishHolidayYear(user: AuthUser | undefined, input: HolidayYearInput): Promise<HolidayYearRow> {
    requireUser(user);
    assertAllowed(user, !!user?.roles.includes('PROVINCE_ADMIN'), '只有省级管理员可以发布节假日安排');
    const y = validateHolidayYear(input);
    return this.ds.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO holiday_calendar_version (year, holidays, workdays, source, published_by, published_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING ${HOLIDAY_COLS}`,
        [y.year, JSON.stringify(y.holidays), JSON.stringify(y.workdays), y.source, user!.sub, this.clock.now()],
      );
      return row;
    });
  }

  /** A year's current arrangement with every published version (newest first), or null when none is published. */
  async holidayYear(year: number): Promise<(HolidayYearRow & { versions: HolidayYearRow[] }) | null> {
    const versions: HolidayYearRow[] = await this.ds.query(
      `SELECT ${HOLIDAY_COLS} FROM holiday_calendar_version WHERE year = $1 ORDER BY id DESC`,
      [year],
    );
    return versions.length ? { ...versions[0], versions } : null;
  }

  async fileObjection(user: AuthUser | undefined, noticeId: string, applicationId: string, content: string) {
    requireUser(user);
    const text = (content ?? '').trim();
    if (text.length < 5 || text.length > 2000)
      throw new DomainError('INVALID_LENGTH', '异议内容应为 5–2000 字', {
        field: 'content',
      });
    return this.ds.transaction(async (m) => {
      const notice = await this.byId(noticeId, m);
      if (!notice) throw new DomainError('NOT_FOUND', `未找到公示：${noticeId}`);
      if (!notice.applicationIds.includes(applicationId))
        throw new DomainError('NOT_ON_NOTICE', '该申报不在本次公示名单中');
      const today = todayIn(this.clock);
      if (today < notice.startsOn || today > notice.endsOn)
        throw new DomainError('NOTICE_CLOSED', `公示期为 ${notice.startsOn} 至 ${notice.endsOn}，不在公示期内`);
      const [row] = await m.query(
        `INSERT INTO objection (notice_id, application_id, content, filed_by) VALUES ($1,$2,$3,$4) RETURNING ${COLS.objection}`,
        [noticeId, applicationId, text, user!.sub],
      );
      return row;
    });
  }

  /** UPHELD removes the candidate (application REJECTED); DISMISSED keeps it. */
  async resolveObjection(
    user: AuthUser | undefined,
    id: string,
    upheld: boolean,
    resolution: string,
    requestId?: string,
  ) {
    requireUser(user);
    const text = (resolution ?? '').trim();
    if (!text || text.length > 2000)
      throw new DomainError('INVALID_LENGTH', '处理意见不能为空且不超过 2000 字', { field: 'resolution' });
    return this.ds.transaction(async (m) => {
      const obj = isUuid(id)
        ? await one<ObjectionRow>(m, `SELECT ${COLS.objection} FROM objection WHERE id = $1 FOR UPDATE`, [id])
        : undefined;
      if (!obj) throw new DomainError('NOT_FOUND', `未找到异议：${id}`);
      const notice = (await this.byId(obj.noticeId, m))!;
      if (!maySign(user, notice.level, notice.regionCode))
        throw forbidden('只有发布公示的创建工作领导小组可以处理异议');
      if (obj.status !== 'OPEN') throw new DomainError('OBJECTION_RESOLVED', '该异议已处理');
      await m.query(
        `UPDATE objection SET status = $2, resolution = $3, resolved_by = $4, resolved_at = $5 WHERE id = $1`,
        [id, upheld ? 'UPHELD' : 'DISMISSED', text, user!.sub, this.clock.now()],
      );
      if (upheld) {
        const [app] = await m.query(
          `UPDATE application SET status = 'REJECTED', updated_at = now() WHERE id = $1 RETURNING id, station_id, region_code, cycle_id, level`,
          [obj.applicationId],
        );
        await recordEvent(m, SOURCE, {
          type: 'application.rejected',
          aggregateType: 'Application',
          aggregateId: app.id,
          payload: {
            applicationId: app.id,
            stationId: app.station_id,
            regionCode: app.region_code,
            cycleId: app.cycle_id,
            level: app.level,
            reason: 'OBJECTION_UPHELD',
          },
          requestId,
        });
      }
      return (await one<ObjectionRow>(m, `SELECT ${COLS.objection} FROM objection WHERE id = $1`, [id]))!;
    });
  }

  async byId(id: string, m = this.ds.manager): Promise<NoticeRow | null> {
    if (!isUuid(id)) return null;
    return (await one<NoticeRow>(m, `SELECT ${COLS.notice} FROM public_notice WHERE id = $1`, [id])) ?? null;
  }

  /** What a 公示 shows the public (no login): each candidate's station and level, in the notice's order. */
  async candidates(notice: NoticeRow): Promise<{ applicationId: string; stationId: string; level: TitleLevel }[]> {
    const ids = notice.applicationIds.filter(isUuid);
    const rows: {
      applicationId: string;
      stationId: string;
      level: TitleLevel;
    }[] = ids.length
      ? await this.ds.query(
          `SELECT id AS "applicationId", station_id AS "stationId", level FROM application WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    const byId = new Map(rows.map((r) => [r.applicationId, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** True while today (business time, Asia/Shanghai) is inside the notice's window. */
  acceptingObjections(notice: NoticeRow): boolean {
    const today = todayIn(this.clock);
    return today >= notice.startsOn && today <= notice.endsOn;
  }

  /** A cycle's notices, newest first. */
  ofCycle(cycleId: string): Promise<NoticeRow[]> {
    return this.ds.query(`SELECT ${COLS.notice} FROM public_notice WHERE cycle_id = $1 ORDER BY created_at DESC`, [
      cycleId,
    ]);
  }

  objections(noticeIds: readonly string[]): Promise<ObjectionRow[]> {
    return this.ds.query(
      `SELECT ${COLS.objection} FROM objection WHERE notice_id = ANY($1::uuid[]) ORDER BY created_at`,
      [noticeIds],
    );
  }

  /** Notices on a region's board (the region and the regions above it). */
  onBoard(regionCode: string): Promise<NoticeRow[]> {
    return this.ds
      .query(`SELECT ${COLS.notice} FROM public_notice ORDER BY created_at DESC`)
      .then((rows: NoticeRow[]) =>
        rows.filter((n) => regionCovers(n.regionCode, regionCode) || regionCovers(regionCode, n.regionCode)),
      );
  }
}
