import { randomInt } from 'node:crypto';
import { DomainError, requireUser, systemClock } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { assertManage } from '../domain/access';
import { round2, text, type Actor } from '../domain/common';
import type { CertificateRecordLine } from '../domain/certificate-document';
import { updateReturning } from './sql';
import { checkYear } from '../domain/stats';
import { StationRefs, isUuid } from './station-ref';
import { VolunteerService } from './volunteer-service';

export interface CertificateRow {
  id: string;
  number: string;
  stationId: string;
  volunteerId: string;
  recordIds: string[];
  totalHours: number;
  verificationCode: string;
  issuedBy: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revokeReason: string | null;
}

/** A certificate with what its paper form prints; the ID number is still encrypted here. */
export interface CertificateDocumentRow extends CertificateRow {
  name: string;
  idNumberEnc: string;
  accountSub: string | null;
  stationName: string;
  regionCode: string;
  records: CertificateRecordLine[];
}

const COLUMNS = `c.id, c.number, c.station_id AS "stationId", c.volunteer_id AS "volunteerId", c.record_ids AS "recordIds", c.total_hours::float8 AS "totalHours",
  c.verification_code AS "verificationCode", c.issued_by AS "issuedBy", c.issued_at AS "issuedAt", c.revoked_at AS "revokedAt", c.revoke_reason AS "revokeReason"`;

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newCode = () => Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** 志愿服务证明, issued by the recording station from its verified records; anyone can check one by its code. */
export class CertificateService {
  constructor(private readonly ds: DataSource) {}

  /** Lists the given verified records of the volunteer at this station, or all of them in `year`. */
  async issue(
    actor: Actor,
    input: {
      stationId: string;
      volunteerId: string;
      recordIds?: string[] | null;
      year?: number | null;
    },
  ): Promise<CertificateRow> {
    const user = requireUser(actor.user);
    if (input.year !== undefined && input.year !== null) checkYear(input.year);
    return this.ds.transaction(async (m) => {
      const station = await StationRefs.require(m, input.stationId);
      assertManage(user, station, '只有记录所在站点的站长或所辖地区管理员可以出具服务证明');
      const volunteer = await VolunteerService.lock(m, input.volunteerId);
      const records: { id: string; hours: number }[] = input.recordIds?.length
        ? await m.query(
            `SELECT id, hours::float8 AS hours FROM service_records WHERE id = ANY($1::uuid[]) AND volunteer_id = $2 AND station_id = $3 AND status = 'VERIFIED'`,
            [input.recordIds.filter(isUuid), volunteer.id, station.id],
          )
        : await m.query(
            `SELECT id, hours::float8 AS hours FROM service_records WHERE volunteer_id = $1 AND station_id = $2 AND status = 'VERIFIED'
               AND ($3::int IS NULL OR extract(year FROM service_date) = $3) ORDER BY started_at`,
            [volunteer.id, station.id, input.year ?? null],
          );
      if (input.recordIds?.length && records.length !== new Set(input.recordIds).size) {
        throw new DomainError('RECORD_NOT_CERTIFIABLE', '证明只能列入本站为该志愿者核实过的服务记录', {
          field: 'recordIds',
        });
      }
      if (!records.length) throw new DomainError('NO_VERIFIED_RECORDS', '没有可列入证明的已核实服务记录');
      const total = round2(records.reduce((s, r) => s + r.hours, 0));
      const [row] = await m.query(
        `INSERT INTO certificates AS c (number, station_id, volunteer_id, record_ids, total_hours, verification_code, issued_by, issued_at)
         VALUES ('ZYFW' || to_char($7::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(nextval('certificate_number_seq')::text, 6, '0'),
                 $1, $2, $3, $4, $5, $6, $7)
         RETURNING ${COLUMNS}`,
        [station.id, volunteer.id, records.map((r) => r.id), total, newCode(), user.sub, systemClock.now()],
      );
      return row;
    });
  }

  async revoke(actor: Actor, id: string, reason: string): Promise<CertificateRow> {
    const why = text(reason, 'reason', '撤销原因', 500, { min: 2 })!;
    return this.ds.transaction(async (m) => {
      const [cert]: CertificateRow[] = isUuid(id)
        ? await m.query(`SELECT ${COLUMNS} FROM certificates c WHERE c.id = $1 FOR UPDATE`, [id])
        : [];
      if (!cert) throw new DomainError('CERTIFICATE_NOT_FOUND', `未找到服务证明：${id}`);
      assertManage(actor.user, await StationRefs.require(m, cert.stationId));
      if (cert.revokedAt) throw new DomainError('CERTIFICATE_REVOKED', '该证明已撤销');
      const [row] = await updateReturning<CertificateRow>(
        m,
        `UPDATE certificates c SET revoked_at = $4, revoked_by = $2, revoke_reason = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, requireUser(actor.user).sub, why, systemClock.now()],
      );
      return row;
    });
  }

  async byCode(code: string): Promise<CertificateRow | undefined> {
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM certificates c WHERE c.verification_code = $1`, [
      String(code ?? '')
        .trim()
        .toUpperCase(),
    ]);
    return row;
  }

  /** What the printed certificate and its public check show: the certificate, holder, station and records. */
  async document(by: { id?: string; code?: string }): Promise<CertificateDocumentRow | undefined> {
    const [cert]: CertificateRow[] = by.id
      ? isUuid(by.id)
        ? await this.ds.query(`SELECT ${COLUMNS} FROM certificates c WHERE c.id = $1`, [by.id])
        : []
      : await this.ds.query(`SELECT ${COLUMNS} FROM certificates c WHERE c.verification_code = $1`, [
          String(by.code ?? '')
            .trim()
            .toUpperCase(),
        ]);
    if (!cert) return undefined;
    const [holder] = await this.ds.query(
      `SELECT v.name, v.id_number_enc AS "idNumberEnc", v.account_sub AS "accountSub", s.name AS "stationName", s.region_code AS "regionCode"
         FROM volunteers v, station_ref s WHERE v.id = $1 AND s.id = $2`,
      [cert.volunteerId, cert.stationId],
    );
    const records: CertificateRecordLine[] = await this.ds.query(
      `SELECT service_date::text AS "serviceDate", activity_name AS "activityName", content, hours::float8 AS hours
         FROM service_records WHERE id = ANY($1::uuid[]) ORDER BY started_at`,
      [cert.recordIds],
    );
    return { ...cert, ...holder, records };
  }

  async ofVolunteers(volunteerIds: readonly string[]): Promise<CertificateRow[]> {
    const valid = volunteerIds.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT ${COLUMNS} FROM certificates c WHERE c.volunteer_id = ANY($1::uuid[]) ORDER BY c.issued_at DESC`,
      [valid],
    );
  }
}
