import { DomainError, requireUser, shanghaiToday, zhLabel } from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { assertManage } from '../domain/access';
import { isCalendarDate, text, type Actor } from '../domain/common';
import { updateReturning } from './sql';
import { StationRefs, isUuid } from './station-ref';
import { type StationRef } from '../domain/station';

const PAIRING_KINDS = ['ONE_TO_ONE', 'MANY_TO_ONE', 'ONE_TO_MANY'] as const;
type PairingKind = (typeof PAIRING_KINDS)[number];

interface Beneficiary {
  name: string;
  note?: string | null;
}

export interface PairingRow {
  id: string;
  stationId: string;
  kind: PairingKind;
  volunteerIds: string[];
  beneficiaries: Beneficiary[];
  startedOn: string;
  endedOn: string | null;
  note: string | null;
}

export interface PairingInput {
  stationId: string;
  kind: PairingKind;
  volunteerIds: string[];
  beneficiaries: Beneficiary[];
  startedOn?: string | null;
  note?: string | null;
}

const COLUMNS = `p.id, p.station_id AS "stationId", p.kind, p.volunteer_ids AS "volunteerIds", p.beneficiaries, p.started_on::text AS "startedOn",
  p.ended_on::text AS "endedOn", p.note`;

/** 一助一 one volunteer and one beneficiary; 多助一 several volunteers, one beneficiary; 一助多 one volunteer, several beneficiaries. */
function checkCardinality(kind: PairingKind, volunteers: number, beneficiaries: number): void {
  const ok =
    (kind === 'ONE_TO_ONE' && volunteers === 1 && beneficiaries === 1) ||
    (kind === 'MANY_TO_ONE' && volunteers >= 2 && beneficiaries === 1) ||
    (kind === 'ONE_TO_MANY' && volunteers === 1 && beneficiaries >= 2);
  if (!ok)
    throw new DomainError(
      'INVALID_PAIRING',
      `结对方式与人数不符：${zhLabel('pairingKind', kind)}不能是 ${volunteers} 名志愿者对 ${beneficiaries} 名服务对象`,
      { field: 'kind' },
    );
}

/** Long-term pairings (结对) between a station's members and beneficiaries. */
export class PairingService {
  constructor(private readonly ds: DataSource) {}

  static async insert(
    m: EntityManager,
    actor: Actor,
    station: StationRef,
    input: PairingInput,
    demandId?: string,
  ): Promise<PairingRow> {
    const user = requireUser(actor.user);
    if (!PAIRING_KINDS.includes(input.kind))
      throw new DomainError('INVALID_PAIRING', '结对方式不正确', {
        field: 'kind',
      });
    const volunteerIds = [...new Set(input.volunteerIds)];
    if (volunteerIds.length !== input.volunteerIds.length)
      throw new DomainError('DUPLICATE_VALUE', '志愿者不能重复', {
        field: 'volunteerIds',
      });
    const beneficiaries = input.beneficiaries.map((b) => ({
      name: text(b.name, 'beneficiaries', '服务对象姓名', 50)!,
      note: text(b.note, 'beneficiaries', '备注', 200, { optional: true }),
    }));
    checkCardinality(input.kind, volunteerIds.length, beneficiaries.length);
    const startedOn = input.startedOn ?? shanghaiToday();
    if (!isCalendarDate(startedOn))
      throw new DomainError('INVALID_DATE', '结对开始日期不正确', {
        field: 'startedOn',
      });
    const members: { id: string }[] = await m.query(
      `SELECT volunteer_id AS id FROM memberships WHERE station_id = $1 AND left_on IS NULL AND volunteer_id = ANY($2::uuid[])`,
      [station.id, volunteerIds.filter(isUuid)],
    );
    if (members.length !== volunteerIds.length)
      throw new DomainError('NOT_A_MEMBER', '结对志愿者须为本站现有成员', {
        field: 'volunteerIds',
      });
    const [row] = await m.query(
      `INSERT INTO pairings AS p (station_id, kind, volunteer_ids, beneficiaries, started_on, note, demand_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        station.id,
        input.kind,
        volunteerIds,
        JSON.stringify(beneficiaries),
        startedOn,
        text(input.note, 'note', '备注', 500, { optional: true }),
        demandId ?? null,
        user.sub,
      ],
    );
    return row;
  }

  async create(actor: Actor, input: PairingInput): Promise<PairingRow> {
    return this.ds.transaction(async (m) => {
      const station = await StationRefs.require(m, input.stationId, {
        open: true,
      });
      assertManage(actor.user, station);
      return PairingService.insert(m, actor, station, input);
    });
  }

  async end(actor: Actor, id: string, endedOn?: string | null): Promise<PairingRow> {
    return this.ds.transaction(async (m) => {
      const [row]: PairingRow[] = isUuid(id)
        ? await m.query(`SELECT ${COLUMNS} FROM pairings p WHERE p.id = $1 FOR UPDATE`, [id])
        : [];
      if (!row) throw new DomainError('PAIRING_NOT_FOUND', `未找到结对：${id}`);
      assertManage(actor.user, await StationRefs.require(m, row.stationId));
      if (row.endedOn) throw new DomainError('PAIRING_ENDED', '结对已结束');
      const date = endedOn ?? shanghaiToday();
      if (!isCalendarDate(date) || date < row.startedOn)
        throw new DomainError('INVALID_DATE', '结束日期应不早于开始日期', {
          field: 'endedOn',
        });
      const [updated] = await updateReturning<PairingRow>(
        m,
        `UPDATE pairings p SET ended_on = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, date],
      );
      return updated;
    });
  }

  async ofStations(stationIds: readonly string[], includeEnded: boolean): Promise<PairingRow[]> {
    const valid = stationIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${COLUMNS} FROM pairings p WHERE p.station_id = ANY($1::uuid[]) ${includeEnded ? '' : 'AND p.ended_on IS NULL'} ORDER BY p.started_on DESC`,
      [valid],
    );
  }
}
