import {
  assertAllowed,
  canAdministerRegion,
  DomainError,
  hasRole,
  readSheetRows,
  RowErrors,
  sheetRecords,
  type AuthUser,
} from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { StationEntity } from '../db/station.entity';
import { STATION_COLUMNS, stationFromRow, type StationRowInput } from '../domain/station-sheet';
import { trimmed, type StationService } from './station-service';

const MAX_STATION_IMPORT_ROWS = 500;
const MAX_STATION_IMPORT_BYTES = 1024 * 1024;

/**
 * Officers register many stations from the XLSX template: every row is checked (fields, region, the
 * officer's scope, duplicate names in the file and in the region) before anything is written, and the
 * stations are written in one transaction — a file with any bad row writes nothing.
 */
export class StationImportService {
  constructor(
    private readonly ds: DataSource,
    private readonly stations: StationService,
  ) {}

  async importXlsx(user: AuthUser | undefined, contentBase64: string, requestId?: string): Promise<StationEntity[]> {
    assertAllowed(user, true);
    assertAllowed(user, hasRole(user, 'PROVINCE_ADMIN', 'CITY_ADMIN', 'COUNTY_ADMIN'), '只有管理员可以导入站点');
    const sheet = await readSheetRows('XLSX', contentBase64, {
      maxBytes: MAX_STATION_IMPORT_BYTES,
      field: 'contentBase64',
    });
    const records = sheetRecords(sheet, STATION_COLUMNS, MAX_STATION_IMPORT_ROWS);
    const errors = new RowErrors();
    const rows: { row: number; input: StationRowInput }[] = [];
    for (const rec of records) {
      const input = stationFromRow(rec, errors);
      if (input) rows.push({ row: rec.row, input: trimmed(input) });
    }
    return this.ds.transaction(async (m) => {
      const seen = new Map<string, number>();
      for (const { row, input } of rows) {
        try {
          await this.stations.requireStationRegion(m, input.regionCode!);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          errors.addDomainError(row, err);
          continue;
        }
        if (!canAdministerRegion(user, input.regionCode!))
          errors.add(row, 'regionCode', 'FORBIDDEN', `只能导入所辖地区的站点（${input.regionCode}）`);
        const key = `${input.regionCode}|${input.name!.toLowerCase()}`;
        const first = seen.get(key);
        if (first)
          errors.add(
            row,
            'name',
            'DUPLICATE_STATION_NAME',
            `与第 ${first} 行重复：同一地区的站点名称「${input.name}」`,
          );
        else seen.set(key, row);
      }
      const taken: { key: string }[] = rows.length
        ? await m.query(
            `SELECT region_code || '|' || lower(name) AS key FROM stations
              WHERE status <> 'CLOSED'
                AND (region_code, lower(name)) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[]))`,
            [rows.map((r) => r.input.regionCode), rows.map((r) => r.input.name!.toLowerCase())],
          )
        : [];
      const takenKeys = new Set(taken.map((t) => t.key));
      for (const { row, input } of rows) {
        if (takenKeys.has(`${input.regionCode}|${input.name!.toLowerCase()}`)) {
          errors.add(row, 'name', 'DUPLICATE_STATION_NAME', `同一地区已有名为「${input.name}」的站点`);
        }
      }
      errors.throwIfAny();
      const saved: StationEntity[] = [];
      for (const { input } of rows) saved.push(await this.stations.insertIn(m, user, input, requestId));
      return saved;
    });
  }
}
