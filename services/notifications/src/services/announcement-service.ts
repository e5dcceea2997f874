import {
  assertAllowed,
  canAdministerRegion,
  canManageStation,
  DomainError,
  isRegionCode,
  isUuid,
  notFound,
  recordEvent,
  regionPrefix,
  ValidationErrors,
  zhLabels,
  type AuthUser,
} from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { Clock } from '../config';
import type { AnnouncementCategory } from '../domain/fanout-rules';
import { checkStatsYear } from '../domain/announcements';
import { findStationRefs } from './station-ref';
import { recordAnnouncement } from '../handle-event';

const CATEGORIES: AnnouncementCategory[] = [
  'ACTIVITY_RECRUITMENT',
  'SERVICE_DEMAND',
  'TITLE_NEWS',
  'REVIEW_RESULT',
  'NOTICE',
];
export const CATEGORY_LABEL = zhLabels('announcementCategory');
export const MAX_ANNOUNCEMENTS_PAGE = 100;

export interface Announcement {
  id: string;
  stationId: string | null;
  regionCode: string;
  title: string;
  body: string;
  category: AnnouncementCategory;
  pinned: boolean;
  publishFrom: Date;
  publishUntil: Date | null;
  authorSub: string;
  sourceEventId: string | null;
  withdrawnAt: Date | null;
  createdAt: Date;
}

export interface AnnouncementInput {
  stationId?: string | null;
  regionCode?: string | null;
  title: string;
  body: string;
  category: AnnouncementCategory;
  pinned?: boolean | null;
  publishFrom?: Date | null;
  publishUntil?: Date | null;
}

const COLUMNS = `id, station_id, region_code, title, body, category, pinned, publish_from, publish_until, author_sub, source_event_id, withdrawn_at, created_at`;

interface AnnouncementRow {
  id: string;
  station_id: string | null;
  region_code: string;
  title: string;
  body: string;
  category: AnnouncementCategory;
  pinned: boolean;
  publish_from: Date;
  publish_until: Date | null;
  author_sub: string;
  source_event_id: string | null;
  withdrawn_at: Date | null;
  created_at: Date;
}

function toAnnouncement(r: AnnouncementRow): Announcement {
  return {
    id: r.id,
    stationId: r.station_id,
    regionCode: r.region_code,
    title: r.title,
    body: r.body,
    category: r.category,
    pinned: r.pinned,
    publishFrom: r.publish_from,
    publishUntil: r.publish_until,
    authorSub: r.author_sub,
    sourceEventId: r.source_event_id,
    withdrawnAt: r.withdrawn_at,
    createdAt: r.created_at,
  };
}

/** Current = published, not withdrawn, not expired; pinned first, then newest. */
const CURRENT = `withdrawn_at IS NULL AND publish_from <= $NOW AND (publish_until IS NULL OR publish_until > $NOW)`;

export class AnnouncementService {
  constructor(
    private readonly ds: DataSource,
    private readonly now: Clock,
  ) {}

  async create(user: AuthUser | undefined, input: AnnouncementInput, requestId?: string): Promise<Announcement> {
    const errors = new ValidationErrors();
    const title = input.title?.trim() ?? '';
    const body = input.body?.trim() ?? '';
    if ([...title].length < 2 || [...title].length > 60) errors.add('INVALID_TITLE', 'title', '标题应为 2–60 个字');
    if ([...body].length < 1 || [...body].length > 2000) errors.add('INVALID_BODY', 'body', '正文应为 1–2000 个字');
    if (!CATEGORIES.includes(input.category)) errors.add('INVALID_CATEGORY', 'category', '公告类别不正确');
    const from = input.publishFrom ?? this.now();
    if (input.publishUntil && input.publishUntil <= from)
      errors.add('INVALID_PUBLISH_WINDOW', 'publishUntil', '下架时间应晚于发布时间');
    if (!!input.stationId === !!input.regionCode) errors.add('INVALID_BOARD', 'stationId', '请指定站点或地区之一');
    if (input.regionCode && !isRegionCode(input.regionCode))
      errors.add('INVALID_REGION_CODE', 'regionCode', `行政区划代码格式不正确：${input.regionCode}`);
    if (input.stationId && !isUuid(input.stationId))
      errors.add('INVALID_STATION_ID', 'stationId', '站点编号格式不正确');
    assertAllowed(user, true);
    errors.throwIfAny();

    let regionCode = input.regionCode ?? '';
    if (input.stationId) {
      const station = (await findStationRefs(this.ds, [input.stationId])).get(input.stationId);
      if (!station) throw notFound('站点', input.stationId);
      assertAllowed(
        user,
        canManageStation(user, {
          id: station.stationId,
          regionCode: station.regionCode,
        }),
        '只能为本站点或所辖地区的站点发布公告',
      );
      if (station.status === 'CLOSED') throw new DomainError('STATION_CLOSED', '站点已关闭，不能发布公告');
      regionCode = station.regionCode;
    } else {
      assertAllowed(user, canAdministerRegion(user, regionCode), '只能为所辖地区发布公告');
    }

    return this.ds.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO announcement (station_id, region_code, title, body, category, pinned, publish_from, publish_until, author_sub)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
        [
          input.stationId ?? null,
          regionCode,
          title,
          body,
          input.category,
          !!input.pinned,
          from,
          input.publishUntil ?? null,
          user!.sub,
        ],
      );
      await recordAnnouncement(m, row.id, row.station_id, regionCode, input.category, requestId);
      return toAnnouncement(row);
    });
  }

  async withdraw(user: AuthUser | undefined, id: string, requestId?: string): Promise<Announcement> {
    assertAllowed(user, true);
    if (!isUuid(id)) throw notFound('公告', id);
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM announcement WHERE id = $1`, [id]);
    if (!row) throw notFound('公告', id);
    const a = toAnnouncement(row);
    const allowed = a.stationId
      ? canManageStation(user, { id: a.stationId, regionCode: a.regionCode })
      : canAdministerRegion(user, a.regionCode);
    assertAllowed(user, allowed, '只能撤下本站点或所辖地区的公告');
    if (a.withdrawnAt) throw new DomainError('ANNOUNCEMENT_WITHDRAWN', '公告已撤下');
    return this.ds.transaction(async (m) => {
      // Only the withdrawal that flips withdrawn_at writes the event: a concurrent second one finds no row.
      const [updated] = await m.query(
        `UPDATE announcement SET withdrawn_at = $2 WHERE id = $1 AND withdrawn_at IS NULL RETURNING ${COLUMNS}`,
        [id, this.now()],
      );
      const rows = Array.isArray(updated) ? updated : [updated];
      if (!rows[0]) throw new DomainError('ANNOUNCEMENT_WITHDRAWN', '公告已撤下');
      await recordEvent(m, 'notifications', {
        type: 'announcement.withdrawn',
        aggregateType: 'Announcement',
        aggregateId: id,
        payload: {
          announcementId: id,
          stationId: a.stationId,
          regionCode: a.regionCode,
        },
        requestId,
      });
      return toAnnouncement(rows[0]);
    });
  }

  /** A published, not withdrawn announcement (public). */
  async byId(id: string): Promise<Announcement | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.ds.query(
      `SELECT ${COLUMNS} FROM announcement WHERE id = $1 AND withdrawn_at IS NULL AND publish_from <= $2`,
      [id, this.now()],
    );
    return row ? toAnnouncement(row) : null;
  }

  /** Current (or all) announcements of many stations, one statement. */
  async byStations(
    ids: readonly string[],
    first: number,
    includeExpired: boolean,
  ): Promise<Map<string, Announcement[]>> {
    const result = new Map<string, Announcement[]>(ids.map((id) => [id, []]));
    const valid = ids.filter((id) => isUuid(id));
    if (!valid.length) return result;
    const where = includeExpired ? 'withdrawn_at IS NULL' : CURRENT.replace(/\$NOW/g, '$3');
    const rows = await this.ds.query(
      `SELECT ${COLUMNS} FROM (
         SELECT *, row_number() OVER (PARTITION BY station_id ORDER BY pinned DESC, publish_from DESC) AS rn
           FROM announcement WHERE station_id = ANY($1::uuid[]) AND ${where}) a
        WHERE rn <= $2 ORDER BY pinned DESC, publish_from DESC`,
      includeExpired ? [valid, first] : [valid, first, this.now()],
    );
    for (const r of rows) result.get(r.station_id)!.push(toAnnouncement(r));
    return result;
  }

  /** A region board: the region's own announcements and those of boards above it (province → city). */
  async currentForRegion(regionCode: string, first: number): Promise<Announcement[]> {
    if (!isRegionCode(regionCode))
      throw new DomainError('INVALID_REGION_CODE', `行政区划代码格式不正确：${regionCode}`);
    const rows = await this.ds.query(
      `SELECT ${COLUMNS} FROM announcement
        WHERE station_id IS NULL AND region_code LIKE $1 AND ${CURRENT.replace(/\$NOW/g, '$2')}
        ORDER BY pinned DESC, publish_from DESC LIMIT $3`,
      [`${regionPrefix(regionCode)}%`, this.now(), first],
    );
    return rows.map(toAnnouncement);
  }

  /** Station.announcementStats: the year checked, then the figures the request's DataLoader reads through `load`. */
  async stationStats(
    year: number,
    load: (year: number) => Promise<{ publishedCount: number; months: number[] }>,
  ): Promise<{ year: number; publishedCount: number; monthsWithAnnouncement: number[] }> {
    checkStatsYear(year);
    const s = await load(year);
    return { year, publishedCount: s.publishedCount, monthsWithAnnouncement: s.months };
  }

  async statsByStations(
    ids: readonly string[],
    year: number,
  ): Promise<Map<string, { publishedCount: number; months: number[] }>> {
    const result = new Map(ids.map((id) => [id, { publishedCount: 0, months: [] as number[] }]));
    const valid = ids.filter((id) => isUuid(id));
    if (!valid.length) return result;
    const rows = await this.ds.query(
      `SELECT station_id, EXTRACT(MONTH FROM publish_from AT TIME ZONE 'Asia/Shanghai')::int AS month, count(*)::int AS n
         FROM announcement
        WHERE station_id = ANY($1::uuid[]) AND withdrawn_at IS NULL
          AND EXTRACT(YEAR FROM publish_from AT TIME ZONE 'Asia/Shanghai') = $2 AND publish_from <= $3
        GROUP BY 1, 2 ORDER BY 2`,
      [valid, year, this.now()],
    );
    for (const r of rows) {
      const s = result.get(r.station_id)!;
      s.publishedCount += r.n;
      s.months.push(r.month);
    }
    return result;
  }
}
