/**
 * Shanghai wall-clock fields of an instant. China has kept UTC+8 all year since 1991, so this is the UTC fields of
 * the instant plus eight hours: no time-zone database lookup, which dayjs' tz plugin (through Intl) makes on every
 * call and which cost ~100 ms on its first call, on the critical path of every page. dayjs.tz stays for parsing
 * what people type into forms. No imports: src/landing.ts runs this before the app has loaded.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');
function shanghai(ms: number) {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return {
    year: d.getUTCFullYear(),
    month: date.slice(0, 7),
    date,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}
/** Year, month (YYYY-MM), date (YYYY-MM-DD) and time (HH:mm) in Asia/Shanghai of an ISO instant. */
export const inShanghai = (iso: string) => shanghai(Date.parse(iso));
/** This year in Asia/Shanghai by the browser's clock (pages use the business clock, clock.ts, once it answers). */
export const currentYear = () => shanghai(Date.now()).year;
/** This month in Asia/Shanghai by the browser's clock, YYYY-MM. */
export const currentMonth = () => shanghai(Date.now()).month;
