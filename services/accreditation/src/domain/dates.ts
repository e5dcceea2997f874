import { addDays, isoWeekdayOf, shanghaiToday, systemClock, type Clock } from '@leifeng/kit';

// Dates and the clock live in the kit (one calendar-date parser, one clock for every service);
// re-exported under this service's names to keep its imports short.
export { addDays, addYears, isCalendarDate as isDate, isoWeekdayOf as weekdayOf } from '@leifeng/kit';
export { systemClock, type Clock };

export const todayIn = (clock: Clock): string => shanghaiToday(clock);

/** The Monday of the last full week (Mon–Sun) that ended before `date`. */
export function lastFullWeekMonday(date: string): string {
  return addDays(date, -(isoWeekdayOf(date) - 1) - 7);
}

/** Months of `year` that are complete on `asOf` (all 12 for a past year). */
export function completeMonths(year: number, asOf: string): number[] {
  const [y, m] = asOf.split('-').map(Number);
  const last = year < y ? 12 : year > y ? 0 : m - 1;
  return Array.from({ length: last }, (_, i) => i + 1);
}
