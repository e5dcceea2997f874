import { DomainError } from '@leifeng/kit';
import { addDays, isDate, weekdayOf } from './dates';

/** One year of the State Council's arrangement: days off (法定节假日及调休) and weekend days worked (调休上班). */
export interface HolidayYear {
  /** Dates or inclusive ranges "YYYY-MM-DD..YYYY-MM-DD". */
  holidays: string[];
  workdays: string[];
}
export interface HolidayCalendarData {
  name?: string;
  source?: string;
  years: Record<string, HolidayYear>;
}

/** Working days for 公示: Monday–Friday, less public holidays, plus adjusted working days, for the years it covers. */
export class HolidayCalendar {
  private readonly off = new Set<string>();
  private readonly on = new Set<string>();
  readonly years: number[];

  constructor(readonly data: HolidayCalendarData) {
    this.years = Object.keys(data.years).map(Number).sort();
    for (const [year, y] of Object.entries(data.years)) {
      for (const d of expand(y.holidays, year)) this.off.add(d);
      for (const d of expand(y.workdays, year)) {
        if (this.off.has(d)) throw new Error(`holiday calendar: ${d} is both a holiday and a working day`);
        this.on.add(d);
      }
    }
  }

  covers(date: string): boolean {
    return this.years.includes(Number(date.slice(0, 4)));
  }

  /** Refuses dates of a year the calendar does not cover rather than guessing Monday–Friday. */
  isWorkingDay(date: string): boolean {
    if (!this.covers(date)) {
      throw new DomainError('HOLIDAY_CALENDAR_MISSING', `尚未配置 ${date.slice(0, 4)} 年的节假日安排，无法计算工作日，请先补充节假日数据`, { year: Number(date.slice(0, 4)) });
    }
    if (this.on.has(date)) return true;
    if (this.off.has(date)) return false;
    return weekdayOf(date) <= 5;
  }

  /** The last day of a period of `n` working days starting on `start` (counted when it is one). */
  addWorkingDays(start: string, n: number): string {
    let date = start;
    let counted = 0;
    for (;;) {
      if (this.isWorkingDay(date)) counted += 1;
      if (counted >= n) return date;
      date = addDays(date, 1);
    }
  }

  /** A copy whose years are replaced by those of `extra` (e.g. next year's arrangement from a config file). */
  merge(extra: HolidayCalendarData): HolidayCalendar {
    return new HolidayCalendar({ ...this.data, years: { ...this.data.years, ...extra.years } });
  }
}

function expand(entries: string[], year: string): string[] {
  const out: string[] = [];
  for (const entry of entries ?? []) {
    const [from, to = from] = entry.split('..');
    if (!isDate(from) || !isDate(to) || from > to || from.slice(0, 4) !== year || to.slice(0, 4) !== year) {
      throw new Error(`holiday calendar: bad entry "${entry}" for ${year}`);
    }
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  }
  return out;
}
