import { Writable } from 'node:stream';
import { Queue, type Worker } from 'bullmq';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  createEventWorker,
  createLogger,
  createRedis,
  CreateOutbox1763800000000,
  eventQueueName,
  OutboxRelay,
  recordEvent,
  recordEvents,
  runMigrations,
} from '../src';
import {
  createTestDatabase,
  StatementCounter,
  TEST_REDIS_URL,
  uniqueSuffix,
  waitFor,
  type TestDatabase,
} from '../src/testing';

const logger = createLogger('outbox-test', 'silent');
let db: TestDatabase;
let ds: DataSource;
let prefix: string;
const producer = createRedis(TEST_REDIS_URL, 'producer');
const workerConnection = createRedis(TEST_REDIS_URL, 'worker');
let consumer: Worker | undefined;
const statements = new StatementCounter();

beforeAll(async () => {
  db = await createTestDatabase('outbox');
  ds = createDataSource({
    url: db.url,
    entities: [],
    migrations: [CreateOutbox1763800000000],
    logger,
    queryLogger: statements,
  });
  await ds.initialize();
  await runMigrations(ds, logger);
  // Deliberately without a unique key: a duplicate delivery would show up as a second row.
  await ds.query(`CREATE TABLE received (event_id uuid NOT NULL, type text NOT NULL)`);
});

beforeEach(async () => {
  prefix = `t${uniqueSuffix()}`;
  await ds.query(`TRUNCATE outbox, processed_event, received`);
});

afterEach(async () => {
  await consumer?.close();
  consumer = undefined;
});

afterAll(async () => {
  await ds.destroy();
  await db.drop();
  producer.disconnect();
  workerConnection.disconnect();
});

async function writeEvents(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    await ds.transaction(async (m) => {
      ids.push(
        await recordEvent(m, 'stations', {
          type: 'station.created',
          aggregateType: 'Station',
          aggregateId: `s${i}`,
          payload: { i },
        }),
      );
    });
  }
  return ids;
}

function startConsumer() {
  consumer = createEventWorker({
    ds,
    consumer: 'notifications',
    connection: workerConnection,
    prefix,
    logger,
    handle: async (event, m) => {
      await m.query(`INSERT INTO received (event_id, type) VALUES ($1, $2)`, [event.id, event.type]);
    },
  });
}

const newRelay = (batchSize = 10) =>
  new OutboxRelay({
    ds,
    connection: producer,
    prefix,
    logger,
    batchSize,
    pollMs: 20,
    routes: { notifications: () => true },
  });

async function receivedCounts() {
  const [row] = await ds.query(
    `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM received`,
  );
  return row as { total: number; distinct: number };
}

it('refuses to record an event outside a transaction', async () => {
  await expect(
    recordEvent(ds.manager, 'stations', {
      type: 'x',
      aggregateType: 'X',
      aggregateId: '1',
      payload: {},
    }),
  ).rejects.toThrow(/inside a transaction/);
});

describe('recordEvents (many events, one statement)', () => {
  const events = (n: number, requestId?: string) =>
    Array.from({ length: n }, (_, i) => ({
      type: i % 2 ? 'review.completed' : 'title.revoked',
      aggregateType: 'Review',
      aggregateId: `r${i}`,
      payload: { i, reasons: ['整改期限已过'], deadline: undefined },
      requestId,
    }));
  const rowsOf = (ids: string[]) =>
    ds.query(
      `SELECT id, seq, type, source, aggregate_type, aggregate_id, payload, request_id, occurred_at FROM outbox WHERE id = ANY($1::uuid[]) ORDER BY seq`,
      [ids],
    );

  it('writes every event in one statement, in array order, and returns their ids in that order', async () => {
    statements.reset();
    const ids = await ds.transaction((m) => recordEvents(m, 'accreditation', events(50)));
    expect(statements.count).toBe(1);
    expect(new Set(ids).size).toBe(50);
    const rows = await rowsOf(ids);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(ids); // seq order = array order
    expect(rows.map((r: { aggregate_id: string }) => r.aggregate_id)).toEqual(events(50).map((e) => e.aggregateId));
  });

  it('writes exactly the rows recordEvent writes', async () => {
    const [one] = events(1, 'req-1');
    const single = await ds.transaction((m) => recordEvent(m, 'accreditation', one));
    const [many] = await ds.transaction((m) => recordEvents(m, 'accreditation', [one]));
    const [a, b] = await rowsOf([single, many]);
    const strip = ({ id, seq, occurred_at, ...rest }: Record<string, unknown>) => rest;
    expect(strip(b)).toEqual(strip(a));
    expect(strip(a)).toEqual({
      type: 'title.revoked',
      source: 'accreditation',
      aggregate_type: 'Review',
      aggregate_id: 'r0',
      payload: { i: 0, reasons: ['整改期限已过'] },
      request_id: 'req-1',
    });
  });

  it('sends nothing for an empty list, refuses outside a transaction, rolls back with the transaction', async () => {
    statements.reset();
    expect(await ds.transaction((m) => recordEvents(m, 'accreditation', []))).toEqual([]);
    expect(statements.count).toBe(0);
    await expect(recordEvents(ds.manager, 'accreditation', events(2))).rejects.toThrow(/inside a transaction/);
    await ds
      .transaction(async (m) => {
        await recordEvents(m, 'accreditation', events(3));
        throw new Error('batch failed');
      })
      .catch(() => undefined);
    expect(await ds.query(`SELECT count(*)::int AS n FROM outbox`)).toEqual([{ n: 0 }]);
  });

  it('the relay delivers each of them once', async () => {
    const ids = await ds.transaction((m) => recordEvents(m, 'accreditation', events(25)));
    startConsumer();
    const relay = newRelay(10);
    relay.start();
    await waitFor(async () => (await receivedCounts()).total >= 25, 15000, 'all events consumed');
    await relay.stop();
    expect(await receivedCounts()).toEqual({ total: 25, distinct: 25 });
    const got = (await ds.query(`SELECT event_id FROM received`)).map((r: { event_id: string }) => r.event_id).sort();
    expect(got).toEqual([...ids].sort());
  });
});

it('does not publish events whose transaction rolled back', async () => {
  await ds
    .transaction(async (m) => {
      await recordEvent(m, 'stations', {
        type: 'station.created',
        aggregateType: 'Station',
        aggregateId: 'gone',
        payload: {},
      });
      throw new Error('business rule failed');
    })
    .catch(() => undefined);
  expect(await newRelay().relayBatch()).toBe(0);
});

it('delivers each event exactly once across a relay that crashes after publishing and a restart', async () => {
  const ids = await writeEvents(25);
  startConsumer();

  // Relay 1 publishes its first batch, then "crashes" before its transaction commits.
  const crashing = newRelay(10);
  const queue = (crashing as unknown as { queues: { queue: Queue }[] }).queues[0].queue;
  const realAddBulk = queue.addBulk.bind(queue);
  queue.addBulk = async (jobs) => {
    await realAddBulk(jobs);
    throw new Error('relay process killed before commit');
  };
  await expect(crashing.relayBatch()).rejects.toThrow(/killed/);
  await crashing.stop();
  const [{ unsent }] = await ds.query(`SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`);
  expect(unsent).toBe(25); // nothing was marked: the batch will be published again

  // Let the consumer finish the first batch, then drop the completed jobs so BullMQ's job-id dedupe
  // can no longer help: only the consumer's own dedupe table stands between us and a double delivery.
  await waitFor(async () => (await receivedCounts()).total >= 10, 10000, 'first batch consumed');
  const inspect = new Queue(eventQueueName('notifications'), {
    connection: producer,
    prefix,
  });
  await inspect.clean(0, 1000, 'completed');

  const relay = newRelay(10);
  relay.start();
  await waitFor(async () => (await receivedCounts()).total >= 25, 15000, 'all events consumed');
  await relay.stop();
  await waitFor(async () => (await inspect.getJobCounts('active', 'wait')).wait === 0, 5000, 'queue drained');
  // Barrier: no job waiting, delayed or running and the relays stopped, so no duplicate can still arrive.
  await waitFor(
    async () => {
      const c = await inspect.getJobCounts('active', 'wait', 'delayed');
      return c.active + c.wait + c.delayed === 0;
    },
    5000,
    'queue idle',
  );

  expect(await receivedCounts()).toEqual({ total: 25, distinct: 25 });
  const got = (await ds.query(`SELECT event_id FROM received`)).map((r: { event_id: string }) => r.event_id).sort();
  expect(got).toEqual([...ids].sort());
  const [{ pending }] = await ds.query(`SELECT count(*)::int AS pending FROM outbox WHERE sent_at IS NULL`);
  expect(pending).toBe(0);
  const [{ processed }] = await ds.query(`SELECT count(*)::int AS processed FROM processed_event`);
  expect(processed).toBe(25);
  await inspect.close();
});

it('never publishes a row twice when relays run concurrently (FOR UPDATE SKIP LOCKED)', async () => {
  await writeEvents(120);
  const relays = [newRelay(7), newRelay(7), newRelay(7)];
  const published: string[] = [];
  for (const relay of relays) {
    const queue = (relay as unknown as { queues: { queue: Queue }[] }).queues[0].queue;
    const realAddBulk = queue.addBulk.bind(queue);
    queue.addBulk = async (jobs) => {
      published.push(...jobs.map((j) => j.opts!.jobId!));
      return realAddBulk(jobs);
    };
  }
  startConsumer();
  relays.forEach((r) => r.start());
  await waitFor(async () => (await receivedCounts()).total >= 120, 15000, 'all events consumed');
  await Promise.all(relays.map((r) => r.stop()));
  expect(published).toHaveLength(120);
  expect(new Set(published).size).toBe(120);
  expect(await receivedCounts()).toEqual({ total: 120, distinct: 120 });
  expect(await OutboxRelay.backlog(ds)).toEqual({
    count: 0,
    oldestAgeSeconds: 0,
  });
});

it('job ids are the event ids and contain no colon', async () => {
  const [id] = await writeEvents(1);
  await newRelay().relayBatch();
  const queue = new Queue(eventQueueName('notifications'), {
    connection: producer,
    prefix,
  });
  const job = await queue.getJob(id);
  expect(job?.id).toBe(id);
  expect(job?.id).not.toContain(':');
  expect(job?.data).toMatchObject({
    id,
    type: 'station.created',
    source: 'stations',
    aggregateType: 'Station',
  });
  await queue.close();
});

it('carries the request id from the outbox into the consumer job and its logs', async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const jobLogger = pino({ level: 'debug' }, sink);
  let seen: string | undefined;
  consumer = createEventWorker({
    ds,
    consumer: 'notifications',
    connection: workerConnection,
    prefix,
    logger: jobLogger,
    handle: async (event, m, log) => {
      seen = event.requestId;
      log.info('handled');
      await m.query(`INSERT INTO received (event_id, type) VALUES ($1, $2)`, [event.id, event.type]);
    },
  });
  await ds.transaction((m) =>
    recordEvent(m, 'stations', {
      type: 'station.updated',
      aggregateType: 'Station',
      aggregateId: 's1',
      payload: {},
      requestId: 'req-abc-123',
    }),
  );
  await newRelay().relayBatch();
  await waitFor(async () => (await receivedCounts()).total === 1, 10000, 'the event');
  expect(seen).toBe('req-abc-123');
  expect(lines.find((l) => l.msg === 'handled')).toMatchObject({
    requestId: 'req-abc-123',
    eventType: 'station.updated',
  });
});
