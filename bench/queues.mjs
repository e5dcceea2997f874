#!/usr/bin/env node
// npm run bench:queues -- [--runs 5] [--jobs 100000] [--events 20000] [--rate 500] [--steady-seconds 15] [--quick]
// (1) 100 k SMS-shaped jobs (data = the message row id, jobId sms-<id>, notifications' default options)
//     via addBulk in batches of 500 (NOTIFY_DISPATCH_BATCH) and 1000;
// (2) the outbox relay (stations' worker from dist, the kit's OutboxRelay) draining a backlog: events/s;
// (3) relay lag (sent_at − occurred_at) under a steady write load.
// Redis keys live under a prefix of this run only and are obliterated afterwards; the database is bench_stations.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import pg from 'pg';
import { parseOpts } from './lib/dashboard.mjs';
import { dbUrl, f1, machine, machineMarkdown, mmm, startProcess, stats, writeResult } from './lib/stack.mjs';

const opts = parseOpts(process.argv.slice(2), {
  runs: 5,
  jobs: 100000,
  events: 20000,
  rate: 500,
  steadySeconds: 15,
});
if (process.argv.includes('--quick')) Object.assign(opts, { runs: 1, jobs: 20000, events: 5000, steadySeconds: 5 });
const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `benchq${process.pid}`;
const CONSUMER_QUEUES = ['events-notifications', 'events-volunteers', 'events-accreditation'];

async function addBulkRun(connection, batch) {
  const queue = new Queue('notify-sms', {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: 7 * 86400 },
      removeOnFail: { age: 30 * 86400 },
    },
  });
  await queue.waitUntilReady();
  const ids = Array.from({ length: opts.jobs }, () => randomUUID());
  const t0 = performance.now();
  for (let i = 0; i < ids.length; i += batch) {
    await queue.addBulk(
      ids.slice(i, i + batch).map((id) => ({
        name: 'send',
        data: { messageId: id },
        opts: { jobId: `sms-${id}` },
      })),
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  const waiting = await queue.getWaitingCount();
  if (waiting !== opts.jobs) throw new Error(`expected ${opts.jobs} waiting jobs, found ${waiting}`);
  await queue.obliterate({ force: true });
  await queue.close();
  return seconds;
}

const insertEvents = (db, n) =>
  db.query(
    `INSERT INTO outbox (type, source, aggregate_type, aggregate_id, payload)
     SELECT 'station.updated', 'stations', 'Station', md5('bench' || g)::uuid::text, jsonb_build_object('stationId', md5('bench' || g)::uuid, 'changed', jsonb_build_array('hotline'))
       FROM generate_series(1, $1::int) g`,
    [n],
  );

async function waitDrained(db, deadlineMs) {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const {
      rows: [{ n }],
    } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`);
    if (n === 0) return;
    if (Date.now() > end) throw new Error(`relay did not drain: ${n} unsent`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  const m = machine();
  const connection = new IORedis(REDIS, { maxRetriesPerRequest: null });
  const bulk = { 500: [], 1000: [] };
  await addBulkRun(connection, 1000); // warm-up
  for (let i = 0; i < opts.runs; i++) {
    for (const b of [500, 1000]) {
      bulk[b].push(await addBulkRun(connection, b));
      console.error(`addBulk ${opts.jobs} jobs in batches of ${b}: ${bulk[b].at(-1).toFixed(2)} s`);
    }
  }

  const db = new pg.Client({
    connectionString: dbUrl(opts.dbPrefix, 'stations'),
  });
  await db.connect();
  await db.query(`DELETE FROM outbox WHERE sent_at IS NULL`); // a leftover backlog would distort the first run
  const worker = await startProcess(
    'stations-worker',
    'services/stations/dist/worker.js',
    {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '14095',
      DATABASE_URL: dbUrl(opts.dbPrefix, 'stations'),
      BULLMQ_PREFIX: prefix,
      OUTBOX_POLL_MS: '50',
    },
    'http://127.0.0.1:14095/readyz',
  );
  const drain = [];
  const lag = [];
  try {
    for (let i = 0; i <= opts.runs; i++) {
      // Backlog: the relay is idle-polling; the rows appear at once, time until all are marked sent.
      await insertEvents(db, opts.events);
      const t0 = performance.now();
      await waitDrained(db, 120000);
      const secs = (performance.now() - t0) / 1000;
      if (i > 0) drain.push(opts.events / secs); // run 0 is the warm-up
      console.error(
        `${i ? 'relay' : 'relay warm-up'}: ${opts.events} events in ${secs.toFixed(2)} s = ${f1(opts.events / secs)} events/s`,
      );
      if (i === 0) continue;
      // Steady writes: `rate` events/s in 10 ms slices of single-row transactions, like API traffic.
      const since = (await db.query(`SELECT max(seq) AS s FROM outbox`)).rows[0].s;
      const end = Date.now() + opts.steadySeconds * 1000;
      const writers = Array.from({ length: 4 }, async () => {
        const c = new pg.Client({
          connectionString: dbUrl(opts.dbPrefix, 'stations'),
        });
        await c.connect();
        let next = Date.now();
        while (Date.now() < end) {
          await insertEvents(c, 1);
          next += 4000 / opts.rate;
          const wait = next - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        await c.end();
      });
      await Promise.all(writers);
      await waitDrained(db, 60000);
      const {
        rows: [r],
      } = await db.query(
        `SELECT count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
           FROM (SELECT extract(epoch FROM sent_at - occurred_at) * 1000 AS ms FROM outbox WHERE seq > $1) x`,
        [since],
      );
      lag.push({
        n: r.n,
        rate: r.n / opts.steadySeconds,
        p50: Number(r.p50),
        p99: Number(r.p99),
        max: Number(r.max),
      });
      console.error(
        `steady ${f1(r.n / opts.steadySeconds)} events/s: lag p50 ${f1(r.p50)} ms, p99 ${f1(r.p99)} ms, max ${f1(r.max)} ms`,
      );
    }
  } finally {
    await worker.stop();
    for (const q of CONSUMER_QUEUES) {
      const queue = new Queue(q, { connection, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await db.query(
      `DELETE FROM outbox WHERE aggregate_id IN (SELECT md5('bench' || g)::uuid::text FROM generate_series(1, $1::int) g)`,
      [opts.events],
    );
    await db.end();
    await connection.quit();
  }

  const b1000 = stats(bulk[1000]).median;
  writeResult(
    'queues',
    `# Queues — addBulk, outbox relay throughput and lag

${machineMarkdown(m)}
- Redis on loopback, keys under a prefix of this run (obliterated afterwards); outbox in \`${opts.dbPrefix}_stations\`; relay = stations' worker from \`dist\` (kit \`OutboxRelay\`, batch 200, \`OUTBOX_POLL_MS=50\`), publishing each \`station.updated\` to the three consumer queues (no consumers running).
- values: median (min–max) over ${opts.runs} runs after a warm-up run.

| measurement | result |
| --- | --- |
| ${opts.jobs.toLocaleString('en-US')} SMS-shaped jobs via \`addBulk\`, batches of 500 (the dispatcher's) | ${mmm(bulk[500], 2)} s |
| ${opts.jobs.toLocaleString('en-US')} SMS-shaped jobs via \`addBulk\`, batches of 1000 | ${mmm(bulk[1000], 2)} s |
| outbox relay draining a ${opts.events.toLocaleString('en-US')}-event backlog | ${mmm(drain)} events/s (× 3 consumer queues = jobs/s ×3) |
| relay lag at ~${opts.rate} events/s of single-row writes for ${opts.steadySeconds} s: p50 | ${mmm(lag.map((l) => l.p50))} ms |
| same, p99 | ${mmm(lag.map((l) => l.p99))} ms |
| same, max | ${mmm(lag.map((l) => l.max))} ms |
| achieved write rate | ${mmm(lag.map((l) => l.rate))} events/s |

**Goal:** 100 k jobs via \`addBulk\` ≤ 10 s — ${b1000.toFixed(2)} s (batches of 1000) → ${b1000 <= 10 ? 'met' : 'NOT met'}.
Not measured here: the SMS sending rate against the provider limit (notifications' \`test/bulk-sms.test.ts\` covers the limiter against the local Aliyun server).

**What limited the numbers:** addBulk — Redis round trips and the Lua script per job inside each MULTI (single-threaded Redis on a shared core), and the client's JSON encoding; relay — one transaction per batch of 200 (SELECT … FOR UPDATE SKIP LOCKED, addBulk to three queues, UPDATE sent_at), so throughput is batch size ÷ (Postgres + 3 Redis round trips); lag — the relay's poll interval (50 ms here, 250 ms by default) when it is idle between writes.
`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
