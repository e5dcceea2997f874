import {
  DomainError,
  forbidden,
  regionPrefix,
  requireUser,
  ValidationErrors,
  type AgencyScope,
  type AuthUser,
  type Clock,
} from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import {
  mayReadScope,
  maySetScopes,
  normaliseScope,
  regionsBeyondAdmin,
  type AgencyScopeInput,
} from '../domain/agency-scope';

export interface StoredAgencyScope extends AgencyScope {
  agencyId: string;
  setBy: string;
  setByRegion: string | null;
  setAt: Date;
}

interface AgencyScopeRow {
  agency_id: string;
  region_codes: AgencyScope['regionCodes'];
  event_types: AgencyScope['eventTypes'];
  set_by: string;
  set_by_region: string | null;
  set_at: Date;
}

const toScope = (r: AgencyScopeRow): StoredAgencyScope => ({
  agencyId: r.agency_id,
  regionCodes: r.region_codes,
  eventTypes: r.event_types,
  setBy: r.set_by,
  setByRegion: r.set_by_region,
  setAt: r.set_at,
});

/** Partner agencies' scopes: read by every check of what an agency may see or subscribe to. */
export class AgencyScopeService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async find(agencyId: string): Promise<StoredAgencyScope | null> {
    const [row] = await this.ds.query(`SELECT * FROM agency_scope WHERE agency_id = $1`, [agencyId]);
    return row ? toScope(row) : null;
  }

  /** The caller's own scope when it is an agency (null: none set, or not an agency). */
  async ofCaller(user: AuthUser | undefined): Promise<StoredAgencyScope | null> {
    return user?.roles.includes('AGENCY') && user.agencyId ? this.find(user.agencyId) : null;
  }

  /** An agency's scope: its own (agencyId omitted), or any for admins covering it and services. */
  async read(user: AuthUser | undefined, agencyId?: string | null): Promise<StoredAgencyScope | null> {
    const u = requireUser(user);
    const id = agencyId ?? u.agencyId;
    if (!id) return null;
    const scope = await this.find(id);
    if (!scope) {
      if (!(maySetScopes(u) || (u.roles.includes('AGENCY') && u.agencyId === id)))
        throw forbidden('无权查看该合作单位的范围');
      return null;
    }
    if (!mayReadScope(u, id, scope)) throw forbidden('无权查看该合作单位的范围');
    return scope;
  }

  /** Sets or replaces an agency's scope; the admin's region must cover every region of the old and the new scope. */
  async set(user: AuthUser | undefined, agencyId: string, input: AgencyScopeInput): Promise<StoredAgencyScope> {
    const admin = requireUser(user);
    if (!maySetScopes(admin)) throw forbidden('只有管理员可以设置合作单位的范围');
    const errors = new ValidationErrors();
    const next = normaliseScope(agencyId, input, errors);
    errors.throwIfAny();
    return this.ds.transaction(async (m) => {
      const [prevRow] = await m.query(`SELECT * FROM agency_scope WHERE agency_id = $1 FOR UPDATE`, [agencyId]);
      const previous = prevRow ? toScope(prevRow) : null;
      const beyond = regionsBeyondAdmin(admin, next, previous);
      if (beyond.length) {
        throw new DomainError('FORBIDDEN', `合作单位的范围超出了您所辖的地区：${beyond.slice(0, 5).join('、')}`, {
          regionCodes: beyond,
        });
      }
      const now = this.clock.now();
      const setByRegion = admin.roles.includes('SERVICE') ? null : (admin.regionCode ?? null);
      const [row] = await m.query(
        `INSERT INTO agency_scope (agency_id, region_codes, region_prefixes, event_types, set_by, set_by_region, set_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (agency_id) DO UPDATE SET region_codes = EXCLUDED.region_codes, region_prefixes = EXCLUDED.region_prefixes,
           event_types = EXCLUDED.event_types, set_by = EXCLUDED.set_by, set_by_region = EXCLUDED.set_by_region, set_at = EXCLUDED.set_at
         RETURNING *`,
        [agencyId, next.regionCodes, next.regionCodes.map(regionPrefix), next.eventTypes, admin.sub, setByRegion, now],
      );
      await m.query(
        `INSERT INTO agency_scope_change (agency_id, old_region_codes, old_event_types, region_codes, event_types, set_by, set_by_region, set_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          agencyId,
          previous?.regionCodes ?? null,
          previous?.eventTypes ?? null,
          next.regionCodes,
          next.eventTypes,
          admin.sub,
          setByRegion,
          now,
        ],
      );
      return toScope(row);
    });
  }
}
