import { DomainError, recordEvent, requireUser } from '@leifeng/kit';
import type { EntityManager } from 'typeorm';
import { SOURCE, type Actor } from '../domain/common';
import { isUniqueViolation } from './sql';
import type { StationRef } from '../domain/station';
import { ROLES, type Role } from '../domain/membership';

/*
 * Membership rows and their events, apart from MembershipService so that volunteer registration can add the
 * first membership without importing the service (which locks volunteers through VolunteerService).
 */

export interface MembershipRow {
  id: string;
  volunteerId: string;
  stationId: string;
  role: Role;
  joinedOn: string;
  leftOn: string | null;
}

export const MEMBERSHIP_COLUMNS = `ms.id, ms.volunteer_id AS "volunteerId", ms.station_id AS "stationId", ms.role, ms.joined_on::text AS "joinedOn", ms.left_on::text AS "leftOn"`;

/**
 * `membership.joined` / `membership.left` / `membership.role_changed`, thin: ids, role, station and its region
 * (same transaction as the change); a role change also carries the role before it.
 */
export async function recordMembershipEvent(
  m: EntityManager,
  actor: Actor,
  type: 'membership.joined' | 'membership.left' | 'membership.role_changed',
  row: MembershipRow,
  regionCode: string,
  fromRole?: Role,
): Promise<void> {
  await recordEvent(m, SOURCE, {
    type,
    aggregateType: 'Membership',
    aggregateId: row.id,
    payload: {
      membershipId: row.id,
      volunteerId: row.volunteerId,
      stationId: row.stationId,
      regionCode,
      role: row.role,
      ...(type === 'membership.joined' ? { joinedOn: row.joinedOn } : {}),
      ...(type === 'membership.left' ? { leftOn: row.leftOn } : {}),
      ...(type === 'membership.role_changed' ? { fromRole } : {}),
    },
    requestId: actor.requestId,
  });
}

/** Inserts a current membership; one current membership per volunteer and station. */
export async function addMembership(
  m: EntityManager,
  actor: Actor,
  volunteerId: string,
  station: StationRef,
  role: Role,
  joinedOn: string,
): Promise<MembershipRow> {
  if (!ROLES.includes(role))
    throw new DomainError('INVALID_ROLE', `角色不正确：${role}`, {
      field: 'role',
    });
  try {
    const [row] = await m.query(
      `INSERT INTO memberships AS ms (volunteer_id, station_id, role, joined_on, added_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${MEMBERSHIP_COLUMNS}`,
      [volunteerId, station.id, role, joinedOn, requireUser(actor.user).sub],
    );
    await recordMembershipEvent(m, actor, 'membership.joined', row, station.regionCode);
    return row;
  } catch (err) {
    if (isUniqueViolation(err, 'memberships_current_uq'))
      throw new DomainError('ALREADY_MEMBER', '该志愿者已是本站成员', {
        volunteerId,
        stationId: station.id,
      });
    throw err;
  }
}
