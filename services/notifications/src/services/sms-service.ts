import {
  ADMIN_ROLES,
  forbidden,
  hasRole,
  isUuid,
  pageSize,
  regionPrefix,
  requireUser,
  type AuthUser,
} from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { recordSmsOptOut } from './sms-opt-out';

/** A row of sms_message as listSms reads it. */
export interface SmsRow {
  id: string;
  event_id: string | null;
  recipient_kind: string;
  template: string;
  kind: string;
  status: string;
  phone_masked: string | null;
  station_id: string | null;
  attempts: number;
  last_error: string | null;
  deferred_until: Date | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
}

export interface SmsFilter {
  stationId?: string | null;
  statuses?: string[] | null;
  eventId?: string | null;
}

/** Delivery status of SMS, in the caller's scope. Only masked numbers are ever stored or shown. */
async function listSms(
  ds: DataSource,
  user: AuthUser | undefined,
  filter: SmsFilter,
  first: number,
): Promise<SmsRow[]> {
  requireUser(user);
  pageSize(first, 200, 1);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (!hasRole(user, 'SERVICE')) {
    if (hasRole(user, ...ADMIN_ROLES)) add(`region_code LIKE ?`, `${regionPrefix(user!.regionCode!)}%`);
    else if (hasRole(user, 'STATION_MANAGER')) add(`station_id = ?`, user!.stationId);
    else throw forbidden('无权查看短信记录');
  }
  if (filter.stationId) {
    if (!isUuid(filter.stationId)) return [];
    add(`station_id = ?`, filter.stationId);
  }
  if (filter.eventId) {
    if (!isUuid(filter.eventId)) return [];
    add(`event_id = ?`, filter.eventId);
  }
  if (filter.statuses?.length) add(`status = ANY(?)`, filter.statuses);
  params.push(first);
  return ds.query(
    `SELECT id, event_id, recipient_kind, template, kind, status, phone_masked, station_id, attempts, last_error, deferred_until, sent_at, delivered_at, created_at
       FROM sms_message ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT $${params.length}`,
    params,
  );
}

/** The SMS use cases of the API: the delivery list and the opt-out record (phones stored as keyed hashes). */
export class SmsService {
  constructor(
    private readonly ds: DataSource,
    private readonly phoneHashKey: string,
  ) {}

  list(user: AuthUser | undefined, filter: SmsFilter, first: number): Promise<SmsRow[]> {
    return listSms(this.ds, user, filter, first);
  }

  async recordOptOut(user: AuthUser | undefined, phone: string): Promise<boolean> {
    await recordSmsOptOut(this.ds, user, phone, this.phoneHashKey);
    return true;
  }
}
