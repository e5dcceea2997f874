import { isCalendarDate } from './common';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface ResidentIdInfo {
  birthDate: string;
  gender: 'MALE' | 'FEMALE';
}

/** Upper-case X, no spaces: the form the lookup hash is computed on. */
export const normalizeResidentId = (raw: string) => raw.replace(/\s/g, '').toUpperCase();

/**
 * GB 11643-1999 citizen identity number: 6-digit region, 8-digit birth date, 3-digit sequence (odd for
 * men), ISO 7064 MOD 11-2 check character. Returns what the number encodes, or undefined if invalid.
 */
export function parseResidentId(id: string, today: string): ResidentIdInfo | undefined {
  if (!/^\d{17}[\dX]$/.test(id)) return undefined;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (CHECK[sum % 11] !== id[17]) return undefined;
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate > today || birthDate < '1900-01-01') return undefined;
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

/** Makes a valid number from 17 digits (tests and fixtures). */
export function withCheckDigit(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + CHECK[sum % 11];
}
