import { DEV_JWT_SECRET, envReader, readPiiKeys, readSmsCodeSealKey, type PiiKeys } from '@leifeng/kit';
import type { OidcProviderConfig } from './services/external-sign-in';

type Env = Record<string, string | undefined>;

/** Development-only key sealing the signing keys' private halves (production requires IDENTITY_KEY_ENCRYPTION_KEY). */
const DEV_KEY_ENCRYPTION_KEY = Buffer.from('leifeng-dev-identity-signing-kek', 'utf8').toString('base64');

export interface IdentityConfig {
  /** `iss` of the tokens identity signs. */
  issuer: string;
  audience?: string;
  /** Access token lifetime, seconds (≤ 900). */
  accessTtlSec: number;
  /** Refresh token lifetime (idle), seconds; each refresh issues a new one. */
  refreshTtlSec: number;
  /** Whole session family lifetime, seconds: no refresh past it. */
  sessionMaxSec: number;
  codeTtlSec: number;
  /** Wrong codes on one challenge before it is dead. */
  codeMaxAttempts: number;
  /** Per phone: seconds between two code requests; code requests per hour. */
  codeResendSec: number;
  codeRequestsPerPhoneHour: number;
  codeRequestsPerIpHour: number;
  /** Failed verifications before lock-out, and the lock-out, per phone and per client address. */
  failuresPerPhone: number;
  failuresPerIp: number;
  lockoutSec: number;
  /** AES-256-GCM key sealing the signing keys' private JWKs at rest. */
  keyEncryptionKey: Buffer;
  /** HMAC keys: phone look-up hash (the kit's PII hash key) and the one-time-code hash. */
  pii: PiiKeys;
  codeHashKey: Buffer;
  smsSealKey: Buffer;
  /** The gateway, read with a SERVICE token (stations' regions for station-manager grants). */
  gatewayUrl: string;
  serviceToken?: string;
  jwtSecret?: string;
  /** Days a signing key is current before the worker rotates it (0 = only by hand). */
  keyRotationDays: number;
  /** An OpenID Connect provider as another way in for officers (services/external-sign-in.ts), when configured. */
  oidc?: OidcProviderConfig;
}

function readOidc(r: ReturnType<typeof envReader>): OidcProviderConfig | undefined {
  const issuerUrl = r.optionalString('OIDC_ISSUER_URL');
  if (!issuerUrl) return undefined;
  const protocols = r.isProduction ? ['https'] : ['https', 'http'];
  return {
    issuerUrl: r.url('OIDC_ISSUER_URL', { protocols }).replace(/\/$/, ''),
    clientId: r.string('OIDC_CLIENT_ID'),
    clientSecret: r.string('OIDC_CLIENT_SECRET'),
    label: r.string('OIDC_LABEL', { default: '统一身份认证' }),
    phoneClaim: r.string('OIDC_PHONE_CLAIM', { default: 'phone_number' }),
  };
}

function key32(r: ReturnType<typeof envReader>, name: string, devDefault: string): Buffer {
  const raw = r.string(name, { devDefault });
  const key = Buffer.from(raw, 'base64');
  if (raw && key.length !== 32) r.problem(`${name} must be 32 bytes, base64-encoded (got ${key.length} bytes)`);
  return key;
}

export function readIdentityConfig(env: Env = process.env): IdentityConfig {
  const r = envReader(env);
  const config: IdentityConfig = {
    // The issuer every verifier checks (JWT_ISSUER) unless identity is told otherwise.
    issuer: r.optionalString('IDENTITY_ISSUER') ?? r.optionalString('JWT_ISSUER') ?? 'leifeng-identity',
    audience: r.optionalString('JWT_AUDIENCE'),
    accessTtlSec: r.int('ACCESS_TOKEN_TTL_SEC', 600, { min: 30, max: 900 }),
    refreshTtlSec: r.int('REFRESH_TOKEN_TTL_SEC', 14 * 86400, { min: 60 }),
    sessionMaxSec: r.int('SESSION_MAX_SEC', 30 * 86400, { min: 60 }),
    codeTtlSec: r.int('SIGN_IN_CODE_TTL_SEC', 300, { min: 30, max: 300 }),
    codeMaxAttempts: r.int('SIGN_IN_CODE_MAX_ATTEMPTS', 5, { min: 1, max: 10 }),
    codeResendSec: r.int('SIGN_IN_CODE_RESEND_SEC', 60, { min: 0 }),
    codeRequestsPerPhoneHour: r.int('SIGN_IN_CODES_PER_PHONE_HOUR', 5, {
      min: 1,
    }),
    codeRequestsPerIpHour: r.int('SIGN_IN_CODES_PER_IP_HOUR', 30, { min: 1 }),
    failuresPerPhone: r.int('SIGN_IN_FAILURES_PER_PHONE', 5, { min: 1 }),
    failuresPerIp: r.int('SIGN_IN_FAILURES_PER_IP', 20, { min: 1 }),
    lockoutSec: r.int('SIGN_IN_LOCKOUT_SEC', 900, { min: 1 }),
    keyEncryptionKey: key32(r, 'IDENTITY_KEY_ENCRYPTION_KEY', DEV_KEY_ENCRYPTION_KEY),
    pii: readPiiKeys(r),
    codeHashKey: key32(
      r,
      'SIGN_IN_CODE_HASH_KEY',
      Buffer.from('leifeng-dev-sign-in-code-hmac-k1', 'utf8').toString('base64'),
    ),
    smsSealKey: readSmsCodeSealKey(r),
    gatewayUrl: r.url('GATEWAY_URL', {
      default: 'http://127.0.0.1:4000/graphql',
      protocols: ['http', 'https'],
    }),
    serviceToken: r.optionalString('SERVICE_TOKEN'),
    jwtSecret: r.optionalString('JWT_SECRET') ?? (r.isProduction ? undefined : DEV_JWT_SECRET),
    keyRotationDays: r.int('SIGNING_KEY_ROTATION_DAYS', 30, { min: 0 }),
    oidc: readOidc(r),
  };
  r.done();
  return config;
}
