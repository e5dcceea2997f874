#!/usr/bin/env node
// Initial JavaScript of the web console: what index.html loads before any route chunk (its entry
// script and the static imports it pulls, followed through the built files), gzipped at level 9.
// Also the per-route chunks and the explorer. Run after `npm run build -w apps/web`:
//   node bench/web-size.mjs [--json]
// Budget: initial JS ≤ 400 kB gzipped (issue 16). Exits non-zero over budget.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'apps/web/dist');
const BUDGET = 400 * 1024;
if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error('apps/web/dist is missing: run `npm run build -w apps/web` first');
  process.exit(2);
}
const gz = (file) => gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

/** Entry scripts, modulepreloads and stylesheets of one HTML page, plus static imports of the JS. */
function initialFiles(html) {
  const text = readFileSync(path.join(DIST, html), 'utf8');
  const refs = [...text.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const seen = new Set();
  const queue = [...refs];
  while (queue.length) {
    const f = queue.shift();
    if (seen.has(f)) continue;
    seen.add(f);
    if (!f.endsWith('.js')) continue;
    const code = readFileSync(path.join(DIST, f), 'utf8');
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); dynamic import() is a route chunk.
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g))
      queue.push(`assets/${m[1]}`);
  }
  return [...seen];
}

const main = initialFiles('index.html');
const mainJs = main.filter((f) => f.endsWith('.js'));
const initialJs = mainJs.reduce((a, f) => a + gz(f), 0);
const initialCss = main.filter((f) => f.endsWith('.css')).reduce((a, f) => a + gz(f), 0);
const explorer = existsSync(path.join(DIST, 'explorer.html'))
  ? initialFiles('explorer.html').filter((f) => f.endsWith('.js'))
  : [];
const explorerJs = explorer.reduce((a, f) => a + gz(f), 0);
const mainCode = mainJs.map((f) => readFileSync(path.join(DIST, f), 'utf8')).join('\n');
const routes = [
  'Dashboard',
  'Stations',
  'StationDetail',
  'Cycles',
  'CycleCreate',
  'CycleDetail',
  'Activities',
  'Records',
].map((name) => {
  const file = mainCode.match(new RegExp(`assets/(${name}-[\\w-]+\\.js)`))?.[1];
  return { name, file, gz: file ? gz(`assets/${file}`) : 0 };
});
const result = {
  initialJsGzip: initialJs,
  initialCssGzip: initialCss,
  initialJsFiles: mainJs,
  budget: BUDGET,
  withinBudget: initialJs <= BUDGET,
  routes: routes.map((r) => ({ route: r.name, file: r.file, gzip: r.gz })),
  explorerJsGzip: explorerJs,
  // ECharts registers its renderer under this name: present only if ECharts is bundled there.
  echartsInInitial: /registerPainter|ZRender/.test(mainCode),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `initial JS (gzip): ${kb(initialJs)} in ${mainJs.length} file(s) — budget ${kb(BUDGET)} ${result.withinBudget ? 'OK' : 'EXCEEDED'}`,
  );
  console.log(`initial CSS (gzip): ${kb(initialCss)}`);
  console.log(`ECharts in the initial JS: ${result.echartsInInitial ? 'yes' : 'no'}`);
  for (const r of routes) console.log(`  route ${r.name.padEnd(14)} ${r.file ?? '?'} ${kb(r.gz)}`);
  console.log(`explorer page JS (gzip): ${kb(explorerJs)}`);
}
process.exit(result.withinBudget ? 0 : 1);
