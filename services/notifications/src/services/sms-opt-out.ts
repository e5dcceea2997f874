import { DomainError, forbidden, hasRole, isMobilePhone, requireUser, type AuthUser } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { phoneHash } from './sms-sender';

/** Records that a phone number opted out of marketing SMS (internal services only; stored as a keyed hash). */
export async function recordSmsOptOut(
  ds: DataSource,
  user: AuthUser | undefined,
  phone: string,
  hashKey: string,
): Promise<void> {
  requireUser(user);
  if (!hasRole(user, 'SERVICE')) throw forbidden('仅限内部服务调用');
  if (!isMobilePhone(phone)) throw new DomainError('INVALID_PHONE', '手机号格式不正确');
  await ds.query(`INSERT INTO sms_opt_out (phone_hash) VALUES ($1) ON CONFLICT DO NOTHING`, [
    phoneHash(phone, hashKey),
  ]);
}
