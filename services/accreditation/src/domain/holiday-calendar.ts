import { DomainError, ValidationErrors } from '@leifeng/kit';
import { addDays, isDate, weekdayOf } from './dates';

/** One year of the State Council's arrangement: days off (法定节假日及调休) and weekend days worked (调休上班). */
interface HolidayYear {
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

  /**
   * A year the calendar does not cover counts Monday–Friday (the State Council publishes the next
   * year's arrangement each November): the caller shows `uncoveredYears` as a warning, never refuses.
   */
  isWorkingDay(date: string): boolean {
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

  /** Years between two dates (inclusive) the calendar has no arrangement for. */
  uncoveredYears(from: string, to: string): number[] {
    const out: number[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!this.years.includes(y)) out.push(y);
    return out;
  }

  /** A copy whose years are replaced by those of `extra` (e.g. next year's arrangement from a config file). */
  merge(extra: HolidayCalendarData): HolidayCalendar {
    return new HolidayCalendar({
      ...this.data,
      years: { ...this.data.years, ...extra.years },
    });
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

export interface HolidayYearInput {
  year: number;
  holidays: string[];
  workdays: string[];
  /** The State Council notice the arrangement is copied from (title, number, date). */
  source: string;
}

/**
 * A year's arrangement as an officer enters it from the State Council's notice: entries are dates or
 * ranges inside the year, no day both off and worked, adjusted working days (调休上班) fall on a
 * Saturday or Sunday, holidays are not empty, and the notice is named.
 */
export function validateHolidayYear(input: HolidayYearInput): HolidayYearInput {
  const errors = new ValidationErrors();
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    errors.add('INVALID_NUMBER', 'year', '年度不正确');
  const source = String(input.source ?? '').trim();
  if (source.length < 5 || source.length > 300)
    errors.add('INVALID_LENGTH', 'source', '请写明所依据的国务院办公厅通知（5–300 字）');
  if (!Array.isArray(input.holidays) || input.holidays.length === 0)
    errors.add('INVALID_HOLIDAY_CALENDAR', 'holidays', '放假日期不能为空');
  errors.throwIfAny();
  const year = String(input.year);
  let off: string[];
  let on: string[];
  try {
    off = expand(input.holidays, year);
    on = expand(input.workdays ?? [], year);
  } catch (err) {
    throw new DomainError(
      'INVALID_HOLIDAY_CALENDAR',
      `日期格式不正确或不在 ${year} 年内（${(err as Error).message.replace('holiday calendar: ', '')}）`,
      { field: 'holidays' },
    );
  }
  const both = on.filter((d) => off.includes(d));
  if (both.length)
    throw new DomainError('INVALID_HOLIDAY_CALENDAR', `${both.join('、')} 不能既放假又上班`, {
      field: 'workdays',
      dates: both,
    });
  const weekday = on.filter((d) => weekdayOf(d) <= 5);
  if (weekday.length)
    throw new DomainError('INVALID_HOLIDAY_CALENDAR', `调休上班日应为周六或周日：${weekday.join('、')}`, {
      field: 'workdays',
      dates: weekday,
    });
  return {
    year: input.year,
    holidays: input.holidays.map((h) => h.trim()),
    workdays: (input.workdays ?? []).map((w) => w.trim()),
    source,
  };
}
