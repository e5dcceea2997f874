/**
 * The console's one authentication seam. Everything else asks this module for the token and the user.
 *
 * Sign-in goes through the identity service (auth/identity.ts): an ES256 access token (≤ 15 min) and a
 * single-use refresh token. Both live in sessionStorage (gone with the tab); the access token is sent as
 * `Authorization: Bearer`. Before the access token runs out the refresh token is exchanged for a new pair
 * (one exchange at a time: a second caller waits for the first, since a refresh token used twice ends the
 * whole session). Signing out ends the session on the server too.
 *
 * Development: the gateway's `POST /dev/token` (not routed in production) signs a token for a chosen grant;
 * such a session has no refresh token and simply ends when its token does.
 */
import { useSyncExternalStore } from 'react';
import { identityCall } from './call';
import { SignInError } from './errors';
import { SESSION_KEY } from './session-key';

export type Role =
  | 'PROVINCE_ADMIN'
  | 'CITY_ADMIN'
  | 'COUNTY_ADMIN'
  | 'STATION_MANAGER'
  | 'VOLUNTEER'
  | 'INSPECTOR'
  | 'AGENCY'
  | 'SERVICE';

export interface SessionUser {
  sub: string;
  roles: Role[];
  regionCode?: string;
  stationId?: string;
  agencyId?: string;
  /** The identity grant the token carries (absent: development token, or acting for oneself). */
  gid?: string;
  /** Seconds since the epoch. */
  exp?: number;
  iat?: number;
}

export interface Session {
  token: string;
  user: SessionUser;
}

/** What identity answers to signInWithCode / refreshSession / switchGrant. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const KEY = SESSION_KEY;
const REFRESH_KEY = 'leifeng.refresh';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = {
  raw: null,
  session: null,
};

/** The token's claims, for display and menus only: the gateway verifies every request. */
function decodeClaims(token: string): SessionUser {
  const part = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    atob(part.replace(/-/g, '+').replace(/_/g, '/'))
      .split('')
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  const c = JSON.parse(json) as SessionUser;
  return {
    sub: c.sub,
    roles: c.roles ?? [],
    regionCode: c.regionCode,
    stationId: c.stationId,
    agencyId: c.agencyId,
    gid: c.gid,
    exp: c.exp,
    iat: c.iat,
  };
}

const expired = (s: Session) => !!s.user.exp && s.user.exp * 1000 <= Date.now();

function read(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw === cached.raw && (!cached.session || !expired(cached.session))) return cached.session;
  let session: Session | null;
  try {
    session = raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    session = null;
  }
  if (session && expired(session)) {
    // A tab that slept past its token: the refresh token (if any) brings the session back.
    session = null;
    if (getRefreshToken()) void refreshNow();
  }
  cached = { raw, session };
  return session;
}

function emit() {
  for (const l of listeners) l();
}

/** The current session (route loaders read it outside React). */
export function getSession(): Session | null {
  return read();
}

/** The refresh token of the current session, if it came from the identity service. */
export const getRefreshToken = (): string | null => sessionStorage.getItem(REFRESH_KEY);

export function getToken(): string | undefined {
  const session = read();
  if (session && due(session)) void refreshNow();
  return session?.token;
}

export function setToken(token: string): Session {
  const session = { token, user: decodeClaims(token) };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  schedule();
  emit();
  return session;
}

/** Keeps an identity session: the access token as the session, the refresh token beside it. */
export function setTokens(pair: TokenPair): Session {
  sessionStorage.setItem(REFRESH_KEY, pair.refreshToken);
  return setToken(pair.accessToken);
}

function clearLocal(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(REFRESH_KEY);
  if (timer) clearTimeout(timer);
  emit();
}

const SIGN_OUT = 'mutation SignOut($t: String!) { signOut(refreshToken: $t) }';

/** Ends the session here at once and on the server in the background (the refresh token is refused after). */
export function signOut(): void {
  const refreshToken = getRefreshToken();
  clearLocal();
  if (refreshToken) void identityCall(SIGN_OUT, { t: refreshToken }, undefined, true).catch(() => undefined);
}

/** Ends the session on the server, then here (the sign-out button waits for it). */
export async function signOutAndWait(): Promise<void> {
  const refreshToken = getRefreshToken();
  if (refreshToken) await identityCall(SIGN_OUT, { t: refreshToken }).catch(() => undefined);
  clearLocal();
}

// ---- refresh before the access token runs out ----

/** Seconds before expiry at which the pair is exchanged: a minute, or half the lifetime of a short token. */
function leadSeconds(u: SessionUser): number {
  const lifetime = u.exp && u.iat ? u.exp - u.iat : 600;
  return Math.min(60, Math.max(1, Math.floor(lifetime / 2)));
}
const due = (s: Session) =>
  !!s.user.exp && !!getRefreshToken() && (s.user.exp - leadSeconds(s.user)) * 1000 <= Date.now();

let timer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<Session | null> | null = null;

function schedule(retryMs?: number): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const raw = sessionStorage.getItem(KEY);
  if (!raw || !getRefreshToken()) return;
  let user: SessionUser;
  try {
    user = (JSON.parse(raw) as Session).user;
  } catch {
    return;
  }
  if (!user.exp) return;
  const delay = retryMs ?? (user.exp - leadSeconds(user)) * 1000 - Date.now();
  timer = setTimeout(() => void refreshNow(), Math.max(0, delay));
}

const REFRESH =
  'mutation RefreshSession($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }';

/**
 * Exchanges the refresh token for a new pair, once at a time: concurrent callers share one request (a
 * refresh token presented twice would end the whole session). A refused token ends the session here;
 * a network failure keeps it and tries again shortly.
 */
function refreshNow(): Promise<Session | null> {
  inflight ??= (async () => {
    const refreshToken = getRefreshToken();
    if (!refreshToken) return null;
    try {
      const data = await identityCall<{ refreshSession: TokenPair }>(REFRESH, {
        t: refreshToken,
      });
      // Signed out (or switched) while the request was out: keep what is there now.
      if (getRefreshToken() !== refreshToken) return read();
      return setTokens(data.refreshSession);
    } catch (err) {
      if (err instanceof SignInError && err.code === 'NETWORK_ERROR') {
        schedule(10_000);
        return read();
      }
      if (getRefreshToken() === refreshToken) clearLocal();
      return null;
    }
  })().finally(() => {
    inflight = null;
  });
  return inflight;
}

/** The access token, refreshed first when it is about to run out (for requests outside the Apollo client). */
async function freshToken(): Promise<string | undefined> {
  const session = read();
  if (session && !due(session)) return session.token;
  if (!getRefreshToken()) return session?.token;
  return (await refreshNow())?.token;
}

const SWITCH =
  'mutation SwitchGrant($t: String!, $g: ID!) { switchGrant(refreshToken: $t, grantId: $g) { accessToken refreshToken } }';

/** Uses another of the person's grants without signing in again (identity's switchGrant). */
export async function switchGrant(grantId: string): Promise<Session> {
  await inflight;
  const refreshToken = getRefreshToken();
  const token = read()?.token;
  if (!refreshToken || !token) throw new SignInError('当前登录不支持切换授权，请重新登录', 'SESSION_ENDED');
  const data = await identityCall<{ switchGrant: TokenPair }>(SWITCH, { t: refreshToken, g: grantId }, token);
  return setTokens(data.switchGrant);
}

if (typeof document !== 'undefined') {
  // Timers are throttled in hidden tabs: check again when the tab comes back.
  document.addEventListener('visibilitychange', () => {
    const s = read();
    if (document.visibilityState === 'visible' && s && due(s)) void refreshNow();
  });
  schedule();
}

export function useSession(): Session | null {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, read);
}

/** A development grant for `POST /dev/token`. */
export interface DevGrant {
  role: Role;
  regionCode?: string;
  stationId?: string;
  agencyId?: string;
  sub?: string;
}

/** Whether this deployment offers development sign-in (the gateway routes `/dev/token` only outside production). */
export async function devSignInAvailable(): Promise<boolean> {
  try {
    const res = await fetch('/dev/token', {
      headers: { accept: 'application/json' },
    });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return false;
    return ((await res.json()) as { available?: boolean }).available === true;
  } catch {
    return false;
  }
}

/** Development sign-in: asks the gateway for a token carrying this grant. */
export async function signIn(grant: DevGrant): Promise<Session> {
  const res = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(grant),
  });
  const body = (await res.json().catch(() => ({}))) as {
    token?: string;
    error?: { code: string; message: string };
  };
  if (!res.ok || !body.token) {
    throw new SignInError(
      body.error?.message ?? `登录失败（HTTP ${res.status}）`,
      body.error?.code ?? 'SIGN_IN_FAILED',
    );
  }
  sessionStorage.removeItem(REFRESH_KEY);
  return setToken(body.token);
}

/** Fetch with the session's token (downloads served beside /graphql, e.g. the ledger export). */
export async function authorizedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const token = await freshToken();
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}

export const ROLE_NAMES: Record<Role, string> = {
  PROVINCE_ADMIN: '省级管理员',
  CITY_ADMIN: '市级管理员',
  COUNTY_ADMIN: '县级管理员',
  STATION_MANAGER: '站长',
  VOLUNTEER: '志愿者',
  INSPECTOR: '督导员',
  AGENCY: '合作单位',
  SERVICE: '内部服务',
};

const OFFICER_ROLES: Role[] = ['PROVINCE_ADMIN', 'CITY_ADMIN', 'COUNTY_ADMIN'];
export const isOfficer = (u?: SessionUser | null) => !!u?.roles.some((r) => OFFICER_ROLES.includes(r));
export const isStationManager = (u?: SessionUser | null) => !!u?.roles.includes('STATION_MANAGER');

/** The endorsement stage an officer signs. */
export function myStage(u?: SessionUser | null): 'COUNTY' | 'CITY' | 'PROVINCE' | undefined {
  if (u?.roles.includes('PROVINCE_ADMIN')) return 'PROVINCE';
  if (u?.roles.includes('CITY_ADMIN')) return 'CITY';
  if (u?.roles.includes('COUNTY_ADMIN')) return 'COUNTY';
  return undefined;
}

/** 430000 → "43", 430100 → "4301", 430102 → "430102": the prefix every region under it shares. */
function regionPrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}
export const regionCovers = (scope: string | undefined, code: string) =>
  !!scope && code.startsWith(regionPrefix(scope));
