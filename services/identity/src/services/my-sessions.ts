import { DomainError, isUuid, requireUser, type AuthUser, type Clock } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { rowCount } from './session-service';
import type { GrantRole } from '../domain/grants';

export interface MySession {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  clientIp: string | null;
  role: GrantRole | null;
  regionCode: string | null;
  stationId: string | null;
  current: boolean;
}

interface SessionRow {
  id: string;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
  client_ip: string | null;
  role: GrantRole | null;
  region_code: string | null;
  station_id: string | null;
}

const notFound = (sessionId: string) =>
  new DomainError('SESSION_NOT_FOUND', '该登录会话不存在或已结束', {
    sessionId,
  });

/**
 * ASVS 3.3.4: a person sees their own open sessions (sign-ins that can still refresh: not ended, not
 * past their absolute end, holding an unused refresh token in date) and ends any one of them. Another
 * account's session answers exactly like an unknown one.
 */
export class MySessions {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(user: AuthUser | undefined): Promise<MySession[]> {
    const u = requireUser(user);
    if (!isUuid(u.sub)) return [];
    const rows: SessionRow[] = await this.ds.query(
      `SELECT s.id, s.created_at, s.last_used_at, s.expires_at, s.client_ip, g.role, g.region_code, g.station_id
         FROM session s LEFT JOIN role_grant g ON g.id = s.grant_id
        WHERE s.account_id = $1 AND s.ended_at IS NULL AND s.expires_at > $2
          AND EXISTS (SELECT 1 FROM refresh_token r WHERE r.session_id = s.id AND r.used_at IS NULL AND r.expires_at > $2)
        ORDER BY s.last_used_at DESC, s.id`,
      [u.sub, this.clock.now()],
    );
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
      clientIp: r.client_ip,
      role: r.role,
      regionCode: r.region_code,
      stationId: r.station_id,
      current: r.id === u.sessionId,
    }));
  }

  /** Ends one of the caller's sessions: its refresh tokens stop at once, its access token within its lifetime. */
  async revoke(user: AuthUser | undefined, sessionId: string): Promise<boolean> {
    const u = requireUser(user);
    if (!isUuid(u.sub) || !isUuid(sessionId)) throw notFound(sessionId);
    const rows: unknown[] = await this.ds.query(
      `UPDATE session SET ended_at = $3, end_reason = 'REVOKED_BY_OWNER'
        WHERE id = $1 AND account_id = $2 AND ended_at IS NULL RETURNING id`,
      [sessionId, u.sub, this.clock.now()],
    );
    if (rowCount(rows) === 0) throw notFound(sessionId);
    return true;
  }
}
