import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { createRedis, eventQueueName, type DomainEvent } from '@leifeng/kit';
import { gql, waitFor } from '@leifeng/kit/testing';
import { REGISTER, seedStation, startVolunteers, tokens, volunteerInput, type VolunteersUnderTest } from './helpers';

let t: VolunteersUnderTest;

beforeAll(async () => {
  t = await startVolunteers({ worker: true });
});
afterAll(() => t.stop());

const refOf = async (id: string) =>
  (
    await t.db.query(`SELECT name, region_code, status, unit_headcount, opening_hours FROM station_ref WHERE id = $1`, [
      id,
    ])
  ).rows[0];

describe('station replica', () => {
  it('consumes station events from its BullMQ queue into station_ref, once per event id', async () => {
    const redis = createRedis(t.svc.env.REDIS_URL, 'producer');
    const queue = new Queue(eventQueueName('volunteers'), {
      connection: redis,
      prefix: t.svc.env.BULLMQ_PREFIX,
    });
    const stationId = randomUUID();
    const event = (type: string, patch: Record<string, unknown>, at: string): DomainEvent => ({
      id: randomUUID(),
      type,
      source: 'stations',
      aggregateType: 'Station',
      aggregateId: stationId,
      occurredAt: at,
      payload: {
        stationId,
        name: '队列站',
        regionCode: '430103',
        category: 'COMMUNITY',
        status: 'ACTIVE',
        unitHeadcount: 20,
        openingHours: [],
        establishedOn: null,
        ...patch,
      },
    });
    try {
      const created = event('station.created', {}, '2026-01-01T00:00:00Z');
      await queue.add(created.type, created, { jobId: created.id });
      await waitFor(async () => (await refOf(stationId)) ?? undefined, 10000, 'station.created applied');
      const updated = event('station.updated', { unitHeadcount: 80, name: '队列站（改）' }, '2026-01-02T00:00:00Z');
      await queue.add(updated.type, updated, { jobId: updated.id });
      await waitFor(async () => (await refOf(stationId))?.unit_headcount === 80, 10000, 'station.updated applied');
      expect(await refOf(stationId)).toMatchObject({
        name: '队列站（改）',
        region_code: '430103',
        status: 'ACTIVE',
      });
      const processed = await t.db.query(
        `SELECT count(*)::int AS n FROM processed_event WHERE consumer = 'volunteers'`,
      );
      expect(processed.rows[0].n).toBe(2);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });

  it('ignores a snapshot older than the one it holds (events arrive out of order)', async () => {
    const id = await seedStation(t, { unitHeadcount: 50 }, 'station.updated', new Date('2026-03-02T00:00:00Z'));
    await seedStation(
      t,
      { id, unitHeadcount: 10, status: 'ACTIVE' },
      'station.created',
      new Date('2026-03-01T00:00:00Z'),
    );
    expect((await refOf(id)).unit_headcount).toBe(50);
    await seedStation(t, { id, status: 'CLOSED' }, 'station.closed', new Date('2026-03-03T00:00:00Z'));
    expect((await refOf(id)).status).toBe('CLOSED');
  });

  it('rejects registration into an unknown station with STATION_NOT_FOUND and a closed one with STATION_CLOSED', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM volunteers`)).rows[0].n;
    const unknown = randomUUID();
    const res = await gql(
      t.svc.url,
      REGISTER,
      { input: volunteerInput({ stationId: unknown }) },
      { token: await tokens.county() },
    );
    expect(res.errors?.[0].extensions?.code).toBe('STATION_NOT_FOUND');
    const closed = await seedStation(t, { status: 'CLOSED' });
    const res2 = await gql(
      t.svc.url,
      REGISTER,
      { input: volunteerInput({ stationId: closed }) },
      { token: await tokens.county() },
    );
    expect(res2.errors?.[0].extensions?.code).toBe('STATION_CLOSED');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM volunteers`)).rows[0].n).toBe(before);
  });
});
