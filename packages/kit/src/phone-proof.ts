import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import type { Clock } from './clock';
import type { AuthConfig } from './config';
import { DomainError } from './errors';

/**
 * A phone proof: identity's short-lived ES256 JWT saying "whoever holds this verified that phone by an
 * SMS code, for this purpose". Its own `typ` keeps it apart from access tokens (which it never is:
 * it carries no roles, and the access-token verifier refuses this typ).
 */
export const PHONE_PROOF_TYP = 'phone-proof+jwt';
export const PHONE_PROOF_PURPOSES = ['OBJECTION'] as const;
export type PhoneProofPurpose = (typeof PHONE_PROOF_PURPOSES)[number];
/** The longest a proof may live (identity signs shorter or equal). */
export const PHONE_PROOF_MAX_TTL_SEC = 15 * 60;

export interface PhoneProof {
  phone: string;
  /** Identity's keyed hash of the phone: stable per phone, reveals nothing. */
  phoneHash: string;
  purpose: PhoneProofPurpose;
}

export interface PhoneProofVerifier {
  verify(token: string, purpose: PhoneProofPurpose): Promise<PhoneProof>;
}

const invalidProof = (why: string) =>
  new DomainError('PHONE_PROOF_INVALID', `手机验证已失效或无效，请重新获取验证码（${why}）`);

/**
 * Verifies proofs against identity's keys (JWKS in a deployment; a given key in tests), ES256 only,
 * expiry checked against business time.
 */
export function createPhoneProofVerifier(
  config: Pick<AuthConfig, 'jwksUrl' | 'issuer'>,
  clock: Clock,
  key?: KeyLike | JWTVerifyGetKey,
): PhoneProofVerifier {
  const getKey =
    key ??
    (config.jwksUrl
      ? createRemoteJWKSet(new URL(config.jwksUrl), {
          cooldownDuration: 30_000,
          cacheMaxAge: 600_000,
        })
      : undefined);
  return {
    async verify(token, purpose) {
      if (!getKey) throw new DomainError('PHONE_PROOF_UNAVAILABLE', '暂时无法验证手机号，请稍后再试');
      if (typeof token !== 'string' || token.length > 4096) throw invalidProof('格式不正确');
      let payload: Record<string, unknown>;
      try {
        const r = await jwtVerify(token, getKey as KeyLike, {
          algorithms: ['ES256'],
          typ: PHONE_PROOF_TYP,
          issuer: config.issuer,
          currentDate: clock.now(),
          maxTokenAge: PHONE_PROOF_MAX_TTL_SEC,
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        payload = r.payload;
      } catch (err) {
        const code = (err as { code?: string }).code;
        throw invalidProof(code === 'ERR_JWT_EXPIRED' ? '已过期' : '签名或内容不正确');
      }
      if (Number(payload.exp) - Number(payload.iat) > PHONE_PROOF_MAX_TTL_SEC) throw invalidProof('有效期过长');
      if (payload.purpose !== purpose) throw invalidProof('用途不符');
      const phone = payload.phone;
      if (typeof phone !== 'string' || !/^1\d{10}$/.test(phone)) throw invalidProof('缺少手机号');
      return { phone, phoneHash: String(payload.sub), purpose };
    },
  };
}
