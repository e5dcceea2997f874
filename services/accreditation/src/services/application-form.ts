import { isLandline, isMobilePhone, ValidationErrors } from '@leifeng/kit';

/** 附件2 申报表: the unit's own part (the group opinions are endorsements). */
export interface ApplicationForm {
  unitName: string;
  address: string;
  postalCode: string;
  leaderName: string;
  leaderPhone: string;
  /** 对照创建标准的工作站情况 */
  situation: string;
  /** 主要做法和经验 */
  practices: string;
  /** 创建计划（2000 字左右） */
  plan: string;
  /** 申报单位意见 */
  unitOpinion: string;
}

export interface AttachmentInput {
  fileName: string;
  url: string;
}

const LIMITS: Record<keyof ApplicationForm, [number, number, string]> = {
  unitName: [1, 100, '申报单位'],
  address: [1, 200, '地址'],
  postalCode: [6, 6, '邮编'],
  leaderName: [1, 50, '负责人姓名'],
  leaderPhone: [1, 30, '负责人电话'],
  situation: [1, 5000, '工作站情况'],
  practices: [1, 5000, '主要做法和经验'],
  plan: [1, 3000, '创建计划'],
  unitOpinion: [1, 1000, '申报单位意见'],
};

export function validateForm(raw: ApplicationForm, attachments: AttachmentInput[] = []): ApplicationForm {
  const errors = new ValidationErrors();
  const form = {} as ApplicationForm;
  for (const [key, [min, max, label]] of Object.entries(LIMITS) as [
    keyof ApplicationForm,
    [number, number, string],
  ][]) {
    const value = (raw?.[key] ?? '').trim();
    form[key] = value;
    if (value.length < min || value.length > max)
      errors.add(
        'INVALID_LENGTH',
        `form.${key}`,
        min === max ? `${label}应为 ${min} 位` : `${label}不能为空且不超过 ${max} 字`,
      );
  }
  if (form.postalCode && !/^\d{6}$/.test(form.postalCode))
    errors.add('INVALID_POSTAL_CODE', 'form.postalCode', '邮编应为 6 位数字');
  if (form.leaderPhone && !isMobilePhone(form.leaderPhone) && !isLandline(form.leaderPhone))
    errors.add('INVALID_PHONE', 'form.leaderPhone', '负责人电话格式不正确');
  for (const [i, a] of attachments.entries()) {
    if (!a.fileName?.trim() || !/^https?:\/\//.test(a.url ?? ''))
      errors.add('INVALID_URL', `attachments.${i}`, `第 ${i + 1} 个附件的文件名或链接不正确`);
  }
  errors.throwIfAny();
  return form;
}
