import { DomainError, type Clock } from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { IdentityConfig } from '../config';
import { isRefreshTokenShape, newRefreshToken, refreshTokenHash } from '../domain/codes';
import type { GrantRole } from '../domain/grants';
import type { KeyService } from './key-service';

export interface GrantRow {
  id: string;
  account_id: string;
  role: GrantRole;
  region_code: string | null;
  station_id: string | null;
  agency_id: string | null;
  granted_by: string;
  granted_at: Date;
  valid_until: Date | null;
  revoked_at: Date | null;
}

export interface AuthSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  accountId: string;
  grant: GrantRow | null;
}

/** SQL: a grant in force now. */
const ACTIVE_GRANT = `revoked_at IS NULL AND (valid_until IS NULL OR valid_until > $NOW)`;
export const activeGrantSql = (param: string) => ACTIVE_GRANT.replace('$NOW', param);

const sessionEnded = () => new DomainError('SESSION_ENDED', '登录已失效，请重新登录');

/**
 * Session families: a sign-in starts one; each refresh uses up its refresh token and issues the next
 * (rotation). A refresh token used twice means it was copied: the whole family ends at once, for the
 * thief and the owner alike. Access tokens are short (≤ 15 min) and name the family (`sid`) and
 * the grant in use (`gid`); the grant is read again at every refresh, so a revoked grant or a disabled
 * account is out within one access-token lifetime.
 */
export class SessionService {
  constructor(
    private readonly ds: DataSource,
    private readonly keys: KeyService,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  async activeGrants(accountId: string, m: EntityManager | DataSource = this.ds): Promise<GrantRow[]> {
    return m.query(
      `SELECT * FROM role_grant WHERE account_id = $1 AND ${activeGrantSql('$2')} ORDER BY granted_at, id`,
      [accountId, this.clock.now()],
    );
  }

  private async accessToken(accountId: string, sessionId: string, grant: GrantRow | null) {
    const claims = {
      // Without a grant in use a person acts for themself: a volunteer (self-registration, own record).
      roles: grant ? [grant.role] : ['VOLUNTEER'],
      regionCode: grant?.region_code ?? undefined,
      stationId: grant?.station_id ?? undefined,
      agencyId: grant?.agency_id ?? undefined,
      sid: sessionId,
      gid: grant?.id ?? undefined,
    };
    return this.keys.sign(accountId, claims, this.config.accessTtlSec);
  }

  private async newRefresh(m: EntityManager, sessionId: string, sessionExpires: Date) {
    const token = newRefreshToken();
    const now = this.clock.now();
    const expiresAt = new Date(Math.min(now.getTime() + this.config.refreshTtlSec * 1000, sessionExpires.getTime()));
    await m.query(
      `INSERT INTO refresh_token (token_hash, session_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
      [refreshTokenHash(token), sessionId, now, expiresAt],
    );
    return { token, expiresAt };
  }

  /** Starts a family for a verified account, using `grantId` or else its oldest grant in force. */
  async start(m: EntityManager, accountId: string, clientIp: string | null, grantId?: string): Promise<AuthSession> {
    const grants = await this.activeGrants(accountId, m);
    const grant = (grantId ? grants.find((g) => g.id === grantId) : grants[0]) ?? null;
    const now = this.clock.now();
    const expires = new Date(now.getTime() + this.config.sessionMaxSec * 1000);
    const [s]: { id: string }[] = await m.query(
      `INSERT INTO session (account_id, grant_id, created_at, expires_at, last_used_at, client_ip) VALUES ($1, $2, $3, $4, $3, $5) RETURNING id`,
      [accountId, grant?.id ?? null, now, expires, clientIp],
    );
    const refresh = await this.newRefresh(m, s.id, expires);
    const access = await this.accessToken(accountId, s.id, grant);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      accountId,
      grant,
    };
  }

  /**
   * Uses up a refresh token and issues the next pair. With `grantId` the new access token carries that
   * grant instead (switching role without signing in again).
   */
  async refresh(token: string, grantId?: string, forAccount?: string): Promise<AuthSession> {
    const hash = refreshTokenHash(String(token ?? ''));
    const outcome = await this.ds.transaction(async (m) => {
      const [row]: {
        session_id: string;
        used_at: Date | null;
        expires_at: Date;
      }[] = await m.query(
        `SELECT session_id, used_at, expires_at FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
        [hash],
      );
      if (!row) throw sessionEnded();
      const [s]: {
        id: string;
        account_id: string;
        grant_id: string | null;
        ended_at: Date | null;
        expires_at: Date;
        status: string;
      }[] = await m.query(
        `SELECT s.*, a.status FROM session s JOIN account a ON a.id = s.account_id WHERE s.id = $1 FOR UPDATE OF s`,
        [row.session_id],
      );
      const now = this.clock.now();
      if (s.ended_at) throw sessionEnded();
      if (forAccount && s.account_id !== forAccount) throw new DomainError('FORBIDDEN', '该登录会话不属于当前用户');
      if (row.used_at) {
        // Replay: someone holds a copy. End the family (committed, then refused).
        await m.query(`UPDATE session SET ended_at = $2, end_reason = 'REFRESH_REUSED' WHERE id = $1`, [s.id, now]);
        return { reused: true as const };
      }
      if (new Date(row.expires_at) <= now || new Date(s.expires_at) <= now) throw sessionEnded();
      if (s.status !== 'ACTIVE') {
        await m.query(`UPDATE session SET ended_at = $2, end_reason = 'ACCOUNT_DISABLED' WHERE id = $1`, [s.id, now]);
        return { disabled: true as const };
      }
      await m.query(`UPDATE refresh_token SET used_at = $2 WHERE token_hash = $1`, [hash, now]);
      const grants = await this.activeGrants(s.account_id, m);
      let grant: GrantRow | null;
      if (grantId) {
        grant = grants.find((g) => g.id === grantId) ?? null;
        if (!grant) throw new DomainError('GRANT_NOT_FOUND', '该授权不存在、已过期或已撤销', { grantId });
      } else {
        // The grant in use, while it is still in force (revoked grants drop out here).
        grant = grants.find((g) => g.id === s.grant_id) ?? null;
      }
      await m.query(`UPDATE session SET grant_id = $2, last_used_at = $3 WHERE id = $1`, [
        s.id,
        grant?.id ?? null,
        now,
      ]);
      const refresh = await this.newRefresh(m, s.id, new Date(s.expires_at));
      const access = await this.accessToken(s.account_id, s.id, grant);
      return {
        session: {
          accessToken: access.token,
          accessTokenExpiresAt: access.expiresAt,
          refreshToken: refresh.token,
          refreshTokenExpiresAt: refresh.expiresAt,
          accountId: s.account_id,
          grant,
        },
      };
    });
    if ('reused' in outcome)
      throw new DomainError(
        'REFRESH_TOKEN_REUSED',
        '检测到登录凭证被重复使用，为保护账号安全，该登录已全部退出，请重新登录',
      );
    if ('disabled' in outcome) throw new DomainError('ACCOUNT_DISABLED', '账号已停用，请联系管理员');
    return outcome.session;
  }

  /** Ends the family the refresh token belongs to. Unknown tokens are ignored (nothing to end). */
  async signOut(token: string): Promise<boolean> {
    if (!isRefreshTokenShape(token))
      throw new DomainError('INVALID_REFRESH_TOKEN', '登录凭证格式不正确', {
        field: 'refreshToken',
      });
    const rows: unknown[] = await this.ds.query(
      `UPDATE session SET ended_at = $2, end_reason = 'SIGNED_OUT'
        WHERE id = (SELECT session_id FROM refresh_token WHERE token_hash = $1) AND ended_at IS NULL RETURNING id`,
      [refreshTokenHash(String(token ?? '')), this.clock.now()],
    );
    return rowCount(rows) > 0;
  }

  /** Ends every family of the account; returns how many were open. */
  async endAll(accountId: string, reason: string, m: EntityManager | DataSource = this.ds): Promise<number> {
    const rows: unknown[] = await m.query(
      `UPDATE session SET ended_at = $2, end_reason = $3 WHERE account_id = $1 AND ended_at IS NULL RETURNING id`,
      [accountId, this.clock.now(), reason],
    );
    return rowCount(rows);
  }
}

/** TypeORM returns [rows, count] for UPDATE … RETURNING on Postgres. */
export function rowCount(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[1];
  return Array.isArray(result) ? result.length : 0;
}
