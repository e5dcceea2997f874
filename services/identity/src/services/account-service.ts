import { assertAllowed, DomainError, hasRole, isUuid, requireUser, type AuthUser, type Clock } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { activeGrantSql, type GrantRow, type SessionService } from './session-service';

export interface AccountRow {
  id: string;
  phone_masked: string;
  display_name: string | null;
  status: 'ACTIVE' | 'DISABLED';
  volunteer_id: string | null;
  created_at: Date;
  password_set_at?: Date | null;
}

export class AccountService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  async byIds(ids: readonly string[]): Promise<AccountRow[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.ds.query(
      `SELECT id, phone_masked, display_name, status, volunteer_id, created_at, password_set_at FROM account WHERE id = ANY($1::uuid[])`,
      [valid],
    );
  }

  async grantsOf(accountIds: readonly string[]): Promise<GrantRow[]> {
    return this.ds.query(
      `SELECT * FROM role_grant WHERE account_id = ANY($1::uuid[]) AND ${activeGrantSql('$2')} ORDER BY granted_at, id`,
      [accountIds, this.clock.now()],
    );
  }

  /** Only the province admin (or SERVICE) disables accounts; disabling ends every session at once. */
  async setStatus(user: AuthUser | undefined, accountId: string, status: 'ACTIVE' | 'DISABLED'): Promise<AccountRow> {
    assertAllowed(user, hasRole(user, 'PROVINCE_ADMIN', 'SERVICE'), '只有省级管理员可以停用或启用账号');
    if (!isUuid(accountId))
      throw new DomainError('NOT_FOUND', `未找到账号：${accountId}`, {
        id: accountId,
      });
    return this.ds.transaction(async (m) => {
      const [rows]: [AccountRow[], number] = await m.query(
        `UPDATE account SET status = $2, updated_at = $3 WHERE id = $1 RETURNING id, phone_masked, display_name, status, volunteer_id, created_at`,
        [accountId, status, this.clock.now()],
      );
      if (!rows[0])
        throw new DomainError('NOT_FOUND', `未找到账号：${accountId}`, {
          id: accountId,
        });
      if (status === 'DISABLED') await this.sessions.endAll(accountId, 'ACCOUNT_DISABLED', m);
      return rows[0];
    });
  }

  /** Signs the caller out of every session; the caller must be an account (not a development token). */
  async signOutEverywhere(user: AuthUser | undefined): Promise<number> {
    const u = requireUser(user);
    if (!isUuid(u.sub)) return 0;
    return this.sessions.endAll(u.sub, 'SIGNED_OUT_EVERYWHERE');
  }
}
