/**
 * The landing pages' first queries, sent by the page's first script (index.html), with its own small chunk: before the
 * rest of the app
 * (antd, Apollo, the router, React's first render) has been evaluated, which on a slow machine is most of a
 * second. Apollo's link chain then answers the same operations from these responses (apollo.ts `landingLink`)
 * instead of sending them again. It imports nothing that imports a library (React included), so it runs as soon as
 * it is loaded.
 *
 * Anything unusual (no session, a token about to expire, a different address) sends nothing and the pages
 * fetch as usual; an answer that is not a GraphQL result is dropped and the operation is sent again.
 */
import LANDING_QUERIES from 'virtual:landing-queries';
import type { Session, SessionUser } from './auth/session';
import { SESSION_KEY } from './auth/session-key';
import { currentYear } from './shanghai';
import { dashboardVariables } from './pages/dashboard/variables';

type Variables = Record<string, unknown>;
interface GraphQLResult {
  data?: unknown;
  errors?: unknown[];
}

/** Operations (names as in the generated documents; their text comes from vite.config's list) per landing page. */
const LANDING: Record<string, (url: URL, user: SessionUser) => [string, Variables][]> = {
  '/dashboard': (url, user) => {
    const v = dashboardVariables(url.searchParams, user);
    return v.code
      ? [
          ['DashboardStationCounts', v.counts],
          ['DashboardRegion', v.region],
        ]
      : [];
  },
  '/me': () => [
    ['BusinessClock', {}],
    ['VolunteerMyRecord', { year: currentYear() }],
  ],
};

/**
 * How long an answer fetched ahead of the page (here, or by a route loader's prefetch) stands in for the page's own
 * request; later the page asks the server itself.
 */
export const FRESH_MS = 10_000;
/** A token this close to its expiry is being refreshed: the page's own requests carry the new one. */
const TOKEN_MARGIN_MS = 60_000;

const stable = (v: unknown): string =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? `{${Object.keys(v)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${stable((v as Variables)[k])}`)
        .join(',')}}`
    : JSON.stringify(v ?? null);
const keyOf = (operationName: string, variables: unknown) => `${operationName}|${stable(variables)}`;

const pending = new Map<string, { at: number; answer: Promise<GraphQLResult | null> }>();

function send(operationName: string, query: string, variables: Variables, token: string) {
  const answer = fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ operationName, query, variables }),
  })
    .then(async (res) => {
      if (!res.ok) return null;
      const body = (await res.json()) as GraphQLResult;
      return body && typeof body === 'object' && ('data' in body || 'errors' in body) ? body : null;
    })
    .catch(() => null);
  pending.set(keyOf(operationName, variables), { at: performance.now(), answer });
}

/**
 * The early answer to this operation, once: null inside the promise means "send it yourself" (no answer, or not a
 * GraphQL result). Undefined when nothing was sent early or it is no longer fresh.
 */
export function takeLanding(operationName: string | undefined, variables: unknown) {
  if (!operationName || !pending.size) return undefined;
  const key = keyOf(operationName, variables);
  const sent = pending.get(key);
  if (!sent) return undefined;
  pending.delete(key);
  if (performance.now() - sent.at > FRESH_MS) return undefined;
  performance.mark(`landing:${operationName}`); // seen by the browser tests and in the devtools' timings
  return sent.answer;
}

/** The session as auth/session.ts keeps it (that module, with React, is not loaded yet). */
function storedSession(): Session | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return session?.token && session.user ? session : null;
  } catch {
    return null;
  }
}

function start() {
  const route = LANDING[location.pathname.replace(/\/$/, '')] as (typeof LANDING)[string] | undefined;
  const session = route ? storedSession() : null;
  if (!route || !session) return;
  const exp = session.user.exp;
  if (exp && exp * 1000 - Date.now() < TOKEN_MARGIN_MS) return;
  for (const [operationName, variables] of route(new URL(location.href), session.user)) {
    const query = LANDING_QUERIES[operationName];
    if (query) send(operationName, query, variables, session.token);
  }
}

start();
