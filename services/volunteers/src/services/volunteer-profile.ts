import {
  assertAllowed,
  DomainError,
  recordEvent,
  requireUser,
  shanghaiToday,
  systemClock,
  zhLabel,
} from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { canManage, isSelf } from '../domain/access';
import { SOURCE, text, type Actor } from '../domain/common';
import { isUniqueViolation, updateReturning } from './sql';
import { MEMBERSHIP_COLUMNS, recordMembershipEvent, type MembershipRow } from './membership-rows';
import type { VolunteerPii } from '../domain/pii';
import { validateVolunteerInput, type VolunteerInput } from '../domain/volunteer-input';
import { duplicate, VOLUNTEER_COLUMNS, VolunteerService, type VolunteerRow } from './volunteer-service';

const STATUSES = ['ACTIVE', 'SUSPENDED', 'WITHDRAWN'] as const;
export type VolunteerStatus = (typeof STATUSES)[number];

/** Fields to change; omitted or null keeps the current value. */
export type ProfileChanges = {
  [K in keyof VolunteerInput]?: VolunteerInput[K] | null;
};
const PROFILE_FIELDS = ['name', 'gender', 'birthDate', 'phone', 'idNumber', 'politicalStatus', 'skills'] as const;

/** Current stations of the volunteer with their regions, read inside the transaction. */
async function currentStations(m: EntityManager, volunteerId: string): Promise<{ id: string; regionCode: string }[]> {
  return m.query(
    `SELECT s.id, s.region_code AS "regionCode" FROM memberships ms JOIN station_ref s ON s.id = ms.station_id WHERE ms.volunteer_id = $1 AND ms.left_on IS NULL`,
    [volunteerId],
  );
}

/** Profile edits and status changes of an existing volunteer. */
export class VolunteerProfileService {
  constructor(
    private readonly ds: DataSource,
    private readonly pii: VolunteerPii,
  ) {}

  /**
   * The volunteer or a manager/admin of one of their current stations. The merged file is validated as
   * at registration; phone and ID number are re-encrypted and re-hashed, and checked for duplicates only
   * against other people. Nothing changes when nothing differs (no event either).
   */
  async update(actor: Actor, id: string, changes: ProfileChanges): Promise<VolunteerRow> {
    const user = requireUser(actor.user);
    const given = PROFILE_FIELDS.filter((f) => changes[f] !== undefined && changes[f] !== null);
    if (!given.length) throw new DomainError('NOTHING_TO_UPDATE', '没有要修改的内容');
    return this.ds.transaction(async (m) => {
      const current = await VolunteerService.lock(m, id);
      const stations = await currentStations(m, current.id);
      assertAllowed(
        user,
        isSelf(user, current) || stations.some((s) => canManage(user, s)),
        '只有志愿者本人、其所在站点的站长或所辖地区管理员可以修改档案',
      );
      const clear = {
        phone: this.pii.decrypt('phone', current.phoneEnc),
        idNumber: this.pii.decrypt('idNumber', current.idNumberEnc),
      };
      const idChanged = changes.idNumber != null;
      const merged = validateVolunteerInput({
        name: changes.name ?? current.name,
        phone: changes.phone ?? clear.phone,
        idNumber: changes.idNumber ?? clear.idNumber,
        // With a new ID number, birth date and gender follow it (and must agree when given explicitly).
        gender: changes.gender ?? (idChanged ? undefined : current.gender),
        birthDate: changes.birthDate ?? (idChanged ? undefined : current.birthDate),
        politicalStatus: (changes.politicalStatus ?? current.politicalStatus) as VolunteerInput['politicalStatus'],
        skills: changes.skills ?? current.skills,
      });
      const changed: string[] = [];
      if (merged.name !== current.name) changed.push('name');
      if (merged.gender !== current.gender) changed.push('gender');
      if (merged.birthDate !== current.birthDate) changed.push('birthDate');
      if (merged.phone !== clear.phone) changed.push('phone');
      if (merged.idNumber !== clear.idNumber) changed.push('idNumber');
      if (merged.politicalStatus !== current.politicalStatus) changed.push('politicalStatus');
      if (merged.skills.join('\u0000') !== current.skills.join('\u0000')) changed.push('skills');
      if (!changed.length) return current;

      const phoneHash = this.pii.hash('phone', merged.phone);
      const idHash = this.pii.hash('idNumber', merged.idNumber);
      const dup: { phone: boolean; id: boolean }[] = await m.query(
        `SELECT phone_hash = $1 AS phone, id_number_hash = $2 AS id FROM volunteers WHERE (phone_hash = $1 OR id_number_hash = $2) AND id <> $3`,
        [phoneHash, idHash, current.id],
      );
      if (dup.some((d) => d.id)) throw duplicate('idNumber');
      if (dup.some((d) => d.phone)) throw duplicate('phone');
      let row: VolunteerRow;
      try {
        [row] = await updateReturning<VolunteerRow>(
          m,
          `UPDATE volunteers v SET name = $2, gender = $3, birth_date = $4, phone_enc = $5, phone_hash = $6, id_number_enc = $7, id_number_hash = $8,
             political_status = $9, skills = $10, updated_at = now() WHERE v.id = $1 RETURNING ${VOLUNTEER_COLUMNS}`,
          [
            current.id,
            merged.name,
            merged.gender,
            merged.birthDate,
            this.pii.encrypt('phone', merged.phone),
            phoneHash,
            this.pii.encrypt('idNumber', merged.idNumber),
            idHash,
            merged.politicalStatus,
            merged.skills,
          ],
        );
      } catch (err) {
        if (isUniqueViolation(err, 'volunteers_id_number_hash_uq')) throw duplicate('idNumber');
        if (isUniqueViolation(err, 'volunteers_phone_hash_uq')) throw duplicate('phone');
        throw err;
      }
      await recordEvent(m, SOURCE, {
        type: 'volunteer.updated',
        aggregateType: 'Volunteer',
        aggregateId: row.id,
        // Field names only, never the values (no phone or ID number in events).
        payload: {
          volunteerId: row.id,
          changed,
          stationIds: stations.map((s) => s.id),
          byVolunteer: isSelf(user, current),
        },
        requestId: actor.requestId,
      });
      return row;
    });
  }

  /**
   * Managers/admins of one of the volunteer's current stations (for a WITHDRAWN volunteer, who has none:
   * of one of their former stations). The change and its reason are kept in volunteer_status_changes;
   * WITHDRAWN ends every current membership (each with membership.left).
   */
  async setStatus(actor: Actor, id: string, status: VolunteerStatus, reason: string): Promise<VolunteerRow> {
    const user = requireUser(actor.user);
    if (!STATUSES.includes(status))
      throw new DomainError('INVALID_STATUS', `状态不正确：${status}`, {
        field: 'status',
      });
    const why = text(reason, 'reason', '变更原因', 200, { min: 2 })!;
    const today = shanghaiToday();
    return this.ds.transaction(async (m) => {
      const current = await VolunteerService.lock(m, id);
      const scope: { id: string; regionCode: string; current: boolean }[] = await m.query(
        `SELECT DISTINCT s.id, s.region_code AS "regionCode", ms.left_on IS NULL AS current FROM memberships ms JOIN station_ref s ON s.id = ms.station_id WHERE ms.volunteer_id = $1`,
        [current.id],
      );
      const inScope = scope.filter((s) => s.current || current.status === 'WITHDRAWN').some((s) => canManage(user, s));
      assertAllowed(user, inScope, '只有志愿者所在站点的站长或所辖地区管理员可以变更志愿者状态');
      if (current.status === status)
        throw new DomainError('STATUS_UNCHANGED', `志愿者已是该状态：${zhLabel('volunteerStatus', status)}`, {
          status,
        });
      const [row] = await updateReturning<VolunteerRow>(
        m,
        `UPDATE volunteers v SET status = $2, status_reason = $3, status_changed_at = $5, status_changed_by = $4, updated_at = now() WHERE v.id = $1 RETURNING ${VOLUNTEER_COLUMNS}`,
        [current.id, status, why, user.sub, systemClock.now()],
      );
      await m.query(
        `INSERT INTO volunteer_status_changes (volunteer_id, from_status, to_status, reason, changed_by) VALUES ($1, $2, $3, $4, $5)`,
        [current.id, current.status, status, why, user.sub],
      );
      let ended: (MembershipRow & { regionCode: string })[] = [];
      if (status === 'WITHDRAWN') {
        ended = await updateReturning(
          m,
          `UPDATE memberships ms SET left_on = GREATEST($2::date, ms.joined_on), left_by = $3 FROM station_ref s
            WHERE s.id = ms.station_id AND ms.volunteer_id = $1 AND ms.left_on IS NULL RETURNING ${MEMBERSHIP_COLUMNS}, s.region_code AS "regionCode"`,
          [current.id, today, user.sub],
        );
        for (const ms of ended) await recordMembershipEvent(m, actor, 'membership.left', ms, ms.regionCode);
      }
      await recordEvent(m, SOURCE, {
        type: 'volunteer.status_changed',
        aggregateType: 'Volunteer',
        aggregateId: row.id,
        payload: {
          volunteerId: row.id,
          from: current.status,
          to: status,
          stationIds: scope.filter((s) => s.current).map((s) => s.id),
          endedMembershipIds: ended.map((e) => e.id),
        },
        requestId: actor.requestId,
      });
      return row;
    });
  }
}
