import { DomainError, type RowErrors, type SheetColumn, type SheetRecord } from '@leifeng/kit';
import type { Role } from './membership';
import { POLITICAL_STATUSES, validateVolunteerInput, type ValidVolunteer } from './volunteer-input';

type Key = 'name' | 'idNumber' | 'phone' | 'politicalStatus' | 'skills' | 'role';

/** The template's columns (header texts people see first; English keys also accepted). */
export const VOLUNTEER_COLUMNS_IN_SHEET: SheetColumn<Key>[] = [
  { key: 'name', headers: ['姓名', 'name'], required: true },
  {
    key: 'idNumber',
    headers: ['公民身份号码', '身份证号码', '身份证号', 'idNumber'],
    required: true,
  },
  { key: 'phone', headers: ['手机号码', '手机号', 'phone'], required: true },
  {
    key: 'politicalStatus',
    headers: ['政治面貌', 'politicalStatus'],
    required: true,
  },
  { key: 'skills', headers: ['特长', 'skills'] },
  { key: 'role', headers: ['本站角色', '角色', 'role'] },
];

const POLITICAL_STATUS_NAMES: Record<(typeof POLITICAL_STATUSES)[number], string[]> = {
  CPC_MEMBER: ['中共党员', '中共预备党员', '党员'],
  CYL_MEMBER: ['共青团员', '团员'],
  OTHER: ['群众', '其他'],
};

const ROLE_NAMES: Record<Role, string> = {
  VOLUNTEER: '志愿者',
  STAFF: '专职管理员',
  LEADER: '负责人',
};

function politicalStatus(text: string): (typeof POLITICAL_STATUSES)[number] | undefined {
  const code = text.toUpperCase();
  if ((POLITICAL_STATUSES as readonly string[]).includes(code)) return code as (typeof POLITICAL_STATUSES)[number];
  return POLITICAL_STATUSES.find((s) => POLITICAL_STATUS_NAMES[s].includes(text));
}

function role(text: string | undefined): Role | undefined {
  if (!text) return 'VOLUNTEER';
  const code = text.toUpperCase();
  return (
    (Object.entries(ROLE_NAMES).find(([k, zh]) => zh === text || k === code)?.[0] as Role | undefined) ?? undefined
  );
}

export interface VolunteerRowInput {
  volunteer: ValidVolunteer;
  role: Role;
}

/**
 * One sheet row as a registration, checked by the same rules as registerVolunteer; every problem goes
 * to `errors` under the row's number. Returns undefined for a bad row.
 */
export function volunteerFromRow(
  rec: SheetRecord<Key>,
  errors: RowErrors,
  today: string,
): VolunteerRowInput | undefined {
  const c = rec.cells;
  const before = errors.size;
  const ps = c.politicalStatus ? politicalStatus(c.politicalStatus) : undefined;
  if (!c.politicalStatus) errors.add(rec.row, 'politicalStatus', 'REQUIRED', '政治面貌不能为空');
  else if (!ps)
    errors.add(
      rec.row,
      'politicalStatus',
      'INVALID_POLITICAL_STATUS',
      `政治面貌「${c.politicalStatus}」无效，应为：中共党员、共青团员、群众`,
    );
  const r = role(c.role);
  if (!r)
    errors.add(
      rec.row,
      'role',
      'INVALID_ROLE',
      `本站角色「${c.role}」无效，应为：${Object.values(ROLE_NAMES).join('、')}`,
    );
  const skills = (c.skills ?? '')
    .split(/[、,，;；/]/)
    .map((s) => s.trim())
    .filter(Boolean);
  let volunteer: ValidVolunteer | undefined;
  try {
    volunteer = validateVolunteerInput(
      {
        name: c.name ?? '',
        phone: c.phone ?? '',
        idNumber: c.idNumber ?? '',
        politicalStatus: ps ?? 'OTHER',
        skills,
      },
      today,
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    errors.addDomainError(rec.row, err);
  }
  return errors.size === before && volunteer && r ? { volunteer, role: r } : undefined;
}
