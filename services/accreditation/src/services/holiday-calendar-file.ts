import { readFileSync } from 'node:fs';
import seed from '../db/seed/holidays-cn.json';
import { HolidayCalendar, type HolidayCalendarData } from '../domain/holiday-calendar';

/** The seeded 2024–2026 PRC calendar, with years from HOLIDAY_CALENDAR_FILE (same JSON shape) added or replaced. */
export function loadHolidayCalendar(file?: string): HolidayCalendar {
  const base = new HolidayCalendar(seed as HolidayCalendarData);
  if (!file) return base;
  return base.merge(JSON.parse(readFileSync(file, 'utf8')) as HolidayCalendarData);
}
