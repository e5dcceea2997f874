/** The dashboard's query variables: pure, so src/landing.ts can compute them before the app has loaded. */
import type { SessionUser } from '../../auth/session';
import { currentMonth, currentYear } from '../../shanghai';

/**
 * The region the dashboard shows (?region=, else the officer's own) and the periods it reads: the business
 * clock's year and month on the page; the route's loader, before the clock is read, starts with the browser's.
 */
export function dashboardVariables(
  params: URLSearchParams,
  user: SessionUser | undefined,
  now: { year: number; month: string } = { year: currentYear(), month: currentMonth() },
) {
  const code = params.get('region') || user?.regionCode || '';
  const { year, month } = now;
  return {
    code,
    year,
    month,
    region: { code, from: `${year - 1}-01`, to: `${year}-12`, month },
    counts: { code },
  };
}
