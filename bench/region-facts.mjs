#!/usr/bin/env node
// npm run bench:region-facts -- [--requests 60] [--db-prefix region]
// Issue 15: the province-level query (bench/queries/province-regions.graphql: every city of 湖南 with
// community coverage, share of population and a 12-month series) through our gateway on seeded data.
// One request at a time (closed loop, 1 connection), each with another caller's token so the gateway's
// response cache never answers; p50/p99 of the latency. SQL statements per request per subgraph are
// the growth of pg_stat_database.xact_commit of its database over the run ÷ requests: every statement
// these fields send is a single-statement (autocommit) read, and nothing else uses the bench databases.
// The same for 湖南's cities (15), 长沙's counties and 芙蓉区's townships: statements must not depend on
// the number of regions.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { parseOpts } from './lib/dashboard.mjs';
import {
  dataSize,
  dbUrl,
  f1,
  machine,
  machineMarkdown,
  ROOT,
  startOurGateway,
  startSubgraphs,
  SUBGRAPHS,
  writeResult,
} from './lib/stack.mjs';

/** Nearest-rank percentiles. */
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: at(50), p99: at(99) };
}

const opts = parseOpts(process.argv.slice(2), {
  requests: 60,
  dbPrefix: 'region',
});
const kit = createRequire(import.meta.url)('../packages/kit/dist/index.js');
const QUERY = readFileSync(join(ROOT, 'bench/queries/province-regions.graphql'), 'utf8');
const PORT = 14190;
const PERIOD = { from: '2025-12', to: '2026-11' };
const SYNTHETIC_SOURCE = '基准测试合成数字（非统计数据）';

async function xacts(clients) {
  const out = {};
  for (const s of SUBGRAPHS)
    out[s] = Number(
      (await clients[s].query(`SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`)).rows[0]
        .xact_commit,
    );
  return out;
}

async function main() {
  const m = machine();
  const clients = Object.fromEntries(
    SUBGRAPHS.map((s) => [s, new pg.Client({ connectionString: dbUrl(opts.dbPrefix, s) })]),
  );
  await Promise.all(Object.values(clients).map((c) => c.connect()));
  // Bench-only population figures where none were entered (labelled as synthetic: the platform never invents them).
  await clients.stations.query(
    `UPDATE regions SET population = 500000 + (hashtext(code) & 65535) * 50, population_year = 2020, population_source = $1
      WHERE code LIKE '43%' AND level <> 'PROVINCE' AND population IS NULL`,
    [SYNTHETIC_SOURCE],
  );
  const size = await dataSize(opts.dbPrefix);
  const served = (await clients.stations.query(`SELECT count(*)::int AS n FROM station_communities`)).rows[0].n;
  const sub = await startSubgraphs({ dbPrefix: opts.dbPrefix });
  const gw = await startOurGateway(sub.urls, PORT);
  const tokens = await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      kit.signDevToken(
        {
          roles: ['PROVINCE_ADMIN'],
          regionCode: '430000',
          sub: `bench-officer-${i}`,
        },
        kit.DEV_JWT_SECRET,
      ),
    ),
  );
  let n = 0;
  const ask = async (parent) => {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[n++ % tokens.length]}`,
      },
      body: JSON.stringify({ query: QUERY, variables: { parent, ...PERIOD } }),
    });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return { ms, regions: body.data.regions };
  };
  const rows = [];
  let sample;
  try {
    for (const [parent, label] of [
      ['430000', '湖南省: every city'],
      ['430100', '长沙市: every county'],
      ['430102', '芙蓉区: every township'],
    ]) {
      for (let i = 0; i < 5; i++) await ask(parent); // warm-up
      const before = await xacts(clients);
      const lat = [];
      let regions = [];
      for (let i = 0; i < opts.requests; i++) {
        const r = await ask(parent);
        lat.push(r.ms);
        regions = r.regions;
      }
      const after = await xacts(clients);
      const per = Object.fromEntries(SUBGRAPHS.map((s) => [s, (after[s] - before[s]) / opts.requests]));
      const st = stats(lat);
      rows.push({
        label,
        regions: regions.length,
        p50: st.p50,
        p99: st.p99,
        per,
      });
      if (parent === '430000') sample = regions;
      console.error(label, regions.length, 'regions', f1(st.p50), f1(st.p99), per);
    }
  } finally {
    await gw.stop();
    await sub.stop();
    await Promise.all(Object.values(clients).map((c) => c.end()));
  }
  const cs = [...sample].sort(
    (a, b) => b.volunteerShare.registeredVolunteers - a.volunteerShare.registeredVolunteers,
  )[0];
  const md = `# Region facts: the province-level query (issue 15)

\`npm run bench:region-facts -- --requests ${opts.requests} --db-prefix ${opts.dbPrefix}\` — [bench/queries/province-regions.graphql](../queries/province-regions.graphql)
(every region under a parent with population, community counts, coverage urban/rural/total with the first 5
uncovered communities, share of population and 12-month station, volunteer and title series ${PERIOD.from}…${PERIOD.to}).

## Result

| regions asked | regions | p50 ms | p99 ms | SQL statements per request: stations | volunteers | accreditation | notifications |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r.label} | ${r.regions} | ${f1(r.p50)} | ${f1(r.p99)} | ${f1(r.per.stations)} | ${f1(r.per.volunteers)} | ${f1(r.per.accreditation)} | ${f1(r.per.notifications)} |`).join('\n')}

Statements per request are the same for 15 cities, a city's counties and a county's townships (stations 4:
regions, coverage, uncovered pages, station series; volunteers 2: region_members, region_months;
accreditation 1: title_months — migrations 1763800000211 and 1763800000320; test/perf/n-plus-one.test.ts
asserts the same in-process).

Sample (the city with the most volunteers, ${cs.name} ${cs.code}): ${cs.communityCount.total} communities (${cs.communityCount.urban} urban, ${cs.communityCount.rural} rural), coverage
${cs.communityCoverage.total.covered} = ${cs.communityCoverage.total.rate} (urban ${cs.communityCoverage.urban.rate}, rural ${cs.communityCoverage.rural.rate});
${cs.volunteerShare.registeredVolunteers} registered volunteers ÷ population ${cs.volunteerShare.population} = ${cs.volunteerShare.share}.

## Data

Databases \`${opts.dbPrefix}_*\` seeded with \`npm run seed:scale\` (see the note below): ${Object.entries(size)
    .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
    .join(', ')};
${served.toLocaleString('en')} station–community links (each station serves one community of its county,
bench/seed/stations.mjs). Population figures are bench-only synthetic numbers (source "${SYNTHETIC_SOURCE}").

## Method

One request at a time through our gateway (closed loop), ${opts.requests} measured after 5 warm-up requests
per row, each with another PROVINCE_ADMIN token (the gateway's response cache and in-flight sharing never
answer). Statements: growth of \`pg_stat_database.xact_commit\` per subgraph database over the measured
requests ÷ requests (every statement of these reads is its own autocommit transaction; nothing else uses
these databases during the run). This counts the APIs' own background transactions too (periodic work,
autovacuum), which grow with the request's duration: an upper bound. The exact count is asserted in-process
by test/perf/n-plus-one.test.ts (stations 4, volunteers 2, accreditation 1 for any number of regions).

## Machine

${machineMarkdown(m)}
`;
  writeResult('region-facts', md);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
