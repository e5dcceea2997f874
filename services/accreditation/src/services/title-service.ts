import {
  assertAllowed,
  DomainError,
  forbidden,
  isRegionCode,
  offsetConnection,
  offsetWindow,
  regionPrefix,
  recordEvent,
  recordEvents,
  requireUser,
  type AuthUser,
  type NewEvent,
} from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { assertPhase } from '../domain/cycle-calendar';
import { todayIn, type Clock } from '../domain/dates';
import { maySign } from '../domain/endorsement-chain';
import { assertTitleHeld, certificateNumber } from '../domain/naming';
import { assertCityTitlesCoverQuota, cityOf } from '../domain/quota-rules';
import type { TitleLevel } from '../domain/standards';
import { SOURCE } from './application-service';
import type { NoticeService } from './notice-service';
import { cityTitlesNamedByCity, COLS, requireCycle, requireTitle, type ApplicationRow, type TitleRow } from './rows';

export interface RevokedTitle {
  titleId: string;
  stationId: string;
  regionCode: string;
  level: TitleLevel;
  reason: string;
  reviewId: string | null;
}

export const titleRevokedEvent = (r: RevokedTitle, requestId?: string): NewEvent => ({
  type: 'title.revoked',
  aggregateType: 'Title',
  aggregateId: r.titleId,
  payload: {
    stationId: r.stationId,
    regionCode: r.regionCode,
    titleId: r.titleId,
    level: r.level,
    reason: r.reason,
    reviewId: r.reviewId,
  },
  requestId,
});

function titlePayload(t: TitleRow, extra: Record<string, unknown> = {}) {
  return {
    stationId: t.stationId,
    regionCode: t.regionCode,
    titleId: t.id,
    level: t.level,
    cycleId: t.cycleId,
    ...extra,
  };
}

/** 命名 (Title with certificate), 摘牌 (revocation keeping history), appeal and reinstatement. */
export class TitleService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notices: NoticeService,
  ) {}

  async nameFromNotice(user: AuthUser | undefined, noticeId: string, requestId?: string): Promise<TitleRow[]> {
    requireUser(user);
    const today = todayIn(this.clock);
    return this.ds.transaction(async (m) => {
      const notice = await this.notices.byId(noticeId, m);
      if (!notice) throw new DomainError('NOT_FOUND', `未找到公示：${noticeId}`);
      const cycle = await requireCycle(m, notice.cycleId, true);
      if (!maySign(user, notice.level, notice.regionCode)) throw forbidden('只有本级创建工作领导小组可以命名');
      assertPhase(cycle.phases, 'name', today);
      if (notice.namedAt) throw new DomainError('ALREADY_NAMED', '该公示名单已命名');
      if (today <= notice.endsOn)
        throw new DomainError('NOTICE_NOT_ENDED', `公示期至 ${notice.endsOn} 结束，公示期满后才能命名`);
      const [{ open }] = await m.query(
        `SELECT count(*)::int AS open FROM objection WHERE notice_id = $1 AND status = 'OPEN'`,
        [noticeId],
      );
      if (open > 0) throw new DomainError('OBJECTIONS_PENDING', `还有 ${open} 条异议未处理，处理完毕后才能命名`);
      const apps: ApplicationRow[] = await m.query(
        `SELECT ${COLS.application} FROM application WHERE id = ANY($1::uuid[]) AND status = 'CANDIDATE' ORDER BY created_at FOR UPDATE`,
        [notice.applicationIds],
      );
      if (apps.length === 0) throw new DomainError('NO_CANDIDATES', '公示名单中没有可命名的候选单位');
      const level = notice.level as TitleLevel;
      const factor = cycle.rules.cityTitlesPerProvincialQuota;
      if (level === 'PROVINCE' && factor.value !== null) {
        for (const city of new Set(apps.map((a) => cityOf(a.regionCode)))) {
          const [quota] = await m.query(
            `SELECT amount FROM quota WHERE cycle_id = $1 AND region_code = $2 AND level = 'PROVINCE'`,
            [cycle.id, city],
          );
          const named = (await cityTitlesNamedByCity(m, cycle.year)).get(city.slice(0, 4)) ?? 0;
          assertCityTitlesCoverQuota(named, quota?.amount ?? 0, city, factor.value, factor.source);
        }
      }
      const age = cycle.rules.titleAge;
      if (age.value && level === age.value.level) {
        for (const a of apps)
          assertTitleHeld(
            await m.query(`SELECT ${COLS.title} FROM title WHERE station_id = $1`, [a.stationId]),
            age.value,
            today,
            age.source,
          );
      }
      const [{ seq }] = await m.query(`SELECT count(*)::int AS seq FROM title WHERE cycle_id = $1 AND level = $2`, [
        cycle.id,
        level,
      ]);
      const titles: TitleRow[] = [];
      for (const [i, a] of apps.entries()) {
        const number = certificateNumber(cycle.issuingRegionCode, cycle.year, level, seq + i + 1);
        const [{ id }] = await m.query(
          `INSERT INTO title (station_id, region_code, level, cycle_id, application_id, conferred_on, certificate_number, history)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
          [
            a.stationId,
            a.regionCode,
            level,
            cycle.id,
            a.id,
            today,
            number,
            JSON.stringify([{ on: today, action: 'CONFERRED', by: user!.sub }]),
          ],
        );
        await m.query(`UPDATE application SET status = 'NAMED', updated_at = now() WHERE id = $1`, [a.id]);
        const t = await requireTitle(m, id);
        await recordEvent(m, SOURCE, {
          type: 'title.conferred',
          aggregateType: 'Title',
          aggregateId: id,
          payload: titlePayload(t, { certificateNumber: number }),
          requestId,
        });
        titles.push(t);
      }
      // Business time (a rehearsal runs ahead of the wall clock), like the titles it names.
      await m.query(`UPDATE public_notice SET named_at = $2 WHERE id = $1`, [noticeId, this.clock.now()]);
      return titles;
    });
  }

  /** 摘牌: the title stays with its history; nothing is deleted. */
  async revoke(
    m: EntityManager,
    titleId: string,
    on: string,
    reason: string,
    reviewId: string | null,
    by: string,
    requestId?: string,
  ): Promise<void> {
    const revoked = await this.revokeMany(m, [{ titleId, reason, reviewId }], on, by);
    await recordEvents(
      m,
      SOURCE,
      revoked.map((r) => titleRevokedEvent(r, requestId)),
    );
  }

  /**
   * 摘牌 of many titles in ONE statement (the re-review's batch). Only titles still ACTIVE change
   * (the row lock makes a concurrent revocation a no-op); returns those, for the caller to record
   * their `title.revoked` events (titleRevokedEvent) with the rest of its batch.
   */
  async revokeMany(
    m: EntityManager,
    items: { titleId: string; reason: string; reviewId: string | null }[],
    on: string,
    by: string,
  ): Promise<RevokedTitle[]> {
    if (items.length === 0) return [];
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [RevokedTitle[], number] = await m.query(
      `UPDATE title t SET status = 'REVOKED', revoked_on = $2::text::date, revoked_reason = left(x.reason, 500), revoked_review_id = x.review_id,
              history = t.history || jsonb_build_array(jsonb_build_object('on', $2::text, 'action', 'REVOKED', 'reason', x.reason, 'reviewId', x.review_id, 'by', $3::text))
         FROM jsonb_to_recordset($1::jsonb) AS x(title_id uuid, reason text, review_id uuid)
        WHERE t.id = x.title_id AND t.status = 'ACTIVE'
       RETURNING t.id AS "titleId", t.station_id AS "stationId", t.region_code AS "regionCode", t.level, x.reason, x.review_id AS "reviewId"`,
      [
        JSON.stringify(
          items.map((i) => ({
            title_id: i.titleId,
            reason: i.reason,
            review_id: i.reviewId,
          })),
        ),
        on,
        by,
      ],
    );
    return rows;
  }

  async appeal(user: AuthUser | undefined, titleId: string, reason: string) {
    requireUser(user);
    const text = (reason ?? '').trim();
    if (text.length < 5 || text.length > 2000)
      throw new DomainError('INVALID_LENGTH', '申诉理由应为 5–2000 字', {
        field: 'reason',
      });
    return this.ds.transaction(async (m) => {
      const t = await requireTitle(m, titleId, true);
      assertAllowed(
        user,
        !!user?.roles.includes('STATION_MANAGER') && user.stationId === t.stationId,
        '只有本站站长可以申诉',
      );
      if (t.status !== 'REVOKED') throw new DomainError('TITLE_NOT_REVOKED', '只有被摘牌的雷锋号可以申诉');
      if (t.appeal?.status === 'OPEN') throw new DomainError('APPEAL_PENDING', '已有待处理的申诉');
      const appeal = {
        reason: text,
        filedBy: user!.sub,
        filedAt: todayIn(this.clock),
        status: 'OPEN' as const,
      };
      await m.query(`UPDATE title SET appeal = $2, history = history || $3::jsonb WHERE id = $1`, [
        titleId,
        JSON.stringify(appeal),
        JSON.stringify([{ on: appeal.filedAt, action: 'APPEALED', by: user!.sub }]),
      ]);
      return requireTitle(m, titleId);
    });
  }

  /** The issuing level (admin of the title's level over the station) decides; reinstating restores the title. */
  async decideAppeal(
    user: AuthUser | undefined,
    titleId: string,
    reinstate: boolean,
    comment: string,
    requestId?: string,
  ) {
    requireUser(user);
    const text = (comment ?? '').trim();
    if (!text)
      throw new DomainError('INVALID_LENGTH', '处理意见不能为空', {
        field: 'comment',
      });
    return this.ds.transaction(async (m) => {
      const t = await requireTitle(m, titleId, true);
      if (!maySign(user, t.level, t.regionCode)) throw forbidden('只有授予该雷锋号的本级创建工作领导小组可以处理申诉');
      if (t.appeal?.status !== 'OPEN') throw new DomainError('NO_OPEN_APPEAL', '没有待处理的申诉');
      const today = todayIn(this.clock);
      const appeal = {
        ...t.appeal,
        status: reinstate ? 'GRANTED' : 'DENIED',
        decidedBy: user!.sub,
        comment: text,
      };
      const history = [
        ...t.history,
        {
          on: today,
          action: reinstate ? 'REINSTATED' : 'APPEAL_DENIED',
          by: user!.sub,
          comment: text,
        },
      ];
      if (reinstate) {
        await m.query(
          `UPDATE title SET status = 'ACTIVE', reinstated_on = $2, appeal = $3, history = $4 WHERE id = $1`,
          [titleId, today, JSON.stringify(appeal), JSON.stringify(history)],
        );
        await recordEvent(m, SOURCE, {
          type: 'title.reinstated',
          aggregateType: 'Title',
          aggregateId: titleId,
          payload: titlePayload(t, { reinstatedOn: today }),
          requestId,
        });
      } else {
        await m.query(`UPDATE title SET appeal = $2, history = $3 WHERE id = $1`, [
          titleId,
          JSON.stringify(appeal),
          JSON.stringify(history),
        ]);
      }
      return requireTitle(m, titleId);
    });
  }

  byStations(ids: readonly string[]): Promise<TitleRow[]> {
    return this.ds.query(
      `SELECT ${COLS.title} FROM title WHERE station_id = ANY($1::uuid[]) ORDER BY conferred_on DESC`,
      [ids],
    );
  }

  inRegion(regionCode: string, level?: TitleLevel | null, year?: number | null): Promise<TitleRow[]> {
    return this.ds.query(
      `SELECT ${COLS.title} FROM title WHERE region_code LIKE $1 AND ($2::text IS NULL OR level = $2) AND ($3::int IS NULL OR extract(year FROM conferred_on)::int = $3) ORDER BY conferred_on, certificate_number`,
      [`${regionCode.replace(/(00)+$/, '')}%`, level ?? null, year ?? null],
    );
  }

  /** A page of the region's titles, newest named first (signed-in users). */
  async titlePage(
    user: AuthUser | undefined,
    regionCode: string,
    filter: { level?: TitleLevel | null; year?: number | null; status?: string | null },
    page: { first?: number | null; after?: string | null; offset?: number | null },
  ) {
    requireUser(user);
    const w = offsetWindow(page);
    if (filter.status != null && filter.status !== 'ACTIVE' && filter.status !== 'REVOKED')
      throw new DomainError('INVALID_STATUS', '称号状态不正确', { field: 'status' });
    const where = `region_code LIKE $1 AND ($2::text IS NULL OR level = $2)
      AND ($3::int IS NULL OR extract(year FROM conferred_on)::int = $3) AND ($4::text IS NULL OR status = $4)`;
    const params = [`${scopePrefix(regionCode)}%`, filter.level ?? null, filter.year ?? null, filter.status ?? null];
    return this.page(where, params, 'conferred_on DESC, certificate_number DESC, id', w);
  }

  /** A page of the titles under the region with an appeal: open ones first, then the newest revoked. */
  async appealPage(
    user: AuthUser | undefined,
    regionCode: string,
    status: string | null | undefined,
    page: { first?: number | null; after?: string | null; offset?: number | null },
  ) {
    requireUser(user);
    const w = offsetWindow(page);
    if (status != null && !['OPEN', 'GRANTED', 'DENIED'].includes(status))
      throw new DomainError('INVALID_STATUS', '申诉状态不正确', { field: 'status' });
    const where = `region_code LIKE $1 AND appeal IS NOT NULL AND ($2::text IS NULL OR appeal->>'status' = $2)`;
    return this.page(
      where,
      [`${scopePrefix(regionCode)}%`, status ?? null],
      `(appeal->>'status' = 'OPEN') DESC, revoked_on DESC NULLS LAST, id`,
      w,
    );
  }

  private async page(where: string, params: unknown[], order: string, w: { offset: number; first: number }) {
    const n = params.length;
    const rows: TitleRow[] = await this.ds.query(
      `SELECT ${COLS.title} FROM title WHERE ${where} ORDER BY ${order} OFFSET $${n + 1} LIMIT $${n + 2}`,
      [...params, w.offset, w.first + 1],
    );
    return offsetConnection(rows, w, async () => {
      const [{ c }] = await this.ds.query(`SELECT count(*)::int AS c FROM title WHERE ${where}`, params);
      return c as number;
    });
  }
}

/** The LIKE prefix of everything under a region (a malformed code matches nothing). */
function scopePrefix(regionCode: string): string {
  if (!isRegionCode(regionCode)) throw new DomainError('INVALID_REGION', '地区代码不正确', { field: 'code' });
  return regionPrefix(regionCode);
}
