import {
  ADMIN_ROLES,
  DomainError,
  forbidden,
  hasRole,
  isMobilePhone,
  recordEvent,
  requireUser,
  shanghaiToday,
} from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { assertManage } from '../domain/access';
import { SOURCE, type Actor } from '../domain/common';
import { isUniqueViolation } from './sql';
import { addMembership } from './membership-rows';
import { type Role } from '../domain/membership';
import type { VolunteerPii } from '../domain/pii';
import { StationRefs, isUuid } from './station-ref';
import { type StationRef } from '../domain/station';
import { validateVolunteerInput, type ValidVolunteer, type VolunteerInput } from '../domain/volunteer-input';

export interface VolunteerRow {
  id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  phoneEnc: string;
  idNumberEnc: string;
  politicalStatus: string;
  skills: string[];
  registeredOn: string;
  status: string;
  statusReason: string | null;
  statusChangedAt: Date | null;
  accountSub: string | null;
  createdAt: Date;
}

export const VOLUNTEER_COLUMNS = `v.id, v.name, v.gender, v.birth_date::text AS "birthDate", v.phone_enc AS "phoneEnc",
  v.id_number_enc AS "idNumberEnc", v.political_status AS "politicalStatus", v.skills, v.registered_on::text AS "registeredOn",
  v.status, v.status_reason AS "statusReason", v.status_changed_at AS "statusChangedAt", v.account_sub AS "accountSub", v.created_at AS "createdAt"`;

const MAX_CONTACT_IDS = 500;

const volunteerNotFound = (id: string) => new DomainError('VOLUNTEER_NOT_FOUND', `未找到志愿者：${id}`, { id });

export interface RegisterInput extends VolunteerInput {
  stationId?: string | null;
  role?: Role | null;
}

/** Registration and look-ups of volunteers; phone and ID number never leave here unencrypted except to readers allowed by access.ts. */
export class VolunteerService {
  constructor(
    private readonly ds: DataSource,
    private readonly pii: VolunteerPii,
  ) {}

  /**
   * Links the record registered with this (verified) mobile number to an account, by the keyed phone
   * hash: only a record with no account yet, and only when the account has no record. Idempotent.
   */
  async linkAccount(phone: string, accountSub: string): Promise<string | null> {
    if (!isMobilePhone(String(phone ?? '').trim()))
      throw new DomainError('INVALID_PHONE', '手机号格式不正确', {
        field: 'phone',
      });
    if (typeof accountSub !== 'string' || !/^[A-Za-z0-9._:@-]{1,100}$/.test(accountSub))
      throw new DomainError('INVALID_ACCOUNT', '账号标识格式不正确', {
        field: 'accountSub',
      });
    const hash = this.pii.hash('phone', String(phone ?? '').trim());
    const rows: { id: string }[] = await this.ds
      .query(
        `UPDATE volunteers SET account_sub = $2 WHERE phone_hash = $1 AND account_sub IS NULL
          AND NOT EXISTS (SELECT 1 FROM volunteers WHERE account_sub = $2) RETURNING id`,
        [hash, accountSub],
      )
      .then((r: [{ id: string }[], number]) => r[0]);
    if (rows[0]) return rows[0].id;
    const [linked]: { id: string }[] = await this.ds.query(
      `SELECT id FROM volunteers WHERE phone_hash = $1 AND account_sub = $2`,
      [hash, accountSub],
    );
    return linked?.id ?? null;
  }

  /**
   * By the person (VOLUNTEER token, whose `sub` becomes the account link; may join a station as
   * VOLUNTEER) or by a manager/admin of the station the person joins.
   */
  async register(actor: Actor, raw: RegisterInput): Promise<VolunteerRow> {
    const user = requireUser(actor.user);
    const managing = hasRole(user, 'STATION_MANAGER', ...ADMIN_ROLES);
    const self = !managing && hasRole(user, 'VOLUNTEER');
    if (!managing && !self) throw forbidden('只有志愿者本人、站长或管理员可以登记志愿者');
    if (self && raw.role && raw.role !== 'VOLUNTEER') throw forbidden('本人注册只能以志愿者身份加入站点');
    if (managing && !raw.stationId)
      throw new DomainError('STATION_REQUIRED', '站长或管理员登记志愿者时须指定所属站点', { field: 'stationId' });
    const input = validateVolunteerInput(raw);
    const today = shanghaiToday();
    return this.ds.transaction(async (m) => {
      const station = raw.stationId ? await StationRefs.require(m, raw.stationId, { open: true }) : undefined;
      if (managing && station) assertManage(user, station, '只能为本人负责或所辖地区的站点登记志愿者');
      if (self) {
        const [existing] = await m.query(`SELECT id FROM volunteers WHERE account_sub = $1`, [user.sub]);
        if (existing)
          throw new DomainError('ALREADY_REGISTERED', '该账号已注册为志愿者', {
            volunteerId: existing.id,
          });
      }
      return this.insertIn(m, actor, input, {
        station,
        role: raw.role ?? 'VOLUNTEER',
        self,
        today,
      });
    });
  }

  /** Keyed lookup hashes of a phone number and an ID number (duplicate checks without decrypting). */
  hashes(phone: string, idNumber: string): { phoneHash: string; idHash: string } {
    return {
      phoneHash: this.pii.hash('phone', phone),
      idHash: this.pii.hash('idNumber', idNumber),
    };
  }

  /**
   * Writes one validated volunteer (and the membership) in the caller's transaction: registration and
   * imports. The station, when given, is already checked by the caller.
   */
  async insertIn(
    m: EntityManager,
    actor: Actor,
    input: ValidVolunteer,
    opts: { station?: StationRef; role: Role; self: boolean; today: string },
  ): Promise<VolunteerRow> {
    const user = requireUser(actor.user);
    const { station, self, today } = opts;
    const { phoneHash, idHash } = this.hashes(input.phone, input.idNumber);
    const dup: { phone: boolean; id: boolean }[] = await m.query(
      `SELECT phone_hash = $1 AS phone, id_number_hash = $2 AS id FROM volunteers WHERE phone_hash = $1 OR id_number_hash = $2`,
      [phoneHash, idHash],
    );
    if (dup.some((d) => d.id)) throw duplicate('idNumber');
    if (dup.some((d) => d.phone)) throw duplicate('phone');
    let row: VolunteerRow;
    try {
      [row] = await m.query(
        `INSERT INTO volunteers AS v (name, gender, birth_date, phone_enc, phone_hash, id_number_enc, id_number_hash, political_status,
           skills, registered_on, account_sub, registered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${VOLUNTEER_COLUMNS}`,
        [
          input.name,
          input.gender,
          input.birthDate,
          this.pii.encrypt('phone', input.phone),
          phoneHash,
          this.pii.encrypt('idNumber', input.idNumber),
          idHash,
          input.politicalStatus,
          input.skills,
          today,
          self ? user.sub : null,
          user.sub,
        ],
      );
    } catch (err) {
      if (isUniqueViolation(err, 'volunteers_id_number_hash_uq')) throw duplicate('idNumber');
      if (isUniqueViolation(err, 'volunteers_phone_hash_uq')) throw duplicate('phone');
      if (isUniqueViolation(err, 'volunteers_account_sub_uq'))
        throw new DomainError('ALREADY_REGISTERED', '该账号已注册为志愿者');
      throw err;
    }
    if (station) await addMembership(m, actor, row.id, station, opts.role, today);
    await recordEvent(m, SOURCE, {
      type: 'volunteer.registered',
      aggregateType: 'Volunteer',
      aggregateId: row.id,
      payload: {
        volunteerId: row.id,
        stationId: station?.id ?? null,
        regionCode: station?.regionCode ?? null,
        registeredOn: today,
        selfRegistered: self,
      },
      requestId: actor.requestId,
    });
    return row;
  }

  async byIds(ids: readonly string[]): Promise<VolunteerRow[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(`SELECT ${VOLUNTEER_COLUMNS} FROM volunteers v WHERE v.id = ANY($1::uuid[])`, [valid]);
  }

  /**
   * Whole phone numbers for internal senders, in the order asked (null for unknown or WITHDRAWN), one
   * statement. The caller checks the SERVICE role; at most MAX_CONTACT_IDS ids.
   */
  async contacts(ids: readonly string[]): Promise<({ id: string; phone: string } | null)[]> {
    if (ids.length > MAX_CONTACT_IDS)
      throw new DomainError('TOO_MANY_IDS', `一次最多查询 ${MAX_CONTACT_IDS} 名志愿者`, {
        max: MAX_CONTACT_IDS,
        given: ids.length,
      });
    const valid = [...new Set(ids.filter(isUuid))];
    const rows: { id: string; phoneEnc: string }[] = valid.length
      ? await this.ds.query(
          `SELECT id, phone_enc AS "phoneEnc" FROM volunteers WHERE id = ANY($1::uuid[]) AND status <> 'WITHDRAWN'`,
          [valid],
        )
      : [];
    const byId = new Map(rows.map((r) => [r.id.toLowerCase(), r]));
    return ids.map((id) => {
      const row = byId.get(String(id).toLowerCase());
      return row ? { id, phone: this.pii.decrypt('phone', row.phoneEnc) } : null;
    });
  }

  async byAccount(sub: string): Promise<VolunteerRow | undefined> {
    const [row] = await this.ds.query(`SELECT ${VOLUNTEER_COLUMNS} FROM volunteers v WHERE v.account_sub = $1`, [sub]);
    return row;
  }

  /** The volunteer row locked for the rest of the transaction (serialises one person's records and postings). */
  static async lock(m: EntityManager, id: string): Promise<VolunteerRow> {
    const [row] = isUuid(id)
      ? await m.query(`SELECT ${VOLUNTEER_COLUMNS} FROM volunteers v WHERE v.id = $1 FOR UPDATE`, [id])
      : [];
    if (!row) throw volunteerNotFound(id);
    return row;
  }

  decrypt(v: VolunteerRow): { phone: string; idNumber: string } {
    return {
      phone: this.pii.decrypt('phone', v.phoneEnc),
      idNumber: this.pii.decrypt('idNumber', v.idNumberEnc),
    };
  }
}

/** Suspended or withdrawn volunteers take on no new work (joining a station, duty). */
export function assertActive(v: Pick<VolunteerRow, 'id' | 'status'>): void {
  if (v.status !== 'ACTIVE')
    throw new DomainError(
      'VOLUNTEER_NOT_ACTIVE',
      v.status === 'SUSPENDED' ? '该志愿者已被暂停服务' : '该志愿者已退出',
      { id: v.id, status: v.status },
    );
}

export function duplicate(field: 'phone' | 'idNumber'): DomainError {
  return field === 'phone'
    ? new DomainError('DUPLICATE_PHONE', '该手机号码已登记过志愿者', { field })
    : new DomainError('DUPLICATE_ID_NUMBER', '该身份证号码已登记过志愿者', {
        field,
      });
}
