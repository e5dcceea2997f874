import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { DomainError, isMobilePhone } from '@leifeng/kit';

const CODE_LENGTH = 6;

/** "+86 138-1234-5678" → "13812345678"; anything but a mainland mobile number is refused. */
export function normalizePhone(input: string): string {
  const digits = String(input ?? '')
    .replace(/[\s-]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (!isMobilePhone(digits))
    throw new DomainError('INVALID_PHONE', '手机号格式不正确，请输入 11 位中国大陆手机号', { field: 'phone' });
  return digits;
}

/** Six random digits from the OS CSPRNG (leading zeros kept). */
export function generateCode(): string {
  return String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

export function isCodeShaped(code: string): boolean {
  return new RegExp(`^\\d{${CODE_LENGTH}}$`).test(code);
}

/** The stored form: HMAC-SHA256 keyed with a server secret, bound to its challenge. */
export function codeHash(code: string, challengeId: string, key: Buffer): string {
  return createHmac('sha256', key).update(`${challengeId}\u0000${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Refresh tokens: 256 random bits; only their SHA-256 is stored (enough for a high-entropy secret). */
/** 32 random bytes in base64url: anything else cannot be one of ours. */
export const isRefreshTokenShape = (token: unknown): token is string =>
  typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function refreshTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const lockedMessage = (minutes: number) => `登录失败次数过多，已暂时锁定，请 ${minutes} 分钟后再试`;
