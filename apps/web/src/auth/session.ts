/**
 * The console's one authentication seam. Everything else asks this module for the token and the user;
 * when the identity service's sign-in lands, replace `signIn` (and the sign-in page) — nothing else.
 *
 * Development: the gateway's `POST /dev/token` (refused in production) signs a token for a chosen grant.
 * The token lives in sessionStorage (gone with the tab) and is sent as `Authorization: Bearer`.
 */
import { useSyncExternalStore } from 'react';

export type Role = 'PROVINCE_ADMIN' | 'CITY_ADMIN' | 'COUNTY_ADMIN' | 'STATION_MANAGER' | 'VOLUNTEER' | 'INSPECTOR' | 'AGENCY' | 'SERVICE';

export interface SessionUser {
  sub: string;
  roles: Role[];
  regionCode?: string;
  stationId?: string;
  agencyId?: string;
  /** Seconds since the epoch. */
  exp?: number;
}

export interface Session {
  token: string;
  user: SessionUser;
}

const KEY = 'leifeng.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

/** The token's claims, for display and menus only: the gateway verifies every request. */
export function decodeClaims(token: string): SessionUser {
  const part = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    atob(part.replace(/-/g, '+').replace(/_/g, '/'))
      .split('')
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  const claims = JSON.parse(json) as SessionUser;
  return { sub: claims.sub, roles: claims.roles ?? [], regionCode: claims.regionCode, stationId: claims.stationId, agencyId: claims.agencyId, exp: claims.exp };
}

function read(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw === cached.raw) return cached.session;
  let session: Session | null = null;
  try {
    session = raw ? (JSON.parse(raw) as Session) : null;
    if (session?.user.exp && session.user.exp * 1000 < Date.now()) session = null;
  } catch {
    session = null;
  }
  cached = { raw, session };
  return session;
}

function emit() {
  for (const l of listeners) l();
}

export function getSession(): Session | null {
  return read();
}

export function getToken(): string | undefined {
  return read()?.token;
}

export function setToken(token: string): Session {
  const session = { token, user: decodeClaims(token) };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  emit();
  return session;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  emit();
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
  );
}

export class SignInError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/** Development sign-in: asks the gateway for a token carrying this grant. */
export async function signIn(grant: { role: Role; regionCode?: string; stationId?: string; agencyId?: string; sub?: string }): Promise<Session> {
  const res = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(grant) });
  const body = (await res.json().catch(() => ({}))) as { token?: string; error?: { code: string; message: string } };
  if (!res.ok || !body.token) throw new SignInError(body.error?.message ?? `登录失败（HTTP ${res.status}）`, body.error?.code ?? 'SIGN_IN_FAILED');
  return setToken(body.token);
}

/** Fetch with the session's token (downloads served beside /graphql, e.g. the ledger export). */
export function authorizedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const token = getToken();
  return fetch(url, { ...init, headers: { ...(init.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
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

export const OFFICER_ROLES: Role[] = ['PROVINCE_ADMIN', 'CITY_ADMIN', 'COUNTY_ADMIN'];
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
export function regionPrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}
export const regionCovers = (scope: string | undefined, code: string) => !!scope && code.startsWith(regionPrefix(scope));
