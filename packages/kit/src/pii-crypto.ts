import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { EnvReader } from './config';

/**
 * Personal data at rest: AES-256-GCM with a random 96-bit IV per value, and a keyed HMAC-SHA256
 * "blind index" for equality look-ups (duplicates, search by phone) without decrypting.
 * The two keys are distinct so leaking the lookup key never reveals plaintext.
 */
export interface PiiKeys {
  /** 32 bytes, AES-256-GCM. */
  encryptionKey: Buffer;
  /** 32 bytes, HMAC-SHA256 lookup hashes. */
  hashKey: Buffer;
}

/** Development-only keys (refused in production: there the variables are required). */
export const DEV_PII_ENCRYPTION_KEY = Buffer.from('leifeng-dev-pii-encryption-key-0', 'utf8').toString('base64');
export const DEV_PII_HASH_KEY = Buffer.from('leifeng-dev-pii-lookup-hash-key1', 'utf8').toString('base64');

const FORMAT = 'v1';

function readKey(r: EnvReader, name: string, devDefault: string): Buffer {
  const raw = r.string(name, { devDefault });
  const key = Buffer.from(raw, 'base64');
  if (raw && key.length !== 32) r.problem(`${name} must be 32 bytes, base64-encoded (got ${key.length} bytes)`);
  return key;
}

/** PII_ENCRYPTION_KEY and PII_HASH_KEY (base64, 32 bytes each); dev defaults outside production. */
export function readPiiKeys(r: EnvReader): PiiKeys {
  const encryptionKey = readKey(r, 'PII_ENCRYPTION_KEY', DEV_PII_ENCRYPTION_KEY);
  const hashKey = readKey(r, 'PII_HASH_KEY', DEV_PII_HASH_KEY);
  if (encryptionKey.length === 32 && encryptionKey.equals(hashKey))
    r.problem('PII_ENCRYPTION_KEY and PII_HASH_KEY must differ');
  return { encryptionKey, hashKey };
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url parts); `aad` binds the value to its column. */
export function encryptPii(plain: string, key: Buffer, aad = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join(
    '.',
  );
}

/** Throws when the value was tampered with, or encrypted under another key or column. */
export function decryptPii(token: string, key: Buffer, aad = ''): string {
  const [format, iv, tag, ct] = token.split('.');
  if (format !== FORMAT || !iv || !tag || ct === undefined) throw new Error('unknown PII ciphertext format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** Deterministic keyed hash (hex) of a normalised value, namespaced so equal values in two fields differ. */
export function piiLookupHash(value: string, key: Buffer, namespace: string): string {
  return createHmac('sha256', key).update(`${namespace}\u0000${value}`).digest('hex');
}

/** Resident ID for display: 430102199003071234 → 4301**********1234. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
