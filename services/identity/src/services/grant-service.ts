import {
  ADMIN_ROLES,
  assertAllowed,
  canAdministerRegion,
  DomainError,
  isRegionCode,
  isUuid,
  maskPhone,
  recordEvent,
  regionPrefix,
  requireUser,
  sealSmsCode,
  SMS_CODE_EVENT,
  type AuthUser,
  type Clock,
  type Role,
} from '@leifeng/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { IdentityConfig } from '../config';
import { normalizePhone } from '../domain/codes';
import { auditRegionOf, decideGrant, type GrantRequest, type GrantRole, type GrantScope } from '../domain/grants';
import { ROLE_LABEL } from '../domain/labels';
import type { GrantRow } from './session-service';
import { phoneLookupHash, type SignInHook } from './sign-in-service';
import type { StationDirectory } from './station-directory';

export interface InviteInput {
  phone: string;
  role: string;
  regionCode?: string | null;
  stationId?: string | null;
  agencyId?: string | null;
  expiresAt?: Date | null;
  validUntil?: Date | null;
}

/** A row of invitation. */
export interface InvitationRow {
  id: string;
  phone_masked: string;
  role: GrantRole;
  region_code: string | null;
  station_id: string | null;
  agency_id: string | null;
  audit_region: string | null;
  invited_by: string;
  created_at: Date;
  expires_at: Date;
  grant_valid_until: Date | null;
}

/** A row of grant_audit. */
export interface GrantAuditRow {
  id: string;
  at: Date;
  actor_sub: string;
  action: string;
  outcome: string;
  reason: string | null;
  role: string | null;
  region_code: string | null;
  station_id: string | null;
  agency_id: string | null;
  grant_id: string | null;
  target_phone_masked: string | null;
}

const DAY = 86400_000;

/** The scope the caller acts in: the grant its token carries (an admin role when a dev token has several). */
function actorScope(user: AuthUser): GrantScope | undefined {
  const role = ADMIN_ROLES.find((r) => user.roles.includes(r)) ?? user.roles[0];
  return role
    ? {
        role: role as Role,
        regionCode: user.regionCode,
        stationId: user.stationId,
        agencyId: user.agencyId,
      }
    : undefined;
}

interface AuditEntry {
  actor: string;
  action: 'INVITE' | 'GRANT' | 'REVOKE';
  outcome: 'ALLOWED' | 'REFUSED';
  reason?: string;
  grant: GrantRequest;
  grantId?: string | null;
  phoneMasked?: string | null;
}

/**
 * Delegated role grants: who may invite whom to which role and scope is domain/grants.ts; here the
 * invitation, its SMS, its acceptance at sign-in, revocation and the audit trail. A refused attempt
 * writes its audit entry and nothing else.
 */
export class GrantService {
  constructor(
    private readonly ds: DataSource,
    private readonly stations: StationDirectory,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  private async audit(m: EntityManager | DataSource, e: AuditEntry): Promise<void> {
    await m.query(
      `INSERT INTO grant_audit (at, actor_sub, action, outcome, reason, role, region_code, station_id, agency_id, grant_id, target_phone_masked)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        this.clock.now(),
        e.actor,
        e.action,
        e.outcome,
        e.reason?.slice(0, 200) ?? null,
        e.grant.role,
        auditRegionOf(e.grant),
        isUuid(e.grant.stationId) ? e.grant.stationId : null,
        e.grant.agencyId ?? null,
        e.grantId ?? null,
        e.phoneMasked ?? null,
      ],
    );
  }

  private async request(input: {
    role: string;
    regionCode?: string | null;
    stationId?: string | null;
    agencyId?: string | null;
  }): Promise<GrantRequest> {
    const g: GrantRequest = {
      role: input.role as never,
      regionCode: input.regionCode ?? null,
      stationId: input.stationId ?? null,
      agencyId: input.agencyId ?? null,
    };
    if (g.regionCode && !isRegionCode(g.regionCode))
      throw new DomainError('INVALID_REGION_CODE', `行政区划代码格式不正确：${g.regionCode}`, { field: 'regionCode' });
    if (g.role === 'STATION_MANAGER' && g.stationId) {
      g.stationRegionCode = await this.stations.regionOf(g.stationId);
      g.regionCode = null;
    }
    return g;
  }

  async invite(user: AuthUser | undefined, input: InviteInput, requestId?: string): Promise<InvitationRow> {
    const u = requireUser(user);
    const phone = normalizePhone(input.phone);
    const g = await this.request(input);
    const decision = decideGrant(actorScope(u), g);
    const phoneMasked = maskPhone(phone);
    if (!decision.ok) {
      await this.audit(this.ds, {
        actor: u.sub,
        action: 'INVITE',
        outcome: 'REFUSED',
        reason: decision.reason,
        grant: g,
        phoneMasked,
      });
      throw new DomainError(decision.code, `不能发出该邀请：${decision.reason}`);
    }
    const now = this.clock.now();
    const expiresAt = input.expiresAt ?? new Date(now.getTime() + 7 * DAY);
    if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + 30 * DAY) {
      throw new DomainError('INVALID_INVITATION_EXPIRY', '邀请有效期须在当前时间之后且不超过 30 天', {
        field: 'expiresAt',
      });
    }
    if (input.validUntil && input.validUntil.getTime() <= expiresAt.getTime()) {
      throw new DomainError('INVALID_GRANT_VALID_UNTIL', '授权截止时间须晚于邀请有效期', { field: 'validUntil' });
    }
    return this.ds.transaction(async (m) => {
      const [inv]: InvitationRow[] = await m.query(
        `INSERT INTO invitation (phone_hash, phone_masked, role, region_code, station_id, agency_id, audit_region, invited_by, created_at, expires_at, grant_valid_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [
          phoneLookupHash(phone, this.config.pii.hashKey),
          phoneMasked,
          g.role,
          g.regionCode,
          g.stationId,
          g.agencyId,
          auditRegionOf(g),
          u.sub,
          now,
          expiresAt,
          input.validUntil ?? null,
        ],
      );
      await this.audit(m, {
        actor: u.sub,
        action: 'INVITE',
        outcome: 'ALLOWED',
        grant: g,
        phoneMasked,
      });
      const deadline = new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        month: 'numeric',
        day: 'numeric',
      }).format(expiresAt);
      const scope = g.role === 'STATION_MANAGER' ? '站点' : (g.regionCode ?? '');
      await recordEvent(m, 'identity', {
        type: SMS_CODE_EVENT,
        aggregateType: 'Invitation',
        aggregateId: inv.id,
        payload: {
          invitationId: inv.id,
          template: 'GRANT_INVITATION',
          sealed: sealSmsCode(
            {
              phone,
              template: 'GRANT_INVITATION',
              params: {
                role: `${scope}${ROLE_LABEL[g.role] ?? g.role}`,
                deadline,
              },
              expiresAt: expiresAt.toISOString(),
            },
            this.config.smsSealKey,
          ),
        },
        requestId,
      });
      return inv;
    });
  }

  /** Sign-in hook: open invitations for the verified phone become grants. */
  readonly acceptInvitations: SignInHook = async (m, account) => {
    const now = this.clock.now();
    const open: {
      id: string;
      role: string;
      region_code: string | null;
      station_id: string | null;
      agency_id: string | null;
      audit_region: string | null;
      invited_by: string;
      grant_valid_until: Date | null;
      phone_masked: string;
    }[] = await m.query(
      `SELECT * FROM invitation WHERE phone_hash = $1 AND accepted_at IS NULL AND cancelled_at IS NULL AND expires_at > $2 ORDER BY created_at FOR UPDATE`,
      [account.phoneHash, now],
    );
    for (const inv of open) {
      const [grant]: { id: string }[] = await m.query(
        `INSERT INTO role_grant (account_id, role, region_code, station_id, agency_id, granted_by, granted_at, valid_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          account.id,
          inv.role,
          inv.region_code,
          inv.station_id,
          inv.agency_id,
          inv.invited_by,
          now,
          inv.grant_valid_until,
        ],
      );
      await m.query(`UPDATE invitation SET accepted_at = $2, grant_id = $3 WHERE id = $1`, [inv.id, now, grant.id]);
      // Filed under the invitation's region (for a station: the station's region when invited).
      const g: GrantRequest = {
        role: inv.role as never,
        regionCode: inv.region_code,
        stationId: inv.station_id,
        agencyId: inv.agency_id,
        stationRegionCode: inv.audit_region,
      };
      await this.audit(m, {
        actor: inv.invited_by,
        action: 'GRANT',
        outcome: 'ALLOWED',
        reason: '受邀人登录接受邀请',
        grant: g,
        grantId: grant.id,
        phoneMasked: inv.phone_masked,
      });
    }
  };

  async revoke(user: AuthUser | undefined, grantId: string): Promise<GrantRow> {
    const u = requireUser(user);
    const [row]: GrantRow[] = isUuid(grantId)
      ? await this.ds.query(`SELECT * FROM role_grant WHERE id = $1`, [grantId])
      : [];
    if (!row)
      throw new DomainError('NOT_FOUND', `未找到授权：${grantId}`, {
        id: grantId,
      });
    const g = await this.request({
      role: row.role,
      regionCode: row.region_code,
      stationId: row.station_id,
      agencyId: row.agency_id,
    });
    const decision = decideGrant(actorScope(u), g);
    if (!decision.ok) {
      await this.audit(this.ds, {
        actor: u.sub,
        action: 'REVOKE',
        outcome: 'REFUSED',
        reason: decision.reason,
        grant: g,
        grantId: row.id,
      });
      throw new DomainError(decision.code, `不能撤销该授权：${decision.reason}`);
    }
    if (row.revoked_at) return row;
    return this.ds.transaction(async (m) => {
      const [[updated]]: [GrantRow[], number] = await m.query(
        `UPDATE role_grant SET revoked_at = $2, revoked_by = $3 WHERE id = $1 RETURNING *`,
        [row.id, this.clock.now(), u.sub],
      );
      await this.audit(m, {
        actor: u.sub,
        action: 'REVOKE',
        outcome: 'ALLOWED',
        grant: g,
        grantId: row.id,
      });
      return updated;
    });
  }

  /** Entries filed under the region or below it, for admins whose region covers it. */
  async auditTrail(user: AuthUser | undefined, regionCode: string, first: number): Promise<GrantAuditRow[]> {
    if (!isRegionCode(regionCode))
      throw new DomainError('INVALID_REGION_CODE', `行政区划代码格式不正确：${regionCode}`, { field: 'regionCode' });
    assertAllowed(user, canAdministerRegion(user, regionCode), '只能查看本辖区的授权记录');
    const limit = Math.min(Math.max(first, 1), 500);
    return this.ds.query(`SELECT * FROM grant_audit WHERE region_code LIKE $1 ORDER BY at DESC, id DESC LIMIT $2`, [
      `${regionPrefix(regionCode)}%`,
      limit,
    ]);
  }

  /** Bootstrap of a fresh deployment: the first province admin, with no inviter. */
  async bootstrapProvinceAdmin(m: EntityManager, accountId: string, provinceCode: string): Promise<string> {
    const [existing]: { id: string }[] = await m.query(
      `SELECT id FROM role_grant WHERE account_id = $1 AND role = 'PROVINCE_ADMIN' AND region_code = $2 AND revoked_at IS NULL`,
      [accountId, provinceCode],
    );
    if (existing) return existing.id;
    const [grant]: { id: string }[] = await m.query(
      `INSERT INTO role_grant (account_id, role, region_code, granted_by, granted_at) VALUES ($1, 'PROVINCE_ADMIN', $2, 'bootstrap', $3) RETURNING id`,
      [accountId, provinceCode, this.clock.now()],
    );
    await this.audit(m, {
      actor: 'bootstrap',
      action: 'GRANT',
      outcome: 'ALLOWED',
      reason: 'identity:bootstrap',
      grant: { role: 'PROVINCE_ADMIN', regionCode: provinceCode },
      grantId: grant.id,
    });
    return grant.id;
  }
}
