import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { getMainDefinition } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { from, mergeMap, of } from 'rxjs';
import { getToken, signOut } from './auth/session';
import { takeLanding } from './landing';

const auth = new SetContextLink((prev) => {
  const token = getToken();
  return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
});

// A token the gateway refuses (expired, wrong secret) ends the session: the router shows the sign-in page.
const signOutOnUnauthenticated = new ErrorLink(({ error }) => {
  if (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') &&
    getToken()
  )
    signOut();
});

// Subscriptions (reviewEvents) over graphql-ws on the same origin: connected lazily on the first subscription,
// the token read at each (re)connection, reconnecting quietly (graphql-ws retries with back-off).
/** Whether the live connection (graphql-ws) is up: pages show it, so "live" is visible and testable. */
export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'closed';
let liveStatus: LiveStatus = 'idle';
const liveListeners = new Set<() => void>();
const setLive = (s: LiveStatus) => {
  liveStatus = s;
  liveListeners.forEach((l) => l());
};
export const liveConnection = {
  get: () => liveStatus,
  subscribe: (l: () => void) => {
    liveListeners.add(l);
    return () => void liveListeners.delete(l);
  },
};

const ws = new GraphQLWsLink(
  createClient({
    on: {
      connecting: () => setLive('connecting'),
      connected: () => setLive('connected'),
      closed: () => setLive('closed'),
    },
    url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: () => {
      const token = getToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    keepAlive: 20_000,
  }),
);

const isSubscription = ({ query }: ApolloLink.Operation) => {
  const def = getMainDefinition(query);
  return def.kind === 'OperationDefinition' && def.operation === OperationTypeNode.SUBSCRIPTION;
};

// The landing page's first queries may already be answered (landing.ts): such an answer stands in for the request,
// after the sign-out check, so a refused token ends the session as it would have.
const landingLink = new ApolloLink((operation, forward) => {
  const early = takeLanding(operation.operationName, operation.variables);
  return early
    ? from(early).pipe(mergeMap((result) => (result ? of(result as ApolloLink.Result) : forward(operation))))
    : forward(operation);
});

const http = ApolloLink.from([signOutOnUnauthenticated, landingLink, auth, new HttpLink({ uri: '/graphql' })]);

export const client = new ApolloClient({
  link: ApolloLink.split(isSubscription, ws, http),
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
