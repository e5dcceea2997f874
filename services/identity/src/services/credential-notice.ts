import { randomUUID } from 'node:crypto';
import { recordEvent, sealSmsCode, SMS_CODE_EVENT, type Clock } from '@leifeng/kit';
import type { EntityManager } from 'typeorm';
import type { IdentityConfig } from '../config';

const PASSWORD_CHANGED_TEMPLATE = 'PASSWORD_CHANGED';
/** A security notice still worth sending this long after the change; later notifications drops it. */
const NOTICE_TTL_MS = 24 * 3600 * 1000;

const shanghaiMinute = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * ASVS 2.2.3: after a password is set or changed, an SMS tells the phone's owner (so a change they did
 * not make is noticed). It goes out like a sign-in code: sealed in identity's outbox, in the same
 * transaction as the change, opened by notifications only at send time.
 */
export async function recordPasswordChangedNotice(
  m: EntityManager,
  phone: string,
  config: IdentityConfig,
  clock: Clock,
  requestId?: string,
): Promise<void> {
  const now = clock.now();
  const id = randomUUID();
  const params = { time: shanghaiMinute.format(now) };
  const expiresAt = new Date(now.getTime() + NOTICE_TTL_MS).toISOString();
  await recordEvent(m, 'identity', {
    type: SMS_CODE_EVENT,
    aggregateType: 'CredentialNotice',
    aggregateId: id,
    payload: {
      noticeId: id,
      template: PASSWORD_CHANGED_TEMPLATE,
      sealed: sealSmsCode({ phone, template: PASSWORD_CHANGED_TEMPLATE, params, expiresAt }, config.smsSealKey),
    },
    requestId,
  });
}
