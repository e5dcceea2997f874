import { randomUUID } from 'node:crypto';
import {
  assertAllowed,
  canAdministerRegion,
  DomainError,
  hasRole,
  isUuid,
  recordEvents,
  requireUser,
  type AuthUser,
  type NewEvent,
} from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { isDate, todayIn, type Clock } from '../domain/dates';
import type { Finding } from '../domain/standards';
import { COLS, requireCycle, stationRef } from './rows';
import { SOURCE } from './application-service';

export interface InspectionInput {
  stationId: string;
  cycleId?: string | null;
  kind: 'ACCEPTANCE' | 'SPOT_CHECK';
  inspectedOn: string;
  verdict: 'PASS' | 'RECTIFY' | 'FAIL';
  findings: Finding[];
  photos?: { fileName: string; url: string }[] | null;
}

export interface NewOrder {
  stationId: string;
  regionCode: string;
  deadline: string;
  requirements: string;
  inspectionId: string | null;
  reviewId: string | null;
  titleId: string | null;
  orderedBy: string;
}

export const rectificationOrderedEvent = (o: NewOrder & { id: string }, requestId?: string): NewEvent => ({
  type: 'rectification.ordered',
  aggregateType: 'Rectification',
  aggregateId: o.id,
  payload: {
    stationId: o.stationId,
    regionCode: o.regionCode,
    reviewId: o.reviewId,
    rectificationId: o.id,
    outcome: 'RECTIFY',
    deadline: o.deadline,
  },
  requestId,
});

/** 实地检查 / 抽查暗访 and 整改 orders with follow-up. */
export class InspectionService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(user: AuthUser | undefined, input: InspectionInput) {
    requireUser(user);
    const today = todayIn(this.clock);
    if (!['ACCEPTANCE', 'SPOT_CHECK'].includes(input.kind))
      throw new DomainError('INVALID_KIND', '检查类型不正确', {
        field: 'kind',
      });
    if (!['PASS', 'RECTIFY', 'FAIL'].includes(input.verdict))
      throw new DomainError('INVALID_VERDICT', '检查结论不正确', {
        field: 'verdict',
      });
    if (!isDate(input.inspectedOn) || input.inspectedOn > today)
      throw new DomainError('INVALID_DATE', '检查日期不正确或晚于今天', {
        field: 'inspectedOn',
      });
    if (!input.findings?.length || input.findings.some((f) => !f.criterion?.trim()))
      throw new DomainError('INVALID_FINDINGS', '请逐项填写检查结论', {
        field: 'findings',
      });
    return this.ds.transaction(async (m) => {
      const station = await stationRef(m, input.stationId);
      if (!station)
        throw new DomainError('STATION_NOT_REGISTERED', '未找到该站点', {
          stationId: input.stationId,
        });
      assertAllowed(
        user,
        hasRole(user, 'INSPECTOR', 'SERVICE') || canAdministerRegion(user, station.regionCode),
        '只有检查人员或所辖地区管理员可以记录检查',
      );
      if (hasRole(user, 'INSPECTOR') && user!.regionCode)
        assertAllowed(
          user,
          canAdministerRegion({ ...user!, roles: ['PROVINCE_ADMIN'] }, station.regionCode),
          '该站点不在检查人员负责的地区',
        );
      if (input.cycleId) await requireCycle(m, input.cycleId);
      const [{ id }] = await m.query(
        `INSERT INTO inspection (station_id, cycle_id, kind, inspector, inspected_on, verdict, findings, photos) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
        [
          station.id,
          input.cycleId ?? null,
          input.kind,
          user!.sub,
          input.inspectedOn,
          input.verdict,
          JSON.stringify(
            input.findings.map((f) => ({
              criterion: f.criterion.trim(),
              met: !!f.met,
              note: f.note ?? null,
            })),
          ),
          JSON.stringify(input.photos ?? []),
        ],
      );
      const [row] = await m.query(`SELECT ${COLS.inspection} FROM inspection WHERE id = $1`, [id]);
      return row;
    });
  }

  async order(
    user: AuthUser | undefined,
    input: {
      stationId: string;
      deadline: string;
      requirements: string;
      inspectionId?: string | null;
    },
    requestId?: string,
  ) {
    requireUser(user);
    const today = todayIn(this.clock);
    if (!isDate(input.deadline) || input.deadline <= today)
      throw new DomainError('INVALID_DATE', '整改期限应晚于今天', {
        field: 'deadline',
      });
    const requirements = (input.requirements ?? '').trim();
    if (!requirements || requirements.length > 2000)
      throw new DomainError('INVALID_LENGTH', '整改要求不能为空且不超过 2000 字', { field: 'requirements' });
    return this.ds.transaction(async (m) => {
      const station = await stationRef(m, input.stationId);
      if (!station)
        throw new DomainError('STATION_NOT_REGISTERED', '未找到该站点', {
          stationId: input.stationId,
        });
      assertAllowed(user, canAdministerRegion(user, station.regionCode), '只有所辖地区管理员可以下达整改通知');
      return this.insertOrder(
        m,
        {
          stationId: station.id,
          regionCode: station.regionCode,
          deadline: input.deadline,
          requirements,
          inspectionId: input.inspectionId ?? null,
          reviewId: null,
          titleId: null,
          orderedBy: user!.sub,
        },
        requestId,
      );
    });
  }

  async insertOrder(m: EntityManager, o: NewOrder, requestId?: string) {
    const [created] = await this.insertOrders(m, [o]);
    await recordEvents(m, SOURCE, [rectificationOrderedEvent(created, requestId)]);
    const [row] = await m.query(`SELECT ${COLS.rectification} FROM rectification WHERE id = $1`, [created.id]);
    return row;
  }

  /**
   * Many orders in ONE statement (the re-review's batch); returns those inserted, whose events the
   * caller records (rectificationOrderedEvent). A review order for a station that already has an open
   * one (another run got there first: rectification_open_review_order_uq) is skipped.
   */
  async insertOrders(m: EntityManager, orders: NewOrder[]): Promise<(NewOrder & { id: string })[]> {
    if (orders.length === 0) return [];
    // Ids made here, so each order keeps its own without relying on RETURNING's row order.
    const created = orders.map((o) => ({ ...o, id: randomUUID() }));
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO rectification (id, station_id, title_id, inspection_id, review_id, requirements, deadline, ordered_by)
       SELECT x.id, x.station_id, x.title_id, x.inspection_id, x.review_id, x.requirements, x.deadline, x.ordered_by
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, station_id uuid, title_id uuid, inspection_id uuid, review_id uuid, requirements text, deadline date, ordered_by text)
       ON CONFLICT (station_id) WHERE status = 'OPEN' AND review_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          created.map((o) => ({
            id: o.id,
            station_id: o.stationId,
            title_id: o.titleId,
            inspection_id: o.inspectionId,
            review_id: o.reviewId,
            requirements: o.requirements,
            deadline: o.deadline,
            ordered_by: o.orderedBy,
          })),
        ),
      ],
    );
    const ids = new Set(inserted.map((r) => r.id));
    return created.filter((o) => ids.has(o.id));
  }

  /** Follow-up: MET closes the order; UNMET leaves it to the re-review once the deadline passes. */
  async followUp(user: AuthUser | undefined, id: string, met: boolean, note?: string | null) {
    requireUser(user);
    if (!isUuid(id)) throw new DomainError('NOT_FOUND', `未找到整改通知：${id}`, { id });
    return this.ds.transaction(async (m) => {
      const [order] = await m.query(`SELECT ${COLS.rectification} FROM rectification WHERE id = $1 FOR UPDATE`, [id]);
      if (!order) throw new DomainError('NOT_FOUND', `未找到整改通知：${id}`, { id });
      const station = await stationRef(m, order.stationId);
      assertAllowed(
        user,
        hasRole(user, 'INSPECTOR') || canAdministerRegion(user, station?.regionCode ?? ''),
        '只有检查人员或所辖地区管理员可以登记整改复查',
      );
      if (order.status !== 'OPEN') throw new DomainError('RECTIFICATION_CLOSED', '该整改通知已办结');
      await m.query(`UPDATE rectification SET status = $2, follow_up_note = $3, followed_up_on = $4 WHERE id = $1`, [
        id,
        met ? 'MET' : 'OPEN',
        note?.trim() || null,
        todayIn(this.clock),
      ]);
      const [row] = await m.query(`SELECT ${COLS.rectification} FROM rectification WHERE id = $1`, [id]);
      return row;
    });
  }

  byStation(stationId: string) {
    return this.ds.query(
      `SELECT ${COLS.inspection} FROM inspection WHERE station_id = $1 ORDER BY inspected_on DESC, created_at DESC`,
      [stationId],
    );
  }

  rectificationsOf(stationId: string) {
    return this.ds.query(
      `SELECT ${COLS.rectification} FROM rectification WHERE station_id = $1 ORDER BY created_at DESC`,
      [stationId],
    );
  }

  latestByStations(ids: readonly string[]) {
    return this.ds.query(
      `SELECT DISTINCT ON (station_id) ${COLS.inspection} FROM inspection WHERE station_id = ANY($1::uuid[]) ORDER BY station_id, inspected_on DESC, created_at DESC`,
      [ids],
    );
  }

  /**
   * Open orders of the stations, in `m`'s transaction when given; `lock` holds them (in id order, so
   * concurrent lockers cannot deadlock) until it ends, so no follow-up can close one meanwhile.
   */
  async openRectifications(ids: readonly string[], m: EntityManager = this.ds.manager, lock = false) {
    const rows = await m.query(
      `SELECT ${COLS.rectification} FROM rectification WHERE station_id = ANY($1::uuid[]) AND status = 'OPEN' ORDER BY ${lock ? 'id FOR UPDATE' : 'deadline'}`,
      [ids],
    );
    return lock
      ? rows.sort((a: { deadline: string }, b: { deadline: string }) => a.deadline.localeCompare(b.deadline))
      : rows;
  }
}
