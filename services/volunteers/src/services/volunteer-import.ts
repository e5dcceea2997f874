import { readSheetRows, requireUser, RowErrors, shanghaiToday, sheetRecords } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { assertManage } from '../domain/access';
import type { Actor } from '../domain/common';
import { StationRefs } from './station-ref';
import { VOLUNTEER_COLUMNS_IN_SHEET, volunteerFromRow, type VolunteerRowInput } from '../domain/volunteer-sheet';
import type { VolunteerRow, VolunteerService } from './volunteer-service';

const MAX_VOLUNTEER_IMPORT_ROWS = 500;
const MAX_VOLUNTEER_IMPORT_BYTES = 1024 * 1024;

/**
 * A station's managers register its volunteers from the XLSX template: every row is checked (fields,
 * ID number, duplicates in the file and on the platform) before anything is written, then all are
 * registered and joined to the station in one transaction — a file with any bad row writes nothing.
 */
export class VolunteerImportService {
  constructor(
    private readonly ds: DataSource,
    private readonly volunteers: VolunteerService,
  ) {}

  async importXlsx(actor: Actor, stationId: string, contentBase64: string): Promise<VolunteerRow[]> {
    const user = requireUser(actor.user);
    const today = shanghaiToday();
    return this.ds.transaction(async (m) => {
      // Scope first: nobody learns anything about a file for a station they do not manage.
      const station = await StationRefs.require(m, stationId, { open: true });
      assertManage(user, station, '只能为本人负责或所辖地区的站点导入志愿者');
      const sheet = await readSheetRows('XLSX', contentBase64, {
        maxBytes: MAX_VOLUNTEER_IMPORT_BYTES,
        field: 'contentBase64',
      });
      const records = sheetRecords(sheet, VOLUNTEER_COLUMNS_IN_SHEET, MAX_VOLUNTEER_IMPORT_ROWS);
      const errors = new RowErrors();
      const rows: (VolunteerRowInput & {
        row: number;
        phoneHash: string;
        idHash: string;
      })[] = [];
      for (const rec of records) {
        const parsed = volunteerFromRow(rec, errors, today);
        if (parsed)
          rows.push({
            ...parsed,
            row: rec.row,
            ...this.volunteers.hashes(parsed.volunteer.phone, parsed.volunteer.idNumber),
          });
      }
      const firstPhone = new Map<string, number>();
      const firstId = new Map<string, number>();
      for (const r of rows) {
        const p = firstPhone.get(r.phoneHash);
        const i = firstId.get(r.idHash);
        if (i) errors.add(r.row, 'idNumber', 'DUPLICATE_ID_NUMBER', `公民身份号码与第 ${i} 行重复`);
        else firstId.set(r.idHash, r.row);
        if (p) errors.add(r.row, 'phone', 'DUPLICATE_PHONE', `手机号码与第 ${p} 行重复`);
        else firstPhone.set(r.phoneHash, r.row);
      }
      const taken: { phone_hash: string; id_number_hash: string }[] = rows.length
        ? await m.query(
            `SELECT phone_hash, id_number_hash FROM volunteers
              WHERE phone_hash = ANY($1::char(64)[]) OR id_number_hash = ANY($2::char(64)[])`,
            [rows.map((r) => r.phoneHash), rows.map((r) => r.idHash)],
          )
        : [];
      const takenPhones = new Set(taken.map((t) => t.phone_hash));
      const takenIds = new Set(taken.map((t) => t.id_number_hash));
      for (const r of rows) {
        if (takenIds.has(r.idHash))
          errors.add(
            r.row,
            'idNumber',
            'DUPLICATE_ID_NUMBER',
            '该公民身份号码已登记为志愿者（已登记的志愿者请在队伍页面添加为成员）',
          );
        if (takenPhones.has(r.phoneHash)) errors.add(r.row, 'phone', 'DUPLICATE_PHONE', '该手机号码已被其他志愿者使用');
      }
      errors.throwIfAny();
      const saved: VolunteerRow[] = [];
      for (const r of rows)
        saved.push(
          await this.volunteers.insertIn(m, actor, r.volunteer, {
            station,
            role: r.role,
            self: false,
            today,
          }),
        );
      return saved;
    });
  }
}
