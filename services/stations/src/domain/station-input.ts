import { isHotline, isLandline, isMobilePhone, shanghaiToday, ValidationErrors } from '@leifeng/kit';
import { checkCommunityCodes } from './region-facts';
import type { Attachment, OpeningSlot, ServiceItem, StationCategory, StationStatus } from '../db/station.entity';

export interface StationInput {
  name?: string;
  category?: StationCategory;
  hostUnit?: string;
  regionCode?: string;
  address?: string;
  postalCode?: string | null;
  location?: { longitude: number; latitude: number } | null;
  leader?: { name: string; phone: string };
  hotline?: string | null;
  openingHours?: OpeningSlot[] | null;
  serviceItems?: ServiceItem[] | null;
  facilities?: string[] | null;
  unitHeadcount?: number | null;
  establishedOn?: string | null;
  evidence?: Attachment[] | null;
  status?: StationStatus;
  /** 12-digit codes of the communities (居委会 / 村委会) the station serves; replaces the whole set. */
  communityCodes?: string[] | null;
}

const LIMITS = {
  name: [2, 100],
  hostUnit: [2, 100],
  address: [4, 200],
  leaderName: [2, 50],
  serviceItemName: [1, 50],
  serviceItemDescription: [0, 500],
  fileName: [1, 200],
  url: [1, 1000],
  closeReason: [2, 500],
} as const;
const MAX_SLOTS = 42;
const MAX_SERVICE_ITEMS = 50;
const MAX_EVIDENCE = 30;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function checkLength(
  errors: ValidationErrors,
  field: keyof typeof LIMITS,
  label: string,
  value: string | null | undefined,
  path = field as string,
): void {
  if (value === undefined || value === null) return;
  const [min, max] = LIMITS[field];
  const length = [...value.trim()].length;
  if (length < min || length > max) errors.add('INVALID_LENGTH', path, `${label}长度应为 ${min}–${max} 个字符`);
}

function checkOpeningHours(errors: ValidationErrors, slots: OpeningSlot[]): void {
  if (slots.length > MAX_SLOTS) errors.add('INVALID_OPENING_HOURS', 'openingHours', `开放时段最多 ${MAX_SLOTS} 个`);
  const byDay = new Map<string, OpeningSlot[]>();
  for (const slot of slots) {
    if (!TIME.test(slot.opens) || !TIME.test(slot.closes) || slot.opens >= slot.closes) {
      errors.add(
        'INVALID_OPENING_HOURS',
        'openingHours',
        `开放时段 ${slot.opens}–${slot.closes} 无效（格式 HH:MM，开始早于结束）`,
      );
      continue;
    }
    byDay.set(slot.weekday, [...(byDay.get(slot.weekday) ?? []), slot]);
  }
  for (const [, daySlots] of byDay) {
    const sorted = [...daySlots].sort((a, b) => a.opens.localeCompare(b.opens));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].opens < sorted[i - 1].closes) {
        errors.add(
          'INVALID_OPENING_HOURS',
          'openingHours',
          `开放时段 ${sorted[i - 1].opens}–${sorted[i - 1].closes} 与 ${sorted[i].opens}–${sorted[i].closes} 重叠`,
        );
      }
    }
  }
}

/**
 * Checks every field present in the input; `creating` additionally requires the mandatory ones.
 * Region existence and name uniqueness need the database and are checked by the service.
 */
export function validateStationInput(input: StationInput, creating: boolean, today = shanghaiToday()): void {
  const errors = new ValidationErrors();
  checkLength(errors, 'name', '站点名称', input.name);
  checkLength(errors, 'hostUnit', '依托单位', input.hostUnit);
  checkLength(errors, 'address', '地址', input.address);
  if (input.leader) {
    checkLength(errors, 'leaderName', '负责人姓名', input.leader.name, 'leader.name');
    if (!isMobilePhone(input.leader.phone) && !isLandline(input.leader.phone)) {
      errors.add('INVALID_PHONE', 'leader.phone', `负责人电话格式不正确：应为手机号（11 位）或带区号的固定电话`);
    }
  }
  if (input.hotline && !isHotline(input.hotline)) {
    errors.add('INVALID_PHONE', 'hotline', '服务热线格式不正确：应为手机号、带区号的固定电话或 400/800 号码');
  }
  if (input.postalCode && !/^[0-8]\d{5}$/.test(input.postalCode)) {
    errors.add('INVALID_POSTAL_CODE', 'postalCode', '邮政编码应为 6 位数字');
  }
  if (input.location) {
    const { longitude, latitude } = input.location;
    if (!(longitude >= 73 && longitude <= 136 && latitude >= 3 && latitude <= 54)) {
      errors.add('INVALID_LOCATION', 'location', '坐标不在中国境内（经度 73–136，纬度 3–54）');
    }
  }
  if (input.openingHours) checkOpeningHours(errors, input.openingHours);
  if (input.serviceItems) {
    if (input.serviceItems.length > MAX_SERVICE_ITEMS)
      errors.add('INVALID_LENGTH', 'serviceItems', `服务项目最多 ${MAX_SERVICE_ITEMS} 项`);
    input.serviceItems.forEach((item, i) => {
      checkLength(errors, 'serviceItemName', '服务项目名称', item.name, `serviceItems.${i}.name`);
      checkLength(errors, 'serviceItemDescription', '服务项目说明', item.description, `serviceItems.${i}.description`);
    });
  }
  if (input.facilities && new Set(input.facilities).size !== input.facilities.length) {
    errors.add('DUPLICATE_VALUE', 'facilities', '便民设施有重复项');
  }
  if (
    input.unitHeadcount !== undefined &&
    input.unitHeadcount !== null &&
    !(Number.isInteger(input.unitHeadcount) && input.unitHeadcount >= 0 && input.unitHeadcount <= 1_000_000)
  ) {
    errors.add('INVALID_NUMBER', 'unitHeadcount', '单位人数应为 0–1000000 的整数');
  }
  if (input.establishedOn && input.establishedOn > today) {
    errors.add('INVALID_DATE', 'establishedOn', '建站日期不能晚于今天');
  }
  if (input.evidence) {
    if (input.evidence.length > MAX_EVIDENCE)
      errors.add('INVALID_LENGTH', 'evidence', `佐证材料最多 ${MAX_EVIDENCE} 个`);
    input.evidence.forEach((file, i) => {
      checkLength(errors, 'fileName', '文件名', file.fileName, `evidence.${i}.fileName`);
      if (!/^https?:\/\/\S+$/.test(file.url) || file.url.length > LIMITS.url[1])
        errors.add('INVALID_URL', `evidence.${i}.url`, '佐证材料地址应为 http(s) 链接');
      if (file.sizeBytes !== undefined && file.sizeBytes !== null && file.sizeBytes < 0)
        errors.add('INVALID_NUMBER', `evidence.${i}.sizeBytes`, '文件大小不能为负数');
    });
  }
  checkCommunityCodes(errors, input.communityCodes);
  if (input.status === 'CLOSED') errors.add('INVALID_STATUS_CHANGE', 'status', '关闭站点请使用 closeStation');
  if (creating) {
    for (const [field, label] of [
      ['name', '站点名称'],
      ['hostUnit', '依托单位'],
      ['address', '地址'],
      ['regionCode', '所在地区'],
    ] as const) {
      if (!input[field]?.trim()) errors.add('REQUIRED', field, `${label}不能为空`);
    }
  }
  errors.throwIfAny();
}

export function validateCloseReason(reason: string): void {
  const errors = new ValidationErrors();
  checkLength(errors, 'closeReason', '关闭原因', reason, 'reason');
  errors.throwIfAny();
}
