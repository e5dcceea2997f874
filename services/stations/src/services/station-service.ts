import {
  assertAllowed,
  canAdministerRegion,
  canManageStation,
  decodeCursor,
  DomainError,
  encodeCursor,
  isRegionCode,
  isUuid,
  pageSize,
  recordEvent,
  regionPrefix,
  type AuthUser,
  zhLabel,
  systemClock,
} from '@leifeng/kit';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import { RegionEntity } from '../db/region.entity';
import { StationEntity, type StationCategory, type StationStatus } from '../db/station.entity';
import type { LeaderPhoneCipher } from '../domain/leader-phone';
import { RegionFactsService } from './region-facts-service';
import { validateCloseReason, validateStationInput, type StationInput } from '../domain/station-input';

const SOURCE = 'stations';
const STATION_LEVELS = ['COUNTY', 'TOWNSHIP'];

export interface StationFilter {
  regionCode?: string | null;
  categories?: StationCategory[] | null;
  statuses?: StationStatus[] | null;
  search?: string | null;
}

export interface StationPage {
  stations: StationEntity[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

const stationNotFound = (id: string) => new DomainError('STATION_NOT_FOUND', `未找到站点：${id}`, { id });

/** Keyset cursor of the station list (newest first). */
export function stationCursor(s: StationEntity): string {
  return encodeCursor([s.createdAt.toISOString(), s.id]);
}

function decodeStationCursor(cursor: string): {
  createdAt: string;
  id: string;
} {
  const [createdAt, id] = decodeCursor(cursor, [(t) => !Number.isNaN(Date.parse(t)), isUuid]);
  return { createdAt, id };
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && name === constraint;
}

/**
 * What consumers need to keep a local copy of a station (volunteers and accreditation check scope and
 * rules against it): no personal data, so it may travel anywhere.
 */
function stationSnapshot(s: StationEntity) {
  return {
    stationId: s.id,
    name: s.name,
    regionCode: s.regionCode,
    category: s.category,
    status: s.status,
    unitHeadcount: s.unitHeadcount,
    openingHours: s.openingHours,
    establishedOn: s.establishedOn,
  };
}

export function trimmed<T extends StationInput>(input: T): T {
  const out: StationInput = { ...input };
  for (const key of ['name', 'hostUnit', 'address', 'regionCode', 'postalCode', 'hotline'] as const) {
    const v = out[key];
    if (typeof v === 'string') (out as Record<string, unknown>)[key] = v.trim();
  }
  if (out.leader)
    out.leader = {
      name: out.leader.name.trim(),
      phone: out.leader.phone.trim(),
    };
  return out as T;
}

/** Station registration and profile rules (先建站): plain service, no GraphQL inside. */
export class StationService {
  private readonly facts: RegionFactsService;

  constructor(
    private readonly ds: DataSource,
    private readonly leaderPhones: LeaderPhoneCipher,
  ) {
    this.facts = new RegionFactsService(ds);
  }

  async requireStationRegion(m: EntityManager, code: string): Promise<RegionEntity> {
    const region = isRegionCode(code) ? await m.findOneBy(RegionEntity, { code }) : null;
    if (!region)
      throw new DomainError('REGION_NOT_FOUND', `行政区划代码不存在：${code}`, {
        field: 'regionCode',
      });
    if (!STATION_LEVELS.includes(region.level)) {
      throw new DomainError(
        'REGION_LEVEL_NOT_ALLOWED',
        `站点须设在县（区）级或乡镇（街道）级行政区划，${region.name}是${zhLabel('regionLevel', region.level)}`,
        { field: 'regionCode' },
      );
    }
    return region;
  }

  private async save(m: EntityManager, station: StationEntity): Promise<StationEntity> {
    try {
      return await m.save(StationEntity, station);
    } catch (err) {
      if (isUniqueViolation(err, 'stations_region_name_uq')) {
        throw new DomainError('DUPLICATE_STATION_NAME', `同一地区已有名为「${station.name}」的站点`, { field: 'name' });
      }
      throw err;
    }
  }

  async create(
    user: AuthUser | undefined,
    raw: StationInput & { leader: { name: string; phone: string } },
    requestId?: string,
  ): Promise<StationEntity> {
    assertAllowed(user, true);
    const input = trimmed(raw);
    validateStationInput(input, true);
    return this.ds.transaction((m) => this.insertIn(m, user, input, requestId));
  }

  /** Registers one validated, trimmed station inside the caller's transaction (creation and imports). */
  async insertIn(
    m: EntityManager,
    user: AuthUser | undefined,
    input: StationInput & { leader: { name: string; phone: string } },
    requestId?: string,
  ): Promise<StationEntity> {
    await this.requireStationRegion(m, input.regionCode!);
    assertAllowed(user, canAdministerRegion(user, input.regionCode!), '只有所辖地区的管理员可以登记站点');
    const station = m.create(StationEntity, {
      name: input.name!,
      category: input.category!,
      hostUnit: input.hostUnit!,
      regionCode: input.regionCode!,
      address: input.address!,
      postalCode: input.postalCode ?? null,
      longitude: input.location?.longitude ?? null,
      latitude: input.location?.latitude ?? null,
      leaderName: input.leader.name,
      leaderPhoneEnc: this.leaderPhones.seal(input.leader.phone),
      hotline: input.hotline ?? null,
      openingHours: input.openingHours ?? [],
      serviceItems: input.serviceItems ?? [],
      facilities: input.facilities ?? [],
      unitHeadcount: input.unitHeadcount ?? null,
      establishedOn: input.establishedOn ?? null,
      evidence: input.evidence ?? [],
      status: 'ACTIVE',
    });
    const communityCodes = input.communityCodes ?? [];
    await this.facts.assertCommunitiesIn(m, input.regionCode!, communityCodes);
    const saved = await this.save(m, station);
    if (communityCodes.length) await this.facts.replaceCommunities(m, saved.id, communityCodes);
    await recordEvent(m, SOURCE, {
      type: 'station.created',
      aggregateType: 'Station',
      aggregateId: saved.id,
      payload: stationSnapshot(saved),
      requestId,
    });
    return saved;
  }

  private async lockStation(m: EntityManager, id: string): Promise<StationEntity> {
    const station = isUuid(id)
      ? await m.findOne(StationEntity, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!station) throw stationNotFound(id);
    return station;
  }

  async update(user: AuthUser | undefined, id: string, raw: StationInput, requestId?: string): Promise<StationEntity> {
    assertAllowed(user, true);
    const input = trimmed(raw);
    return this.ds.transaction(async (m) => {
      const station = await this.lockStation(m, id);
      assertAllowed(user, canManageStation(user, station), '只能修改本人负责或所辖地区的站点');
      if (station.status === 'CLOSED') throw new DomainError('STATION_CLOSED', '站点已关闭，不能修改');
      validateStationInput(input, false);
      const moving = input.regionCode !== undefined && input.regionCode !== station.regionCode;
      const statusChange = input.status !== undefined && input.status !== station.status;
      if (moving || statusChange) {
        const target = moving ? input.regionCode! : station.regionCode;
        assertAllowed(
          user,
          canAdministerRegion(user, station.regionCode) && canAdministerRegion(user, target),
          '变更所在地区或站点状态需要所辖地区管理员',
        );
      }
      if (moving) await this.requireStationRegion(m, input.regionCode!);
      // The served communities must lie in the station's region, after a move too.
      const current = await this.facts.currentCommunityCodes(m, station.id);
      const communities = input.communityCodes ? [...input.communityCodes].sort() : current;
      if (moving || input.communityCodes)
        await this.facts.assertCommunitiesIn(m, moving ? input.regionCode! : station.regionCode, communities);

      const changed = applyInput(station, input, this.leaderPhones);
      const communitiesChanged = communities.join() !== current.join();
      if (communitiesChanged) {
        await this.facts.replaceCommunities(m, station.id, communities);
        changed.push('communityCodes');
      }
      if (changed.length === 0) return station;
      const saved = changed.some((c) => c !== 'communityCodes') ? await this.save(m, station) : station;
      await recordEvent(m, SOURCE, {
        type: 'station.updated',
        aggregateType: 'Station',
        aggregateId: saved.id,
        payload: { ...stationSnapshot(saved), changed },
        requestId,
      });
      return saved;
    });
  }

  async close(user: AuthUser | undefined, id: string, reason: string, requestId?: string): Promise<StationEntity> {
    assertAllowed(user, true);
    return this.ds.transaction(async (m) => {
      const station = await this.lockStation(m, id);
      assertAllowed(user, canAdministerRegion(user, station.regionCode), '只有所辖地区的管理员可以关闭站点');
      validateCloseReason(reason);
      if (station.status === 'CLOSED') throw new DomainError('STATION_CLOSED', '站点已经关闭');
      station.status = 'CLOSED';
      station.closedReason = reason.trim();
      station.closedAt = systemClock.now();
      const saved = await this.save(m, station);
      await recordEvent(m, SOURCE, {
        type: 'station.closed',
        aggregateType: 'Station',
        aggregateId: saved.id,
        payload: { ...stationSnapshot(saved), reason: saved.closedReason },
        requestId,
      });
      return saved;
    });
  }

  /** One statement for any number of ids (the federation `_entities` batch). */
  async byIds(ids: readonly string[]): Promise<StationEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.ds.getRepository(StationEntity).findBy({ id: In(valid) });
  }

  async list(filter: StationFilter = {}, first = 20, after?: string | null): Promise<StationPage> {
    pageSize(first);
    const base = () => {
      const qb = this.ds.getRepository(StationEntity).createQueryBuilder('s');
      if (filter.regionCode) {
        if (!isRegionCode(filter.regionCode))
          throw new DomainError('INVALID_REGION_CODE', `行政区划代码格式不正确：${filter.regionCode}`, {
            field: 'regionCode',
          });
        qb.andWhere('s.region_code LIKE :prefix', {
          prefix: `${regionPrefix(filter.regionCode)}%`,
        });
      }
      if (filter.categories?.length)
        qb.andWhere('s.category IN (:...categories)', {
          categories: filter.categories,
        });
      if (filter.statuses?.length)
        qb.andWhere('s.status IN (:...statuses)', {
          statuses: filter.statuses,
        });
      const search = filter.search?.trim();
      if (search)
        qb.andWhere(`s.name ILIKE :search ESCAPE '\\'`, {
          search: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        });
      return qb;
    };
    const page = base();
    if (after) {
      const c = decodeStationCursor(after);
      page.andWhere(new Brackets((w) => w.where('(s.created_at, s.id) < (:createdAt, :id)', c)));
    }
    const rows = await page
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return {
      stations: rows.slice(0, first),
      hasNextPage: rows.length > first,
      totalCount: () => base().getCount(),
    };
  }
}

/** Copies present fields onto the entity and returns the names that changed. */
function applyInput(station: StationEntity, input: StationInput, leaderPhones: LeaderPhoneCipher): string[] {
  const changed: string[] = [];
  const set = <K extends keyof StationEntity>(key: K, value: StationEntity[K], field: string = key as string) => {
    if (JSON.stringify(station[key]) !== JSON.stringify(value)) {
      station[key] = value;
      if (!changed.includes(field)) changed.push(field);
    }
  };
  if (input.name !== undefined) set('name', input.name);
  if (input.category !== undefined) set('category', input.category);
  if (input.hostUnit !== undefined) set('hostUnit', input.hostUnit);
  if (input.regionCode !== undefined) set('regionCode', input.regionCode);
  if (input.address !== undefined) set('address', input.address);
  if (input.postalCode !== undefined) set('postalCode', input.postalCode);
  if (input.location !== undefined) {
    set('longitude', input.location?.longitude ?? null, 'location');
    set('latitude', input.location?.latitude ?? null, 'location');
  }
  if (input.leader !== undefined) {
    set('leaderName', input.leader.name, 'leader');
    // Ciphertexts differ on every write: compare the plain numbers, re-encrypt only a changed one.
    if (leaderPhones.open(station.leaderPhoneEnc) !== input.leader.phone) {
      station.leaderPhoneEnc = leaderPhones.seal(input.leader.phone);
      if (!changed.includes('leader')) changed.push('leader');
    }
  }
  if (input.hotline !== undefined) set('hotline', input.hotline);
  if (input.openingHours !== undefined) set('openingHours', input.openingHours ?? []);
  if (input.serviceItems !== undefined) set('serviceItems', input.serviceItems ?? []);
  if (input.facilities !== undefined) set('facilities', input.facilities ?? []);
  if (input.unitHeadcount !== undefined) set('unitHeadcount', input.unitHeadcount);
  if (input.establishedOn !== undefined) set('establishedOn', input.establishedOn);
  if (input.evidence !== undefined) set('evidence', input.evidence ?? []);
  if (input.status !== undefined) set('status', input.status);
  return changed;
}
