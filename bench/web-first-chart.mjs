#!/usr/bin/env node
// npm run bench:web-first-chart -- [--runs 7] [--db-prefix city] [--region 430200]
// Issue 16: the officer's dashboard of a city on the `city` scale data (npm run seed:scale -- city) shows
// its first chart within 1.5 s. Starts the four subgraphs on the seeded databases and our gateway (which
// serves the built console, apps/web/dist), then opens /dashboard in headless Chromium as a CITY_ADMIN of
// the city, each run in a fresh browser context (empty HTTP cache, new token: nothing cached anywhere).
// Time = performance.now() in the page (from navigation start) when the first chart's canvas exists, and
// when every chart has drawn. Build first: npx tsc -b tsconfig.build.json && npm run build:web.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { parseOpts } from './lib/dashboard.mjs';
import { dataSize, f1, machine, machineMarkdown, startOurGateway, startSubgraphs, writeResult } from './lib/stack.mjs';

const opts = parseOpts(process.argv.slice(2), {
  runs: 7,
  dbPrefix: 'city',
  region: 430200,
});
const kit = createRequire(import.meta.url)('../packages/kit/dist/index.js');
const PORT = 14196;
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

async function main() {
  const m = machine();
  const size = await dataSize(opts.dbPrefix);
  const sub = await startSubgraphs({ dbPrefix: opts.dbPrefix, base: 14200 });
  const gw = await startOurGateway(sub.urls, PORT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const first = [];
  const all = [];
  const problems = [];
  try {
    for (let i = 0; i < opts.runs; i++) {
      const token = await kit.signDevToken(
        {
          roles: ['CITY_ADMIN'],
          regionCode: REGION,
          sub: `bench-city-${Date.now()}-${i}`,
        },
        kit.DEV_JWT_SECRET,
      );
      const context = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      await context.addInitScript((t) => {
        const claims = JSON.parse(
          decodeURIComponent(escape(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))),
        );
        globalThis.sessionStorage.setItem('leifeng.session', JSON.stringify({ token: t, user: claims }));
      }, token);
      const page = await context.newPage();
      page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
      page.on('response', (r) => r.status() >= 400 && problems.push(`http ${r.status()} ${r.url()}`));
      await page.goto(`http://127.0.0.1:${PORT}/dashboard`);
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
      first.push(t1);
      all.push(t2);
      console.error(`run ${i + 1}: first chart ${f1(t1)} ms, all charts ${f1(t2)} ms`);
      await context.close();
    }
  } finally {
    await browser.close();
    await gw.stop();
    await sub.stop();
  }
  const a = stats(first);
  const b = stats(all);
  writeResult(
    'web-first-chart',
    `# Web console: the dashboard's first chart on the \`city\` data (issue 16)

\`npm run bench:web-first-chart -- --runs ${opts.runs} --db-prefix ${opts.dbPrefix} --region ${REGION}\` ([bench/web-first-chart.mjs](../web-first-chart.mjs))

| what (ms from navigation start, ${opts.runs} cold runs) | min | median | max | target |
| --- | --- | --- | --- | --- |
| first chart drawn (canvas of the first chart card) | ${f1(a.min)} | **${f1(a.median)}** | ${f1(a.max)} | ≤ 1,500 ${a.median <= 1500 ? '✔' : '✘'} |
| every chart drawn (${CHARTS.join(', ')}) | ${f1(b.min)} | ${f1(b.median)} | ${f1(b.max)} | — |

Console errors or failed requests during the runs: ${problems.length ? problems.slice(0, 5).join('; ') : 'none'}.

## Method

Our gateway (services/gateway/dist, NODE_ENV=development) over the four subgraphs on the \`${opts.dbPrefix}_*\`
databases serves the built console (apps/web/dist) at \`/\`. Headless Debian Chromium at 1366×768; each run a
new browser context (empty HTTP cache: the initial JavaScript is fetched and parsed every time) with a new
CITY_ADMIN token for ${REGION} (the gateway's response cache never answers). The time is \`performance.now()\`
in the page, polled every animation frame, when the first \`[data-testid^="chart-"] canvas\` exists: the
page's chunks loaded, its queries answered (region with coverage, share, 24-month series, yearly stats of every
child region; stations by status and category) and ECharts drew.

## Data

${Object.entries(size)
  .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
  .join(', ')} (\`npm run seed:scale -- city --db-prefix ${opts.dbPrefix}\`, then the
volunteers and accreditation migrations 1763800000211 / 320 backfilled their summaries).

## Machine

${machineMarkdown(m)}
`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
