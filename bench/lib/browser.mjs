// Headless Chromium for the page benchmarks, and a network waterfall of one page load: the page's
// resources (HTML, JS chunks, CSS), its GraphQL requests by operation name, the gateway's subgraph
// fetches (timed by loopback proxies in front of the subgraphs) and the main thread's long tasks, all
// on one clock (milliseconds from the page's navigation start).
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { f1 } from './stack.mjs';

export function launchChromium() {
  return chromium.launch({
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
}

/** Stores a session (token and its claims) as the console's sign-in would, before the page's scripts run. */
export async function addSession(context, token) {
  await context.addInitScript((t) => {
    const claims = JSON.parse(decodeURIComponent(escape(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))));
    globalThis.sessionStorage.setItem('leifeng.session', JSON.stringify({ token: t, user: claims }));
  }, token);
}

/** Collects the main thread's long tasks (> 50 ms) from the start of the page. */
export async function observeLongTasks(context) {
  await context.addInitScript(() => {
    globalThis.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) globalThis.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // not supported: no long tasks in the waterfall
    }
  });
}

/**
 * A loopback proxy per subgraph recording each fetch's wall time (epoch ms) and what it asked
 * (the root fields, or `_entities(<types>)`): point the gateway at `urls`.
 */
export async function timingProxies(targets) {
  const spans = [];
  const servers = [];
  const urls = {};
  for (const [name, target] of Object.entries(targets)) {
    const server = createServer(async (req, res) => {
      const start = performance.timeOrigin + performance.now();
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = { 'content-type': 'application/json' };
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      try {
        const r = await fetch(target, { method: 'POST', headers, body });
        const text = await r.text();
        spans.push({ subgraph: name, start, end: performance.timeOrigin + performance.now(), what: describe(body) });
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(text);
      } catch (err) {
        // The subgraph went away (the benchmark is stopping it under a request still in flight).
        res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err) }));
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${server.address().port}/graphql`;
  }
  return {
    urls,
    spans,
    close: () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))),
  };
}

function describe(body) {
  try {
    const { query, variables } = JSON.parse(body);
    if (query.includes('_entities')) {
      const types = [...new Set((variables?.representations ?? []).map((r) => r.__typename))];
      return `_entities(${types.join(', ')} ×${variables?.representations?.length ?? 0}) { ${fieldsOf(query, query.indexOf('_entities'))} }`;
    }
    return fieldsOf(query, query.indexOf('{'));
  } catch {
    return '?';
  }
}

/** The field names one level under the brace that follows `from` (a short summary of a subgraph fetch). */
function fieldsOf(query, from) {
  let i = query.indexOf('{', from);
  if (i < 0) return '';
  let depth = 0;
  const names = [];
  for (let j = i; j < query.length; j++) {
    const ch = query[j];
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 || (depth === 2 && query.slice(i, j).includes('... on'))) {
      const m = /^[A-Za-z_]\w*(?:\s*:\s*[A-Za-z_]\w*)?/.exec(query.slice(j));
      if (m && /[\s{(,]/.test(query[j - 1]) && m[0] !== 'on' && m[0] !== '__typename') {
        names.push(m[0].replace(/\s+/g, ''));
        j += m[0].length - 1;
      }
    }
  }
  return [...new Set(names)].slice(0, 12).join(' ');
}

/** Records the page's requests (with GraphQL operation names) from now on. */
export function recordRequests(page) {
  const rows = [];
  page.on('requestfinished', async (req) => {
    const t = req.timing();
    let op = '';
    if (req.url().endsWith('/graphql') && req.method() === 'POST') {
      try {
        op = req.postDataJSON()?.operationName ?? '';
      } catch {}
    }
    const sizes = await req.sizes().catch(() => null);
    rows.push({
      url: new URL(req.url()).pathname,
      op,
      start: t.startTime,
      // responseEnd is relative to startTime
      end: t.startTime + t.responseEnd,
      ttfb: t.responseStart,
      bytes: sizes ? sizes.responseBodySize : undefined,
    });
  });
  return rows;
}

/** The page's timeOrigin (epoch ms) and long tasks. */
export async function pageFacts(page) {
  return page.evaluate(() => ({
    timeOrigin: performance.timeOrigin,
    longTasks: globalThis.__longTasks ?? [],
    nav: (() => {
      const n = performance.getEntriesByType('navigation')[0];
      return n ? { responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd } : null;
    })(),
  }));
}

/** A Markdown waterfall table (ms from navigation start) of one page load. */
export function waterfallMarkdown({ requests, spans, facts, marks }) {
  const o = facts.timeOrigin;
  const rows = [];
  for (const r of requests) {
    const what = r.op ? `POST /graphql ${r.op}` : `GET ${r.url.replace(/^\/assets\//, 'assets/')}`;
    rows.push({
      start: r.start - o,
      end: r.end - o,
      what,
      note: r.op ? '' : r.bytes !== undefined ? `${(r.bytes / 1024).toFixed(1)} kB on the wire` : '',
    });
  }
  // A fetch that started before this navigation belongs to an earlier load (its gateway was still answering).
  for (const s of spans.filter((x) => x.start >= o))
    rows.push({
      start: s.start - o,
      end: s.end - o,
      what: `  ↳ gateway → ${s.subgraph}`,
      note: s.what.length > 110 ? `${s.what.slice(0, 110)}…` : s.what,
    });
  for (const t of facts.longTasks)
    rows.push({ start: t.start, end: t.start + t.duration, what: 'main thread long task', note: '' });
  for (const [what, at] of Object.entries(marks ?? {}))
    rows.push({ start: at, end: at, what: `**${what}**`, note: '' });
  rows.sort((a, b) => a.start - b.start || a.end - b.end);
  return [
    '| start | end | duration | what | detail |',
    '| ---: | ---: | ---: | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${f1(r.start)} | ${f1(r.end)} | ${r.end === r.start ? '' : f1(r.end - r.start)} | ${r.what} | ${r.note.replace(/\|/g, '\\|')} |`,
    ),
  ].join('\n');
}
