import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { AuthConfig } from './config';
import { DomainError } from './errors';
import { PHONE_PROOF_TYP } from './phone-proof';
import { regionLevelOfCode } from './regions';

export const ROLES = [
  'PROVINCE_ADMIN',
  'CITY_ADMIN',
  'COUNTY_ADMIN',
  'STATION_MANAGER',
  'VOLUNTEER',
  'INSPECTOR',
  'AGENCY',
  'SERVICE',
] as const;
export type Role = (typeof ROLES)[number];

export interface AuthUser {
  sub: string;
  roles: Role[];
  regionCode?: string;
  stationId?: string;
  agencyId?: string;
  /** The identity session (`sid`) an access token belongs to: lets a person tell their current sign-in. */
  sessionId?: string;
}

/** The admin role whose scope is a region of that level. */
const ADMIN_ROLE_LEVEL: Partial<Record<Role, 'PROVINCE' | 'CITY' | 'COUNTY'>> = {
  PROVINCE_ADMIN: 'PROVINCE',
  CITY_ADMIN: 'CITY',
  COUNTY_ADMIN: 'COUNTY',
};

const invalidToken = (why: string) => new DomainError('UNAUTHENTICATED', `登录凭证无效：${why}`);

/** Checks claims are coherent: a role that needs a scope must carry one of the right level. */
export function userFromClaims(payload: JWTPayload): AuthUser {
  if (typeof payload.sub !== 'string' || !payload.sub) throw invalidToken('缺少 sub');
  const rawRoles = payload.roles;
  if (!Array.isArray(rawRoles) || rawRoles.some((r) => !ROLES.includes(r as Role))) throw invalidToken('角色不正确');
  const roles = rawRoles as Role[];
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const user: AuthUser = {
    sub: payload.sub,
    roles,
    regionCode: str(payload.regionCode),
    stationId: str(payload.stationId),
    agencyId: str(payload.agencyId),
  };
  if (str(payload.sid)) user.sessionId = str(payload.sid);
  for (const role of roles) {
    const level = ADMIN_ROLE_LEVEL[role];
    if (level && (!user.regionCode || regionLevelOfCode(user.regionCode) !== level)) {
      throw invalidToken(`${role} 需要${level}级行政区划代码`);
    }
    if (role === 'STATION_MANAGER' && !user.stationId) throw invalidToken('站长凭证缺少 stationId');
    if (role === 'AGENCY' && !user.agencyId) throw invalidToken('合作单位凭证缺少 agencyId');
  }
  return user;
}

export interface TokenVerifier {
  verify(token: string): Promise<AuthUser>;
}

/** Algorithms are pinned from config: a token is never accepted "with whatever fits the key". */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const key: Uint8Array | JWTVerifyGetKey = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl), {
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      })
    : new TextEncoder().encode(config.secret);
  // Development only (readAuthConfig never sets it in production): HS256 dev tokens beside the JWKS.
  const devKey = config.devSecret ? new TextEncoder().encode(config.devSecret) : undefined;
  return {
    async verify(token) {
      try {
        // The header only picks which key to try; each key is pinned to its own algorithms.
        const header = decodeProtectedHeader(token);
        // A phone proof (phone-proof.ts) is signed with the same keys but is never a sign-in.
        if (header.typ === PHONE_PROOF_TYP) throw invalidToken('手机验证凭证不能用于登录');
        const dev = devKey && header.alg === 'HS256';
        const { payload } = dev
          ? await jwtVerify(token, devKey, { algorithms: ['HS256'] })
          : await jwtVerify(token, key as Uint8Array, {
              algorithms: config.algorithms,
              issuer: config.issuer,
              audience: config.audience,
            });
        return userFromClaims(payload);
      } catch (err) {
        if (err instanceof DomainError) throw err;
        throw invalidToken((err as Error).message);
      }
    },
  };
}

/** Reads "Bearer <jwt>"; no header means anonymous, a malformed one is an error. */
export async function userFromAuthorization(
  verifier: TokenVerifier,
  header: string | undefined,
): Promise<AuthUser | undefined> {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw invalidToken('Authorization 头格式应为 Bearer <token>');
  return verifier.verify(match[1]);
}

export interface DevTokenClaims {
  sub?: string;
  roles: Role[];
  regionCode?: string;
  stationId?: string;
  agencyId?: string;
}

/** HS256 token for local development and tests. */
export async function signDevToken(
  claims: DevTokenClaims,
  secret: string,
  expiresIn = '12h',
  extra: { issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({
    roles: claims.roles,
    regionCode: claims.regionCode,
    stationId: claims.stationId,
    agencyId: claims.agencyId,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? `dev-${claims.roles.join('-').toLowerCase()}`)
    .setIssuedAt()
    .setExpirationTime(expiresIn);
  if (extra.issuer) jwt = jwt.setIssuer(extra.issuer);
  if (extra.audience) jwt = jwt.setAudience(extra.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
