// The profiled runs of the page benchmarks: the same page load through a second gateway whose subgraph calls
// pass timing proxies, so the result can show each gateway → subgraph fetch beside the browser's waterfall.
import { timingProxies } from './browser.mjs';
import { f1, startOurGateway } from './stack.mjs';

/**
 * `runs` loads (`load(index)` → a result with a time under `key`) through a profiling gateway on `port`;
 * returns the median run (by that time) with the subgraph spans seen during it.
 */
export async function profiledMedianRun({ subgraphUrls, port, runs, load, label, key }) {
  const proxies = await timingProxies(subgraphUrls);
  const gateway = await startOurGateway(proxies.urls, port);
  try {
    const results = [];
    for (let i = 0; i < runs; i++) {
      proxies.spans.length = 0;
      const r = await load(1000 + i);
      r.spans = [...proxies.spans];
      results.push(r);
      console.error(`profiled run ${i + 1}: ${label} ${f1(r[key])} ms`);
    }
    results.sort((a, b) => a[key] - b[key]);
    return results[Math.floor(results.length / 2)];
  } finally {
    await gateway.stop();
    await proxies.close();
  }
}
