/**
 * The dashboard's queries, in the initial bundle (the generated documents are there anyway) so the route's
 * loader can start them while the page's chunk (ECharts) is still loading: see preloadDashboard.
 */
import type { SessionUser } from '../../auth/session';
import { graphql } from '../../gql';
import { prefetchQuery } from '../../prefetch';
import { dashboardVariables } from './variables';

export const REGION = graphql(`
  query DashboardRegion($code: ID!, $from: String!, $to: String!, $month: String!) {
    region(code: $code) {
      code
      name
      fullName
      level
      communityCount {
        total
      }
      communityCoverage {
        total {
          communities
          covered
          rate
        }
        urban {
          communities
          covered
          rate
        }
        rural {
          communities
          covered
          rate
        }
      }
      volunteerShare {
        registeredVolunteers
        population
        share
        definition
      }
      volunteerSeries(from: $from, to: $to) {
        month
        verifiedHours
      }
      parent {
        code
        name
      }
      titleCounts {
        level
        year
        active
        revoked
      }
      children {
        code
        name
        level
        volunteerShare {
          registeredVolunteers
        }
        volunteerSeries(from: $from, to: $to) {
          month
          verifiedHours
          activeVolunteers
        }
        stationSeries(from: $month, to: $month) {
          stationCount
        }
      }
    }
  }
`);

// The distinct active volunteers of the year: a slower read, so the charts do not wait for it.
export const YEAR_STATS = graphql(`
  query DashboardYearStats($code: ID!, $year: Int!) {
    region(code: $code) {
      code
      thisYear: serviceStats(year: $year) {
        activeVolunteerCount
      }
    }
  }
`);

// Stations by status and by category: one count per alias (14 of the gateway's 15).
export const STATION_COUNTS = graphql(`
  query DashboardStationCounts($code: ID!) {
    active: stations(first: 0, filter: { regionCode: $code, statuses: [ACTIVE] }) {
      totalCount
    }
    suspended: stations(first: 0, filter: { regionCode: $code, statuses: [SUSPENDED] }) {
      totalCount
    }
    closed: stations(first: 0, filter: { regionCode: $code, statuses: [CLOSED] }) {
      totalCount
    }
    COMMUNITY: stations(first: 0, filter: { regionCode: $code, categories: [COMMUNITY] }) {
      totalCount
    }
    CULTURAL_FACILITY: stations(first: 0, filter: { regionCode: $code, categories: [CULTURAL_FACILITY] }) {
      totalCount
    }
    ENTERPRISE: stations(first: 0, filter: { regionCode: $code, categories: [ENTERPRISE] }) {
      totalCount
    }
    GOVERNMENT: stations(first: 0, filter: { regionCode: $code, categories: [GOVERNMENT] }) {
      totalCount
    }
    PARK_SCENIC: stations(first: 0, filter: { regionCode: $code, categories: [PARK_SCENIC] }) {
      totalCount
    }
    RESIDENTIAL_POINT: stations(first: 0, filter: { regionCode: $code, categories: [RESIDENTIAL_POINT] }) {
      totalCount
    }
    SCHOOL: stations(first: 0, filter: { regionCode: $code, categories: [SCHOOL] }) {
      totalCount
    }
    SERVICE_WINDOW: stations(first: 0, filter: { regionCode: $code, categories: [SERVICE_WINDOW] }) {
      totalCount
    }
    TOWNSHIP: stations(first: 0, filter: { regionCode: $code, categories: [TOWNSHIP] }) {
      totalCount
    }
    UNIVERSITY: stations(first: 0, filter: { regionCode: $code, categories: [UNIVERSITY] }) {
      totalCount
    }
  }
`);

/** Starts the dashboard's chunk and its first two queries (the route's loader calls it). */
export function preloadDashboard(url: URL, user: SessionUser | undefined, loadChunk: () => Promise<unknown>): void {
  void loadChunk().catch(() => undefined); // a failed chunk is reported by the page's own import
  const v = dashboardVariables(url.searchParams, user);
  if (!v.code) return;
  prefetchQuery(STATION_COUNTS, v.counts);
  prefetchQuery(REGION, v.region);
}
