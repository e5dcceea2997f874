import { DomainError, isCalendarDate, type RowErrors, type SheetColumn, type SheetRecord } from '@leifeng/kit';
import type { StationCategory } from '../db/station.entity';
import { validateStationInput, type StationInput } from './station-input';

/** Chinese names of the station categories as the import template writes them. */
const STATION_CATEGORY_NAMES: Record<StationCategory, string> = {
  COMMUNITY: '城乡社区',
  SCHOOL: '中小学校',
  UNIVERSITY: '高校',
  ENTERPRISE: '企业',
  GOVERNMENT: '机关单位',
  TOWNSHIP: '乡镇（街道）',
  SERVICE_WINDOW: '服务窗口',
  CULTURAL_FACILITY: '文化场馆',
  PARK_SCENIC: '公园景区',
  RESIDENTIAL_POINT: '居民点',
};

type Key =
  | 'name'
  | 'category'
  | 'hostUnit'
  | 'regionCode'
  | 'address'
  | 'postalCode'
  | 'leaderName'
  | 'leaderPhone'
  | 'hotline'
  | 'unitHeadcount'
  | 'establishedOn';

/** The template's columns (header texts people see first; English keys also accepted). */
export const STATION_COLUMNS: SheetColumn<Key>[] = [
  { key: 'name', headers: ['站点名称', 'name'], required: true },
  { key: 'category', headers: ['类别', 'category'], required: true },
  { key: 'hostUnit', headers: ['依托单位', 'hostUnit'], required: true },
  {
    key: 'regionCode',
    headers: ['行政区划代码', 'regionCode'],
    required: true,
  },
  { key: 'address', headers: ['地址', 'address'], required: true },
  { key: 'postalCode', headers: ['邮政编码', 'postalCode'] },
  { key: 'leaderName', headers: ['负责人姓名', 'leaderName'], required: true },
  {
    key: 'leaderPhone',
    headers: ['负责人电话', 'leaderPhone'],
    required: true,
  },
  { key: 'hotline', headers: ['服务热线', 'hotline'] },
  { key: 'unitHeadcount', headers: ['单位人数', 'unitHeadcount'] },
  { key: 'establishedOn', headers: ['建站日期', 'establishedOn'] },
];

export type StationRowInput = StationInput & {
  leader: { name: string; phone: string };
};

function category(text: string): StationCategory | undefined {
  const byName = Object.entries(STATION_CATEGORY_NAMES).find(([, zh]) => zh === text)?.[0];
  const code = text.toUpperCase();
  return (byName ?? (code in STATION_CATEGORY_NAMES ? code : undefined)) as StationCategory | undefined;
}

/**
 * One sheet row as a station input, checked by the same rules as createStation; every problem goes
 * to `errors` under the row's number. Returns undefined for a bad row.
 */
export function stationFromRow(rec: SheetRecord<Key>, errors: RowErrors): StationRowInput | undefined {
  const c = rec.cells;
  const before = errors.size;
  const cat = c.category ? category(c.category) : undefined;
  if (!c.category) errors.add(rec.row, 'category', 'REQUIRED', '类别不能为空');
  else if (!cat)
    errors.add(
      rec.row,
      'category',
      'INVALID_CATEGORY',
      `类别「${c.category}」无效，应为：${Object.values(STATION_CATEGORY_NAMES).join('、')}`,
    );
  if (!c.leaderName) errors.add(rec.row, 'leader.name', 'REQUIRED', '负责人姓名不能为空');
  if (!c.leaderPhone) errors.add(rec.row, 'leader.phone', 'REQUIRED', '负责人电话不能为空');
  let headcount: number | undefined;
  if (c.unitHeadcount) {
    headcount = /^\d+$/.test(c.unitHeadcount) ? Number(c.unitHeadcount) : NaN;
    if (Number.isNaN(headcount))
      errors.add(rec.row, 'unitHeadcount', 'INVALID_NUMBER', `单位人数「${c.unitHeadcount}」应为整数`);
  }
  if (c.establishedOn && !isCalendarDate(c.establishedOn)) {
    errors.add(rec.row, 'establishedOn', 'INVALID_DATE', `建站日期「${c.establishedOn}」应为 YYYY-MM-DD 格式的日期`);
  }
  const input: StationRowInput = {
    name: c.name ?? '',
    category: cat,
    hostUnit: c.hostUnit ?? '',
    regionCode: c.regionCode ?? '',
    address: c.address ?? '',
    postalCode: c.postalCode ?? null,
    leader: {
      name: c.leaderName ?? '',
      phone: (c.leaderPhone ?? '').replace(/\s/g, ''),
    },
    hotline: c.hotline ?? null,
    unitHeadcount: headcount !== undefined && !Number.isNaN(headcount) ? headcount : null,
    establishedOn: c.establishedOn && isCalendarDate(c.establishedOn) ? c.establishedOn : null,
  };
  try {
    validateStationInput(
      {
        ...input,
        leader: c.leaderName && c.leaderPhone ? input.leader : undefined,
      },
      true,
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    errors.addDomainError(rec.row, err);
  }
  return errors.size === before ? input : undefined;
}
