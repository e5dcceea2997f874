import { DomainError, requireUser, systemClock } from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { assertManage } from '../domain/access';
import { ActivityService } from './activity-service';
import { text, type Actor } from '../domain/common';
import { updateReturning } from './sql';
import { PairingService } from './pairing-service';
import { StationRefs, isUuid } from './station-ref';

export interface DemandRow {
  id: string;
  stationId: string;
  kind: 'PAIRING' | 'ACTIVITY';
  requester: string;
  description: string;
  skill: string | null;
  windowStart: Date;
  windowEnd: Date;
  activityId: string | null;
  status: 'OPEN' | 'MATCHED' | 'CLOSED';
  matchedVolunteerId: string | null;
}

export interface Suggestion {
  volunteerId: string;
  skillMatched: boolean;
  hoursThisYear: number;
}

const COLUMNS = `d.id, d.station_id AS "stationId", d.kind, d.requester, d.description, d.skill, d.window_start AS "windowStart", d.window_end AS "windowEnd",
  d.activity_id AS "activityId", d.status, d.matched_volunteer_id AS "matchedVolunteerId"`;

/**
 * Candidates for a demand: active current members of the station, with the skill when one is asked
 * for, free in the time window (no pending/verified service overlapping it, not already signed up),
 * least-served first so the load spreads.
 */
const SUGGEST = `
  SELECT v.id AS "volunteerId", ($2::text IS NULL OR $2 = ANY(v.skills)) AS "skillMatched",
         COALESCE((SELECT sum(y.hours) FROM verified_hours_yearly y WHERE y.volunteer_id = v.id
                    AND y.year = extract(year FROM $8::timestamptz AT TIME ZONE 'Asia/Shanghai')::int), 0)::float8 AS "hoursThisYear"
    FROM memberships ms JOIN volunteers v ON v.id = ms.volunteer_id
   WHERE ms.station_id = $1 AND ms.left_on IS NULL AND v.status = 'ACTIVE'
     AND ($2::text IS NULL OR $2 = ANY(v.skills))
     AND NOT EXISTS (SELECT 1 FROM service_records r WHERE r.volunteer_id = v.id AND r.status IN ('PENDING', 'VERIFIED')
                      AND tstzrange(r.started_at, r.ended_at) && tstzrange($3::timestamptz, $4::timestamptz))
     AND ($5::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM activity_signups s WHERE s.activity_id = $5 AND s.volunteer_id = v.id))
     AND ($6::uuid IS NULL OR v.id = $6)
   ORDER BY 3, v.registered_on, v.id LIMIT $7`;

/** Service demands (需求) and matching by skill, station and availability (供需对接). */
export class DemandService {
  constructor(private readonly ds: DataSource) {}

  async create(
    actor: Actor,
    input: {
      stationId: string;
      kind: DemandRow['kind'];
      requester: string;
      description: string;
      skill?: string | null;
      windowStart: Date;
      windowEnd: Date;
      activityId?: string | null;
    },
  ): Promise<DemandRow> {
    const user = requireUser(actor.user);
    if (!['PAIRING', 'ACTIVITY'].includes(input.kind))
      throw new DomainError('INVALID_KIND', '需求类型不正确', {
        field: 'kind',
      });
    const requester = text(input.requester, 'requester', '需求人', 50)!;
    const description = text(input.description, 'description', '需求内容', 500)!;
    const skill = text(input.skill, 'skill', '所需技能', 30, {
      optional: true,
    });
    if (!(input.windowEnd > input.windowStart))
      throw new DomainError('INVALID_TIME_RANGE', '需求时间段的结束应晚于开始', { field: 'windowEnd' });
    return this.ds.transaction(async (m) => {
      const station = await StationRefs.require(m, input.stationId, {
        open: true,
      });
      assertManage(user, station);
      if (input.kind === 'ACTIVITY') {
        const [a] =
          input.activityId && isUuid(input.activityId)
            ? await m.query(`SELECT station_id FROM activities WHERE id = $1`, [input.activityId])
            : [];
        if (!a || a.station_id !== station.id)
          throw new DomainError('ACTIVITY_NOT_FOUND', '活动类需求须关联本站的活动', { field: 'activityId' });
      }
      const [row] = await m.query(
        `INSERT INTO demands AS d (station_id, kind, requester, description, skill, window_start, window_end, activity_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
        [
          station.id,
          input.kind,
          requester,
          description,
          skill,
          input.windowStart,
          input.windowEnd,
          input.kind === 'ACTIVITY' ? input.activityId : null,
          user.sub,
        ],
      );
      return row;
    });
  }

  private static async lock(m: EntityManager | DataSource, id: string, forUpdate: boolean): Promise<DemandRow> {
    const [row] = isUuid(id)
      ? await m.query(`SELECT ${COLUMNS} FROM demands d WHERE d.id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id])
      : [];
    if (!row) throw new DomainError('DEMAND_NOT_FOUND', `未找到需求：${id}`);
    return row;
  }

  async suggestions(actor: Actor, demandId: string, first = 10): Promise<Suggestion[]> {
    const demand = await DemandService.lock(this.ds, demandId, false);
    assertManage(actor.user, await StationRefs.require(this.ds.manager, demand.stationId));
    if (demand.status !== 'OPEN') return [];
    return this.ds.query(SUGGEST, [
      demand.stationId,
      demand.skill,
      demand.windowStart,
      demand.windowEnd,
      demand.activityId,
      null,
      Math.min(Math.max(first, 1), 100),
      systemClock.now(),
    ]);
  }

  /** Accepting a match creates the pairing (一助一 with the requester) or the activity sign-up. */
  async accept(actor: Actor, demandId: string, volunteerId: string): Promise<DemandRow> {
    const user = requireUser(actor.user);
    return this.ds.transaction(async (m) => {
      const demand = await DemandService.lock(m, demandId, true);
      const station = await StationRefs.require(m, demand.stationId, {
        open: true,
      });
      assertManage(user, station);
      if (demand.status !== 'OPEN') throw new DomainError('DEMAND_NOT_OPEN', '该需求已对接或已关闭');
      const [fit] = isUuid(volunteerId)
        ? await m.query(SUGGEST, [
            demand.stationId,
            demand.skill,
            demand.windowStart,
            demand.windowEnd,
            demand.activityId,
            volunteerId,
            1,
            systemClock.now(),
          ])
        : [];
      if (!fit)
        throw new DomainError('NOT_A_MATCH', '该志愿者不符合需求（须为本站在岗成员，具备所需技能，且该时段有空）', {
          field: 'volunteerId',
        });
      if (demand.kind === 'PAIRING') {
        await PairingService.insert(
          m,
          actor,
          station,
          {
            stationId: station.id,
            kind: 'ONE_TO_ONE',
            volunteerIds: [volunteerId],
            beneficiaries: [
              {
                name: demand.requester,
                note: demand.description.slice(0, 200),
              },
            ],
          },
          demand.id,
        );
      } else {
        await ActivityService.addSignup(m, await ActivityService.lock(m, demand.activityId!), volunteerId);
      }
      const [row] = await updateReturning<DemandRow>(
        m,
        `UPDATE demands d SET status = 'MATCHED', matched_volunteer_id = $2, matched_by = $3, matched_at = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
        [demand.id, volunteerId, user.sub, systemClock.now()],
      );
      return row;
    });
  }

  async ofStations(stationIds: readonly string[], statuses?: string[] | null): Promise<DemandRow[]> {
    const valid = stationIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${COLUMNS} FROM demands d WHERE d.station_id = ANY($1::uuid[]) AND ($2::text[] IS NULL OR d.status = ANY($2)) ORDER BY d.window_start`,
      [valid, statuses?.length ? statuses : null],
    );
  }
}
