import { ValidationErrors } from './errors';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Longest period a monthly series may ask for. */
export const MAX_SERIES_MONTHS = 120;

/**
 * The 'YYYY-MM' months from..to inclusive, for the monthly series on Region (stations and volunteers
 * answer the same periods). Malformed or reversed bounds → INVALID_MONTH / INVALID_PERIOD.
 */
export function monthsBetween(from: string, to: string): string[] {
  const errors = new ValidationErrors();
  if (!MONTH.test(from)) errors.add('INVALID_MONTH', 'from', `月份格式应为 YYYY-MM：${from}`);
  if (!MONTH.test(to)) errors.add('INVALID_MONTH', 'to', `月份格式应为 YYYY-MM：${to}`);
  errors.throwIfAny();
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const n = index(to) - index(from) + 1;
  if (n < 1) errors.add('INVALID_PERIOD', 'to', '结束月份不能早于开始月份');
  else if (n > MAX_SERIES_MONTHS) errors.add('INVALID_PERIOD', 'to', `一次最多查询 ${MAX_SERIES_MONTHS} 个月`);
  errors.throwIfAny();
  return Array.from({ length: n }, (_, k) => {
    const i = index(from) + k;
    return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  });
}
