/**
 * Business time for every page: the platform clock from the graph (`sandboxClock.now`), which a sandbox
 * rehearsal moves ahead of real time — never the browser's or the phone's clock.
 */
import { useQuery } from '@apollo/client/react';
import dayjs, { type Dayjs } from 'dayjs';
import { TZ } from './format';
import { currentMonth, currentYear, inShanghai as shanghaiFields } from './shanghai';
import { graphql } from './gql';
import { useFirstFetchPolicy } from './prefetch';

export const BUSINESS_CLOCK = graphql(`
  query BusinessClock {
    sandboxClock {
      now
    }
  }
`);

const shanghaiNow = (now: unknown) => dayjs(String(now)).tz(TZ);

/**
 * The volunteer pages' now in Asia/Shanghai, read fresh once per page visit: undefined until the graph
 * answers (with the error, if any).
 */
export function useBusinessNow(): { now: Dayjs | undefined; error: unknown } {
  // Fresh per visit; `/me` reads the answer its route loader prefetched a moment ago.
  const policy = useFirstFetchPolicy(BUSINESS_CLOCK, {});
  const { data, error } = useQuery(BUSINESS_CLOCK, {
    fetchPolicy: policy === 'cache-first' ? 'cache-first' : 'network-only',
  });
  return { now: data ? shanghaiNow(data.sandboxClock.now) : undefined, error };
}

/**
 * The console's business year and month (Asia/Shanghai). The clock read last (cached) answers at once and is
 * refreshed on every mount; before the first answer, or when the clock cannot be read, the browser's year
 * stands in (`known` false while waiting). Outside a sandbox both agree, so nothing is fetched twice.
 */
export function useBusinessYear(): { year: number; month: string; known: boolean } {
  const { data, error } = useQuery(BUSINESS_CLOCK, { fetchPolicy: 'cache-and-network' });
  const now = data ? shanghaiFields(String(data.sandboxClock.now)) : { year: currentYear(), month: currentMonth() };
  return { year: now.year, month: now.month, known: !!data || !!error };
}
