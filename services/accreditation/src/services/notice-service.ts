import { DomainError, forbidden, recordEvent, regionCovers, regionLevelOfCode, requireUser, type AuthUser, zhLabel } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { assertPhase } from '../domain/cycle-calendar';
import { isDate, todayIn, type Clock } from '../domain/dates';
import type { HolidayCalendar } from '../domain/holiday-calendar';
import { maySign } from '../domain/endorsement-chain';
import type { TitleLevel } from '../domain/standards';
import { SOURCE } from './application-service';
import { COLS, isUuid, one, requireCycle } from './rows';

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
  createdAt: Date;
}

const LEVEL_OF_REGION = { PROVINCE: 'PROVINCE', CITY: 'CITY', COUNTY: 'COUNTY' } as const;

/** 公示: candidates on the region's notice board for N working days (public holidays and 调休 counted); objections resolved before naming. */
export class NoticeService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly calendar: HolidayCalendar,
  ) {}

  async publish(user: AuthUser | undefined, input: { cycleId: string; regionCode: string; startsOn?: string | null; workingDays?: number | null }, requestId?: string): Promise<NoticeRow> {
    requireUser(user);
    const today = todayIn(this.clock);
    const startsOn = input.startsOn ?? today;
    if (!isDate(startsOn) || startsOn < today) throw new DomainError('INVALID_DATE', '公示开始日期不能早于今天', { field: 'startsOn' });
    const regionLevel = regionLevelOfCode(input.regionCode);
    if (!regionLevel || regionLevel === 'TOWNSHIP') throw new DomainError('INVALID_REGION', '公示地区不正确', { field: 'regionCode' });
    const level = LEVEL_OF_REGION[regionLevel] as TitleLevel;
    return this.ds.transaction(async (m) => {
      const cycle = await requireCycle(m, input.cycleId, true);
      if (!cycle.levels.includes(level)) throw new DomainError('LEVEL_NOT_AWARDED', `本年度创建活动不评选${zhLabel('titleLevel', level)}雷锋号`);
      if (!maySign(user, level, input.regionCode)) throw forbidden('只有本级创建工作领导小组可以发布公示');
      assertPhase(cycle.phases, 'publishNotice', today);
      const days = input.workingDays ?? cycle.noticeWorkingDays;
      if (!Number.isInteger(days) || days < 1 || days > 30) throw new DomainError('INVALID_NUMBER', '公示期应为 1–30 个工作日', { field: 'workingDays' });
      const candidates: { id: string }[] = await m.query(
        `SELECT id FROM application WHERE cycle_id = $1 AND level = $2 AND status = 'CANDIDATE' AND region_code LIKE $3
           AND NOT EXISTS (SELECT 1 FROM public_notice n WHERE n.cycle_id = $1 AND n.application_ids ? application.id::text)
         ORDER BY created_at`,
        [cycle.id, level, `${input.regionCode.slice(0, level === 'PROVINCE' ? 2 : level === 'CITY' ? 4 : 6)}%`],
      );
      if (candidates.length === 0) throw new DomainError('NO_CANDIDATES', '没有待公示的候选单位');
      const endsOn = this.calendar.addWorkingDays(startsOn, days);
      const [{ id }] = await m.query(
        `INSERT INTO public_notice (cycle_id, level, region_code, starts_on, ends_on, application_ids, published_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
        [cycle.id, level, input.regionCode, startsOn, endsOn, JSON.stringify(candidates.map((c) => c.id)), user!.sub],
      );
      await recordEvent(m, SOURCE, {
        type: 'notice.published',
        aggregateType: 'PublicNotice',
        aggregateId: id,
        payload: { noticeId: id, cycleId: cycle.id, level, regionCode: input.regionCode, startsOn, endsOn, applicationIds: candidates.map((c) => c.id) },
        requestId,
      });
      return (await this.byId(id, m))!;
    });
  }

  async fileObjection(user: AuthUser | undefined, noticeId: string, applicationId: string, content: string) {
    requireUser(user);
    const text = (content ?? '').trim();
    if (text.length < 5 || text.length > 2000) throw new DomainError('INVALID_LENGTH', '异议内容应为 5–2000 字', { field: 'content' });
    return this.ds.transaction(async (m) => {
      const notice = await this.byId(noticeId, m);
      if (!notice) throw new DomainError('NOT_FOUND', `未找到公示：${noticeId}`);
      if (!notice.applicationIds.includes(applicationId)) throw new DomainError('NOT_ON_NOTICE', '该申报不在本次公示名单中');
      const today = todayIn(this.clock);
      if (today < notice.startsOn || today > notice.endsOn) throw new DomainError('NOTICE_CLOSED', `公示期为 ${notice.startsOn} 至 ${notice.endsOn}，不在公示期内`);
      const [row] = await m.query(`INSERT INTO objection (notice_id, application_id, content, filed_by) VALUES ($1,$2,$3,$4) RETURNING ${COLS.objection}`, [noticeId, applicationId, text, user!.sub]);
      return row;
    });
  }

  /** UPHELD removes the candidate (application REJECTED); DISMISSED keeps it. */
  async resolveObjection(user: AuthUser | undefined, id: string, upheld: boolean, resolution: string, requestId?: string) {
    requireUser(user);
    const text = (resolution ?? '').trim();
    if (!text || text.length > 2000) throw new DomainError('INVALID_LENGTH', '处理意见不能为空且不超过 2000 字', { field: 'resolution' });
    return this.ds.transaction(async (m) => {
      const obj = isUuid(id) ? await one<any>(m, `SELECT ${COLS.objection} FROM objection WHERE id = $1 FOR UPDATE`, [id]) : undefined;
      if (!obj) throw new DomainError('NOT_FOUND', `未找到异议：${id}`);
      const notice = (await this.byId(obj.noticeId, m))!;
      if (!maySign(user, notice.level, notice.regionCode)) throw forbidden('只有发布公示的创建工作领导小组可以处理异议');
      if (obj.status !== 'OPEN') throw new DomainError('OBJECTION_RESOLVED', '该异议已处理');
      await m.query(`UPDATE objection SET status = $2, resolution = $3, resolved_by = $4, resolved_at = now() WHERE id = $1`, [id, upheld ? 'UPHELD' : 'DISMISSED', text, user!.sub]);
      if (upheld) {
        const [app] = await m.query(`UPDATE application SET status = 'REJECTED', updated_at = now() WHERE id = $1 RETURNING id, station_id, region_code, cycle_id, level`, [obj.applicationId]);
        await recordEvent(m, SOURCE, {
          type: 'application.rejected',
          aggregateType: 'Application',
          aggregateId: app.id,
          payload: { applicationId: app.id, stationId: app.station_id, regionCode: app.region_code, cycleId: app.cycle_id, level: app.level, reason: 'OBJECTION_UPHELD' },
          requestId,
        });
      }
      return one(m, `SELECT ${COLS.objection} FROM objection WHERE id = $1`, [id]);
    });
  }

  async byId(id: string, m = this.ds.manager): Promise<NoticeRow | null> {
    if (!isUuid(id)) return null;
    return (await one<NoticeRow>(m, `SELECT ${COLS.notice} FROM public_notice WHERE id = $1`, [id])) ?? null;
  }

  objections(noticeIds: readonly string[]) {
    return this.ds.query(`SELECT ${COLS.objection} FROM objection WHERE notice_id = ANY($1::uuid[]) ORDER BY created_at`, [noticeIds]);
  }

  /** Notices on a region's board (the region and the regions above it). */
  onBoard(regionCode: string): Promise<NoticeRow[]> {
    return this.ds.query(`SELECT ${COLS.notice} FROM public_notice ORDER BY created_at DESC`).then((rows: NoticeRow[]) => rows.filter((n) => regionCovers(n.regionCode, regionCode) || regionCovers(regionCode, n.regionCode)));
  }
}
