/** GraphQL operations shared by the volunteer pages. */
import { graphql } from '../gql';

export const MY_RECORD = graphql(`
  query VolunteerMyRecord($year: Int!) {
    myVolunteer {
      id
      name
      status
      starLevel
      hoursToNextStar
      thisYear: verifiedHours(year: $year)
      total: verifiedHours
      timeBank {
        balance
        available
      }
      stations {
        id
        role
        station {
          id
          name
          regionCode
          location {
            longitude
            latitude
          }
        }
      }
    }
  }
`);

/** @public The fragment's definition for the codegen (the queries spread it by name). */
export const ACTIVITY_FIELDS = graphql(`
  fragment VolunteerActivity on Activity {
    id
    title
    category
    place
    startsAt
    endsAt
    capacity
    signUpCount
    status
    myAttendance {
      signedUpAt
      checkedInAt
      checkedOutAt
    }
  }
`);

export const SIGN_UP = graphql(`
  mutation VolunteerSignUp($activityId: ID!, $volunteerId: ID!) {
    signUpForActivity(activityId: $activityId, volunteerId: $volunteerId) {
      ...VolunteerActivity
    }
  }
`);

export const CANCEL_SIGN_UP = graphql(`
  mutation VolunteerCancelSignUp($activityId: ID!, $volunteerId: ID!) {
    cancelActivitySignUp(activityId: $activityId, volunteerId: $volunteerId) {
      ...VolunteerActivity
    }
  }
`);
