import { shanghaiToday, systemClock, type Clock } from '@leifeng/kit';

// The clock lives in the kit (one clock for every service); re-exported for this service's rules.
export { systemClock, type Clock };

export const todayIn = (clock: Clock): string => shanghaiToday(clock.now());

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/**
 * The same calendar day `years` later; a 29 February start ends on 1 March (a full year is held).
 */
export function addYears(date: string, years: number): string {
  const [, y, m, d] = DATE.exec(date)!;
  const candidate = `${Number(y) + years}-${m}-${d}`;
  return isDate(candidate) ? candidate : `${Number(y) + years}-03-01`;
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a calendar date. */
export function weekdayOf(date: string): number {
  const day = utc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the last full week (Mon–Sun) that ended before `date`. */
export function lastFullWeekMonday(date: string): string {
  return addDays(date, -(weekdayOf(date) - 1) - 7);
}

/** Months of `year` that are complete on `asOf` (all 12 for a past year). */
export function completeMonths(year: number, asOf: string): number[] {
  const [y, m] = asOf.split('-').map(Number);
  const last = year < y ? 12 : year > y ? 0 : m - 1;
  return Array.from({ length: last }, (_, i) => i + 1);
}
