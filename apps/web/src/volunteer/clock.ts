/**
 * Business time for the volunteer pages: the platform clock from the graph (`sandboxClock.now`), which a
 * sandbox rehearsal moves ahead of real time — never the phone's clock. Read once per page visit.
 */
import { useQuery } from '@apollo/client/react';
import dayjs, { type Dayjs } from 'dayjs';
import { TZ } from '../format';
import { graphql } from '../gql';
import { useFirstFetchPolicy } from '../prefetch';

export const BUSINESS_CLOCK = graphql(`
  query VolunteerBusinessClock {
    sandboxClock {
      now
    }
  }
`);

/** The platform's now in Asia/Shanghai, undefined until the graph answers (with the error, if any). */
export function useBusinessNow(): { now: Dayjs | undefined; error: unknown } {
  // Fresh per visit; `/me` reads the answer its route loader prefetched a moment ago.
  const policy = useFirstFetchPolicy(BUSINESS_CLOCK, {});
  const { data, error } = useQuery(BUSINESS_CLOCK, {
    fetchPolicy: policy === 'cache-first' ? 'cache-first' : 'network-only',
  });
  return { now: data ? dayjs(String(data.sandboxClock.now)).tz(TZ) : undefined, error };
}
