import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { gql, startTestSubgraph, tokenFor, typedQuery, type TestSubgraph } from '@leifeng/kit/testing';
import { applyStationEvent } from '../src/services/station-ref';
import { type OpeningSlot } from '../src/domain/station';
import { withCheckDigit } from '../src/domain/resident-id';
import { handleEvent } from '../src/handle-event';
import { createVolunteersModule } from '../src/module';

export interface VolunteersUnderTest {
  svc: TestSubgraph;
  db: Client;
  stop(): Promise<void>;
}

export async function startVolunteers(
  opts: {
    env?: Record<string, string>;
    worker?: boolean;
    bullPrefix?: string;
    queryLogger?: TypeOrmLogger;
  } = {},
): Promise<VolunteersUnderTest> {
  const svc = await startTestSubgraph(createVolunteersModule({ ...process.env, ...opts.env }), {
    worker: opts.worker,
    handleEvent: opts.worker ? handleEvent : undefined,
    bullPrefix: opts.bullPrefix,
    queryLogger: opts.queryLogger,
  });
  const db = new Client({ connectionString: svc.db.url });
  await db.connect();
  return {
    svc,
    db,
    async stop() {
      await db.end();
      await svc.stop();
    },
  };
}

export interface StationSeed {
  id?: string;
  name?: string;
  regionCode?: string;
  status?: 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
  unitHeadcount?: number | null;
  openingHours?: OpeningSlot[];
}

/** Puts a station into the replica through the same code path as a consumed station.created event. */
export async function seedStation(
  t: VolunteersUnderTest,
  seed: StationSeed = {},
  type = 'station.created',
  occurredAt = new Date(),
): Promise<string> {
  const id = seed.id ?? randomUUID();
  await t.svc.api.deps.ds.transaction((m) =>
    applyStationEvent(m, {
      id: randomUUID(),
      type,
      source: 'stations',
      aggregateType: 'Station',
      aggregateId: id,
      occurredAt: occurredAt.toISOString(),
      payload: {
        stationId: id,
        name: seed.name ?? `测试站${id.slice(0, 4)}`,
        regionCode: seed.regionCode ?? '430102',
        category: 'COMMUNITY',
        status: seed.status ?? 'ACTIVE',
        unitHeadcount: seed.unitHeadcount === undefined ? 40 : seed.unitHeadcount,
        openingHours: seed.openingHours ?? [{ weekday: 'MONDAY', opens: '08:30', closes: '12:00' }],
        establishedOn: '2012-03-05',
      },
    }),
  );
  return id;
}

let seq = 100;
/** A valid resident ID number (430102 + birth date + sequence + check). */
export function residentId(birth = '19900307', male = true): string {
  seq += 2;
  const s = String(seq % 1000).padStart(3, '0');
  const last = Number(s[2]);
  const fixed =
    s.slice(0, 2) + String(male ? (last % 2 === 1 ? last : (last + 1) % 10) : last % 2 === 0 ? last : (last + 1) % 10);
  return withCheckDigit(`430102${birth}${fixed}`);
}

let phoneSeq = 10000000;
export function mobile(): string {
  phoneSeq += 7;
  return `139${phoneSeq}`;
}

export function volunteerInput(overrides: Record<string, unknown> = {}) {
  return {
    name: '雷小锋',
    phone: mobile(),
    idNumber: residentId(),
    politicalStatus: 'CYL_MEMBER',
    skills: ['急救', '维修'],
    ...overrides,
  };
}

export const REGISTER = typedQuery<{
  registerVolunteer: {
    id: string;
    name: string;
    gender: string | null;
    birthDate: string | null;
    phone: string;
    idNumber: string;
    piiMasked: boolean;
    skills: string[];
    registeredOn: string;
    stations: { id: string; role: string; station: { id: string } }[];
  };
}>(
  `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id name gender birthDate phone idNumber piiMasked skills registeredOn stations { id role station { id } } } }`,
);

export const tokens = {
  manager: (stationId: string) =>
    tokenFor({
      roles: ['STATION_MANAGER'],
      stationId,
      sub: `mgr-${stationId.slice(0, 8)}`,
    }),
  county: (regionCode = '430102') =>
    tokenFor({
      roles: ['COUNTY_ADMIN'],
      regionCode,
      sub: `county-${regionCode}`,
    }),
  city: (regionCode = '430100') => tokenFor({ roles: ['CITY_ADMIN'], regionCode, sub: `city-${regionCode}` }),
  volunteer: (sub: string) => tokenFor({ roles: ['VOLUNTEER'], sub }),
  service: () => tokenFor({ roles: ['SERVICE'], sub: 'svc-job' }),
};

export const RECORD = typedQuery<{ recordService: { id: string; status: string; hours: number; serviceDate: string } }>(
  `mutation($i: ServiceRecordInput!) { recordService(input: $i) { id status hours serviceDate } }`,
);
export const VERIFY = typedQuery<{
  verifyServiceRecord: {
    id: string;
    status: string;
    hours: number;
    quality: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
  };
}>(
  `mutation($id: ID!, $q: ServiceQuality, $h: Float) { verifyServiceRecord(id: $id, quality: $q, hours: $h) { id status hours quality decidedBy decidedAt } }`,
);

/** A record input in art. 7 form; times in Asia/Shanghai. */
export function recordInput(
  volunteerId: string,
  stationId: string,
  start: string,
  end: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    volunteerId,
    stationId,
    activityName: '社区助老',
    place: '芙蓉区五一社区',
    recipient: '独居老人',
    content: '上门陪护、代购药品',
    startedAt: `${start}+08:00`,
    endedAt: `${end}+08:00`,
    activityLeader: '张雷',
    recorder: '李记录',
    ...overrides,
  };
}

/** Registers a volunteer into a station through the API (by an admin of its county) and returns the id. */
export async function registerMember(
  t: VolunteersUnderTest,
  stationId: string,
  overrides: Record<string, unknown> = {},
  token?: string,
): Promise<string> {
  const res = await gql(
    t.svc.url,
    REGISTER,
    { input: volunteerInput({ stationId, ...overrides }) },
    { token: token ?? (await tokens.city('430100')) },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.registerVolunteer.id;
}
