import { DomainError, isMobilePhone, requireUser, type AuthUser, type ServiceDeps } from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { maskNameForConfirmation } from '../domain/common';
import type { VolunteerPii } from '../domain/pii';

interface DonationRecipient {
  id: string;
  /** 张*明: enough to confirm the number, never the whole name. */
  maskedName: string;
  /** The caller's current stations the recipient also belongs to now. */
  stationNames: string[];
}

/** Look-ups (by the recipient page or by donatePoints with a phone) one volunteer may make per hour. */
export const RECIPIENT_LOOKUPS_PER_HOUR = 30;

// INCR a counter, give it its window on first use, return the count.
const INCR_WINDOW = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** The one answer for a number that is not a volunteer and for one who is, elsewhere: no oracle either way. */
const notFound = () =>
  new DomainError('RECIPIENT_NOT_FOUND', '该手机号不是与您同站点的志愿者，请核对号码（只能捐赠给同站点的志愿者）', {
    field: 'phone',
  });

/**
 * Finds the recipient of a points donation by mobile number, the way people name each other:
 * - the number is matched through the keyed phone hash, never by decrypting;
 * - only volunteers who currently share a station with the caller can be found (a co-member can ask
 *   the station anyway), so this is no phone → name oracle for arbitrary numbers: a number of nobody
 *   and a number of a volunteer elsewhere get the same RECIPIENT_NOT_FOUND;
 * - only the masked name (张*明) is revealed, and each volunteer has RECIPIENT_LOOKUPS_PER_HOUR
 *   look-ups an hour (Redis, shared by every API process), found or not.
 */
export class DonationRecipients {
  constructor(
    private readonly ds: DataSource,
    private readonly pii: VolunteerPii,
    private readonly redis: ServiceDeps['redis'],
    private readonly prefix: string,
  ) {}

  async find(userIn: AuthUser | undefined, phoneIn: string, m: EntityManager | DataSource = this.ds) {
    const user = requireUser(userIn);
    const phone = String(phoneIn ?? '').replace(/[\s-]/g, '');
    if (!isMobilePhone(phone)) throw new DomainError('INVALID_PHONE', '请输入 11 位手机号码', { field: 'phone' });
    const [caller]: { id: string }[] = await m.query(`SELECT id FROM volunteers WHERE account_sub = $1`, [user.sub]);
    if (!caller) throw new DomainError('NOT_A_VOLUNTEER', '只有登记的志愿者可以捐赠积分');
    await this.take(caller.id);
    const [found]: { id: string; name: string; stationNames: string[] }[] = await m.query(
      `SELECT v.id, v.name, array_agg(s.name ORDER BY s.name) AS "stationNames"
         FROM volunteers v
         JOIN memberships theirs ON theirs.volunteer_id = v.id AND theirs.left_on IS NULL
         JOIN memberships mine ON mine.station_id = theirs.station_id AND mine.volunteer_id = $2 AND mine.left_on IS NULL
         JOIN station_ref s ON s.id = theirs.station_id
        WHERE v.phone_hash = $1 AND v.status <> 'WITHDRAWN'
        GROUP BY v.id, v.name`,
      [this.pii.hash('phone', phone), caller.id],
    );
    if (!found) throw notFound();
    if (found.id === caller.id)
      throw new DomainError('INVALID_RECIPIENT', '不能捐赠给自己', {
        field: 'phone',
      });
    return {
      id: found.id,
      maskedName: maskNameForConfirmation(found.name),
      stationNames: found.stationNames,
    } satisfies DonationRecipient;
  }

  private async take(volunteerId: string): Promise<void> {
    const key = `${this.prefix}:vol:recipient-lookups:${volunteerId}`;
    const n = Number(await this.redis.eval(INCR_WINDOW, 1, key, String(3600_000)));
    if (n > RECIPIENT_LOOKUPS_PER_HOUR)
      throw new DomainError('RECIPIENT_LOOKUP_RATE_LIMITED', '查询受赠人次数过多，请 1 小时后再试');
  }
}
