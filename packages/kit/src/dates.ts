/**
 * The platform's one calendar-date parser and its Asia/Shanghai date helpers. Every `Date` input of
 * every service (the GraphQL scalars, the gateway, domain rules) is checked here, so "2026-02-30" is
 * refused everywhere alike. Asia/Shanghai has no daylight saving: local time is UTC+8 all year, so
 * calendar arithmetic on `YYYY-MM-DD` strings in UTC is exact.
 */
import { DomainError } from './errors';
import { systemClock, type Clock } from './clock';

export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 date-time: a calendar date, optionally a time and a zone. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Whether `value` is a real calendar date written YYYY-MM-DD (no 2026-02-30, no 2026-13-01). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const shown = (value: unknown) =>
  typeof value === 'string' ? (value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value);

/** A calendar date or DomainError INVALID_DATE naming the field. */
export function parseCalendarDate(value: unknown, field?: string): string {
  if (isCalendarDate(value)) return value;
  throw new DomainError(
    'INVALID_DATE',
    `${field ? `${field}：` : ''}日期应为有效的 YYYY-MM-DD 日期：${shown(value)}`,
    field ? { field } : {},
  );
}

/**
 * An instant in ISO 8601 (a calendar date, optionally time and zone) or DomainError INVALID_DATE.
 * The date part goes through the calendar check: `new Date('2026-02-30')` alone would roll over to 2 March.
 */
export function parseInstant(value: unknown, field?: string): Date {
  const m = typeof value === 'string' ? DATE_TIME.exec(value.trim()) : null;
  const ok =
    !!m &&
    isCalendarDate(m[1]) &&
    (m[2] === undefined || (Number(m[2]) <= 23 && Number(m[3]) <= 59 && (m[4] === undefined || Number(m[4]) <= 59)));
  const d = ok ? new Date(value as string) : undefined;
  if (!d || Number.isNaN(d.getTime())) {
    throw new DomainError(
      'INVALID_DATE',
      `${field ? `${field}：` : ''}时间格式应为 ISO 8601：${shown(value)}`,
      field ? { field } : {},
    );
  }
  return d;
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Asia/Shanghai, where every date rule of the platform is computed (a clock or an instant). */
export function shanghaiToday(now: Clock | Date = systemClock): string {
  return shanghaiDate(now instanceof Date ? now : now.now());
}

/** The instant a Shanghai calendar date starts. */
export function shanghaiMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same calendar day `years` later; a 29 February start ends on 1 March (a full year is held). */
export function addYears(date: string, years: number): string {
  const [, y, m, d] = DATE.exec(date)!;
  const candidate = `${Number(y) + years}-${m}-${d}`;
  return isCalendarDate(candidate) ? candidate : `${Number(y) + years}-03-01`;
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a calendar date. */
export function isoWeekdayOf(date: string): number {
  const day = utc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Minutes since local (Asia/Shanghai) midnight of an instant. */
export function shanghaiMinuteOfDay(at: Date): number {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Whether the local time of `at` lies in [start, end), windows may wrap midnight (21:00–08:00). */
export function inShanghaiWindow(at: Date, start: string, end: string): boolean {
  const t = shanghaiMinuteOfDay(at);
  const s = minutesOf(start);
  const e = minutesOf(end);
  return s <= e ? t >= s && t < e : t >= s || t < e;
}

/** The next instant (strictly after `at` or equal when already there) whose local time is hh:mm. */
export function nextShanghaiTime(at: Date, hhmm: string): Date {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const target = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) + minutesOf(hhmm) * 60_000;
  const localMs = local.getTime() - (local.getTime() % 60_000);
  const next = target >= localMs ? target : target + 24 * 3600_000;
  return new Date(next - SHANGHAI_OFFSET_MS);
}

/** Year and month (1–12) in Asia/Shanghai. */
export function shanghaiYearMonth(at: Date): { year: number; month: number } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
}

/** YYYYMMDD in Asia/Shanghai. */
export function shanghaiCompactDate(at: Date): string {
  return shanghaiDate(at).replace(/-/g, '');
}
