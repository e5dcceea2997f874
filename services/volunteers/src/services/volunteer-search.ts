import {
  canAdministerRegion,
  DomainError,
  forbidden,
  hasRole,
  isMobilePhone,
  isRegionCode,
  regionPrefix,
  requireUser,
  type AuthUser,
} from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import type { VolunteerPii } from '../domain/pii';
import { VOLUNTEER_COLUMNS, type VolunteerRow } from './volunteer-service';

export interface VolunteerSearchFilter {
  name?: string | null;
  phone?: string | null;
  regionCode?: string | null;
  status?: string | null;
}

export interface VolunteerSearchPage {
  nodes: VolunteerRow[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const MAX_FIRST = 100;
const bad = (code: string, message: string, field: string) => new DomainError(code, message, { field });

/** Offset cursors: the list is ordered by registration date, then id (stable between pages). */
const cursorOf = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function offsetOf(after: string | null | undefined): number {
  if (!after) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString());
  if (!m) throw bad('INVALID_CURSOR', '分页游标无效', 'after');
  return Number(m[1]);
}

/** Region the caller may search: admins within their grant (their region by default), ledger readers anywhere. */
function searchRegion(user: AuthUser, asked: string | null | undefined): string {
  const code = asked?.trim() || user.regionCode || '';
  if (!isRegionCode(code)) throw bad('INVALID_REGION', '请选择要查询的地区', 'regionCode');
  if (hasRole(user, 'INSPECTOR', 'AGENCY', 'SERVICE') || canAdministerRegion(user, code)) return code;
  throw forbidden('只能查询本人所辖地区的志愿者');
}

/**
 * Officers' volunteer search: by name (contains), phone (exact, matched through the keyed lookup hash,
 * never by decrypting), region (a current or former station under it) and status. Newest first.
 */
export class VolunteerSearchService {
  constructor(
    private readonly ds: DataSource,
    private readonly pii: VolunteerPii,
  ) {}

  async search(
    userIn: AuthUser | undefined,
    filter: VolunteerSearchFilter,
    first = 20,
    after?: string | null,
  ): Promise<VolunteerSearchPage> {
    const user = requireUser(userIn);
    const region = searchRegion(user, filter.regionCode);
    const name = filter.name?.trim() || null;
    if (name && name.length > 50) throw bad('INVALID_NAME', '姓名最多 50 个字', 'name');
    const phone = filter.phone?.replace(/[\s-]/g, '') || null;
    if (phone && !isMobilePhone(phone)) throw bad('INVALID_PHONE', '请输入 11 位手机号码', 'phone');
    const status = filter.status ?? null;
    if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST)
      throw bad('INVALID_FIRST', `每页 1–${MAX_FIRST} 条`, 'first');
    const offset = offsetOf(after);
    const rows: VolunteerRow[] = await this.ds.query(
      `SELECT ${VOLUNTEER_COLUMNS} FROM volunteers v
        WHERE ($1::text IS NULL OR v.name LIKE '%' || $1 || '%')
          AND ($2::text IS NULL OR v.phone_hash = $2)
          AND ($3::text IS NULL OR v.status = $3)
          AND EXISTS (SELECT 1 FROM memberships m JOIN station_ref s ON s.id = m.station_id
                       WHERE m.volunteer_id = v.id AND s.region_code LIKE $4 || '%')
        ORDER BY v.registered_on DESC, v.id LIMIT $5 OFFSET $6`,
      [
        name?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? null,
        phone ? this.pii.hash('phone', phone) : null,
        status,
        regionPrefix(region),
        first + 1,
        offset,
      ],
    );
    const nodes = rows.slice(0, first);
    return {
      nodes,
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: nodes.length ? cursorOf(offset + nodes.length) : null,
      },
    };
  }
}
