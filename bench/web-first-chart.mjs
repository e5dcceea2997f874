#!/usr/bin/env node
// npm run bench:web-first-chart -- [--runs 7] [--profile-runs 3] [--db-prefix city] [--region 430200]
// Issue 16: the officer's dashboard of a city on the `city` scale data (npm run seed:scale -- city) shows
// its first chart within 1.5 s. Starts the four subgraphs on the seeded databases and our gateway (which
// serves the built console, apps/web/dist), then opens /dashboard in headless Chromium as a CITY_ADMIN of
// the city, each run in a fresh browser context (empty HTTP cache, new token: nothing cached anywhere).
// Time = performance.now() in the page (from navigation start) when the first chart's canvas exists, and
// when every chart has drawn. Then, separately (not in the timed runs), a few profiled loads through a
// second gateway whose subgraph fetches pass timing proxies: the waterfall of the median one is written
// into the result. Build first: npx tsc -b tsconfig.build.json && node scripts/build-web.mjs.
import { createRequire } from 'node:module';
import { parseOpts } from './lib/dashboard.mjs';
import { profiledMedianRun } from './lib/profiled-run.mjs';
import {
  addSession,
  launchChromium,
  observeLongTasks,
  pageFacts,
  recordRequests,
  waterfallMarkdown,
} from './lib/browser.mjs';
import {
  dataSize,
  f1,
  keepHistory,
  machine,
  machineMarkdown,
  startOurGateway,
  startSubgraphs,
  writeResult,
} from './lib/stack.mjs';

const opts = parseOpts(process.argv.slice(2), {
  runs: 7,
  profileRuns: 3,
  dbPrefix: 'city',
  region: 430200,
});
const kit = createRequire(import.meta.url)('../packages/kit/dist/index.js');
const PORT = 14196;
const PROFILE_PORT = 14197;
const REGION = String(opts.region);
const CHARTS = ['chart-categories', 'chart-hours', 'chart-titles', 'chart-hours-month'];

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return {
    min: s[0],
    median: s[Math.floor(s.length / 2)],
    max: s[s.length - 1],
  };
}

const loadavg = async () => (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

/** One cold load of /dashboard in a new context; resolves with the first-chart and all-charts times. */
async function load(browser, port, i, problems, profile) {
  const token = await kit.signDevToken(
    { roles: ['CITY_ADMIN'], regionCode: REGION, sub: `bench-city-${Date.now()}-${i}` },
    kit.DEV_JWT_SECRET,
  );
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await addSession(context, token);
  if (profile) await observeLongTasks(context);
  const page = await context.newPage();
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  page.on('response', (r) => r.status() >= 400 && problems.push(`http ${r.status()} ${r.url()}`));
  const requests = profile ? recordRequests(page) : null;
  try {
    await page.goto(`http://127.0.0.1:${port}/dashboard`);
    const t1 = await (
      await page.waitForFunction(
        () => (document.querySelector('[data-testid^="chart-"] canvas') ? performance.now() : false),
        null,
        { polling: 'raf', timeout: 60000 },
      )
    ).jsonValue();
    const t2 = await (
      await page.waitForFunction(
        (ids) =>
          ids.every((id) => document.querySelector(`[data-testid="${id}"] canvas`)) ? performance.now() : false,
        CHARTS,
        { polling: 'raf', timeout: 60000 },
      )
    ).jsonValue();
    let facts = null;
    if (profile) {
      // Let the requests started by the first screen finish (they are part of the picture).
      await page.waitForLoadState('networkidle');
      facts = await pageFacts(page);
    }
    return { t1, t2, requests, facts };
  } finally {
    await context.close();
  }
}

async function main() {
  const m = machine();
  const size = await dataSize(opts.dbPrefix);
  const sub = await startSubgraphs({ dbPrefix: opts.dbPrefix, base: 14200 });
  const browser = await launchChromium();
  const first = [];
  const all = [];
  const problems = [];
  const loads = [];
  let profiled = null;
  try {
    const gw = await startOurGateway(sub.urls, PORT);
    try {
      for (let i = 0; i < opts.runs; i++) {
        loads.push(await loadavg());
        const { t1, t2 } = await load(browser, PORT, i, problems, false);
        first.push(t1);
        all.push(t2);
        console.error(`run ${i + 1}: first chart ${f1(t1)} ms, all charts ${f1(t2)} ms (load ${loads.at(-1)})`);
      }
    } finally {
      await gw.stop();
    }
    if (opts.profileRuns > 0)
      profiled = await profiledMedianRun({
        subgraphUrls: sub.urls,
        port: PROFILE_PORT,
        runs: opts.profileRuns,
        load: (index) => load(browser, PROFILE_PORT, index, problems, true),
        label: 'first chart',
        key: 't1',
      });
  } finally {
    await browser.close();
    await sub.stop();
  }
  const a = stats(first);
  const b = stats(all);
  const l = stats(loads.map(Number));
  writeResult(
    'web-first-chart',
    keepHistory(
      'web-first-chart',
      `# Web console: the dashboard's first chart on the \`city\` data (issue 16)

\`npm run bench:web-first-chart -- --runs ${opts.runs} --db-prefix ${opts.dbPrefix} --region ${REGION}\` ([bench/web-first-chart.mjs](../web-first-chart.mjs))

| what (ms from navigation start, ${opts.runs} cold runs) | min | median | max | target |
| --- | --- | --- | --- | --- |
| first chart drawn (canvas of the first chart card) | ${f1(a.min)} | **${f1(a.median)}** | ${f1(a.max)} | ≤ 1,500 ${a.median <= 1500 ? '✔' : '✘'} |
| every chart drawn (${CHARTS.join(', ')}) | ${f1(b.min)} | ${f1(b.median)} | ${f1(b.max)} | — |

1-minute load average at the start of each run: ${l.min}–${l.max} (median ${l.median}) on 2 cores.
Console errors or failed requests during the runs: ${problems.length ? problems.slice(0, 5).join('; ') : 'none'}.

## Method

Our gateway (services/gateway/dist, NODE_ENV=development) over the four subgraphs on the \`${opts.dbPrefix}_*\`
databases serves the built console (apps/web/dist) at \`/\`. Headless Debian Chromium at 1366×768; each run a
new browser context (empty HTTP cache: the initial JavaScript is fetched and parsed every time) with a new
CITY_ADMIN token for ${REGION} (the gateway's response cache never answers). The time is \`performance.now()\`
in the page, polled every animation frame, when the first \`[data-testid^="chart-"] canvas\` exists.
${
  profiled
    ? `
## Where the time goes (profiled load)

The median of ${opts.profileRuns} further loads through a second gateway whose subgraph fetches pass loopback
timing proxies (not part of the timed runs above; the proxies add ~1 ms a fetch). First chart at
${f1(profiled.t1)} ms, every chart at ${f1(profiled.t2)} ms. Times in ms from navigation start; "↳" rows are the
gateway's fetches to the subgraphs during the GraphQL request above them; long tasks are the main thread's
(JS parse/execute, React render, ECharts init).

${waterfallMarkdown({ requests: profiled.requests, spans: profiled.spans, facts: profiled.facts, marks: { 'first chart drawn': profiled.t1, 'every chart drawn': profiled.t2 } })}
`
    : ''
}
## Data

${Object.entries(size)
  .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
  .join(', ')} (\`npm run seed:scale -- city --db-prefix ${opts.dbPrefix}\`).

## Machine

${machineMarkdown(m)}
`,
    ),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
