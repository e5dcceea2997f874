import { isMobilePhone, shanghaiToday, ValidationErrors } from '@leifeng/kit';
import { isCalendarDate } from './common';
import { normalizeResidentId, parseResidentId } from './resident-id';

/** @public The genders the input accepts (the type below reads them). */
export const GENDERS = ['MALE', 'FEMALE'] as const;
export const POLITICAL_STATUSES = ['CPC_MEMBER', 'CYL_MEMBER', 'OTHER'] as const;
const MAX_SKILLS = 20;

export interface VolunteerInput {
  name: string;
  gender?: (typeof GENDERS)[number] | null;
  birthDate?: string | null;
  phone: string;
  idNumber: string;
  politicalStatus: (typeof POLITICAL_STATUSES)[number];
  skills?: string[] | null;
}

export interface ValidVolunteer {
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  phone: string;
  idNumber: string;
  politicalStatus: string;
  skills: string[];
}

/** Every field checked at once; the ID number decides birth date and gender, which must agree when given. */
export function validateVolunteerInput(input: VolunteerInput, today = shanghaiToday()): ValidVolunteer {
  const errors = new ValidationErrors();
  const name = (input.name ?? '').trim();
  if (name.length < 2 || name.length > 50) errors.add('INVALID_LENGTH', 'name', '姓名长度应为 2–50 个字符');
  const phone = (input.phone ?? '').replace(/[\s-]/g, '');
  if (!isMobilePhone(phone)) errors.add('INVALID_PHONE', 'phone', `手机号码格式不正确：${input.phone}`);
  const idNumber = normalizeResidentId(input.idNumber ?? '');
  const info = parseResidentId(idNumber, today);
  let birthDate = input.birthDate ?? '';
  let gender = input.gender ?? undefined;
  if (!info) {
    errors.add('INVALID_ID_NUMBER', 'idNumber', '公民身份号码无效（应为 18 位，校验码或出生日期不正确）');
  } else {
    if (birthDate && (!isCalendarDate(birthDate) || birthDate !== info.birthDate)) {
      errors.add('ID_BIRTH_DATE_MISMATCH', 'birthDate', `出生日期与身份证号码不一致（号码中为 ${info.birthDate}）`);
    }
    if (gender && gender !== info.gender) errors.add('ID_GENDER_MISMATCH', 'gender', '性别与身份证号码不一致');
    birthDate = info.birthDate;
    gender = info.gender;
  }
  if (!POLITICAL_STATUSES.includes(input.politicalStatus))
    errors.add('INVALID_POLITICAL_STATUS', 'politicalStatus', '政治面貌不正确');
  const skills = (input.skills ?? []).map((s) => s.trim());
  if (skills.length > MAX_SKILLS) errors.add('INVALID_SKILLS', 'skills', `特长最多 ${MAX_SKILLS} 项`);
  if (skills.some((s) => s.length < 1 || s.length > 30))
    errors.add('INVALID_SKILLS', 'skills', '每项特长应为 1–30 个字符');
  if (new Set(skills).size !== skills.length) errors.add('DUPLICATE_VALUE', 'skills', '特长不能重复');
  errors.throwIfAny();
  return {
    name,
    gender: gender!,
    birthDate,
    phone,
    idNumber,
    politicalStatus: input.politicalStatus,
    skills,
  };
}
