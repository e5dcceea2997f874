import { graphql } from '../../gql';

/** Titles of the officer's region with history and appeal (titles, appeals and inspections pages share it). */
export const REGION_TITLES = graphql(`
  query RegionTitles($code: ID!) {
    region(code: $code) {
      code
      fullName
      titles {
        id
        level
        conferredOn
        certificateNumber
        status
        revokedOn
        revokedReason
        reinstatedOn
        history
        appeal {
          reason
          status
          comment
        }
        cycle {
          id
          year
        }
        station {
          id
          name
        }
      }
    }
  }
`);

export interface HistoryEntry {
  on: string;
  action: string;
  by?: string;
  reason?: string;
  comment?: string;
}

export const historyOf = (h: unknown): HistoryEntry[] => (Array.isArray(h) ? (h as HistoryEntry[]) : []);
