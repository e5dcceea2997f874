import { DomainError } from '@leifeng/kit';

export type TemplateKind = 'NOTIFICATION' | 'MARKETING' | 'VERIFICATION';
const OPT_OUT_WORDING = '拒收请回复R';
/** Providers cap each variable (Aliyun: 35 characters for ordinary variables). */
const MAX_PARAM_LENGTH = 35;

export interface SmsTemplate {
  /** Our name, stable in the database. */
  name: string;
  /** The template code registered with the provider (approved with the text below). */
  providerCode: string;
  kind: TemplateKind;
  /** Urgent messages ignore quiet hours (never marketing). */
  urgent: boolean;
  /** Chinese text with ${named} parameters; the provider adds the 【sign name】. */
  text: string;
}

export const TEMPLATES: Record<string, SmsTemplate> = {
  TITLE_REVOKED: {
    name: 'TITLE_REVOKED',
    providerCode: 'SMS_LF_0001',
    kind: 'NOTIFICATION',
    urgent: false,
    text: '您好，${station}的${level}“雷锋号”称号已撤销（摘牌），原因：${reason}。详情请登录平台查看。',
  },
  TITLE_CONFERRED: {
    name: 'TITLE_CONFERRED',
    providerCode: 'SMS_LF_0002',
    kind: 'NOTIFICATION',
    urgent: false,
    text: '祝贺！${station}获评${level}“雷锋号”称号。详情请登录平台查看。',
  },
  REVIEW_COMPLETED: {
    name: 'REVIEW_COMPLETED',
    providerCode: 'SMS_LF_0003',
    kind: 'NOTIFICATION',
    urgent: false,
    text: '您好，${station}的评审验收已完成，结果：${outcome}。详情请登录平台查看。',
  },
  RECTIFICATION_ORDERED: {
    name: 'RECTIFICATION_ORDERED',
    providerCode: 'SMS_LF_0004',
    kind: 'NOTIFICATION',
    urgent: true,
    text: '您好，${station}需在${deadline}前完成整改，请登录平台查看整改要求。',
  },
  REGION_NOTICE: {
    name: 'REGION_NOTICE',
    providerCode: 'SMS_LF_0005',
    kind: 'NOTIFICATION',
    urgent: false,
    text: '${region}发布公告：${title}。详情请查看学雷锋志愿服务公告栏。',
  },
  VERIFICATION_CODE: {
    name: 'VERIFICATION_CODE',
    providerCode: 'SMS_LF_2001',
    kind: 'VERIFICATION',
    // A sign-in code is asked for by the person now: never held for quiet hours.
    urgent: true,
    text: '您的登录验证码为${code}，5分钟内有效。如非本人操作，请忽略本短信，切勿将验证码告知他人。',
  },
  GRANT_INVITATION: {
    name: 'GRANT_INVITATION',
    providerCode: 'SMS_LF_2002',
    kind: 'NOTIFICATION',
    urgent: false,
    text: '您已被邀请担任${role}，请于${deadline}前使用本手机号登录学雷锋志愿服务站平台接受邀请。',
  },
  PASSWORD_CHANGED: {
    name: 'PASSWORD_CHANGED',
    providerCode: 'SMS_LF_2003',
    kind: 'NOTIFICATION',
    // A security notice (ASVS 2.2.3): someone else changing the password must be known at once.
    urgent: true,
    text: '您的平台账号登录密码已于${time}设置或修改。如非本人操作，请立即使用验证码登录重设密码并联系管理员。',
  },
  VOLUNTEER_RECRUITMENT: {
    name: 'VOLUNTEER_RECRUITMENT',
    providerCode: 'SMS_LF_1001',
    kind: 'MARKETING',
    urgent: false,
    text: '${station}正在招募志愿者：${activity}，欢迎报名参加。' + OPT_OUT_WORDING,
  },
};

function paramNames(text: string): string[] {
  return [...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
}

/** Checks a template's own rules (opt-out wording only on marketing, never urgent marketing). */
export function checkTemplate(t: SmsTemplate): void {
  const hasOptOut = t.text.includes(OPT_OUT_WORDING);
  if (t.kind === 'MARKETING' && !t.text.endsWith(OPT_OUT_WORDING)) {
    throw new DomainError('SMS_TEMPLATE_INVALID', `营销短信模板 ${t.name} 必须以“${OPT_OUT_WORDING}”结尾`);
  }
  if (t.kind !== 'MARKETING' && hasOptOut) {
    throw new DomainError('SMS_TEMPLATE_INVALID', `通知类短信模板 ${t.name} 不应包含退订用语`);
  }
  if (t.kind === 'MARKETING' && t.urgent)
    throw new DomainError('SMS_TEMPLATE_INVALID', `营销短信模板 ${t.name} 不能标记为紧急`);
}

for (const t of Object.values(TEMPLATES)) checkTemplate(t);

export function templateOf(name: string): SmsTemplate {
  const t = TEMPLATES[name];
  if (!t) throw new DomainError('SMS_TEMPLATE_UNKNOWN', `未知的短信模板：${name}`);
  return t;
}

/** Validates parameters before sending: every named one present, short, plain text, no extras. */
export function validateParams(t: SmsTemplate, params: Record<string, unknown>): Record<string, string> {
  const names = paramNames(t.text);
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = params[name];
    if (typeof v !== 'string' || v.trim() === '')
      throw new DomainError('SMS_PARAM_MISSING', `短信模板 ${t.name} 缺少参数：${name}`, { param: name });
    if ([...v].length > MAX_PARAM_LENGTH)
      throw new DomainError('SMS_PARAM_TOO_LONG', `短信参数 ${name} 超过 ${MAX_PARAM_LENGTH} 个字符`, { param: name });
    if (/https?:\/\/|[\r\n]/i.test(v))
      throw new DomainError('SMS_PARAM_INVALID', `短信参数 ${name} 不能包含链接或换行`, { param: name });
    out[name] = v;
  }
  const extra = Object.keys(params).filter((k) => !names.includes(k));
  if (extra.length) throw new DomainError('SMS_PARAM_UNKNOWN', `短信模板 ${t.name} 没有参数：${extra.join('、')}`);
  return out;
}

export function render(t: SmsTemplate, params: Record<string, string>): string {
  return t.text.replace(/\$\{(\w+)\}/g, (_, n: string) => params[n]);
}

/** Shortens free text to fit a template variable. */
export function fitParam(v: string, max = MAX_PARAM_LENGTH): string {
  const chars = [...v.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}
