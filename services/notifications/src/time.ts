/** Asia/Shanghai has no daylight saving: local time is UTC+8 all year. */
const OFFSET_MS = 8 * 3600_000;

export function shanghaiMinuteOfDay(at: Date): number {
  const local = new Date(at.getTime() + OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Whether the local time of `at` lies in [start, end), windows may wrap midnight (21:00–08:00). */
export function inWindow(at: Date, start: string, end: string): boolean {
  const t = shanghaiMinuteOfDay(at);
  const s = minutesOf(start);
  const e = minutesOf(end);
  return s <= e ? t >= s && t < e : t >= s || t < e;
}

/** The next instant (strictly after `at` or equal when already there) whose local time is hh:mm. */
export function nextLocalTime(at: Date, hhmm: string): Date {
  const local = new Date(at.getTime() + OFFSET_MS);
  const target = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) + minutesOf(hhmm) * 60_000;
  const localMs = local.getTime() - (local.getTime() % 60_000);
  const next = target >= localMs ? target : target + 24 * 3600_000;
  return new Date(next - OFFSET_MS);
}

/** Year and month (1–12) in Asia/Shanghai. */
export function shanghaiYearMonth(at: Date): { year: number; month: number } {
  const local = new Date(at.getTime() + OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
}

/** YYYYMMDD in Asia/Shanghai (Aliyun's SendDate). */
export function shanghaiCompactDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}
