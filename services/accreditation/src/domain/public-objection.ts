import { DomainError } from '@leifeng/kit';

/** How much one phone and one client address may file (the SMS code already limits phones per hour). */
export const OBJECTION_LIMITS = {
  /** Objections per phone on one 公示. */
  perPhonePerNotice: 3,
  /** Objections per client address in 24 hours, all notices together. */
  perAddressPerDay: 10,
} as const;

const REASON_MAX = 500;
const REASON_MIN = 5;
const NAME_MAX = 30;

/** Counted in characters as a person sees them (a 汉字 or an emoji is one). */
const chars = (s: string) => Array.from(s).length;

export interface PublicObjectionText {
  name: string;
  reason: string;
}

/** The trimmed name and reason, or a field error (nothing is looked up or written before this passes). */
export function validatePublicObjection(rawName: string, rawReason: string): PublicObjectionText {
  const name = String(rawName ?? '')
    .trim()
    .replace(/\s+/g, ' ');
  if (!name || chars(name) > NAME_MAX || /[\p{Cc}<>]/u.test(name)) {
    throw new DomainError('INVALID_NAME', `请填写真实姓名（不超过 ${NAME_MAX} 个字）`, { field: 'name' });
  }
  const reason = String(rawReason ?? '').trim();
  if (chars(reason) < REASON_MIN || chars(reason) > REASON_MAX) {
    throw new DomainError('INVALID_LENGTH', `异议理由应为 ${REASON_MIN}–${REASON_MAX} 字`, {
      field: 'reason',
      max: REASON_MAX,
    });
  }
  return { name, reason };
}
