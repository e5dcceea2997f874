import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { getToken, signOut } from './auth/session';

const auth = new SetContextLink((prev) => {
  const token = getToken();
  return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
});

// A token the gateway refuses (expired, wrong secret) ends the session: the router shows the sign-in page.
const signOutOnUnauthenticated = new ErrorLink(({ error }) => {
  if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && getToken()) signOut();
});

export const client = new ApolloClient({
  link: ApolloLink.from([signOutOnUnauthenticated, auth, new HttpLink({ uri: '/graphql' })]),
  cache: new InMemoryCache({
    typePolicies: {
      // Regions are keyed by code; the rest by id (the default).
      Region: { keyFields: ['code'] },
      RegionServiceStats: { keyFields: false },
      Quota: { keyFields: ['cycleId', 'regionCode', 'level'] },
    },
  }),
  defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
});
