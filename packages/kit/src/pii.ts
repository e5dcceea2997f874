/** Masks a phone number for display: 13812341234 → 138****1234, 0731-84561234 → 073*****1234. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const SERVICE_NUMBER = /^(400|800)-?\d{3}-?\d{4}$|^1\d{4}$/;

/** Mainland mobile numbers (11 digits, 1[3-9]…). */
export const isMobilePhone = (v: string) => MOBILE.test(v);
/** Mainland landlines with area code, optional dash and extension: 0731-84561234-12. */
export const isLandline = (v: string) => LANDLINE.test(v);
/** Hotlines may also be 400/800 numbers or 5-digit public service numbers (12345). */
export const isHotline = (v: string) => MOBILE.test(v) || LANDLINE.test(v) || SERVICE_NUMBER.test(v);
