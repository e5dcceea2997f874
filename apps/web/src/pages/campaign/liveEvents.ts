import { useSyncExternalStore } from 'react';
import { liveConnection } from '../../apollo';
import { graphql } from '../../gql';

/** Review events of the subscriber's scope (review.*, title.*, rectification.*), live over graphql-ws. */
export const REVIEW_EVENTS = graphql(`
  subscription ReviewEventsLive {
    reviewEvents {
      id
      type
      regionCode
      payload
      occurredAt
      station {
        id
        name
      }
    }
  }
`);

export const useLiveStatus = () => useSyncExternalStore(liveConnection.subscribe, liveConnection.get);

export interface RunProgressPayload {
  runId?: string;
  dryRun?: boolean;
  total?: number;
  batchReviewed?: number;
  outcomes?: Record<string, number>;
  outcome?: string;
}
