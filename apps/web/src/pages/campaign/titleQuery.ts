import { graphql } from '../../gql';

/**
 * @public What the titles and appeals pages show of a title (history and appeal included): the fragment's definition
 * for the codegen (the queries spread it by name).
 */
export const TITLE_ROW = graphql(`
  fragment TitleRow on Title {
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
`);

/** A page of the titles of the officer's region, newest named first. */
export const REGION_TITLES = graphql(`
  query RegionTitlePage($code: ID!, $first: Int!, $offset: Int!, $status: TitleStatus) {
    region(code: $code) {
      code
      fullName
      titlePage(first: $first, offset: $offset, status: $status) {
        totalCount
        edges {
          node {
            ...TitleRow
          }
        }
      }
    }
  }
`);

/** A page of the appeals (titles with an appeal) under the officer's region, open ones first. */
export const REGION_APPEALS = graphql(`
  query RegionAppealPage($code: ID!, $first: Int!, $offset: Int!, $status: String) {
    region(code: $code) {
      code
      appeals(first: $first, offset: $offset, status: $status) {
        totalCount
        edges {
          node {
            ...TitleRow
          }
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
