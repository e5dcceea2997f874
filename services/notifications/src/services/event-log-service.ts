import {
  ADMIN_ROLES,
  canAdministerRegion,
  DomainError,
  forbidden,
  hasRole,
  isRegionCode,
  isUuid,
  pageSize,
  regionPrefix,
  requireUser,
  type AgencyScope,
  type AuthUser,
  type DomainEvent,
} from '@leifeng/kit';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { EventLogEntity } from '../db/event-log.entity';
import { canSeeEvent, eventSubject, MAX_EVENTS_PAGE, type EventFilter } from '../domain/event-log';

/** Records a consumed event; called in the consumer's dedupe transaction. */
export async function logEvent(
  m: EntityManager,
  event: DomainEvent,
  opts: { livePending?: boolean } = {},
): Promise<void> {
  const { stationId, regionCode } = eventSubject(event);
  await m
    .createQueryBuilder()
    .insert()
    .into(EventLogEntity)
    .values({
      eventId: event.id,
      type: event.type,
      source: event.source,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      stationId,
      regionCode,
      payload: event.payload as never,
      occurredAt: new Date(event.occurredAt),
      livePending: opts.livePending ?? false,
    })
    .orIgnore()
    .execute();
}

/** Limits a query on event_log `e` to an agency's scope (types and regions). */
function whereInAgencyScope(qb: SelectQueryBuilder<EventLogEntity>, scope: AgencyScope): void {
  if (!scope.eventTypes.includes('*'))
    qb.andWhere('e.type IN (:...scopeTypes)', {
      scopeTypes: [...scope.eventTypes],
    });
  qb.andWhere('e.region_code LIKE ANY(:scopePrefixes)', {
    scopePrefixes: scope.regionCodes.map((r) => `${regionPrefix(r)}%`),
  });
}

export class EventLogService {
  /** `scopeOf(user)`: the calling agency's scope (null when none is set); agencies see nothing without one. */
  constructor(
    private readonly ds: DataSource,
    private readonly scopeOf: (user: AuthUser | undefined) => Promise<AgencyScope | null> = async () => null,
  ) {}

  async list(user: AuthUser | undefined, filter: EventFilter, first: number, after?: string | null) {
    requireUser(user);
    pageSize(first, MAX_EVENTS_PAGE);
    const qb = this.ds.getRepository(EventLogEntity).createQueryBuilder('e');
    const readsAll = hasRole(user, 'SERVICE', 'INSPECTOR');
    if (!readsAll) {
      if (hasRole(user, 'AGENCY')) {
        const scope = await this.scopeOf(user);
        if (!scope) return { events: [], hasNextPage: false };
        whereInAgencyScope(qb, scope);
      } else if (hasRole(user, ...ADMIN_ROLES)) {
        if (filter.regionCode && !canAdministerRegion(user, filter.regionCode))
          throw forbidden('只能查看所辖地区的事件');
        qb.andWhere('e.region_code LIKE :scope', {
          scope: `${regionPrefix(user!.regionCode!)}%`,
        });
      } else if (hasRole(user, 'STATION_MANAGER')) {
        if (filter.stationId && filter.stationId !== user!.stationId) throw forbidden('只能查看本站点的事件');
        qb.andWhere('e.station_id = :own', { own: user!.stationId });
      } else {
        throw forbidden('无权查看事件日志');
      }
    }
    if (filter.types?.length) qb.andWhere('e.type IN (:...types)', { types: filter.types });
    if (filter.stationId) {
      if (!isUuid(filter.stationId)) return { events: [], hasNextPage: false };
      qb.andWhere('e.station_id = :stationId', { stationId: filter.stationId });
    }
    if (filter.regionCode) {
      if (!isRegionCode(filter.regionCode))
        throw new DomainError('INVALID_REGION_CODE', `行政区划代码格式不正确：${filter.regionCode}`);
      qb.andWhere('e.region_code LIKE :prefix', {
        prefix: `${regionPrefix(filter.regionCode)}%`,
      });
    }
    if (filter.since) qb.andWhere('e.occurred_at >= :since', { since: filter.since });
    if (after) {
      if (!/^\d{1,18}$/.test(after)) throw new DomainError('INVALID_CURSOR', '分页游标无效');
      qb.andWhere('e.seq < :after', { after });
    }
    const rows = await qb
      .orderBy('e.seq', 'DESC')
      .limit(first + 1)
      .getMany();
    return { events: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  /**
   * Station.recentEvents: a signed-in caller, a page of at most MAX_EVENTS_PAGE, and every event of the
   * page (read by the request's DataLoader through `load`) within the caller's scope.
   */
  async recentForStation(
    user: AuthUser | undefined,
    first: number,
    load: (first: number) => Promise<EventLogEntity[]>,
  ): Promise<EventLogEntity[]> {
    requireUser(user);
    pageSize(first, MAX_EVENTS_PAGE);
    const events = await load(first);
    const scope = await this.scopeOf(user);
    if (events.length && !events.every((e) => canSeeEvent(user, e, scope)))
      throw forbidden('只能查看本站点或所辖地区的事件');
    return events;
  }

  /** One event, or null when unknown or out of the caller's scope. */
  async byId(user: AuthUser | undefined, id: string): Promise<EventLogEntity | null> {
    requireUser(user);
    if (!isUuid(id)) return null;
    const e = await this.ds.getRepository(EventLogEntity).findOneBy({ eventId: id });
    return e && canSeeEvent(user, e, await this.scopeOf(user)) ? e : null;
  }

  /** Review events after `afterId`, oldest first, in the caller's scope: the subscription catch-up. */
  async reviewEventsAfter(
    user: AuthUser | undefined,
    afterId: string,
    filter: EventFilter,
    first: number,
  ): Promise<EventLogEntity[]> {
    requireUser(user);
    pageSize(first, MAX_EVENTS_PAGE, 1);
    if (!isUuid(afterId)) throw new DomainError('INVALID_CURSOR', '事件编号无效');
    const anchor = await this.ds.getRepository(EventLogEntity).findOneBy({ eventId: afterId });
    if (!anchor) throw new DomainError('UNKNOWN_EVENT', `未找到事件：${afterId}`);
    const qb = this.ds.getRepository(EventLogEntity).createQueryBuilder('e').where('e.seq > :seq', { seq: anchor.seq });
    if (filter.types?.length) qb.andWhere('e.type IN (:...types)', { types: filter.types });
    else qb.andWhere(`e.type ~ '^(review|title|rectification|inspection)\\.'`);
    if (filter.stationId)
      qb.andWhere('e.station_id = :stationId', {
        stationId: isUuid(filter.stationId) ? filter.stationId : null,
      });
    if (filter.regionCode) {
      if (!isRegionCode(filter.regionCode))
        throw new DomainError('INVALID_REGION_CODE', `行政区划代码格式不正确：${filter.regionCode}`);
      qb.andWhere('e.region_code LIKE :prefix', {
        prefix: `${regionPrefix(filter.regionCode)}%`,
      });
    }
    const agencyScope = await this.scopeOf(user);
    if (!hasRole(user, 'SERVICE', 'INSPECTOR')) {
      if (hasRole(user, 'AGENCY')) {
        if (!agencyScope) return [];
        whereInAgencyScope(qb, agencyScope);
      } else if (hasRole(user, ...ADMIN_ROLES)) {
        qb.andWhere('(e.region_code LIKE :scope OR e.station_id = :own)', {
          scope: `${regionPrefix(user!.regionCode!)}%`,
          own: user!.stationId ?? null,
        });
      } else if (hasRole(user, 'STATION_MANAGER')) {
        qb.andWhere('e.station_id = :own', { own: user!.stationId });
      } else {
        throw forbidden('无权查看事件日志');
      }
    }
    // canSeeEvent again on the page: the SQL scope and the rule must agree.
    const rows = await qb.orderBy('e.seq', 'ASC').limit(first).getMany();
    return rows.filter((e) => canSeeEvent(user, e, agencyScope));
  }

  /** The latest `first` events of each station, in one statement for any number of stations. */
  async recentByStation(stationIds: readonly string[], first: number): Promise<Map<string, EventLogEntity[]>> {
    const ids = stationIds.filter((id) => isUuid(id));
    const result = new Map<string, EventLogEntity[]>(stationIds.map((id) => [id, []]));
    if (ids.length === 0) return result;
    const rows: EventLogEntity[] = await this.ds
      .getRepository(EventLogEntity)
      .createQueryBuilder('e')
      .where(
        `e.seq IN (SELECT seq FROM (SELECT seq, row_number() OVER (PARTITION BY station_id ORDER BY seq DESC) AS rn
                     FROM event_log WHERE station_id = ANY(:ids)) ranked WHERE rn <= :first)`,
        { ids, first },
      )
      .orderBy('e.seq', 'DESC')
      .getMany();
    for (const row of rows) result.get(row.stationId!)!.push(row);
    return result;
  }
}
