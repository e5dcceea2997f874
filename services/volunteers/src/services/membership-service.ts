import { assertAllowed, DomainError, requireUser, shanghaiToday, systemClock } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { canManage, isSelf, type MembershipScope } from '../domain/access';
import { isCalendarDate, type Actor } from '../domain/common';
import { updateReturning } from './sql';
import { StationRefs, isUuid } from './station-ref';
import { assertActive, VolunteerService } from './volunteer-service';
import { addMembership, MEMBERSHIP_COLUMNS, recordMembershipEvent, type MembershipRow } from './membership-rows';
import { ROLES, type Role } from '../domain/membership';

/** Team membership: LEADER (负责人), STAFF (专职管理员), VOLUNTEER; joined / left dates, history kept. */
export class MembershipService {
  constructor(private readonly ds: DataSource) {}

  /** Managers/admins add anyone in any role; a volunteer may join a station themself as VOLUNTEER. */
  async add(
    actor: Actor,
    input: {
      volunteerId: string;
      stationId: string;
      role?: Role | null;
      joinedOn?: string | null;
    },
  ): Promise<MembershipRow> {
    const user = requireUser(actor.user);
    const today = shanghaiToday();
    const joinedOn = input.joinedOn ?? today;
    if (!isCalendarDate(joinedOn) || joinedOn > today)
      throw new DomainError('INVALID_DATE', '加入日期不正确（不能晚于今天）', {
        field: 'joinedOn',
      });
    return this.ds.transaction(async (m) => {
      const station = await StationRefs.require(m, input.stationId, {
        open: true,
      });
      const volunteer = await VolunteerService.lock(m, input.volunteerId);
      assertActive(volunteer);
      const role = input.role ?? 'VOLUNTEER';
      const allowed = canManage(user, station) || (isSelf(user, volunteer) && role === 'VOLUNTEER');
      assertAllowed(user, allowed, '只有本站站长、所辖地区管理员或志愿者本人（以志愿者身份）可以加入站点');
      return addMembership(m, actor, volunteer.id, station, role, joinedOn);
    });
  }

  /** Ends a membership (the row stays as history). Managers/admins of the station or the volunteer. */
  async leave(actor: Actor, membershipId: string, leftOn?: string | null): Promise<MembershipRow> {
    const user = requireUser(actor.user);
    const today = shanghaiToday();
    const date = leftOn ?? today;
    return this.ds.transaction(async (m) => {
      const [row]: (MembershipRow & { accountSub: string | null })[] = isUuid(membershipId)
        ? await m.query(
            `SELECT ${MEMBERSHIP_COLUMNS}, v.account_sub AS "accountSub" FROM memberships ms JOIN volunteers v ON v.id = ms.volunteer_id WHERE ms.id = $1 FOR UPDATE OF ms`,
            [membershipId],
          )
        : [];
      if (!row) throw new DomainError('MEMBERSHIP_NOT_FOUND', `未找到成员关系：${membershipId}`, { id: membershipId });
      const station = await StationRefs.require(m, row.stationId);
      assertAllowed(
        user,
        canManage(user, station) || isSelf(user, row),
        '只有本站站长、所辖地区管理员或志愿者本人可以办理离站',
      );
      if (row.leftOn) throw new DomainError('ALREADY_LEFT', '该成员已离站');
      if (!isCalendarDate(date) || date > today || date < row.joinedOn)
        throw new DomainError('INVALID_DATE', '离站日期应在加入日期之后且不晚于今天', { field: 'leftOn' });
      const [updated] = await updateReturning<MembershipRow>(
        m,
        `UPDATE memberships ms SET left_on = $2, left_by = $3 WHERE id = $1 RETURNING ${MEMBERSHIP_COLUMNS}`,
        [membershipId, date, user.sub],
      );
      await recordMembershipEvent(m, actor, 'membership.left', updated, station.regionCode);
      return updated;
    });
  }

  /**
   * Changes a current member's role (VOLUNTEER ↔ STAFF ↔ LEADER): managers of the station and admins of its
   * region. A station keeps at least one LEADER (LAST_LEADER). Role changes of one station are serialised
   * on its replica row, so two managers demoting the last two leaders at once cannot both succeed. The
   * change is audited in membership_role_changes (who, when) and announced as membership.role_changed.
   */
  async changeRole(actor: Actor, membershipId: string, role: Role): Promise<MembershipRow> {
    const user = requireUser(actor.user);
    if (!ROLES.includes(role)) throw new DomainError('INVALID_ROLE', `角色不正确：${String(role)}`, { field: 'role' });
    return this.ds.transaction(async (m) => {
      const [found]: MembershipRow[] = isUuid(membershipId)
        ? await m.query(`SELECT ${MEMBERSHIP_COLUMNS} FROM memberships ms WHERE ms.id = $1`, [membershipId])
        : [];
      if (!found)
        throw new DomainError('MEMBERSHIP_NOT_FOUND', `未找到成员关系：${membershipId}`, { id: membershipId });
      const station = await StationRefs.require(m, found.stationId);
      assertAllowed(user, canManage(user, station), '只有本站站长或所辖地区管理员可以调整成员角色');
      // NO KEY UPDATE: serialises role changes of the station without blocking new memberships' key-share locks.
      await m.query(`SELECT 1 FROM station_ref WHERE id = $1 FOR NO KEY UPDATE`, [station.id]);
      const [row]: MembershipRow[] = await m.query(
        `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships ms WHERE ms.id = $1 FOR UPDATE`,
        [membershipId],
      );
      if (row.leftOn) throw new DomainError('ALREADY_LEFT', '该成员已离站，不能调整角色');
      if (row.role === role) throw new DomainError('ROLE_UNCHANGED', '该成员已是这个角色', { field: 'role' });
      if (row.role === 'LEADER') {
        const [{ n }]: { n: number }[] = await m.query(
          `SELECT count(*)::int AS n FROM memberships WHERE station_id = $1 AND role = 'LEADER' AND left_on IS NULL AND id <> $2`,
          [station.id, row.id],
        );
        if (n === 0)
          throw new DomainError('LAST_LEADER', '站点须至少保留一名负责人：请先将其他成员设为负责人', {
            field: 'role',
          });
      }
      const [updated] = await updateReturning<MembershipRow>(
        m,
        `UPDATE memberships ms SET role = $2 WHERE id = $1 RETURNING ${MEMBERSHIP_COLUMNS}`,
        [row.id, role],
      );
      await m.query(
        `INSERT INTO membership_role_changes (membership_id, from_role, to_role, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)`,
        [row.id, row.role, role, user.sub, systemClock.now()],
      );
      await recordMembershipEvent(m, actor, 'membership.role_changed', updated, station.regionCode, row.role);
      return updated;
    });
  }

  /** Members of many stations in one statement (current only unless includeFormer). */
  async byStations(stationIds: readonly string[], includeFormer: boolean): Promise<MembershipRow[]> {
    const valid = stationIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships ms WHERE ms.station_id = ANY($1::uuid[]) ${includeFormer ? '' : 'AND ms.left_on IS NULL'}
        ORDER BY CASE ms.role WHEN 'LEADER' THEN 0 WHEN 'STAFF' THEN 1 ELSE 2 END, ms.joined_on, ms.created_at`,
      [valid],
    );
  }

  async byVolunteers(volunteerIds: readonly string[]): Promise<MembershipRow[]> {
    const valid = volunteerIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships ms WHERE ms.volunteer_id = ANY($1::uuid[]) ORDER BY ms.joined_on, ms.id`,
      [valid],
    );
  }

  /** Scopes (station + region) of many volunteers in one statement, for access checks. */
  async scopesOf(volunteerIds: readonly string[]): Promise<Map<string, MembershipScope[]>> {
    const valid = volunteerIds.filter(isUuid);
    const out = new Map<string, MembershipScope[]>();
    if (!valid.length) return out;
    const rows: {
      volunteerId: string;
      stationId: string;
      regionCode: string;
      current: boolean;
    }[] = await this.ds.query(
      `SELECT ms.volunteer_id AS "volunteerId", ms.station_id AS "stationId", s.region_code AS "regionCode", bool_or(ms.left_on IS NULL) AS current
         FROM memberships ms JOIN station_ref s ON s.id = ms.station_id
        WHERE ms.volunteer_id = ANY($1::uuid[]) GROUP BY 1, 2, 3`,
      [valid],
    );
    for (const r of rows) out.set(r.volunteerId, [...(out.get(r.volunteerId) ?? []), r]);
    return out;
  }
}
