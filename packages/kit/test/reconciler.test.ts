import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  createLogger,
  createRedis,
  CreateOutbox1763800000000,
  eventQueueName,
  JobReconciler,
  OutboxRelay,
  runMigrations,
} from '../src';
import {
  createTestDatabase,
  startPrivateRedis,
  uniqueSuffix,
  type PrivateRedis,
  type TestDatabase,
} from '../src/testing';

/**
 * The outbox side of the reconciler, on a Redis of the test's own: after the data is lost, events sent
 * within the window get their job back under the event id, older ones are left alone (the window
 * bounds the scan), jobs that exist are not added again, and nothing happens while the grace runs.
 */
const logger = createLogger('reconciler-test', 'silent');
let db: TestDatabase;
let ds: DataSource;
let redis: PrivateRedis;
let producer: Redis;

beforeAll(async () => {
  redis = await startPrivateRedis();
  producer = createRedis(redis.url, 'producer');
  db = await createTestDatabase('reconciler');
  ds = createDataSource({
    url: db.url,
    entities: [],
    migrations: [CreateOutbox1763800000000],
    logger,
  });
  await ds.initialize();
  await runMigrations(ds, logger);
}, 30000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
  producer?.disconnect();
  await redis?.stop();
});

it('re-publishes sent events of the window whose jobs are gone, under the same ids, once', async () => {
  const prefix = `t${uniqueSuffix()}`;
  const relay = new OutboxRelay({
    ds,
    connection: producer,
    prefix,
    logger,
    routes: {
      notifications: () => true,
      volunteers: (t) => t.startsWith('station.'),
    },
  });
  const insert = (type: string, ageMs: number) =>
    ds
      .query(
        `INSERT INTO outbox (type, source, aggregate_type, aggregate_id, payload, occurred_at) VALUES ($1, 'stations', 'Station', 's', '{}', now() - $2::int * interval '1 millisecond') RETURNING id`,
        [type, ageMs],
      )
      .then((r: { id: string }[]) => r[0].id);
  const old = await insert('station.updated', 3 * 3600_000); // outside a 1 h window
  const recent = [await insert('station.updated', 60_000), await insert('announcement.published', 1000)];
  // Relayed (jobs in both queues), then Redis loses everything; one more event is not relayed yet.
  expect(await relay.relayBatch()).toBe(3);
  const unsent = await insert('station.created', 0);
  await redis.flushAll();

  const notifications = new Queue(eventQueueName('notifications'), {
    connection: producer,
    prefix,
  });
  const volunteers = new Queue(eventQueueName('volunteers'), {
    connection: producer,
    prefix,
  });
  const waiting = new JobReconciler({
    name: 'x',
    redis: producer,
    prefix,
    sources: [relay.reconcileSource(3600_000, 2)],
    intervalMs: 100,
    graceMs: 60_000,
    logger,
  });
  expect(await waiting.reconcileOnce()).toEqual({
    state: 'waiting',
    requeued: {},
  });
  expect(await notifications.getJobCounts('wait')).toEqual({ wait: 0 });

  const reconciler = new JobReconciler({
    name: 'x',
    redis: producer,
    prefix,
    sources: [relay.reconcileSource(3600_000, 2)],
    intervalMs: 100,
    graceMs: 0,
    logger,
  });
  // Two consumers for the station event, one for the announcement; the old and the unsent are not the reconciler's.
  expect(await reconciler.reconcileOnce()).toEqual({
    state: 'recovered',
    requeued: { outbox: 3 },
  });
  expect((await notifications.getJobs(['wait'])).map((j) => j.id).sort()).toEqual([...recent].sort());
  expect((await volunteers.getJobs(['wait'])).map((j) => j.id)).toEqual([recent[0]]);
  expect((await notifications.getJob(recent[0]))!.data).toMatchObject({
    id: recent[0],
    type: 'station.updated',
    source: 'stations',
  });
  expect(await notifications.getJob(old)).toBeUndefined();
  expect(await notifications.getJob(unsent)).toBeUndefined();

  // The marker is back: the next check does nothing; a forced pass finds every job in place.
  expect(await reconciler.reconcileOnce()).toEqual({
    state: 'intact',
    requeued: {},
  });
  expect(await reconciler.recover()).toEqual({ outbox: 0 });
  expect(await notifications.getJobCounts('wait')).toEqual({ wait: 2 });
  await Promise.all([notifications.close(), volunteers.close(), relay.stop()]);
});
