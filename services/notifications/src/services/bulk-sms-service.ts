import {
  ADMIN_ROLES,
  assertAllowed,
  canAdministerRegion,
  DomainError,
  hasRole,
  isRegionCode,
  notFound,
  ValidationErrors,
  type AuthUser,
  isUuid,
} from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { BulkAudience, RecipientSource } from './recipient-source';
import { templateOf, validateParams } from '../domain/sms-templates';

const BULK_TEMPLATES = ['REGION_NOTICE', 'VOLUNTEER_RECRUITMENT'];
const AUDIENCES: BulkAudience[] = ['VOLUNTEERS', 'STATION_LEADERS'];
const INSERT_CHUNK = 500;

export interface BulkSmsInput {
  regionCode: string;
  audience: BulkAudience;
  template: string;
  /** JSON from the caller: checked against the template below. */
  params: unknown;
}

const COLS = `id, region_code, audience, template, status, recipient_count, created_at`;

/** A row of sms_bulk as the API reads it (COLS). */
export interface BulkRow {
  id: string;
  region_code: string;
  audience: BulkAudience;
  template: string;
  status: string;
  recipient_count: number | null;
  created_at: Date;
}

/** Admins plan a bulk send; the worker lists the recipients and writes one message row each. */
export class BulkSmsService {
  constructor(private readonly ds: DataSource) {}

  async create(user: AuthUser | undefined, input: BulkSmsInput): Promise<BulkRow> {
    assertAllowed(user, hasRole(user, ...ADMIN_ROLES), '只有管理员可以群发短信');
    const errors = new ValidationErrors();
    const regionOk = typeof input.regionCode === 'string' && isRegionCode(input.regionCode);
    if (!regionOk) errors.add('INVALID_REGION_CODE', 'regionCode', `行政区划代码格式不正确：${input.regionCode}`);
    if (!AUDIENCES.includes(input.audience)) errors.add('INVALID_AUDIENCE', 'audience', '群发对象不正确');
    let params: Record<string, string> = {};
    if (!BULK_TEMPLATES.includes(input.template))
      errors.add('SMS_TEMPLATE_NOT_BULK', 'template', `模板 ${input.template} 不能用于群发`);
    else {
      const p =
        input.params && typeof input.params === 'object' && !Array.isArray(input.params)
          ? (input.params as Record<string, unknown>)
          : {};
      try {
        params = validateParams(templateOf(input.template), p);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        errors.add(err.code, 'params', err.message);
      }
    }
    errors.throwIfAny();
    assertAllowed(user, canAdministerRegion(user, input.regionCode), '只能向所辖地区群发短信');
    const [row] = await this.ds.query(
      `INSERT INTO sms_bulk (region_code, audience, template, params, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLS}`,
      [input.regionCode, input.audience, input.template, JSON.stringify(params), user!.sub],
    );
    return row;
  }

  async byId(user: AuthUser | undefined, id: string): Promise<BulkRow | null> {
    assertAllowed(user, hasRole(user, ...ADMIN_ROLES, 'SERVICE'), '无权查看群发记录');
    if (!isUuid(id)) return null;
    const [row] = (await this.ds.query(`SELECT ${COLS} FROM sms_bulk WHERE id = $1`, [id])) as BulkRow[];
    if (!row) return null;
    assertAllowed(
      user,
      hasRole(user, 'SERVICE') || canAdministerRegion(user, row.region_code),
      '只能查看所辖地区的群发记录',
    );
    return row;
  }

  async statusCounts(id: string): Promise<Record<string, number>> {
    const rows = await this.ds.query(
      `SELECT status, count(*)::int AS n FROM sms_message WHERE bulk_id = $1 GROUP BY status`,
      [id],
    );
    return Object.fromEntries(rows.map((r: { status: string; n: number }) => [r.status, r.n]));
  }
}

/**
 * Worker side: lists the recipients and writes one sms_message per recipient (unique per bulk and
 * recipient, so a re-run adds nothing). The dispatcher then queues them in addBulk batches.
 */
export async function expandBulk(ds: DataSource, source: RecipientSource, bulkId: string): Promise<number> {
  const [bulk] = await ds.query(`SELECT * FROM sms_bulk WHERE id = $1`, [bulkId]);
  if (!bulk) throw notFound('群发记录', bulkId);
  if (bulk.status !== 'PLANNED') return bulk.recipient_count ?? 0;
  const recipients = await source.list(bulk.region_code, bulk.audience);
  const t = templateOf(bulk.template);
  await ds.transaction(async (m) => {
    for (let i = 0; i < recipients.length; i += INSERT_CHUNK) {
      const chunk = recipients.slice(i, i + INSERT_CHUNK);
      await m.query(
        `INSERT INTO sms_message (bulk_id, recipient_kind, recipient_id, template, params, kind, urgent, region_code)
         SELECT $1, kind, id, $2, $3, $4, $5, $6 FROM unnest($7::varchar[], $8::varchar[]) AS r(kind, id)
         ON CONFLICT DO NOTHING`,
        [
          bulkId,
          t.name,
          JSON.stringify(bulk.params),
          t.kind,
          t.urgent,
          bulk.region_code,
          chunk.map((r) => r.kind),
          chunk.map((r) => r.id),
        ],
      );
    }
    await m.query(`UPDATE sms_bulk SET status = 'EXPANDED', recipient_count = $2 WHERE id = $1`, [
      bulkId,
      recipients.length,
    ]);
  });
  return recipients.length;
}
