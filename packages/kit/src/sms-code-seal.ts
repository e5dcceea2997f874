import type { EnvReader } from './config';
import { decryptPii, encryptPii } from './pii-crypto';

/**
 * One-time codes (sign-in, invitations) travel from identity to notifications inside an outbox
 * event. The event log, Redis and the queues must never hold the plain number or code, so the
 * payload carries them sealed (AES-256-GCM, kit PII crypto) under SMS_CODE_SEAL_KEY, a key only
 * identity and notifications have. Notifications opens the seal in memory at send time.
 */
export const SMS_CODE_EVENT = 'identity.sms_code.requested';
const AAD = 'identity.sms_code';

/** Development-only key (production requires SMS_CODE_SEAL_KEY). */
export const DEV_SMS_CODE_SEAL_KEY = Buffer.from('leifeng-dev-sms-code-seal-key-01', 'utf8').toString('base64');

export interface SealedSmsCode {
  phone: string;
  /** The template's parameters, e.g. { code: '123456' }. */
  params: Record<string, string>;
  /** Notifications' template name (VERIFICATION_CODE, GRANT_INVITATION). */
  template: string;
  /** After this instant the text is useless: notifications drops it instead of sending late. */
  expiresAt: string;
}

export function readSmsCodeSealKey(r: EnvReader): Buffer {
  const raw = r.string('SMS_CODE_SEAL_KEY', {
    devDefault: DEV_SMS_CODE_SEAL_KEY,
  });
  const key = Buffer.from(raw, 'base64');
  if (raw && key.length !== 32)
    r.problem(`SMS_CODE_SEAL_KEY must be 32 bytes, base64-encoded (got ${key.length} bytes)`);
  return key;
}

export function sealSmsCode(value: SealedSmsCode, key: Buffer): string {
  return encryptPii(JSON.stringify(value), key, AAD);
}

/** Throws when tampered with or sealed under another key. */
export function unsealSmsCode(sealed: string, key: Buffer): SealedSmsCode {
  return JSON.parse(decryptPii(sealed, key, AAD)) as SealedSmsCode;
}
