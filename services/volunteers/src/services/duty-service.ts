import { assertAllowed, DomainError, isoWeekdayOf, requireUser, shanghaiToday, systemClock } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { canManage, isSelf } from '../domain/access';
import { addDays, isCalendarDate, type Actor } from '../domain/common';
import { isUniqueViolation, updateReturning } from './sql';
import { StationRefs, isUuid } from './station-ref';
import { type StationRef, type Weekday } from '../domain/station';
import type { Role } from '../domain/membership';
import { assertActive, VolunteerService } from './volunteer-service';

const WEEKDAYS: Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export interface DutyShift {
  id: string;
  stationId: string;
  volunteerId: string;
  date: string;
  opens: string;
  closes: string;
}

interface DutySlot {
  date: string;
  weekday: Weekday;
  opens: string;
  closes: string;
}

export interface DutyCoverage {
  weekOf: string;
  openingSlotCount: number;
  uncoveredSlots: DutySlot[];
  uncoveredSlotCount: number;
  fullyCovered: boolean;
}

export interface OnDutyRow {
  stationId: string;
  name: string;
  role: Role;
  opens: string;
  closes: string;
}

const COLUMNS = `d.id, d.station_id AS "stationId", d.volunteer_id AS "volunteerId", d.shift_date::text AS date, d.opens, d.closes`;

/** Weekday of a calendar date (dates are Asia/Shanghai calendar days, so UTC arithmetic on them is exact). */
export const weekdayOf = (date: string): Weekday => WEEKDAYS[isoWeekdayOf(date) - 1];

export function checkWeekOf(weekOf: string): void {
  if (!isCalendarDate(weekOf) || weekdayOf(weekOf) !== 'MONDAY')
    throw new DomainError('INVALID_WEEK', `weekOf 应为某周的星期一：${weekOf}`, { field: 'weekOf' });
}

/** The station's opening slots in the week starting Monday `weekOf`. */
function openingSlots(station: Pick<StationRef, 'openingHours'>, weekOf: string): DutySlot[] {
  const slots: DutySlot[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(weekOf, i);
    const weekday = weekdayOf(date);
    for (const s of station.openingHours
      .filter((o) => o.weekday === weekday)
      .sort((a, b) => a.opens.localeCompare(b.opens))) {
      slots.push({ date, weekday, opens: s.opens, closes: s.closes });
    }
  }
  return slots;
}

/** Duty on the station's opening hours (Changzhi: at least one volunteer on duty whenever the station is open). */
export class DutyService {
  constructor(private readonly ds: DataSource) {}

  /** A current member signs up for an opening slot (themself, or by a manager/admin of the station). */
  async signUp(
    actor: Actor,
    input: {
      stationId: string;
      volunteerId: string;
      date: string;
      opens: string;
    },
  ): Promise<DutyShift> {
    const user = requireUser(actor.user);
    if (!isCalendarDate(input.date) || input.date < shanghaiToday())
      throw new DomainError('INVALID_DATE', '值班日期应为今天或以后', {
        field: 'date',
      });
    return this.ds.transaction(async (m) => {
      const station = await StationRefs.require(m, input.stationId, {
        open: true,
      });
      const volunteer = await VolunteerService.lock(m, input.volunteerId);
      assertAllowed(
        user,
        isSelf(user, volunteer) || canManage(user, station),
        '只能本人报名值班，或由本站站长、所辖地区管理员安排',
      );
      assertActive(volunteer);
      const [member] = await m.query(
        `SELECT 1 FROM memberships WHERE volunteer_id = $1 AND station_id = $2 AND left_on IS NULL`,
        [volunteer.id, station.id],
      );
      if (!member) throw new DomainError('NOT_A_MEMBER', '只有本站成员可以值班');
      const slot = station.openingHours.find((o) => o.weekday === weekdayOf(input.date) && o.opens === input.opens);
      if (!slot)
        throw new DomainError('DUTY_SLOT_NOT_OPEN', `站点在 ${input.date} ${input.opens} 不开放`, { field: 'opens' });
      try {
        const [row] = await m.query(
          `INSERT INTO duty_shifts AS d (station_id, volunteer_id, shift_date, opens, closes, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
          [station.id, volunteer.id, input.date, slot.opens, slot.closes, user.sub],
        );
        return row;
      } catch (err) {
        if (isUniqueViolation(err, 'duty_shifts_uq')) throw new DomainError('ALREADY_ON_DUTY', '已报名该时段值班');
        throw err;
      }
    });
  }

  async cancel(actor: Actor, shiftId: string): Promise<DutyShift> {
    const user = requireUser(actor.user);
    return this.ds.transaction(async (m) => {
      const [row]: (DutyShift & { accountSub: string | null })[] = isUuid(shiftId)
        ? await m.query(
            `SELECT ${COLUMNS}, v.account_sub AS "accountSub" FROM duty_shifts d JOIN volunteers v ON v.id = d.volunteer_id WHERE d.id = $1 AND d.cancelled_at IS NULL FOR UPDATE OF d`,
            [shiftId],
          )
        : [];
      if (!row) throw new DomainError('DUTY_SHIFT_NOT_FOUND', `未找到值班：${shiftId}`);
      const station = await StationRefs.require(m, row.stationId);
      assertAllowed(user, isSelf(user, row) || canManage(user, station), '无权取消该值班');
      const [updated] = await updateReturning<DutyShift>(
        m,
        `UPDATE duty_shifts d SET cancelled_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
        [shiftId, systemClock.now()],
      );
      return updated;
    });
  }

  /** Coverage of many stations for one week: one statement for all their shifts. */
  async coverage(stations: StationRef[], weekOf: string): Promise<Map<string, DutyCoverage>> {
    checkWeekOf(weekOf);
    const shifts: { stationId: string; date: string; opens: string }[] = stations.length
      ? await this.ds.query(
          `SELECT DISTINCT station_id AS "stationId", shift_date::text AS date, opens FROM duty_shifts
            WHERE station_id = ANY($1::uuid[]) AND cancelled_at IS NULL AND shift_date BETWEEN $2::date AND $2::date + 6`,
          [stations.map((s) => s.id), weekOf],
        )
      : [];
    const covered = new Set(shifts.map((s) => `${s.stationId}|${s.date}|${s.opens}`));
    return new Map(
      stations.map((s) => {
        const slots = openingSlots(s, weekOf);
        const uncoveredSlots = slots.filter((slot) => !covered.has(`${s.id}|${slot.date}|${slot.opens}`));
        return [
          s.id,
          {
            weekOf,
            openingSlotCount: slots.length,
            uncoveredSlots,
            uncoveredSlotCount: uncoveredSlots.length,
            fullyCovered: uncoveredSlots.length === 0,
          },
        ];
      }),
    );
  }

  /** Who is on duty at many stations on one date, one statement: current ACTIVE members' shifts, with their role there. */
  async onDuty(stationIds: readonly string[], date: string): Promise<OnDutyRow[]> {
    const valid = stationIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT d.station_id AS "stationId", v.name, ms.role, d.opens, d.closes
         FROM duty_shifts d JOIN volunteers v ON v.id = d.volunteer_id AND v.status = 'ACTIVE'
         JOIN memberships ms ON ms.volunteer_id = d.volunteer_id AND ms.station_id = d.station_id AND ms.left_on IS NULL
        WHERE d.station_id = ANY($1::uuid[]) AND d.shift_date = $2 AND d.cancelled_at IS NULL
        ORDER BY d.opens, d.closes, CASE ms.role WHEN 'LEADER' THEN 0 WHEN 'STAFF' THEN 1 ELSE 2 END, d.created_at`,
      [valid, date],
    );
  }

  async ofStations(stationIds: readonly string[], from: string, to: string): Promise<DutyShift[]> {
    const valid = stationIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${COLUMNS} FROM duty_shifts d WHERE d.station_id = ANY($1::uuid[]) AND d.cancelled_at IS NULL AND d.shift_date BETWEEN $2 AND $3 ORDER BY d.shift_date, d.opens`,
      [valid, from, to],
    );
  }
}
