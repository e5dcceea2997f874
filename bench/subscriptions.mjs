#!/usr/bin/env node
// npm run bench:subscriptions -- [--runs 5] [--subscribers 1000] [--events 10] [--gap-ms 1500] [--poll-ms 50] [--quick]
// 1,000 graphql-ws subscribers (graphql-ws client, ws) on one gateway from dist, spread over four counties of
// 株洲市 (COUNTY_ADMIN) plus city admins (CITY_ADMIN 430200), then review events, two ways per run:
//  (a) "commit": a title.revoked row committed into bench_notifications.event_log with live_pending = true →
//      the notifications worker's real Dispatcher (dist) → Redis pub/sub → gateway → clients;
//  (b) "publish": the same message shape PUBLISHed straight to <prefix>:live:review-events (row already committed,
//      live_pending = false) → gateway → clients (isolates the gateway's fan-out from the dispatcher's poll).
// Latency = client receipt − commit (a) or publish (b), measured in this process (one clock).
// Each payload is resolved by the gateway as query { event(id) } per subscriber (real notifications subgraph).
// Redis keys live under a prefix of this run and are deleted afterwards; inserted event_log rows are deleted.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createClient } from 'graphql-ws';
import IORedis from 'ioredis';
import pg from 'pg';
import WebSocket from 'ws';
import { parseOpts } from './lib/dashboard.mjs';
import {
  ROOT,
  cpuMs,
  dataSize,
  dbUrl,
  f1,
  gatewayEnv,
  machine,
  machineMarkdown,
  mmm,
  startProcess,
  startSubgraphs,
  stats,
  writeResult,
} from './lib/stack.mjs';

for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130)); // runs stack.mjs's exit handler (stops the children)
const require = createRequire(import.meta.url);
const { signDevToken, DEV_JWT_SECRET, liveEventsChannel } = require(`${ROOT}/packages/kit/dist/index.js`);

const opts = parseOpts(process.argv.slice(2), {
  runs: 5,
  subscribers: 1000,
  events: 10,
  gapMs: 1500,
  pollMs: 50,
});
if (process.argv.includes('--quick'))
  Object.assign(opts, {
    runs: 1,
    subscribers: Math.min(opts.subscribers, 200),
    events: 8,
  });
const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `benchs${process.pid}`;
const channel = liveEventsChannel(prefix);
const GATEWAY_PORT = 14010;
const COUNTIES = ['430202', '430203', '430204', '430211'];
const CITY = '430200';
const QUERY = 'subscription { reviewEvents { id type regionCode } }';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
}

async function main() {
  const m = machine();
  const size = await dataSize(opts.dbPrefix);
  const nDb = new pg.Client({
    connectionString: dbUrl(opts.dbPrefix, 'notifications'),
  });
  await nDb.connect();
  const stationOf = {};
  for (const c of COUNTIES) {
    const { rows } = await nDb.query(
      `SELECT station_id AS id FROM station_ref WHERE region_code LIKE $1 || '%' ORDER BY station_id LIMIT 1`,
      [c],
    );
    if (!rows.length)
      throw new Error(`no station in ${c}: run npm run seed:scale -- city --db-prefix ${opts.dbPrefix}`);
    stationOf[c] = rows[0].id;
  }

  const sub = await startSubgraphs({ dbPrefix: opts.dbPrefix });
  const gateway = await startProcess(
    'gateway',
    'services/gateway/dist/index.js',
    {
      ...gatewayEnv(sub.urls, GATEWAY_PORT),
      REDIS_URL: REDIS,
      BULLMQ_PREFIX: prefix,
    },
    `http://127.0.0.1:${GATEWAY_PORT}/readyz`,
  );
  const worker = await startProcess(
    'notifications-worker',
    'services/notifications/dist/worker.js',
    {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '14096',
      DATABASE_URL: dbUrl(opts.dbPrefix, 'notifications'),
      REDIS_URL: REDIS,
      BULLMQ_PREFIX: prefix,
      GATEWAY_URL: `http://127.0.0.1:${GATEWAY_PORT}/graphql`,
      NOTIFY_DISPATCH_POLL_MS: String(opts.pollMs),
      SMS_PROVIDER: 'sink',
    },
    'http://127.0.0.1:14096/readyz',
  );
  const publisher = new IORedis(REDIS, { maxRetriesPerRequest: null });
  const inserted = [];
  const clients = [];
  const results = { commit: [], publish: [] };
  let gwCpu = 0;
  let gwWall = 0;
  try {
    // Subscribers: the rest spread evenly over the four counties, 10 % city admins.
    const nCity = Math.round(opts.subscribers / 10);
    const groups = [];
    for (let i = 0; i < opts.subscribers; i++) groups.push(i < nCity ? CITY : COUNTIES[i % COUNTIES.length]);
    const receipts = new Map(); // event id → [{ group, t }]
    let errors = 0;
    const t0 = performance.now();
    for (let i = 0; i < groups.length; i += 50) {
      await Promise.all(
        groups.slice(i, i + 50).map(async (group, j) => {
          const n = i + j;
          const token = await signDevToken(
            {
              sub: `bench-sub-${n}`,
              roles: [group === CITY ? 'CITY_ADMIN' : 'COUNTY_ADMIN'],
              regionCode: group,
            },
            process.env.JWT_SECRET || DEV_JWT_SECRET,
          );
          const client = createClient({
            url: `ws://127.0.0.1:${GATEWAY_PORT}/graphql`,
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${token}` },
            lazy: false,
            retryAttempts: 0,
          });
          await new Promise((resolve, reject) => {
            const t = setTimeout(() => reject(new Error('connect timeout')), 20000);
            client.on('connected', () => (clearTimeout(t), resolve()));
            client.on('closed', (e) => (clearTimeout(t), reject(new Error(`closed ${e?.code} ${e?.reason}`))));
          });
          client.subscribe(
            { query: QUERY },
            {
              next: (msg) => {
                const t = performance.now();
                if (msg.errors?.length || !msg.data?.reviewEvents) return void errors++;
                const id = msg.data.reviewEvents.id;
                if (!receipts.has(id)) receipts.set(id, []);
                receipts.get(id).push({ group, t });
              },
              error: () => errors++,
              complete: () => {},
            },
          );
          clients.push(client);
        }),
      );
    }
    const connectSecs = (performance.now() - t0) / 1000;
    console.error(`${clients.length} subscribers connected in ${connectSecs.toFixed(1)} s`);
    await sleep(1000); // let the subscribe messages be processed

    const expectedGroups = (county) => new Set([county, CITY]);
    const expectedCount = (county) => groups.filter((g) => g === county || g === CITY).length;

    async function batch(mode) {
      const sent = []; // { id, county, t }
      for (let k = 0; k < opts.events; k++) {
        const county = COUNTIES[k % COUNTIES.length];
        const id = randomUUID();
        inserted.push(id);
        const params = [id, stationOf[county], county, mode === 'commit'];
        if (mode === 'commit') {
          await nDb.query(
            `INSERT INTO event_log (event_id, type, source, aggregate_type, aggregate_id, station_id, region_code, payload, occurred_at, live_pending)
             VALUES ($1::uuid, 'title.revoked', 'bench', 'Title', $1::text, $2::uuid, $3, jsonb_build_object('stationId', $2::text, 'bench', true), now(), $4)`,
            params,
          );
          sent.push({ id, county, t: performance.now() });
        } else {
          await nDb
            .query(
              `INSERT INTO event_log (event_id, type, source, aggregate_type, aggregate_id, station_id, region_code, payload, occurred_at, live_pending)
             VALUES ($1::uuid, 'title.revoked', 'bench', 'Title', $1::text, $2::uuid, $3, jsonb_build_object('stationId', $2::text, 'bench', true), now(), $4) RETURNING seq`,
              params,
            )
            .then(async ({ rows: [r] }) => {
              const t = performance.now();
              await publisher.publish(
                channel,
                JSON.stringify({
                  id,
                  seq: String(r.seq),
                  type: 'title.revoked',
                  stationId: stationOf[county],
                  regionCode: county,
                }),
              );
              sent.push({ id, county, t });
            });
        }
        await sleep(opts.gapMs);
      }
      // Wait (bounded) until every expected delivery arrived, then a grace period for strays.
      const end = Date.now() + 30000;
      const total = sent.reduce((s, e) => s + expectedCount(e.county), 0);
      for (;;) {
        const got = sent.reduce((s, e) => s + (receipts.get(e.id)?.length ?? 0), 0);
        if (got >= total || Date.now() > end) break;
        await sleep(20);
      }
      await sleep(500);
      const lat = [];
      let delivered = 0;
      let wrongScope = 0;
      const perScope = {};
      for (const e of sent) {
        const rs = receipts.get(e.id) ?? [];
        const ok = expectedGroups(e.county);
        for (const r of rs) {
          delivered++;
          const key = r.group === CITY ? 'city' : r.group === e.county ? 'in-county' : 'other-county';
          perScope[key] = (perScope[key] ?? 0) + 1;
          if (!ok.has(r.group)) wrongScope++;
          else lat.push(r.t - e.t);
        }
      }
      const lastPerEvent = sent.map((e) => Math.max(...(receipts.get(e.id) ?? [{ t: NaN }]).map((r) => r.t)) - e.t);
      return {
        expected: total,
        delivered,
        wrongScope,
        perScope,
        p50: pct(lat, 50),
        p99: pct(lat, 99),
        max: Math.max(...lat),
        fanoutLast: pct(lastPerEvent, 50),
        errors,
      };
    }

    for (let i = 0; i <= opts.runs; i++) {
      for (const mode of i % 2 ? ['publish', 'commit'] : ['commit', 'publish']) {
        const c0 = cpuMs(gateway.pid);
        const w0 = performance.now();
        const r = await batch(mode);
        gwCpu += i ? cpuMs(gateway.pid) - c0 : 0;
        gwWall += i ? performance.now() - w0 : 0;
        console.error(
          `${i ? `run ${i}` : 'warm-up'} ${mode}: delivered ${r.delivered}/${r.expected} (outside scope ${r.wrongScope}, errors ${r.errors}), p50 ${f1(r.p50)} ms, p99 ${f1(r.p99)} ms, max ${f1(r.max)} ms, last client per event (median) ${f1(r.fanoutLast)} ms ${JSON.stringify(r.perScope)}`,
        );
        if (i) results[mode].push(r);
      }
    }
    results.connectSecs = connectSecs;
    results.groups = Object.fromEntries([CITY, ...COUNTIES].map((g) => [g, groups.filter((x) => x === g).length]));
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    await worker.stop();
    await gateway.stop();
    await sub.stop();
    if (inserted.length) await nDb.query(`DELETE FROM event_log WHERE event_id = ANY($1::uuid[])`, [inserted]);
    await nDb.end();
    // Every key of this run's prefix (the worker's queues and schedulers), bounded scan.
    let cursor = '0';
    for (let k = 0; k < 10000; k++) {
      const [next, keys] = await publisher.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await publisher.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
    await publisher.quit();
  }

  const row = (label, mode) => {
    const rs = results[mode];
    return `| ${label} | ${mmm(rs.map((r) => r.p50))} | ${mmm(rs.map((r) => r.p99))} | ${mmm(rs.map((r) => r.max))} | ${mmm(rs.map((r) => r.fanoutLast))} | ${rs.map((r) => r.delivered).join(', ')} of ${rs[0].expected} each | ${rs.reduce((s, r) => s + r.wrongScope, 0)} |`;
  };
  const scopes = (mode) => {
    const agg = {};
    for (const r of results[mode]) for (const [k, v] of Object.entries(r.perScope)) agg[k] = (agg[k] ?? 0) + v;
    return Object.entries(agg)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  };
  const g = results.groups;
  const perPayload =
    gwCpu /
    Math.max(
      1,
      [...results.commit, ...results.publish].reduce((s, r) => s + r.delivered, 0),
    );
  const errs = results.commit.at(-1)?.errors ?? 0;
  writeResult(
    'subscriptions',
    `# Subscriptions — ${opts.subscribers.toLocaleString('en-US')} graphql-ws subscribers on one gateway

${machineMarkdown(m)}
- data (\`${opts.dbPrefix}_*\`): ${Object.entries(size)
      .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
      .join(', ')}
- one gateway from \`services/gateway/dist\` on the four subgraph APIs from \`dist\`; notifications worker from \`dist\` (\`NOTIFY_DISPATCH_POLL_MS=${opts.pollMs}\`, its real \`Dispatcher\`); Redis prefix of this run.
- subscribers: \`graphql-ws\` client with \`ws\`, all in the bench process, \`${QUERY}\`, tokens from the kit's \`signDevToken\` (dev secret):
  ${g[CITY]} CITY_ADMIN 430200, ${COUNTIES.map((c) => `${g[c]} COUNTY_ADMIN ${c}`).join(', ')}; connected in ${results.connectSecs.toFixed(1)} s (batches of 50).
- per run and path: ${opts.events} \`title.revoked\` events, one every ${opts.gapMs} ms, rotating over the four counties (a real station of the county); each should reach its county's admins and the city admins (${g[COUNTIES[0]] + g[CITY]} subscribers) and nobody else.
- values: median (min–max) over ${opts.runs} runs after a warm-up run; the two paths are interleaved (order alternates).

**Paths.** *commit*: the bench commits an \`event_log\` row with \`live_pending = true\` in \`${opts.dbPrefix}_notifications\` (what \`handleEvent\` writes for a review event) and the clock starts when the commit returns; the notifications worker's dispatcher publishes it → Redis → gateway → clients.
This does **not** include the upstream hops (service outbox → relay → \`events-notifications\` queue → \`handleEvent\`): driving those at this scale would need the accreditation service's revocation flow; their cost is the relay lag in [queues.md](queues.md) (p50 41 ms / p99 86 ms at 500 events/s) plus one BullMQ job.
*publish*: the same message shape (\`{ id, seq, type, stationId, regionCode }\`) PUBLISHed by the bench straight to \`${'<prefix>'}:live:review-events\`, the row already committed — the gateway's share alone.

| path | latency p50 (ms) | p99 (ms) | max (ms) | last subscriber of an event, median (ms) | delivered per run | outside scope |
| --- | --- | --- | --- | --- | --- | --- |
${row('commit → client', 'commit')}
${row('publish → client', 'publish')}

Delivered per scope over all measured runs — commit: ${scopes('commit')}; publish: ${scopes('publish')} (\`other-county\` must be 0). Subscription errors: ${errs}.
Gateway CPU over the measured batches: ${f1(gwCpu / 1000)} s in ${f1(gwWall / 1000)} s wall (${f1((100 * gwCpu) / gwWall)} % of one core); per delivered payload ${f1(perPayload)} ms.

**What limited the numbers:** delivery, not execution. The gateway resolves each event's payload once per group of equivalent subscribers (same printed selection and variables, same kit \`visibilityKey\` — every scope claim but \`sub\`; services/gateway/src/payload-sharing.ts), so an event here costs two \`query { event(id) }\` executions (the city admins' group and the county's group) instead of one per subscriber in scope (${g[COUNTIES[0]] + g[CITY]}); ${f1(perPayload)} ms of gateway CPU per delivered payload is now mostly graphql-ws's per-subscriber work — executing the subscription selection over the shared (frozen) payload, \`JSON.stringify\` and the WebSocket frame — plus the per-listener scope filter (\`matches\` → kit \`canSeeEventScope\`). The spread between the first and the last subscriber of an event is that per-client work on the gateway's single thread and the clients' own handling (all 1,000 clients run in the bench process on the same 2 shared cores). The commit path adds the dispatcher's poll (${opts.pollMs} ms here, 250 ms by default: on average half of it) and its one-transaction claim/publish/update.
Before the sharing (bench/results history, commit 871899f): commit → client p50 525 ms / p99 705 ms, 1.3 ms of gateway CPU per delivered payload, and events 250 ms apart queued up (p50 ~10 s).
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
